/**
 * The stack's Step Functions state machines on the embedded default: the same ASL file the stack
 * deploys (template metadata `OpenSecurityHub:Definition`), its `DefinitionSubstitutions` resolved
 * to local names, run by aws-local-stepfunctions with every Lambda task bound to the local function
 * its `Resource` names. Executions keep a history in the Step Functions API's shape
 * (`GetExecutionHistory`), so the same code reads a local and a deployed execution.
 *
 * Service integrations (see state-machine-tasks.ts): `arn:aws:states:::lambda:invoke` (and its
 * `.waitForTaskToken` callback, answered by SendTaskSuccess/Failure/Heartbeat) call the same local
 * functions; `arn:aws:states:::aws-sdk:<service>:<action>` calls the {@link SdkIntegration} given
 * (on the embedded default: the simulated member account, lib/local/member-account/), once its
 * Parameters fit the operation's input shape (lib/local/engine/sdk-validation: else `States.Runtime`).
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { StateMachine } from 'aws-local-stepfunctions';
import type { FunctionRunner } from './local-functions';
import { assertSdkParameters } from './sdk-validation';
import { bindingOf, prepareDefinition, TaskError, TaskTokens, unwrapTaskInput, withTaskToken, type TaskBinding } from './state-machine-tasks';
import { UnsupportedTemplateError, withoutHash, type CfnTemplate, type LocalNames, type StackModel } from './stack-model';
import { DEFINITION_METADATA_KEY } from '../../template-contract';

/**
 * Definitions validated (sha256 of the prepared definition's JSON): in this process, and — with
 * `validationCacheFile` — in earlier runs. aws-local-stepfunctions validates a definition with a
 * JSON schema it compiles afresh each time (~150 ms a state machine); a definition is validated once.
 */
const VALIDATED_DEFINITIONS = new Set<string>();

/** The installed aws-local-stepfunctions (and so its validator): an upgrade validates every definition again. */
const VALIDATOR_VERSION = (() => {
  const main = require.resolve('aws-local-stepfunctions'); // <package>/build/main.node.cjs
  return (JSON.parse(readFileSync(join(dirname(main), '..', 'package.json'), 'utf8')) as { version: string }).version;
})();

function readValidated(file: string): void {
  try {
    for (const hash of JSON.parse(readFileSync(file, 'utf8')) as string[]) VALIDATED_DEFINITIONS.add(hash);
  } catch {
    // no cache yet (or unreadable): every definition is validated
  }
}

function writeValidated(file: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify([...VALIDATED_DEFINITIONS].sort()));
  renameSync(temporary, file); // atomic: parallel starts are safe
}

/** Template metadata key naming a state machine's ASL file (see lib/constructs/compliance.ts). */
export const DEFINITION_METADATA = DEFINITION_METADATA_KEY;

/** A state machine of the stack, as it runs here. */
export interface LocalStateMachineSpec {
  logicalId: string;
  /** Local name: `StateMachineName`, else `<stack>-<logical id without CDK's hash>`. */
  name: string;
  arn: string;
  /** ASL file relative to the project root. */
  definitionFile: string;
  /** `${Placeholder}` → value, references resolved to local names and ARNs. */
  substitutions: Record<string, string>;
}

/** A Lambda function as a task binds it: `(input) => output`. */
export type TaskFunction = (input: unknown) => Promise<unknown>;

/** An AWS SDK integration call (`arn:aws:states:::aws-sdk:<service>:<action>`), with the task's resolved `Credentials.RoleArn`. */
export type SdkIntegration = (call: { service: string; action: string; parameters: Record<string, unknown>; roleArn?: string; region: string }) => Promise<unknown>;

/** A history event in the shape of the Step Functions API (`HistoryEvent`, timestamps as Dates). */
export interface HistoryEvent {
  id: number;
  previousEventId: number;
  timestamp: Date;
  type: string;
  [details: string]: unknown;
}

/** An execution, as `DescribeExecution` answers. */
export interface LocalExecution {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';
  startDate: Date;
  stopDate?: Date;
  input: string;
  output?: string;
  error?: string;
  cause?: string;
}

