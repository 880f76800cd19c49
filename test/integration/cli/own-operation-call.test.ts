/**
 * The one client side of our own operations (bin/cli/own-operation-call.ts), as the console and
 * `sechub` call it, against a loopback server that records what arrives: the path below the
 * endpoint's stage path, the JSON body, the signing service, the answer, and Security Hub's error.
 */
import { InvalidInputException, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendOwnOperation } from '../../../bin/cli/own-operations';

/** console/src/api/client.ts, loaded at run time: the root type-check has no DOM types for the console's sources (tsc -p console checks them). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createConsoleApi } = require('../../../console/src/api/client') as {
  createConsoleApi(
    config: Record<string, string>,
    provider: () => Promise<typeof credentials>,
  ): { hub: SecurityHubClient; own<T>(path: string, input: Record<string, unknown>): Promise<T> };
};

const credentials = { accessKeyId: 'own', secretAccessKey: 'own' };
let server: Server;
let endpoint: string;
const seen: Array<{ method?: string; url?: string; body: string; headers: IncomingHttpHeaders }> = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({ method: request.method, url: request.url, body, headers: request.headers });
      if (body.includes('"Bad"')) {
        response
          .writeHead(400, { 'content-type': 'application/json', 'x-amzn-errortype': 'InvalidInputException' })
          .end('{"Code":"InvalidInputException","Message":"Bad is not a member"}');
      } else response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ Echo: JSON.parse(body) }));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise((done) => server.close(done)));

it('the console (deployed): POSTs below the API stage, signed for execute-api, and reads the answer', async () => {
  const api = createConsoleApi(
    { mode: 'deployed', apiUrl: `${endpoint}/v1/`, region: 'eu-west-1', userPoolId: 'p', userPoolClientId: 'c', identityPoolId: 'i', authDomain: 'd' },
    async () => credentials,
  );
  seen.length = 0;
  await expect(api.own('/compliance/scores', { Scope: 'ACCOUNT' })).resolves.toEqual({ Echo: { Scope: 'ACCOUNT' } });
  expect(seen).toHaveLength(1);
  expect(seen[0]).toMatchObject({ method: 'POST', url: '/v1/compliance/scores', body: '{"Scope":"ACCOUNT"}' });
  expect(seen[0].headers.authorization).toMatch(/\/eu-west-1\/execute-api\/aws4_request/);
  await expect(api.own('/compliance/scores', { Bad: 1 })).rejects.toThrow(InvalidInputException);
  api.hub.destroy();
});

it('sechub: the same call through its lazily loaded SDK, with the same path rule and errors', async () => {
  const client = new SecurityHubClient({ endpoint: `${endpoint}/v1`, region: 'us-east-1', credentials });
  seen.length = 0;
  await expect(sendOwnOperation(client, '/findings/groups', { GroupByAttributes: ['SeverityLabel'] })).resolves.toEqual({ Echo: { GroupByAttributes: ['SeverityLabel'] } });
  expect(seen[0]).toMatchObject({ method: 'POST', url: '/v1/findings/groups' });
  expect(seen[0].headers['content-type']).toBe('application/json');
  await expect(sendOwnOperation(client, '/findings/groups', { Bad: 1 })).rejects.toThrow(InvalidInputException);
  client.destroy();
});
