/**
 * The Security Hub–compatible API as a function from an HTTP request to an HTTP response:
 * route, scope the caller (./caller-scope.ts: the administrator sees all, a member account its own
 * account), parse the JSON body, check the envelope, call the operation, map errors to the wire.
 * No AWS SDK, no environment, no logger: the handler adapts events to it and logs what it returns.
 */
import type { CallerContext } from '../store';
import { InvalidInputError } from '../shared/errors';
import { isObject, type JsonObject } from './envelope';
import { MALFORMED_JSON_MESSAGE, UnknownOperationError, toWireError } from './errors';
import type { ApiOperation, ApiServices, ServiceLocation } from './operation';
import { OPERATIONS } from './operations';
import { createRouter } from './router';
import { authorizeOperation, callerScope, scopedInput, scopedServices } from './caller-scope';

/** An HTTP request, transport-neutral. */
export interface ApiRequest {
  method: string;
  path: string;
  /** The raw body (already base64-decoded), or `undefined`/empty when there is none. */
  body?: string | null;
  query?: Record<string, string | undefined> | null;
  /** Every value of each query-string member, when a member repeats (API Gateway's `multiValueQueryStringParameters`). */
  multiValueQuery?: Record<string, string[] | undefined> | null;
  caller: CallerContext;
  requestId: string;
  /** Account and Region of the API (deployed: the Lambda's own); the embedded default's when absent. */
  location?: ServiceLocation;
}

/** The embedded default's account and Region. */
export const LOCAL_LOCATION: ServiceLocation = { accountId: '000000000000', region: 'us-east-1', partition: 'aws' };

/** Stable log keys of one request. */
export interface ApiRequestLog {
  operation: string;
  status: number;
  errorType?: string;
  [key: string]: unknown;
}

/** An HTTP response, plus what to log about it. */
export interface ApiResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  log: ApiRequestLog;
  /** The error behind a 5xx, for the logs only. */
  cause?: unknown;
}

/** Serves API requests against the given cores. */
export type Api = (request: ApiRequest) => Promise<ApiResponse>;

function parseBody(body: string | null | undefined): JsonObject {
  if (body === undefined || body === null || body.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    throw new InvalidInputError(`${MALFORMED_JSON_MESSAGE}: ${(error as Error).message}`);
  }
  if (!isObject(parsed)) throw new InvalidInputError('The request body must be a JSON object');
  return parsed;
}

function compactQuery(query: ApiRequest['query']): Record<string, string> {
  return Object.fromEntries(Object.entries(query ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** Builds the API over an operations registry (every operation of `OPERATIONS` by default). */
export function createApi(services: ApiServices, operations: readonly ApiOperation[] = OPERATIONS): Api {
  const route = createRouter(operations);
  return async (request) => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json', 'x-amzn-RequestId': request.requestId };
    const match = route(request.method, request.path);
    const operation = match.operation?.name ?? 'Unknown';
    try {
      if (match.operation === undefined) {
        const hint = match.allowedMethods.length > 0 ? ` (this path accepts ${match.allowedMethods.join(', ')})` : '';
        throw new UnknownOperationError(`No operation for ${request.method.toUpperCase()} ${request.path}${hint}`);
      }
      const location = request.location ?? LOCAL_LOCATION;
      const scope = await callerScope(request.caller, services, location);
      authorizeOperation(scope, match.operation.name);
      const parsed = match.operation.parse({
        body: parseBody(request.body),
        pathParameters: match.pathParameters,
        query: compactQuery(request.query),
        queryLists: Object.fromEntries(Object.entries(request.multiValueQuery ?? {}).filter((entry): entry is [string, string[]] => entry[1] !== undefined)),
      });
      const input = scopedInput(match.operation.name, parsed, scope);
      const result = await match.operation.invoke(input, scopedServices(services, scope), request.caller, location);
      return { statusCode: 200, headers, body: JSON.stringify(result.output), log: { operation, status: 200, ...result.log } };
    } catch (error) {
      const wire = toWireError(error);
      return {
        statusCode: wire.status,
        headers: { ...headers, 'x-amzn-ErrorType': wire.type },
        body: JSON.stringify(wire.body),
        log: { operation, status: wire.status, errorType: wire.type, errorMessage: wire.body.Message },
        cause: wire.status >= 500 ? error : undefined,
      };
    }
  };
}