/** A state machine definition (JSONPath ASL), as far as this module walks it. */
interface AslStates {
  States: Record<
    string,
    { Type: string; Resource?: string; HeartbeatSeconds?: number; TimeoutSeconds?: number; ItemProcessor?: AslStates; Iterator?: AslStates; Branches?: AslStates[] }
  >;
}

// aws-local-stepfunctions 3 calls Promise.withResolvers (Node 22); Node 20 lacks it.
type WithResolvers = <T>() => { promise: Promise<T>; resolve: (value: T) => void; reject: (reason?: unknown) => void };
const PromiseStatics = Promise as unknown as { withResolvers?: WithResolvers };
PromiseStatics.withResolvers ??= function withResolvers<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason?: unknown) => void;
  const promise = new Promise<T>((a, b) => {
    resolve = a;
    reject = b;
  });
  return { promise, resolve, reject };
};

/** An event of an execution's `eventLogs` (the package does not export the type). */
type EventLog = ReturnType<StateMachine['run']>['eventLogs'] extends AsyncGenerator<infer Event> ? Event : never;

/** Loaded on first use (with the polyfill in place). */
function stateMachineClass(): typeof StateMachine {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('aws-local-stepfunctions') as typeof import('aws-local-stepfunctions')).StateMachine;
}

/** The local ARN of a Lambda function. */
export function localFunctionArn(names: Pick<LocalNames, 'account' | 'region'>, functionName: string): string {
  return `arn:aws:lambda:${names.region}:${names.account}:function:${functionName}`;
}

/**
 * The state machines of a synthesized template that carry {@link DEFINITION_METADATA}. Substitution
 * values may be strings, or `Ref`/`Fn::GetAtt …Arn` of a function of the model; anything else is an
 * {@link UnsupportedTemplateError} naming the member.
 */
export function extractStateMachines(template: CfnTemplate, model: StackModel, names: LocalNames): LocalStateMachineSpec[] {
  const specs: LocalStateMachineSpec[] = [];
  for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
    if (resource.Type !== 'AWS::StepFunctions::StateMachine') continue;
    const definitionFile = resource.Metadata?.[DEFINITION_METADATA];
    if (typeof definitionFile !== 'string') continue;
    const properties = resource.Properties ?? {};
    const substitutions: Record<string, string> = {};
    for (const [key, value] of Object.entries((properties.DefinitionSubstitutions ?? {}) as Record<string, unknown>)) {
      const where = `${logicalId}.Properties.DefinitionSubstitutions.${key}`;
      if (typeof value === 'string') {
        substitutions[key] = value;
        continue;
      }
      const object = (value ?? {}) as { Ref?: unknown; 'Fn::GetAtt'?: unknown };
      const getAtt = Array.isArray(object['Fn::GetAtt']) ? (object['Fn::GetAtt'] as unknown[]).map(String) : undefined;
      const target = typeof object.Ref === 'string' ? object.Ref : getAtt?.[1] === 'Arn' ? getAtt[0] : undefined;
      const fn = target === undefined ? undefined : model.functions[target];
      if (fn === undefined)
        throw new UnsupportedTemplateError(`${where}: only functions of the stack (Ref or Fn::GetAtt Arn) and strings are resolved locally, got ${JSON.stringify(value)}`);
      substitutions[key] = object.Ref === undefined ? localFunctionArn(names, fn.name) : fn.name;
    }
    const name = typeof properties.StateMachineName === 'string' ? properties.StateMachineName : `${names.stackName}-${withoutHash(logicalId)}`;
    specs.push({ logicalId, name, arn: `arn:aws:states:${names.region}:${names.account}:stateMachine:${name}`, definitionFile, substitutions });
  }
  return specs;
}

/** The ASL text with its `${Placeholders}` replaced; throws when one has no value. */
export function substituteDefinition(text: string, substitutions: Record<string, string>): Record<string, unknown> {
  const missing = new Set<string>();
  const resolved = text.replace(/\$\{([A-Za-z0-9_]+)\}/g, (placeholder, key: string) => {
    if (Object.hasOwn(substitutions, key)) return substitutions[key];
    missing.add(key);
    return placeholder;
  });
  if (missing.size > 0) throw new UnsupportedTemplateError(`The definition has placeholders without a substitution: ${[...missing].join(', ')}`);
  return JSON.parse(resolved) as Record<string, unknown>;
}

