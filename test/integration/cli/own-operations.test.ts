/**
 * Our own operations (`POST /compliance/scores` …) go through the SDK client with their own path:
 * below the endpoint's path, as the SDK sends modelled operations (a deployed API's stage, `/v1`),
 * the same as the console's client does. A loopback server records what arrives.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSecurityHubClient } from '../../../bin/cli/client';
import { ownOperationPath, sendOwnOperation } from '../../../bin/cli/own-operations';
import { runCli } from '../../../bin/cli/run';

let server: Server;
let base: string;
const received: Array<{ method?: string; url?: string; body: string }> = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      received.push({ method: request.method, url: request.url, body });
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(request.url?.endsWith('/findings') ? '{"Findings":[]}' : '{"Answer":"ok"}');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((done) => server.close(done));
});

beforeEach(() => {
  received.length = 0;
});

it('keeps the endpoint path (a stage) in front of our operation path', async () => {
  const client = createSecurityHubClient({ endpoint: `${base}/v1`, env: {} });
  try {
    expect(await sendOwnOperation(client, '/compliance/scores', { HistoryDays: 7 })).toEqual({ Answer: 'ok' });
  } finally {
    client.destroy();
  }
  expect(received).toEqual([{ method: 'POST', url: '/v1/compliance/scores', body: '{"HistoryDays":7}' }]);
});

it('sends to the bare path on an endpoint without one', async () => {
  const client = createSecurityHubClient({ endpoint: base, env: {} });
  try {
    await sendOwnOperation(client, '/remediations/list', {});
  } finally {
    client.destroy();
  }
  expect(received.map((request) => request.url)).toEqual(['/remediations/list']);
});

it('sechub puts own and modelled operations under the same stage path', async () => {
  const io = { stdout: () => undefined, stderr: () => undefined, env: {} };
  expect(await runCli(['get-security-scores', '--endpoint-url', `${base}/prod/`], io)).toBe(0);
  expect(await runCli(['get-findings', '--endpoint-url', `${base}/prod`, '--max-results', '1'], io)).toBe(0);
  expect(received.map((request) => request.url)).toEqual(['/prod/compliance/scores', '/prod/findings']);
});

it('refuses to guess when the carrier request has another path', () => {
  expect(ownOperationPath('/v1/standards/get', '/x')).toBe('/v1/x');
  expect(() => ownOperationPath('/v1/other', '/x')).toThrow("internal error: the carrier request's path is /v1/other");
});
