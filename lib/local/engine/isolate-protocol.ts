/**
 * The messages between the engine and a function's isolate (a `worker_threads` Worker running
 * function-runtime.ts). Events and results cross as JSON text, as Lambda's runtime API carries them.
 */
import type { InvocationContext } from './lambda-context';

/** Engine → isolate: run the handler once. */
export interface InvokeMessage {
  id: number;
  /** The event, as JSON text. */
  event: string;
  context: InvocationContext;
}

/** An error as it crosses the isolate boundary. */
export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  /** Node's error code (`MODULE_NOT_FOUND`…), when the error had one. */
  code?: string;
}

/** Isolate → engine. */
export type IsolateMessage =
  | { type: 'ready' }
  | { type: 'load-error'; error: SerializedError }
  | { type: 'result'; id: number /** JSON text; absent when the handler returned `undefined`. */; payload?: string }
  | { type: 'error'; id: number; error: SerializedError };

/** Flattens an error (or anything thrown) into its serializable fields. */
export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const code = (error as NodeJS.ErrnoException).code;
  return { name: error.name, message: error.message, stack: error.stack, ...(typeof code === 'string' && { code }) };
}

/** Rebuilds an error on the engine's side, with the isolate's name, message, stack and code. */
export function deserializeError(serialized: SerializedError): Error {
  const error = new Error(serialized.message) as NodeJS.ErrnoException;
  error.name = serialized.name;
  error.stack = serialized.stack ?? `${serialized.name}: ${serialized.message}`;
  if (serialized.code !== undefined) error.code = serialized.code;
  return error;
}
