/**
 * The edge of the embedded default: one HTTP endpoint (like LocalStack's single port) in front of
 * every local service. A request goes to the first service of the registry that claims it, by
 * `X-Amz-Target` (JSON 1.0/1.1 services: EventBridge `AWSEvents.PutEvents`, Step Functions
 * `AWSStepFunctions.StartExecution`, Config `StarlingDoveService.*`) or by path (restJson1
 * services such as Security Hub).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { HEALTH_PATH } from './health';

/** An HTTP request as edge services see it. */
export interface EdgeRequest {
  method: string;
  /** Path without the query string, still URL-encoded. */
  path: string;
  query: URLSearchParams;
  /** Header names lower-cased; repeated headers joined with `, `. */
  headers: Record<string, string>;
  /** Headers in their original case and order. */
  rawHeaders: Array<[string, string]>;
  body: Buffer;
  /** `X-Amz-Target`, when present. */
  target?: string;
  sourceIp: string;
}

/** What an edge service answers. */
export interface EdgeResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

/** One local service behind the edge. */
export interface EdgeService {
  /** Short name, as in the start banner and the health check (`securityhub`, `events`…). */
  readonly name: string;
  /** True when this service serves the request. */
  matches(request: EdgeRequest): boolean;
  handle(request: EdgeRequest): Promise<EdgeResponse>;
}

export { HEALTH_PATH };

function toEdgeRequest(message: IncomingMessage, body: Buffer): EdgeRequest {
  const url = new URL(message.url ?? '/', 'http://edge');
  const rawHeaders: Array<[string, string]> = [];
  for (let i = 0; i < message.rawHeaders.length; i += 2) rawHeaders.push([message.rawHeaders[i], message.rawHeaders[i + 1]]);
  const headers: Record<string, string> = {};
  for (const [name, value] of rawHeaders) {
    const key = name.toLowerCase();
    headers[key] = headers[key] === undefined ? value : `${headers[key]}, ${value}`;
  }
  return {
    method: (message.method ?? 'GET').toUpperCase(),
    path: url.pathname,
    query: url.searchParams,
    headers,
    rawHeaders,
    body,
    target: headers['x-amz-target'],
    sourceIp: message.socket.remoteAddress ?? '127.0.0.1',
  };
}

function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): EdgeResponse {
  return { statusCode, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

/** Routes one request through the registry (exported for tests; the server calls it). */
export async function routeEdgeRequest(services: readonly EdgeService[], request: EdgeRequest): Promise<EdgeResponse> {
  if (request.method === 'GET' && request.path === HEALTH_PATH) {
    return json(200, { status: 'running', services: services.map((service) => service.name) });
  }
  const service = services.find((candidate) => candidate.matches(request));
  if (service === undefined) {
    const what = request.target === undefined ? `${request.method} ${request.path}` : `X-Amz-Target ${request.target}`;
    const message = `No local service serves ${what}`;
    return json(404, { Code: 'UnknownOperationException', Message: message }, { 'x-amzn-ErrorType': 'UnknownOperationException' });
  }
  return service.handle(request);
}

function send(response: ServerResponse, answer: EdgeResponse): void {
  const body = typeof answer.body === 'string' ? Buffer.from(answer.body, 'utf8') : answer.body;
  response.writeHead(answer.statusCode, { ...answer.headers, 'Content-Length': String(body.length) });
  response.end(body);
}

/** An HTTP server (not yet listening) that serves the registry. */
export function createEdgeServer(services: readonly EdgeService[], onError: (error: unknown) => void = () => undefined): Server {
  return createServer((message, response) => {
    const chunks: Buffer[] = [];
    message.on('data', (chunk: Buffer) => chunks.push(chunk));
    message.on('end', () => {
      routeEdgeRequest(services, toEdgeRequest(message, Buffer.concat(chunks)))
        .then((answer) => send(response, answer))
        .catch((error: unknown) => {
          onError(error);
          const text = 'Internal error in the embedded default';
          send(response, json(500, { Code: 'InternalException', Message: text }, { 'x-amzn-ErrorType': 'InternalException' }));
        });
    });
  });
}
