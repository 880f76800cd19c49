/**
 * What aws-local-stepfunctions lacks for the stack's service integrations, emulated around it:
 *
 * - a Task's `Credentials` (its `RoleArn`, resolved against the state's input) and its `Parameters`
 *   reach the local handler together: {@link prepareDefinition} moves both under one Parameters
 *   object that {@link unwrapTaskInput} takes apart again;
 * - `$$.Task.Token` (the package's context has no `Task`): replaced by a placeholder that the handler
 *   swaps for a fresh token ({@link withTaskToken});
 * - `.waitForTaskToken`: {@link TaskTokens} parks the task until `SendTaskSuccess`,
 *   `SendTaskFailure` (or the heartbeat or task timeout, `TimeoutSeconds` or `TimeoutSecondsPath`)
 *   answers the token.
 */
import { randomBytes } from 'node:crypto';

/** Stands for `$$.Task.Token` in a prepared definition. */
export const TASK_TOKEN_PLACEHOLDER = '<<OpenSecurityHub:Task.Token>>';
const PARAMETERS_KEY = '__parameters';
const ROLE_ARN_KEY = '__credentialsRoleArn';
const TIMEOUT_KEY = '__timeoutSeconds';
/** setTimeout's limit (~24.8 days): longer task timeouts (the callback default of 99999999 s) are clamped to it. */
const MAX_TIMER_SECONDS = Math.floor(2 ** 31 / 1000) - 1;

type AslState = Record<string, unknown> & { Type: string; Resource?: string; Parameters?: unknown; Credentials?: Record<string, unknown> };
type AslStates = { States: Record<string, AslState> };

/** How a Task's `Resource` is bound locally. */
export type TaskBinding = { kind: 'function'; arn: string } | { kind: 'lambda-invoke'; waitForTaskToken: boolean } | { kind: 'aws-sdk'; service: string; action: string };

/** A Task's binding, or undefined when the resource is none of these. */
export function bindingOf(resource: string, isFunction: (arn: string) => boolean): TaskBinding | undefined {
  if (isFunction(resource)) return { kind: 'function', arn: resource };
  const lambda = /^arn:aws[a-z-]*:states:::lambda:invoke(\.waitForTaskToken)?$/.exec(resource);
  if (lambda !== null) return { kind: 'lambda-invoke', waitForTaskToken: lambda[1] !== undefined };
  const sdk = /^arn:aws[a-z-]*:states:::aws-sdk:([a-z0-9]+):([A-Za-z0-9]+)$/.exec(resource);
  if (sdk !== null) return { kind: 'aws-sdk', service: sdk[1], action: sdk[2] };
  return undefined;
}

/** Replaces every `"<key>.$": "$$.Task.Token"` of a payload template with `"<key>": placeholder`. */
function tokenPlaceholders(template: unknown): unknown {
  if (Array.isArray(template)) return template.map(tokenPlaceholders);
  if (template === null || typeof template !== 'object') return template;
  return Object.fromEntries(
    Object.entries(template as Record<string, unknown>).map(([key, value]) =>
      key.endsWith('.$') && value === '$$.Task.Token' ? [key.slice(0, -2), TASK_TOKEN_PLACEHOLDER] : [key, tokenPlaceholders(value)],
    ),
  );
}

/**
 * A copy of a definition whose integration Tasks carry their Credentials inside Parameters and a
 * token placeholder for `$$.Task.Token`; callback tasks get a finite timeout the timer can hold.
 * Tasks that call a function directly are left as they are.
 */