/** A Task state as {@link taskStates} lists it. */
export interface TaskStateInfo {
  name: string;
  resource: string;
  heartbeatSeconds?: number;
  timeoutSeconds?: number;
}

/** Every Task state of a definition (nested Map and Parallel states included), by name. */
export function taskStates(definition: AslStates): TaskStateInfo[] {
  const tasks: TaskStateInfo[] = [];
  for (const [name, state] of Object.entries(definition.States)) {
    if (state.Type === 'Task' && typeof state.Resource === 'string')
      tasks.push({ name, resource: state.Resource, heartbeatSeconds: state.HeartbeatSeconds, timeoutSeconds: state.TimeoutSeconds });
    for (const nested of [state.ItemProcessor, state.Iterator, ...(state.Branches ?? [])]) if (nested) tasks.push(...taskStates(nested));
  }
  return tasks;
}

/** Step Functions' history event type of a state event: `StateEntered` of a Map → `MapStateEntered`. */
function stateEventType(stateType: string, event: 'Entered' | 'Exited'): string {
  return `${stateType}State${event}`;
}

/** One state machine, ready to start executions. */
class LocalStateMachine {
  private readonly machine: StateMachine;
  private readonly tasks: Array<TaskStateInfo & { binding: TaskBinding }>;

  constructor(
    readonly spec: LocalStateMachineSpec,
    definition: Record<string, unknown>,
    private readonly options: LocalStateMachinesOptions,
    private readonly tokens: TaskTokens,
  ) {
    const isFunction = (arn: string) => options.functions.has(arn);
    const tasks = taskStates(definition as unknown as AslStates);
    this.tasks = tasks.map((task) => {
      const binding = bindingOf(task.resource, isFunction);
      if (binding === undefined)
        throw new UnsupportedTemplateError(
          `${spec.logicalId}: Task state '${task.name}' calls ${task.resource}, which is no function of the stack nor a supported integration (lambda:invoke, aws-sdk)`,
        );
      if (binding.kind === 'aws-sdk' && options.sdk === undefined)
        throw new UnsupportedTemplateError(`${spec.logicalId}: Task state '${task.name}' calls ${task.resource}, and no AWS SDK integration is emulated here`);
      return { ...task, binding };
    });
    const StateMachineClass = stateMachineClass();
    const prepared = prepareDefinition(definition as unknown as AslStates, isFunction);
    const hash = createHash('sha256').update(VALIDATOR_VERSION).update(JSON.stringify(prepared)).digest('hex');
    this.machine = new StateMachineClass(prepared as never, VALIDATED_DEFINITIONS.has(hash) ? ({ validationOptions: { noValidate: true } } as never) : undefined);
    VALIDATED_DEFINITIONS.add(hash); // only reached when valid: an invalid definition throws above
  }

  /** The local function a `lambda:invoke` names (ARN, partial ARN or name; qualifiers ignored). */
  private functionNamed(name: unknown): TaskFunction {
    const text = typeof name === 'string' ? name : '';
    const unqualified = /^(arn:[^:]+:lambda:[^:]*:\d*:function:[^:]+):[^:]+$/.exec(text)?.[1] ?? text;
    for (const [arn, fn] of this.options.functions) if (arn === unqualified || arn.endsWith(`:function:${unqualified}`)) return fn;
    throw new TaskError('Lambda.ResourceNotFoundException', `Function not found: ${text} (Service: Lambda, Status Code: 404)`);
  }

