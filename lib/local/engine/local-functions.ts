/**
 * The stack's functions, each run as Lambda runs it: in isolates of its own (function-isolate.ts,
 * one `worker_threads` Worker each) with its own environment, started on the first invocation and
 * kept warm. Where Lambda starts an execution environment per concurrent invocation, one machine
 * cannot: an isolate takes up to `invocationsPerIsolate` invocations at once, a further isolate
 * starts only when every isolate of the function is that busy, up to `maxIsolates`, and invocations
 * queue beyond (Lambda would scale further or throttle). A function never invoked has no isolate.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { FunctionBundles } from './function-bundles';
import { FunctionIsolate } from './function-isolate';
import { functionArn } from './lambda-context';
import type { LocalFunction } from './stack-model';

/** Options of {@link LocalFunctions}. */
export interface LocalFunctionsOptions {
  /** Account and Region in the functions' ARNs and context. Default `000000000000`, `us-east-1`. */
  account?: string;
  region?: string;
  /**
   * What every function's environment starts from (endpoints, Region, credentials of the local run),
   * read when an isolate starts; the template's environment of the function goes on top.
   */
  environment?: () => Record<string, string>;
  /**
   * Isolates per function at most. Default 1: on a machine of a few cores more isolates of one
   * function add cold starts (~0.2–0.4 s of CPU each) and separate JIT warm-up, not throughput
   * (measured: docs/embedded-default.md).
   */
  maxIsolates?: number;
  /**
   * Invocations one isolate runs at once (1 is Lambda's own rule). Default 64: the handlers are
   * asynchronous and keep no per-invocation state at module scope, so concurrency fills warm
   * isolates before it starts new ones.
   */
  invocationsPerIsolate?: number;
  /** Where the functions' bundles are cached. Default `node_modules/.cache/open-security-hub/functions` under the root. */
  bundleCacheDir?: string;
}

/** Variables an isolate never takes from this process: its credentials are the local run's. */
const NOT_INHERITED = new Set(['AWS_SESSION_TOKEN', 'AWS_PROFILE', 'NODE_OPTIONS']);

/**
 * What delivery, state machines and the API proxy need of a function runner: the stack's functions
 * by logical id, their ARNs, loading (a failed load is a failed delivery), and invoking.
 */
export interface FunctionRunner {
  get(logicalId: string): LocalFunction;
  arn(logicalId: string): string;
  load(logicalId: string): Promise<void>;
  invoke(logicalId: string, event: unknown, requestId?: string): Promise<unknown>;
}

interface Pool {
  isolates: FunctionIsolate[];
  waiting: Array<() => void>;
  /** Invocations handed to each isolate and not yet released (including those still loading). */
  load: Map<FunctionIsolate, number>;
}

/** The functions of the stack model, each in isolates of its own. */
export class LocalFunctions implements FunctionRunner {
  private readonly pools = new Map<string, Pool>();
  private readonly invocationCounts = new Map<string, number>();
  /** Milliseconds from hand-over to answer, summed per function name. */
  private readonly invocationMs = new Map<string, number>();
  private readonly maxIsolates: number;
  private readonly invocationsPerIsolate: number;
  private readonly bundles: FunctionBundles;

  constructor(
    private readonly functions: Record<string, LocalFunction>,
    root: string,
    private readonly options: LocalFunctionsOptions = {},
  ) {
    this.maxIsolates = options.maxIsolates ?? 1;
    this.invocationsPerIsolate = options.invocationsPerIsolate ?? 64;
    this.bundles = new FunctionBundles(root, options.bundleCacheDir ?? join(root, 'node_modules', '.cache', 'open-security-hub', 'functions'));
  }

  /** A function of the stack by logical id; throws when the stack has none. */
  get(logicalId: string): LocalFunction {
    const fn = this.functions[logicalId];
    if (fn === undefined) throw new Error(`No function ${logicalId} in the stack`);
    return fn;
  }

  /** The function's ARN, as Lambda names it. */
  arn(logicalId: string): string {
    return functionArn(this.options.region ?? 'us-east-1', this.options.account ?? '000000000000', this.get(logicalId).name);
  }

