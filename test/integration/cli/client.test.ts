import { GetFindingsCommand } from '@aws-sdk/client-securityhub';
import { Agent, createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, LookupFunction } from 'node:net';
import { createSecurityHubClient, endpointKind } from '../../../bin/cli/client';

describe('endpointKind', () => {
  it('signs for execute-api in the Region of an API Gateway host', () => {
    expect(endpointKind('https://a1b2c3.execute-api.eu-west-1.amazonaws.com/prod')).toEqual({
      signingName: 'execute-api',
      region: 'eu-west-1',
      loopback: false,
    });
  });

  it('signs for securityhub elsewhere, and knows loopback hosts', () => {
    expect(endpointKind('http://127.0.0.1:4580')).toEqual({ signingName: 'securityhub', loopback: true });
    expect(endpointKind('https://securityhub.us-east-1.amazonaws.com')).toEqual({ signingName: 'securityhub', loopback: false });
  });
});

describe('createSecurityHubClient signing', () => {
  let server: Server;
  let port: number;
  const seen: Array<{ url?: string; headers: IncomingHttpHeaders }> = [];
  // Resolves every host name to this machine, so an execute-api host name reaches the local server.
  const lookup = ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
    else callback(null, '127.0.0.1', 4);
  }) as unknown as LookupFunction;

  beforeAll(async () => {
    server = createServer((request, response) => {
      seen.push({ url: request.url, headers: request.headers });
      request.resume();
      response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"Findings":[]}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('signs requests to an API Gateway endpoint for execute-api, in its Region, under the stage path', async () => {
    const client = createSecurityHubClient({
      endpoint: `http://a1b2c3.execute-api.eu-west-1.amazonaws.com:${port}/prod`,
      env: {},
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
      requestHandler: { httpAgent: new Agent({ lookup }) },
    });
    await client.send(new GetFindingsCommand({}));
    client.destroy();

    const last = seen[seen.length - 1];
    expect(last.url).toBe('/prod/findings');
    expect(last.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/execute-api\/aws4_request,/);
  });

  it('signs requests to the embedded default for securityhub with local credentials', async () => {
    const client = createSecurityHubClient({ endpoint: `http://127.0.0.1:${port}`, env: {} });
    await client.send(new GetFindingsCommand({}));
    client.destroy();

    expect(seen[seen.length - 1].headers.authorization).toMatch(/Credential=local\/\d{8}\/us-east-1\/securityhub\/aws4_request,/);
  });
});
