/**
 * Calls of our own operations (not in Security Hub's model, e.g. `POST /compliance/scores`) through
 * the same `SecurityHubClient`, so they get its endpoint, SigV4 signing (execute-api for a deployed
 * API), retries and error classes: a modelled command carries the request, two middlewares swap
 * its path and body before signing and take the raw JSON answer before the SDK deserializes it.
 */
import type { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { defineCommand, type CommandSpec, type Output } from './command-spec';
import { securityHub } from './sdk';

/** The path of the modelled operation that carries the request (GetEnabledStandards: `POST /standards/get`). */
const CARRIER_PATH = '/standards/get';

interface HttpMessage {
  path?: string;
  body?: unknown;
  headers: Record<string, string>;
  statusCode?: number;
}

async function readBody(body: unknown): Promise<Buffer> {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (body instanceof Uint8Array) return Buffer.from(body);
  if (typeof body === 'string') return Buffer.from(body);
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
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

/** POSTs `input` as JSON to `path` on the client's endpoint (below its stage path, if any); resolves to the JSON answer. */
export async function sendOwnOperation(client: SecurityHubClient, path: string, input: Record<string, unknown>): Promise<Output> {
  // A restJson1 POST with a JSON body, like ours; its own path and body are replaced below.
  const command = new (securityHub().GetEnabledStandardsCommand)({});
  const body = JSON.stringify(input);
  let answer: Output = {};
  command.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as HttpMessage;
      request.path = ownOperationPath(request.path, path);
      request.body = body;
      request.headers['content-type'] = 'application/json';
      request.headers['content-length'] = String(Buffer.byteLength(body));
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
        answer = bytes.length > 0 ? (JSON.parse(bytes.toString('utf8')) as Output) : {};
        response.body = Buffer.from('{}');
      } else {
        // Errors go on to the SDK's deserializer, which raises the modelled exception.
        response.body = bytes;
      }
      return result;
    },
    { step: 'deserialize', priority: 'low', name: 'sechubOwnOperationResponse' },
  );
  await client.send(command);
  return answer;
}

/** Our own command that is one POST of our API to `path` with its flags' members as the JSON body. */
export function ownOperation(path: string, spec: Omit<CommandSpec, 'send' | 'schema'>): CommandSpec {
  return defineCommand({ ...spec, send: (client, input) => sendOwnOperation(client, path, input) });
}
