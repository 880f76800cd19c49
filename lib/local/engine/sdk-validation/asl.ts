/**
 * The AWS SDK integration tasks of an ASL definition and their static check (what the test over
 * statemachines/ asserts): each `arn:aws:states:::aws-sdk:<service>:<action>` Task, at any depth
 * (Map `ItemProcessor` / `Iterator`, Parallel `Branches`), against its client's input shape.
 */
import { lookupOperation, unknownPathStep, validateSdkTemplate, type SdkValidation } from './index';

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
  /** The Task's ResultSelector, if any (its paths read the answer). */
  resultSelector?: unknown;
}

type AslState = { Type?: string; Resource?: unknown; Parameters?: unknown; ResultSelector?: unknown; ItemProcessor?: AslMachine; Iterator?: AslMachine; Branches?: AslMachine[] };
type AslMachine = { States?: Record<string, AslState> };

/** Every SDK-integration Task of a definition, nested ones included. */
export function sdkTasksOf(definition: unknown, prefix = ''): SdkTask[] {
  const tasks: SdkTask[] = [];
  for (const [name, state] of Object.entries((definition as AslMachine).States ?? {})) {
    const where = `${prefix}${name}`;
    const sdk = state.Type === 'Task' && typeof state.Resource === 'string' ? sdkResourceOf(state.Resource) : undefined;
    if (sdk !== undefined) tasks.push({ state: where, ...sdk, parameters: state.Parameters, resultSelector: state.ResultSelector });
    for (const nested of [state.ItemProcessor, state.Iterator, ...(state.Branches ?? [])]) if (nested !== undefined) tasks.push(...sdkTasksOf(nested, `${where}/`));
  }
  return tasks;
}

/** A task with its check: `validation.validated` false says which client is missing. */
export type CheckedSdkTask = SdkTask & { validation: SdkValidation; resultSelectorProblems: string[] };

/** The JSONPaths (`$.A.B[0]`, not `$$.…`) a ResultSelector's `.$` values read, with their key's path. */
function resultPaths(selector: unknown, at = 'ResultSelector'): Array<{ at: string; path: string }> {
  if (Array.isArray(selector)) return selector.flatMap((entry, index) => resultPaths(entry, `${at}[${index}]`));
  if (selector === null || typeof selector !== 'object') return [];
  return Object.entries(selector as Record<string, unknown>).flatMap(([key, value]) => {
    if (!key.endsWith('.$')) return resultPaths(value, `${at}.${key}`);
    const text = typeof value === 'string' ? value : '';
    return (text.match(/(?<!\$)\$(?:\.[A-Za-z_][A-Za-z0-9_]*|\[(?:\d+|\*)\])+/g) ?? []).map((path) => ({ at: `${at}.${key}`, path }));
  });
}

/** Each path of a ResultSelector that names a member the operation's answer (in Step Functions' spelling) does not have. */
export function checkResultSelector(service: string, action: string, selector: unknown): string[] {
  const lookup = lookupOperation(service, action);
  if (!lookup.found) return [];
  return resultPaths(selector).flatMap(({ at, path }) => {
    const unknown = unknownPathStep(lookup.output, path);
    return unknown === undefined ? [] : [`${at}: ${path} reads ${unknown}, which ${lookup.operation}'s answer does not have`];
  });
}

/**
 * Each SDK task of a definition checked statically: its Parameters (a task without Parameters
 * sends its input as it is: its members are known only at run time, checked then, so only its
 * operation is checked) and the paths its ResultSelector reads from the answer.
 */
export function checkDefinition(definition: unknown): CheckedSdkTask[] {
  return sdkTasksOf(definition).map((task) => ({
    ...task,
    validation: validateSdkTemplate(task.service, task.action, task.parameters),
    resultSelectorProblems: checkResultSelector(task.service, task.action, task.resultSelector),
  }));
}
