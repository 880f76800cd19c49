/**
 * The runtime inside a function's isolate (a `worker_threads` Worker): loads the handler file
 * once (its module scope runs with the function's own `process.env`, as on Lambda), then runs
 * one invocation per message with the event and a Lambda context. Loaded by function-isolate.ts
 * through tsx's CommonJS hook, so TypeScript handlers load whatever runs the engine (tsx, Jest).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { serializeError, type InvokeMessage, type IsolateData, type IsolateMessage } from './isolate-protocol';
import { lambdaContext } from './lambda-context';

type Handler = (event: unknown, context: ReturnType<typeof lambdaContext>) => unknown;

function post(message: IsolateMessage): void {
  parentPort?.postMessage(message);
}

function loadHandler(entry: string): Handler {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const handler = (require(entry) as { handler?: unknown }).handler;
  if (typeof handler !== 'function') {
    const error = new Error(`${entry} exports no function 'handler'`);
    error.name = 'Runtime.HandlerNotFound';
    throw error;
  }
  return handler as Handler;
}

async function run(handler: Handler, message: InvokeMessage): Promise<void> {
  try {
    const result = await handler(JSON.parse(message.event), lambdaContext(message.context));
    post({ type: 'result', id: message.id, ...(result !== undefined && { payload: JSON.stringify(result) }) });
  } catch (error) {
    post({ type: 'error', id: message.id, error: serializeError(error) });
  }
}

function main(): void {
  const { entry } = workerData as IsolateData;
  let handler: Handler;
  try {
    handler = loadHandler(entry);
  } catch (error) {
    post({ type: 'load-error', error: serializeError(error) });
    return;
  }
  parentPort?.on('message', (message: InvokeMessage) => void run(handler, message));
  post({ type: 'ready' });
}

main();
