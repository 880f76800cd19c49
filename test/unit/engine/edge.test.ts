import { routeEdgeRequest, type EdgeRequest, type EdgeService } from '../../../lib/local/engine';
import { callerArn, toProxyEvent } from '../../../lib/local/engine';

function edgeRequest(overrides: Partial<EdgeRequest> = {}): EdgeRequest {
  return {
    method: 'POST',
    path: '/findings',
    query: new URLSearchParams(),
    headers: {},
    rawHeaders: [],
    body: Buffer.from('{}'),
    sourceIp: '127.0.0.1',
    ...overrides,
  };
}

function service(name: string, matches: (request: EdgeRequest) => boolean): EdgeService {
  return { name, matches, handle: async () => ({ statusCode: 200, headers: {}, body: name }) };
}

describe('routeEdgeRequest', () => {
  const services = [service('events', (r) => r.target?.startsWith('AWSEvents.') ?? false), service('securityhub', (r) => r.target === undefined)];

  it('routes by X-Amz-Target before path', async () => {
    expect((await routeEdgeRequest(services, edgeRequest({ target: 'AWSEvents.PutEvents' }))).body).toBe('events');
  });

  it('routes restJson1 requests (no target) to Security Hub', async () => {
    expect((await routeEdgeRequest(services, edgeRequest())).body).toBe('securityhub');
  });

  it('answers an unclaimed target with a 404 UnknownOperationException', async () => {
    const response = await routeEdgeRequest(services, edgeRequest({ target: 'AWSStepFunctions.StartExecution' }));
    expect(response.statusCode).toBe(404);
    expect(response.headers['x-amzn-ErrorType']).toBe('UnknownOperationException');
  });

  it('lists the services on the health path', async () => {
    const response = await routeEdgeRequest(services, edgeRequest({ method: 'GET', path: '/_sechub/health' }));
    expect(JSON.parse(response.body as string)).toEqual({ status: 'running', services: ['events', 'securityhub'] });
  });
});

describe('toProxyEvent', () => {
  it('builds the payload-v1 event API Gateway would send', () => {
    const event = toProxyEvent(
      edgeRequest({
        method: 'PATCH',
        path: '/findings/batchupdate',
        query: new URLSearchParams('a=1&a=2'),
        rawHeaders: [
          ['Content-Type', 'application/json'],
          ['Authorization', 'AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/securityhub/aws4_request, ...'],
        ],
        headers: { authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/securityhub/aws4_request, ...' },
        body: Buffer.from('{"x":1}'),
      }),
      { apiId: 'securityhub', account: '000000000000' },
      'req-1',
    );
    expect(event).toMatchObject({
      httpMethod: 'PATCH',
      path: '/findings/batchupdate',
      body: '{"x":1}',
      isBase64Encoded: false,
      headers: { 'Content-Type': 'application/json' },
      queryStringParameters: { a: '2' },
      multiValueQueryStringParameters: { a: ['1', '2'] },
      requestContext: { requestId: 'req-1', stage: 'local', identity: { userArn: 'arn:aws:iam::000000000000:user/AKID' } },
    });
  });

  it('base64-encodes a body that is not UTF-8', () => {
    const event = toProxyEvent(edgeRequest({ body: Buffer.from([0xff, 0xfe]) }), { apiId: 'securityhub', account: '000000000000' });
    expect(event).toMatchObject({ isBase64Encoded: true, body: '//4=' });
  });

  it('has no caller without a SigV4 Authorization header', () => {
    expect(callerArn({}, '000000000000')).toBeNull();
  });
});
