import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request a fake destination received. */
export interface ReceivedRequest {
  method: string;
  /** Path and query. */
  url: string;
  headers: IncomingHttpHeaders;
  body: unknown;
  raw: string;
}

/** How the fake destination answers a request: status and JSON body. */
export type Responder = (request: ReceivedRequest) => { status: number; body?: unknown; headers?: Record<string, string> };

/** A loopback HTTP server standing in for Slack, Teams, PagerDuty, Opsgenie, Jira or ServiceNow, recording every request. */
export interface DestinationServer {
  url: string;
  requests: ReceivedRequest[];
  respond: Responder;
  stop(): Promise<void>;
}

/** Starts a fake destination answering 200 `{}` until `respond` is replaced. */
export async function startDestinationServer(): Promise<DestinationServer> {
  const state: DestinationServer = { url: '', requests: [], respond: () => ({ status: 200, body: {} }), stop: async () => undefined };
  const server: Server = createServer((message, response) => {
    const chunks: Buffer[] = [];
    message.on('data', (chunk: Buffer) => chunks.push(chunk));
    message.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown = raw;
      try {
        body = raw === '' ? undefined : JSON.parse(raw);
      } catch {
        // not JSON: kept as text
      }
      const request: ReceivedRequest = { method: message.method ?? 'GET', url: message.url ?? '/', headers: message.headers, body, raw };
      state.requests.push(request);
      const answer = state.respond(request);
      response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      response.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}
