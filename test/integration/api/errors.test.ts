import {
  GetFindingsCommand,
  InternalException,
  InvalidAccessException,
  InvalidInputException,
  LimitExceededException,
  ResourceNotFoundException,
  SecurityHubClient,
} from '@aws-sdk/client-securityhub';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApi } from '../../../lambdas/api/api';
import { InvalidAccessError, InvalidInputError, LimitExceededError, ResourceNotFoundError } from '../../../lambdas/shared/errors';
import type { FindingsStoreApi } from '../../../lambdas/store/types';

/** The API over plain HTTP, with a store whose getFindings throws whatever the test sets. */
describe('API errors as @aws-sdk/client-securityhub sees them', () => {
  let toThrow: unknown;
  let server: Server;
  let client: SecurityHubClient;

  beforeAll(async () => {
    const failing = { getFindings: async () => Promise.reject(toThrow) } as unknown as FindingsStoreApi;
    const api = createApi({ findings: failing });
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', async () => {
        const answer = await api({
          method: request.method ?? 'GET',
          path: request.url ?? '/',
          body,
          caller: { identity: 'caller' },
          requestId: 'r-1',
        });
        response.writeHead(answer.statusCode, answer.headers).end(answer.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    client = new SecurityHubClient({
      endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
  });

  afterAll(async () => {
    client.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it.each([
    [new InvalidInputError('bad input'), InvalidInputException, 400],
    [new LimitExceededError('too many'), LimitExceededException, 429],
    [new ResourceNotFoundError('not here'), ResourceNotFoundException, 404],
    [new InvalidAccessError('not yours'), InvalidAccessException, 401],
  ])('turns %p into the SDK exception with its message and status', async (thrown, Exception, status) => {
    toThrow = thrown;
    const error = await client.send(new GetFindingsCommand({})).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Exception);
    expect(error).toMatchObject({ message: thrown.message, Code: thrown.code, $metadata: { httpStatusCode: status } });
  });

  it('turns an unexpected error into InternalException', async () => {
    toThrow = new Error('boom');
    const error = await client.send(new GetFindingsCommand({})).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalException);
    expect(error).toMatchObject({ message: 'Internal service error', $fault: 'server' });
  });
});
