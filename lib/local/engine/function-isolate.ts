/**
 * One isolate of a function, as one Lambda execution environment: a `worker_threads` Worker with
 * the function's own environment. It loads the function's bundle (function-bundles.ts: the runtime
 * and the handler) once. Unlike Lambda's one invocation at a time, it may run several at once (the
 * engine decides how many: local-functions.ts), because one machine cannot afford an isolate per
 * concurrent invocation. An invocation that outlives its timeout fails with Lambda's
 * `Sandbox.Timedout` error and retires the isolate: it takes no more invocations and ends as soon as
 * the others in flight have settled (at once when there are none).
 */
import { Worker } from 'node:worker_threads';
import { deserializeError, serializeError, type InvokeMessage, type IsolateMessage } from './isolate-protocol';
import type { InvocationContext } from './lambda-context';

/** The Worker's code: source-mapped stack traces (as the deployed functions' NODE_OPTIONS), then the bundle. */
const BOOTSTRAP = 'process.setSourceMapsEnabled(true); require(require("node:worker_threads").workerData.bundle);';

/** Lambda's error for an invocation that ran past the function's timeout. */
export function timeoutError(requestId: string, timeoutMs: number): Error {
  const error = new Error(`RequestId: ${requestId} Error: Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`);
  error.name = 'Sandbox.Timedout';
  return error;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/** A started isolate. `ready` settles once the handler has loaded (or failed to). */
export class FunctionIsolate {
  /** Resolves when the handler has loaded; rejects with its load error (the isolate is then dead). */
  readonly ready: Promise<void>;
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private dead = false;
  private retiring = false;

  /** Starts a Worker that loads the bundle (once `bundle` resolves) with exactly `env` as its `process.env`. */
  constructor(bundle: Promise<string>, env: Record<string, string>) {
    this.ready = bundle.then((file) => this.start(file, env));
    this.ready.catch(() => {
      this.dead = true;
    });
  }

  private start(file: string, env: Record<string, string>): Promise<void> {
    if (this.dead) return Promise.reject(new Error('The isolate has ended'));
    const worker = new Worker(BOOTSTRAP, { eval: true, workerData: { bundle: file }, env, execArgv: [] });
    this.worker = worker;
    // An idle isolate never keeps the process alive (an invocation's timeout timer does while it runs).
    worker.unref();
    return new Promise<void>((resolve, reject) => {
      worker.on('message', (message: IsolateMessage) => {
        if (message.type === 'ready') resolve();
        else if (message.type === 'load-error') {
          reject(deserializeError(message.error));
          void this.terminate();
        } else this.settle(message);
      });
      worker.on('error', (error) => {
        reject(deserializeError(serializeError(error)));
        this.fail(error);
      });
      worker.on('exit', (code) => {
        this.dead = true;
        const error = new Error(`The isolate exited with code ${code}`);
        error.name = 'Runtime.ExitError';
        reject(error);
        this.fail(error);
      });
    });
  }

  /** False once the isolate has ended (timed out, crashed, failed to load, or terminated). */
  get alive(): boolean {
    return !this.dead;
  }

  /** True while it takes invocations: alive and not retired by a timeout. */
  get accepting(): boolean {
    return !this.dead && !this.retiring;
  }

  /** Runs one invocation; the timeout counts from now (after the load, as Lambda's init phase is apart). */
  async invoke(event: unknown, context: Omit<InvocationContext, 'deadlineMs'>, timeoutMs: number): Promise<unknown> {
    await this.ready;
    if (this.dead) throw new Error('The isolate has ended');
    const id = this.nextId++;
    const message: InvokeMessage = { id, event: JSON.stringify(event) ?? 'null', context: { ...context, deadlineMs: Date.now() + timeoutMs } };
    return new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(timeoutError(context.awsRequestId, timeoutMs));
        this.retire();
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.worker?.postMessage(message);
    });
  }

  /** Ends the Worker (an invocation in flight fails). */
  async terminate(): Promise<void> {
    this.dead = true;
    await this.worker?.terminate();
  }

  /** Takes no more invocations; ends once none is in flight. */
  private retire(): void {
    this.retiring = true;
    if (this.pending.size === 0) void this.terminate();
  }

  private settle(message: Extract<IsolateMessage, { type: 'result' | 'error' }>): void {
    const pending = this.pending.get(message.id);
    // Absent: it timed out already (its late answer is dropped, as Lambda's would be).
    if (pending === undefined) return;
    this.pending.delete(message.id);
    clearTimeout(pending.timer);
    if (message.type === 'error') pending.reject(deserializeError(message.error));
    else pending.resolve(message.payload === undefined ? undefined : JSON.parse(message.payload));
    if (this.retiring && this.pending.size === 0) void this.terminate();
  }

  private fail(error: Error): void {
    this.dead = true;
    for (const pending of this.pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(error);
    }
    this.pending.clear();
  }
}
