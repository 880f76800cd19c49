/**
 * The AWS SDK integration tasks of an ASL definition and their static check (what the test over
 * statemachines/ asserts): each `arn:aws:states:::aws-sdk:<service>:<action>` Task, at any depth
 * (Map `ItemProcessor` / `Iterator`, Parallel `Branches`), against its client's input shape.
 */
import { validateSdkTemplate, type SdkValidation } from './index';

/** `arn:aws:states:::aws-sdk:ec2:describeFlowLogs` (an integration pattern suffix allowed) → service and action. */
export function sdkResourceOf(resource: string): { service: string; action: string } | undefined {
  const match = /^arn:aws[a-z-]*:states:::aws-sdk:([a-z0-9]+):([A-Za-z0-9]+)(?:\.[A-Za-z]+)?$/.exec(resource);
  return match === null ? undefined : { service: match[1], action: match[2] };
}

/** One SDK-integration Task of a definition. */
export interface SdkTask {
  /** `Isolate` or `Revoke Rules/Revoke Ingress` (a Map's or Parallel's states after its name). */
  state: string;
  service: string;
  action: string;
  /** The Task's Parameters template; undefined when it has none (its whole input is sent). */
  parameters: unknown;
}

type AslState = { Type?: string; Resource?: unknown; Parameters?: unknown; ItemProcessor?: AslMachine; Iterator?: AslMachine; Branches?: AslMachine[] };
type AslMachine = { States?: Record<string, AslState> };

/** Every SDK-integration Task of a definition, nested ones included. */
export function sdkTasksOf(definition: unknown, prefix = ''): SdkTask[] {
  const tasks: SdkTask[] = [];
  for (const [name, state] of Object.entries((definition as AslMachine).States ?? {})) {
    const where = `${prefix}${name}`;
    const sdk = state.Type === 'Task' && typeof state.Resource === 'string' ? sdkResourceOf(state.Resource) : undefined;
    if (sdk !== undefined) tasks.push({ state: where, ...sdk, parameters: state.Parameters });
    for (const nested of [state.ItemProcessor, state.Iterator, ...(state.Branches ?? [])]) if (nested !== undefined) tasks.push(...sdkTasksOf(nested, `${where}/`));
  }
  return tasks;
}

/** A task with its check: `validation.validated` false says which client is missing. */
export type CheckedSdkTask = SdkTask & { validation: SdkValidation };

/**
 * Each SDK task of a definition checked statically. A task without Parameters sends its input as
 * it is: its members are known only at run time (checked then), so only its operation is checked.
 */
export function checkDefinition(definition: unknown): CheckedSdkTask[] {
  return sdkTasksOf(definition).map((task) => ({ ...task, validation: validateSdkTemplate(task.service, task.action, task.parameters) }));
}
