/**
 * Errors on the wire, as Security Hub's restJson1 protocol sends them: the status, the
 * `x-amzn-ErrorType` header (what `@aws-sdk/client-securityhub` reads first to pick the exception
 * class; then body `code`, then `__type`) and a body with `Code` and `Message` (the SDK takes
 * `message`, else `Message`, as the exception's message).
 */
import { SecurityHubError } from '../shared/errors';

/** No operation is served at this method + path. */
export class UnknownOperationError extends SecurityHubError {
  constructor(message: string) {
    super(message, 'UnknownOperationException', 404);
  }
}

/** The body of a request is not JSON: Security Hub answers it as invalid input. */
export const MALFORMED_JSON_MESSAGE = 'The request body is not valid JSON';

/** An error as sent: status, error type and the body's members. */
export interface WireError {
  status: number;
  type: string;
  body: { Code: string; Message: string };
}

/**
 * Maps anything thrown while serving a request to the wire. Only `SecurityHubError`s show their
 * message; anything else is an `InternalException` with a generic message (the cause is logged,
 * not sent).
 */
export function toWireError(error: unknown): WireError {
  if (error instanceof SecurityHubError) {
    return { status: error.status, type: error.type, body: { Code: error.code, Message: error.message } };
  }
  const message = 'Internal service error';
  return { status: 500, type: 'InternalException', body: { Code: 'InternalException', Message: message } };
}