  /** A service-integration task (`lambda:invoke`, `aws-sdk:*`): its calls and history events as Step Functions records them. */
  private integrationHandler(
    task: TaskStateInfo & { binding: TaskBinding },
    execution: LocalExecution,
    record: (type: string, details?: Record<string, unknown>, previousEventId?: number) => number,
  ) {
    const binding = task.binding;
    const resourceType = binding.kind === 'aws-sdk' ? `aws-sdk:${binding.service}` : 'lambda';
    const resource = binding.kind === 'aws-sdk' ? binding.action : binding.kind === 'lambda-invoke' && binding.waitForTaskToken ? 'invoke.waitForTaskToken' : 'invoke';
    const region = this.spec.arn.split(':')[3];
    return async (input: unknown): Promise<never> => {
      const { parameters: raw, roleArn, timeoutSeconds } = unwrapTaskInput(input);
      const callback = binding.kind === 'lambda-invoke' && binding.waitForTaskToken;
      const token = callback ? this.tokens.create() : undefined;
      const parameters = (token === undefined ? raw : withTaskToken(raw, token)) as Record<string, unknown>;
      // Parameters the operation cannot take: States.Runtime before anything is scheduled (nor caught, nor retried).
      if (binding.kind === 'aws-sdk') assertSdkParameters({ service: binding.service, action: binding.action, parameters: parameters ?? {} }, task.name);
      const scheduled = record('TaskScheduled', {
        taskScheduledEventDetails: {
          resourceType,
          resource,
          region,
          parameters: JSON.stringify(parameters ?? null),
          ...(task.heartbeatSeconds !== undefined && { heartbeatInSeconds: task.heartbeatSeconds }),
        },
      });
      const started = record('TaskStarted', { taskStartedEventDetails: { resourceType, resource } }, scheduled);
      try {
        let output: unknown;
        if (binding.kind === 'aws-sdk') {
          output = await this.options.sdk!({ service: binding.service, action: binding.action, parameters: parameters ?? {}, roleArn, region });
        } else {
          const fn = this.functionNamed(parameters?.FunctionName);
          const answer =
            token === undefined
              ? undefined
              : this.tokens.wait(token, {
                  executionArn: execution.executionArn,
                  stateName: task.name,
                  heartbeatSeconds: task.heartbeatSeconds,
                  timeoutSeconds: timeoutSeconds ?? task.timeoutSeconds,
                });
          answer?.catch(() => undefined); // observed below, after the function returns
          const payload = await fn(parameters?.Payload ?? {});
          const invoked = {
            ExecutedVersion: '$LATEST',
            Payload: payload ?? null,
            StatusCode: 200,
            SdkHttpMetadata: { HttpStatusCode: 200 },
            SdkResponseMetadata: { RequestId: randomUUID() },
          };
          if (answer === undefined) output = invoked;
          else {
            record('TaskSubmitted', { taskSubmittedEventDetails: { resourceType, resource, output: JSON.stringify(invoked) } }, started);
            this.tokens.submitted(token!);
            output = await answer;
          }
        }
        record('TaskSucceeded', { taskSucceededEventDetails: { resourceType, resource, output: JSON.stringify(output ?? null) } }, started);
        return (output ?? null) as never;
      } catch (error) {
        if (token !== undefined) this.tokens.forget(execution.executionArn);
        const failure = error instanceof Error ? { error: error.name, cause: error.message } : { error: 'Error', cause: String(error) };
        record('TaskFailed', { taskFailedEventDetails: { resourceType, resource, ...failure } }, started);
        throw error;
      }
    };
  }

