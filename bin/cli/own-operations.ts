/**
 * Calls of our own operations (not in Security Hub's model, e.g. `POST /compliance/scores`) through
 * the same `SecurityHubClient`, so they get its endpoint, SigV4 signing (execute-api for a deployed
 * API), retries and error classes: a modelled command carries the request, two middlewares swap
 * its path and body before signing and take the raw JSON answer before the SDK deserializes it.
 */
import { GetEnabledStandardsCommand, type SecurityHubClient } from '@aws-sdk/client-securityhub';
import type { Output } from './commands';

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

/** POSTs `input` as JSON to `path` on the client's endpoint; resolves to the JSON answer. */
export async function sendOwnOperation(client: SecurityHubClient, path: string, input: Record<string, unknown>): Promise<Output> {
  // A restJson1 POST with a JSON body, like ours; its own path and body are replaced below.
  const command = new GetEnabledStandardsCommand({});
  const body = JSON.stringify(input);
  let answer: Output = {};
  command.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as HttpMessage;
      request.path = path;
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
