/**
 * The AWS JSON protocols (awsJson1_0, awsJson1_1) as the edge's X-Amz-Target services answer:
 * a JSON body, and errors as `{"__type", "message"}` with status 400/500.
 */
import type { EdgeRequest, EdgeResponse } from './edge';

/** A service error, answered in the protocol's error shape. */
export class JsonServiceError extends Error {
  constructor(
    /** `__type`, e.g. `ValidationException` or `com.amazonaws.sqs#QueueDoesNotExist`. */
    readonly type: string,
    message: string,
    readonly statusCode = 400,
    /** awsQueryCompatible services (SQS): the query error code and fault, `x-amzn-query-error`. */
    readonly queryError?: string,
  ) {
    super(message);
    this.name = 'JsonServiceError';
  }
}

/** The protocol's content type for JSON version `1.0` or `1.1`. */
export function jsonContentType(version: '1.0' | '1.1'): string {
  return `application/x-amz-json-${version}`;
}

/** A successful answer. */
export function jsonResult(version: '1.0' | '1.1', body: unknown): EdgeResponse {
  return { statusCode: 200, headers: { 'Content-Type': jsonContentType(version) }, body: JSON.stringify(body ?? {}) };
}

/** An error answer. */
export function jsonError(version: '1.0' | '1.1', error: JsonServiceError): EdgeResponse {
  return {
    statusCode: error.statusCode,
    headers: {
      'Content-Type': jsonContentType(version),
      'x-amzn-ErrorType': error.type,
      ...(error.queryError !== undefined && { 'x-amzn-query-error': error.queryError }),
    },
    body: JSON.stringify({ __type: error.type, message: error.message }),
  };
}

/** The request body as a JSON object, or a SerializationException. */
export function parseJsonBody(request: EdgeRequest, serializationType = 'SerializationException'): Record<string, unknown> {
  const text = request.body.toString('utf8').trim();
  if (text === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new JsonServiceError(serializationType, 'Start of structure or map found where not expected, or the body is not JSON.');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new JsonServiceError(serializationType, 'The request body must be a JSON object.');
  }
  return value as Record<string, unknown>;
}

/** Operations of one X-Amz-Target service. */
export type JsonOperations = Record<string, (input: Record<string, unknown>, request: EdgeRequest) => Promise<unknown>>;

/**
 * Serves `<prefix>.<Operation>` targets with `operations`; unknown operations and thrown
 * {@link JsonServiceError}s are answered in the protocol's error shape.
 */
export async function serveJson(
  version: '1.0' | '1.1',
  prefix: string,
  operations: JsonOperations,
  request: EdgeRequest,
  unknownOperation: (name: string) => JsonServiceError = (name) => new JsonServiceError('UnknownOperationException', `Operation ${name} is not supported by the embedded default`),
): Promise<EdgeResponse> {
  const name = (request.target ?? '').slice(prefix.length + 1);
  const operation = Object.hasOwn(operations, name) ? operations[name] : undefined;
  try {
    if (operation === undefined) throw unknownOperation(name);
    return jsonResult(version, await operation(parseJsonBody(request), request));
  } catch (error) {
    if (error instanceof JsonServiceError) return jsonError(version, error);
    throw error;
  }
}
