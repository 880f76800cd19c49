/**
 * The runtime inside a function's isolate (a `worker_threads` Worker): bundled with the handler
 * (function-bundles.ts), it loads the handler module once (its module scope runs with the
 * function's own `process.env`, as on Lambda), then runs one invocation per message with the event
 * and a Lambda context.
 */
import { parentPort } from 'node:worker_threads';
import { serializeError, type InvokeMessage, type IsolateMessage } from './isolate-protocol';
import { lambdaContext } from './lambda-context';

type Handler = (event: unknown, context: ReturnType<typeof lambdaContext>) => unknown;

function post(message: IsolateMessage): void {
  parentPort?.postMessage(message);
}

function handlerOf(module: { handler?: unknown }): Handler {
  if (typeof module.handler !== 'function') {
    const error = new Error("The handler module exports no function 'handler'");
    error.name = 'Runtime.HandlerNotFound';
    throw error;
  }
  return module.handler as Handler;
}

async function run(handler: Handler, message: InvokeMessage): Promise<void> {
  try {
    const result = await handler(JSON.parse(message.event), lambdaContext(message.context));
    post({ type: 'result', id: message.id, ...(result !== undefined && { payload: JSON.stringify(result) }) });
  } catch (error) {
    post({ type: 'error', id: message.id, error: serializeError(error) });
  }
}

/** Loads the handler module (`load` requires it), then answers the engine's invocations. */
export function startRuntime(load: () => { handler?: unknown }): void {
  let handler: Handler;
  try {
    handler = handlerOf(load());
  } catch (error) {
    post({ type: 'load-error', error: serializeError(error) });
    return;
  }
  parentPort?.on('message', (message: InvokeMessage) => void run(handler, message));
  post({ type: 'ready' });
}