export function prepareDefinition<T extends AslStates>(definition: T, isFunction: (arn: string) => boolean): T {
  const copy = structuredClone(definition);
  const visit = (machine: AslStates) => {
    for (const state of Object.values(machine.States)) {
      for (const nested of [state.ItemProcessor, state.Iterator, ...((state.Branches as AslStates[] | undefined) ?? [])]) if (nested) visit(nested as AslStates);
      if (state.Type !== 'Task' || typeof state.Resource !== 'string') continue;
      const binding = bindingOf(state.Resource, isFunction);
      if (binding === undefined || binding.kind === 'function') continue;
      const parameters: Record<string, unknown> = state.Parameters === undefined ? { [`${PARAMETERS_KEY}.$`]: '$' } : { [PARAMETERS_KEY]: tokenPlaceholders(state.Parameters) };
      for (const [key, value] of Object.entries(state.Credentials ?? {})) {
        if (key === 'RoleArn' || key === 'RoleArn.$') parameters[key === 'RoleArn' ? ROLE_ARN_KEY : `${ROLE_ARN_KEY}.$`] = value;
      }
      state.Parameters = parameters;
      delete state.Credentials;
      if (binding.kind === 'lambda-invoke' && binding.waitForTaskToken) {
        // A TimeoutSecondsPath is resolved with the Parameters and enforced by the token's timer.
        if (typeof state.TimeoutSecondsPath === 'string') {
          parameters[`${TIMEOUT_KEY}.$`] = state.TimeoutSecondsPath;
          delete state.TimeoutSecondsPath;
        }
        const timeout = typeof state.TimeoutSeconds === 'number' ? state.TimeoutSeconds : 99999999;
        state.TimeoutSeconds = Math.min(timeout, MAX_TIMER_SECONDS);
      }
    }
  };
  visit(copy);
  return copy;
}

/** A prepared Task's input taken apart: its Parameters, its Credentials' role and its TimeoutSecondsPath's value. */
export function unwrapTaskInput(input: unknown): { parameters: unknown; roleArn?: string; timeoutSeconds?: number } {
  const wrapped = (input ?? {}) as Record<string, unknown>;
  const roleArn = wrapped[ROLE_ARN_KEY];
  const timeout = wrapped[TIMEOUT_KEY];
  if (timeout !== undefined && (!Number.isInteger(timeout) || (timeout as number) < 1))
    throw new TaskError('States.Runtime', `TimeoutSecondsPath resolved to ${JSON.stringify(timeout)}: expected a positive integer`);
  return { parameters: wrapped[PARAMETERS_KEY], ...(typeof roleArn === 'string' && { roleArn }), ...(typeof timeout === 'number' && { timeoutSeconds: timeout }) };
}

/** The payload with every token placeholder replaced by `token`. */
export function withTaskToken(value: unknown, token: string): unknown {
  if (value === TASK_TOKEN_PLACEHOLDER) return token;
  if (Array.isArray(value)) return value.map((entry) => withTaskToken(entry, token));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, entry]) => [key, withTaskToken(entry, token)]));
}

/** An error a state's Catch sees: `name` is the ASL error name. */
export class TaskError extends Error {
  constructor(name: string, cause: string) {
    super(cause);
    this.name = name;
  }
}

/** A token answer Step Functions refuses: `TaskDoesNotExist`, `TaskTimedOut`, `InvalidToken`. */
export class TaskTokenError extends Error {
  constructor(
    readonly code: 'TaskDoesNotExist' | 'TaskTimedOut' | 'InvalidToken' | 'InvalidOutput',
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}

interface Waiter {
  executionArn: string;
  stateName: string;
  resolve: (output: unknown) => void;
  reject: (error: Error) => void;
  heartbeatSeconds?: number;
  /** True once the task's function returned (TaskSubmitted): from then on it waits for an answer only. */
  submitted: boolean;
  heartbeatTimer?: NodeJS.Timeout;
  timeoutTimer?: NodeJS.Timeout;
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{1,1024}$/;

/** The task tokens of the running callback tasks (`.waitForTaskToken`). */
export class TaskTokens {
  private readonly waiting = new Map<string, Waiter>();
  private readonly ended = new Map<string, 'TaskTimedOut' | 'TaskDoesNotExist'>();
  private parkedListeners: Array<() => void> = [];

  /** A fresh token (opaque, as Step Functions' are). */
  create(): string {
    return randomBytes(48).toString('base64url');
  }

  /** Executions parked on a token now (their task's function has returned). */
  waitingExecutions(): Set<string> {
    return new Set([...this.waiting.values()].filter((waiter) => waiter.submitted).map((waiter) => waiter.executionArn));
  }

