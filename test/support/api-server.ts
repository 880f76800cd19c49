import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Api } from '../../lambdas/api/api';

/** An API core served over plain HTTP on loopback, with a Security Hub SDK client pointed at it. */
export interface ServedApi {
  client: SecurityHubClient;
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * Serves `api` as API Gateway would hand it requests (raw path, the router decodes labels), and
 * returns a `@aws-sdk/client-securityhub` client for it (no retries, so errors surface at once).
 * Every request comes from `options.identity` (default `tester`).
 */
export async function serveApi(api: Api, options: { identity?: string } = {}): Promise<ServedApi> {
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      void api({
        method: request.method ?? 'GET',
        path: url.pathname,
        body: Buffer.concat(chunks).toString('utf8'),
        query: Object.fromEntries(url.searchParams),
        multiValueQuery: Object.fromEntries([...new Set(url.searchParams.keys())].map((key) => [key, url.searchParams.getAll(key)])),
        caller: { identity: options.identity ?? 'tester' },
        requestId: 'req',
      }).then((result) => {
        response.writeHead(result.statusCode, result.headers);
        response.end(result.body);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new SecurityHubClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
  return {
    client,
    endpoint,
    async stop() {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
