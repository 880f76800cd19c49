/**
 * The stack's functions in this process: each handler file loaded with `require` (CommonJS, also
 * under the CLI's tsx/cjs hook, where a dynamic `import()` cannot resolve TypeScript), with the
 * function's own environment while its module loads, invoked with a Lambda context.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import { lambdaContext } from './lambda-proxy';
import type { LocalFunction } from './stack-model';

/** A Lambda handler (middy handlers included). */
export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

/** Variables a local run must not take from the template (they would change this process). */
const PROCESS_VARIABLES = new Set(['NODE_OPTIONS']);

/**
 * Variables with one value across all functions: set once for the process, so handlers that read
 * them lazily (e.g. the store's table on the first event) see them.
 */
export function sharedEnvironment(functions: readonly LocalFunction[]): Record<string, string> {
  const shared: Record<string, string> = {};
  const [first, ...rest] = functions;
  for (const [key, value] of Object.entries(first?.environment ?? {})) {
    if (!PROCESS_VARIABLES.has(key) && rest.every((fn) => fn.environment[key] === value)) shared[key] = value;
  }
  return shared;
}

/** The functions of the stack model, loaded on first use. */
export class LocalFunctions {
  private readonly handlers = new Map<string, LambdaHandler>();
  private readonly invocationCounts = new Map<string, number>();

  constructor(
    private readonly functions: Record<string, LocalFunction>,
    private readonly root: string,
  ) {}

  get(logicalId: string): LocalFunction {
    const fn = this.functions[logicalId];
    if (fn === undefined) throw new Error(`No function ${logicalId} in the stack`);
    return fn;
  }

  /**
   * Loads a function's handler. Its environment is in place while the module loads (handlers read
   * it at module scope), then restored: functions share this process. Throws when it cannot load.
   */
  load(logicalId: string): LambdaHandler {
    const cached = this.handlers.get(logicalId);
    if (cached !== undefined) return cached;
    const fn = this.get(logicalId);
    const previous: Record<string, string | undefined> = {};
    for (const [key, value] of Object.entries(fn.environment)) {
      if (PROCESS_VARIABLES.has(key)) continue;
      previous[key] = process.env[key];
      process.env[key] = value;
    }
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const handler = (require(join(this.root, fn.entry)) as { handler?: unknown }).handler;
      if (typeof handler !== 'function') throw new TypeError(`${fn.entry} exports no function 'handler'`);
      this.handlers.set(logicalId, handler as LambdaHandler);
      return handler as LambdaHandler;
    } finally {
      for (const [key, value] of Object.entries(previous)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  }

  /** Invocations so far, by function name (for the bench's invocations per finding). */
  invocations(): Record<string, number> {
    return Object.fromEntries(this.invocationCounts);
  }

  /** Invokes a loaded handler once with a Lambda context of the function. */
  async invoke(logicalId: string, event: unknown, requestId: string = randomUUID()): Promise<unknown> {
    const fn = this.get(logicalId);
    const handler = this.load(logicalId);
    this.invocationCounts.set(fn.name, (this.invocationCounts.get(fn.name) ?? 0) + 1);
    return handler(event, lambdaContext(fn.name, requestId, fn.timeoutSeconds * 1000));
  }
}