  /** The task's function returned: the execution now only waits for the token's answer. */
  submitted(token: string): void {
    const waiter = this.waiting.get(token);
    if (waiter === undefined) return;
    waiter.submitted = true;
    const listeners = this.parkedListeners;
    this.parkedListeners = [];
    for (const listener of listeners) listener();
  }

  /** Resolves the next time a task parks on a token (its function returned). */
  nextParked(): Promise<void> {
    return new Promise((resolve) => this.parkedListeners.push(resolve));
  }

  /**
   * Parks until the token is answered: resolves with SendTaskSuccess's output, rejects with
   * SendTaskFailure's error, `States.HeartbeatTimeout`, or `States.Timeout` after `timeoutSeconds`.
   */
  wait(token: string, where: { executionArn: string; stateName: string; heartbeatSeconds?: number; timeoutSeconds?: number }): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { executionArn: where.executionArn, stateName: where.stateName, resolve, reject, heartbeatSeconds: where.heartbeatSeconds, submitted: false };
      this.waiting.set(token, waiter);
      this.armHeartbeat(token, waiter);
      if (where.timeoutSeconds !== undefined) {
        waiter.timeoutTimer = setTimeout(
          () => this.end(token, 'TaskTimedOut', () => reject(new TaskError('States.Timeout', `Task ${where.stateName} timed out after ${where.timeoutSeconds} s`))),
          Math.min(where.timeoutSeconds, MAX_TIMER_SECONDS) * 1000,
        );
        waiter.timeoutTimer.unref();
      }
    });
  }

  /** SendTaskSuccess: `output` is JSON text. */
  succeed(token: string, output: string): void {
    const waiter = this.answerable(token);
    let value: unknown;
    try {
      value = JSON.parse(output);
    } catch {
      throw new TaskTokenError('InvalidOutput', 'Invalid Output: the output is not JSON');
    }
    this.end(token, 'TaskDoesNotExist', () => waiter.resolve(value));
  }

  /** SendTaskFailure. */
  fail(token: string, error: string | undefined, cause: string | undefined): void {
    const waiter = this.answerable(token);
    this.end(token, 'TaskDoesNotExist', () => waiter.reject(new TaskError(error ?? '', cause ?? '')));
  }

  /** SendTaskHeartbeat: restarts the heartbeat clock. */
  heartbeat(token: string): void {
    this.armHeartbeat(token, this.answerable(token));
  }

  /** Ends every wait of an execution (it stopped): later answers get TaskDoesNotExist. */
  forget(executionArn: string): void {
    for (const [token, waiter] of this.waiting) if (waiter.executionArn === executionArn) this.end(token, 'TaskDoesNotExist', () => undefined);
  }

  private answerable(token: string): Waiter {
    if (typeof token !== 'string' || !TOKEN_SHAPE.test(token)) throw new TaskTokenError('InvalidToken', 'Invalid token');
    const waiter = this.waiting.get(token);
    if (waiter !== undefined) return waiter;
    if (this.ended.get(token) === 'TaskTimedOut') throw new TaskTokenError('TaskTimedOut', 'Task Timed Out');
    throw new TaskTokenError('TaskDoesNotExist', 'Task does not exist anymore');
  }

  private armHeartbeat(token: string, waiter: Waiter): void {
    clearTimeout(waiter.heartbeatTimer);
    if (waiter.heartbeatSeconds === undefined) return;
    waiter.heartbeatTimer = setTimeout(
      () => this.end(token, 'TaskTimedOut', () => waiter.reject(new TaskError('States.HeartbeatTimeout', `No heartbeat within ${waiter.heartbeatSeconds} s`))),
      waiter.heartbeatSeconds * 1000,
    );
    waiter.heartbeatTimer.unref();
  }

  private end(token: string, as: 'TaskTimedOut' | 'TaskDoesNotExist', settle: () => void): void {
    const waiter = this.waiting.get(token);
    if (waiter === undefined) return;
    clearTimeout(waiter.heartbeatTimer);
    clearTimeout(waiter.timeoutTimer);
    this.waiting.delete(token);
    this.ended.set(token, as);
    settle();
  }
}