  /** Runs one execution; `record` receives its history events as they happen. */
  run(execution: LocalExecution, record: (type: string, details?: Record<string, unknown>, previousEventId?: number) => number): Promise<void> {
    const handlers: Record<string, (input: unknown) => Promise<never>> = {};
    for (const task of this.tasks) {
      if (task.binding.kind !== 'function') {
        handlers[task.name] = this.integrationHandler(task, execution, record);
        continue;
      }
      const fn = this.options.functions.get(task.binding.arn)!;
      handlers[task.name] = async (input) => {
        const scheduled = record('LambdaFunctionScheduled', { lambdaFunctionScheduledEventDetails: { resource: task.resource, input: JSON.stringify(input) } });
        const started = record('LambdaFunctionStarted', {}, scheduled);
        try {
          const output = await fn(input);
          record('LambdaFunctionSucceeded', { lambdaFunctionSucceededEventDetails: { output: JSON.stringify(output ?? null) } }, started);
          return (output ?? null) as never;
        } catch (error) {
          const failure =
            error instanceof Error
              ? { error: error.name, cause: JSON.stringify({ errorType: error.name, errorMessage: error.message }) }
              : { error: 'Error', cause: String(error) };
          record('LambdaFunctionFailed', { lambdaFunctionFailedEventDetails: failure }, started);
          throw error;
        }
      };
    }
    const input = JSON.parse(execution.input) as never;
    const run = this.machine.run(input, {
      overrides: { taskResourceLocalHandlers: handlers as never },
      context: {
        Execution: { Id: execution.executionArn, Name: execution.name, StartTime: execution.startDate.toISOString(), Input: input, RoleArn: `${this.spec.arn}-role` },
        StateMachine: { Id: this.spec.arn, Name: this.spec.name },
      } as never,
    });
    const logged = (async () => {
      for await (const event of run.eventLogs) this.recordEvent(event, record);
    })();
    const finished = run.result.then(
      (output) => {
        execution.status = 'SUCCEEDED';
        execution.output = JSON.stringify(output ?? null);
      },
      (error: unknown) => {
        // aws-local-stepfunctions wraps the execution's error; its own fields name what failed.
        const { error: name, cause } = executionFailure(error);
        execution.status = 'FAILED';
        execution.error = name;
        execution.cause = cause;
      },
    );
    return Promise.all([logged.catch(() => undefined), finished]).then(() => {
      execution.stopDate = new Date();
      this.tokens.forget(execution.executionArn);
    });
  }

  private recordEvent(event: EventLog, record: (type: string, details?: Record<string, unknown>) => number): void {
    switch (event.type) {
      case 'ExecutionStarted':
        record('ExecutionStarted', { executionStartedEventDetails: { input: JSON.stringify(event.input) } });
        return;
      case 'ExecutionSucceeded':
        record('ExecutionSucceeded', { executionSucceededEventDetails: { output: JSON.stringify(event.output) } });
        return;
      case 'ExecutionFailed':
        record('ExecutionFailed', { executionFailedEventDetails: { error: event.Error, cause: String(event.Cause ?? '') } });
        return;
      case 'StateEntered':
        record(stateEventType(event.state.type, 'Entered'), { stateEnteredEventDetails: { name: event.state.name, input: JSON.stringify(event.state.input) } });
        return;
      case 'StateExited':
        record(stateEventType(event.state.type, 'Exited'), { stateExitedEventDetails: { name: event.state.name, output: JSON.stringify(event.state.output ?? null) } });
        return;
      case 'MapIterationStarted':
      case 'MapIterationSucceeded':
      case 'MapIterationFailed':
        record(event.type, { mapIterationEventDetails: { name: event.parentState.name, index: event.index } });
        return;
      case 'StateFailed':
        if (event.state.type === 'Map') record('MapStateFailed', {});
        return;
      default:
        return; // retries and catches show in the states entered and exited around them
    }
  }
}

/** The error and cause of a failed execution, from what aws-local-stepfunctions throws. */
function executionFailure(error: unknown): { error: string; cause: string } {
  const wrapped = error as { cause?: { name?: string; message?: string; errorName?: string }; message?: string; name?: string };
  const inner = wrapped?.cause;
  if (inner !== undefined && typeof inner === 'object') return { error: inner.name ?? 'States.Runtime', cause: inner.message ?? '' };
  return { error: wrapped?.name ?? 'Error', cause: wrapped?.message ?? String(error) };
}

/** An execution with its history. */
interface ExecutionRecord {
  execution: LocalExecution;
  history: HistoryEvent[];
  done: Promise<void>;
}

/** Options of {@link LocalStateMachines}. */
export interface LocalStateMachinesOptions {
  /** Where definition files are read from (the project root). */
  root: string;
  /** Lambda functions by ARN (what a Task's `Resource` names). */
  functions: ReadonlyMap<string, TaskFunction>;
  /** What `arn:aws:states:::aws-sdk:*` tasks call; none: a definition with such a task is refused. */
  sdk?: SdkIntegration;
  /** A file remembering the definitions already validated, so later runs skip their validation. */
  validationCacheFile?: string;
}