  /**
   * The environment an isolate of the function starts with: this process's (never changed),
   * then the local run's, then the template's, then what Lambda sets.
   */
  environmentOf(logicalId: string): Record<string, string> {
    const fn = this.get(logicalId);
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !NOT_INHERITED.has(key)) env[key] = value;
    return {
      ...env,
      ...this.options.environment?.(),
      ...fn.environment,
      AWS_LAMBDA_FUNCTION_NAME: fn.name,
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '1024',
      AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${fn.name}`,
    };
  }

  /**
   * Starts the function's first isolate if it has none, and resolves once its handler has loaded;
   * rejects with the load error (e.g. code `MODULE_NOT_FOUND`) when it cannot load.
   */
  async load(logicalId: string): Promise<void> {
    const pool = this.pool(logicalId);
    const isolate = pool.isolates.find((candidate) => candidate.alive) ?? this.start(logicalId, pool);
    await isolate.ready;
  }

  /** Invocations so far, by function name (for the bench's invocations per finding). */
  invocations(): Record<string, number> {
    return Object.fromEntries(this.invocationCounts);
  }

  /** Invocations and the milliseconds they took (hand-over to answer, waits included), by function name (the cost meter's GB-seconds). */
  invocationTimes(): Record<string, { invocations: number; ms: number }> {
    return Object.fromEntries([...this.invocationCounts].map(([name, invocations]) => [name, { invocations, ms: this.invocationMs.get(name) ?? 0 }]));
  }

  /** Invokes the function once (synchronously, as `Invoke` with `RequestResponse`): its result, or its error. */
  async invoke(logicalId: string, event: unknown, requestId: string = randomUUID()): Promise<unknown> {
    const fn = this.get(logicalId);
    this.invocationCounts.set(fn.name, (this.invocationCounts.get(fn.name) ?? 0) + 1);
    const began = performance.now();
    const pool = this.pool(logicalId);
    const isolate = await this.acquire(logicalId, pool);
    try {
      await isolate.ready;
      return await isolate.invoke(
        event,
        { functionName: fn.name, awsRequestId: requestId, invokedFunctionArn: this.arn(logicalId), memoryLimitInMB: '1024' },
        fn.timeoutSeconds * 1000,
      );
    } finally {
      this.release(pool, isolate);
      this.invocationMs.set(fn.name, (this.invocationMs.get(fn.name) ?? 0) + performance.now() - began);
    }
  }

  /** Ends every isolate (in-flight invocations fail). */
  async stop(): Promise<void> {
    const isolates = [...this.pools.values()].flatMap((pool) => pool.isolates);
    this.pools.clear();
    await Promise.all(isolates.map((isolate) => isolate.terminate()));
  }

  /** Isolates running now, by function name (for tests and the docs' memory figures). */
  isolates(): Record<string, number> {
    return Object.fromEntries([...this.pools].map(([logicalId, pool]) => [this.get(logicalId).name, pool.isolates.filter((isolate) => isolate.alive).length]));
  }

  private pool(logicalId: string): Pool {
    let pool = this.pools.get(logicalId);
    if (pool === undefined) {
      pool = { isolates: [], waiting: [], load: new Map() };
      this.pools.set(logicalId, pool);
    }
    return pool;
  }

  private start(logicalId: string, pool: Pool): FunctionIsolate {
    const isolate = new FunctionIsolate(this.bundles.bundleOf(this.get(logicalId).entry), this.environmentOf(logicalId));
    pool.isolates.push(isolate);
    return isolate;
  }

  /**
   * An isolate with room: the least busy warm one under `invocationsPerIsolate`, else a new one
   * under `maxIsolates`, else the next one released.
   */
  private async acquire(logicalId: string, pool: Pool): Promise<FunctionIsolate> {
    for (;;) {
      pool.isolates = pool.isolates.filter((isolate) => isolate.alive);
      const load = (isolate: FunctionIsolate) => pool.load.get(isolate) ?? 0;
      const accepting = pool.isolates.filter((isolate) => isolate.accepting);
      const best = accepting.filter((isolate) => load(isolate) < this.invocationsPerIsolate).sort((a, b) => load(a) - load(b))[0];
      const chosen = best ?? (accepting.length < this.maxIsolates ? this.start(logicalId, pool) : undefined);
      if (chosen !== undefined) {
        pool.load.set(chosen, load(chosen) + 1);
        return chosen;
      }
      await new Promise<void>((resolve) => pool.waiting.push(resolve));
    }
  }

  private release(pool: Pool, isolate: FunctionIsolate): void {
    const left = (pool.load.get(isolate) ?? 1) - 1;
    if (left > 0 && isolate.alive) pool.load.set(isolate, left);
    else pool.load.delete(isolate);
    pool.waiting.shift()?.();
  }
}
