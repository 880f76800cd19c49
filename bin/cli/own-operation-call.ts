/**
 * The one client side of our own operations (not in Security Hub's model, e.g.
 * `POST /compliance/scores`), shared by `sechub` (bin/cli/own-operations.ts) and the console
 * (console/src/api/client.ts): the call goes through a `SecurityHubClient`, so it gets its
 * endpoint, SigV4 signing (execute-api for a deployed API), retries and error classes — a modelled
 * command carries the request, two middlewares swap its path and body before signing and take the
 * raw JSON answer before the SDK deserializes it. Portable: no Node API (the console type-checks
 * and bundles it for the browser).
 */
import type { GetEnabledStandardsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';

/** The path of the modelled operation that carries the request (GetEnabledStandards: `POST /standards/get`). */
const CARRIER_PATH = '/standards/get';

interface HttpMessage {
  path?: string;
  body?: unknown;
  headers: Record<string, string>;
  statusCode?: number;
}

/** A response body as bytes: bytes, text, a Node stream (async iterable) or a browser stream. */
async function readBody(body: unknown): Promise<Uint8Array> {
  if (body === undefined || body === null) return new Uint8Array();
  if (body instanceof Uint8Array) return body;
  if (typeof body === 'string') return new TextEncoder().encode(body);
  if (typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
    const chunks: Uint8Array[] = [];
    for await (const chunk of body as AsyncIterable<Uint8Array | string>) chunks.push(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk);
    const bytes = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.length;
    }
    return bytes;
  }
  return new Uint8Array(await new Response(body as ConstructorParameters<typeof Response>[0]).arrayBuffer());
}

/**
 * The path of our operation `path` on the endpoint of a request the SDK built for the carrier: the
 * endpoint's own path (a deployed API's stage, `/v1`) stays in front, as the SDK keeps it for
 * modelled operations.
 */
export function ownOperationPath(requestPath: string | undefined, path: string): string {
  if (requestPath === undefined || !requestPath.endsWith(CARRIER_PATH)) {
    throw new Error(`internal error: the carrier request's path is ${String(requestPath)}, not …${CARRIER_PATH}`);
  }
  return `${requestPath.slice(0, -CARRIER_PATH.length).replace(/\/+$/, '')}${path}`;
}

/**
 * POSTs `input` as JSON to `path` on the client's endpoint (below its stage path, if any), carried
 * by `Carrier` (the SDK's `GetEnabledStandardsCommand`, passed in: the CLI loads the SDK lazily);
 * resolves to the JSON answer, or rejects with the SDK's modelled exception.
 */
export async function callOwnOperation<T>(client: SecurityHubClient, Carrier: typeof GetEnabledStandardsCommand, path: string, input: Record<string, unknown>): Promise<T> {
  const command = new Carrier({});
  const body = JSON.stringify(input);
  let answer: unknown = {};
  command.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as HttpMessage;
      request.path = ownOperationPath(request.path, path);
      request.body = body;
      request.headers['content-type'] = 'application/json';
      request.headers['content-length'] = String(new TextEncoder().encode(body).length);
      return next(args);
    },
    { step: 'build', priority: 'high', name: 'sechubOwnOperationRequest' },
  );
  command.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      const response = result.response as HttpMessage;
      const bytes = await readBody(response.body);
      if (response.statusCode !== undefined && response.statusCode < 300) {
        answer = bytes.length > 0 ? JSON.parse(new TextDecoder().decode(bytes)) : {};
        response.body = new TextEncoder().encode('{}');
      } else {
        response.body = bytes; // errors go on to the SDK's deserializer, which raises the modelled exception
      }
      return result;
    },
    { step: 'deserialize', priority: 'low', name: 'sechubOwnOperationResponse' },
  );
  await client.send(command);
  return answer as T;
}