/** The state machines of the stack, their executions and histories. */
export class LocalStateMachines {
  private readonly machines = new Map<string, LocalStateMachine>();
  private readonly executions = new Map<string, ExecutionRecord>();
  /** The callback tasks' tokens (SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat answer them). */
  readonly tokens = new TaskTokens();

  constructor(specs: readonly LocalStateMachineSpec[], options: LocalStateMachinesOptions) {
    const cache = options.validationCacheFile;
    if (cache !== undefined) readValidated(cache);
    const known = VALIDATED_DEFINITIONS.size;
    for (const spec of specs) {
      const definition = substituteDefinition(readFileSync(join(options.root, spec.definitionFile), 'utf8'), spec.substitutions);
      this.machines.set(spec.arn, new LocalStateMachine(spec, definition, options, this.tokens));
    }
    if (cache !== undefined && VALIDATED_DEFINITIONS.size > known) writeValidated(cache);
  }

  /** The state machines, as `ListStateMachines` lists them. */
  list(): LocalStateMachineSpec[] {
    return [...this.machines.values()].map((machine) => machine.spec);
  }

  /** Starts an execution (it runs in the background); `undefined` when no such state machine. */
  start(stateMachineArn: string, input = '{}', name: string = randomUUID()): LocalExecution | undefined {
    const machine = this.machines.get(stateMachineArn);
    if (machine === undefined) return undefined;
    const executionArn = `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
    const existing = this.executions.get(executionArn);
    if (existing !== undefined) return existing.execution;
    const execution: LocalExecution = { executionArn, stateMachineArn, name, status: 'RUNNING', startDate: new Date(), input };
    const history: HistoryEvent[] = [];
    const record = (type: string, details: Record<string, unknown> = {}, previousEventId?: number): number => {
      const id = history.length + 1;
      history.push({ id, previousEventId: previousEventId ?? id - 1, timestamp: new Date(), type, ...details });
      return id;
    };
    const done = machine.run(execution, record);
    this.executions.set(executionArn, { execution, history, done });
    return execution;
  }

  describe(executionArn: string): LocalExecution | undefined {
    return this.executions.get(executionArn)?.execution;
  }

  history(executionArn: string): HistoryEvent[] | undefined {
    return this.executions.get(executionArn)?.history;
  }

  /** Resolves when the execution has stopped. */
  async wait(executionArn: string): Promise<LocalExecution | undefined> {
    const record = this.executions.get(executionArn);
    await record?.done;
    return record?.execution;
  }

  /** True while an execution runs that is not parked on a task token. */
  get busy(): boolean {
    return this.active().length > 0;
  }

  private active() {
    const parked = this.tokens.waitingExecutions();
    return [...this.executions.values()].filter((record) => record.execution.status === 'RUNNING' && !parked.has(record.execution.executionArn));
  }

  /** Resolves when no execution runs, except those parked on a task token (they wait for an answer, not for work). */
  async idle(): Promise<void> {
    for (;;) {
      const active = this.active();
      if (active.length === 0) return;
      await Promise.race([Promise.all(active.map((record) => record.done)), this.tokens.nextParked()]);
    }
  }
}

/**
 * The stack's state machines with their tasks bound to the stack's local functions (the same
 * {@link FunctionRunner} the event bus invokes): what the embedded default serves. `more`: further
 * specs derived from the stack's (e.g. copies whose ARN names another Region: the ARN's Region is
 * the one its SDK tasks act in).
 */
export function localStateMachinesOf(
  template: CfnTemplate,
  model: StackModel,
  names: LocalNames,
  functions: FunctionRunner,
  root: string,
  sdk?: SdkIntegration,
  validationCacheFile?: string,
  more: (specs: readonly LocalStateMachineSpec[]) => LocalStateMachineSpec[] = () => [],
): LocalStateMachines {
  const byArn = new Map<string, TaskFunction>(
    Object.values(model.functions).map((fn) => [localFunctionArn(names, fn.name), (input: unknown) => functions.invoke(fn.logicalId, input)]),
  );
  const specs = extractStateMachines(template, model, names);
  return new LocalStateMachines([...specs, ...more(specs)], { root, functions: byArn, sdk, validationCacheFile });
}
