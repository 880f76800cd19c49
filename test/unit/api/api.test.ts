import { createApi, type ApiRequest } from '../../../lambdas/api/api';
import { InvalidInputError, LimitExceededError, ResourceNotFoundError, InvalidAccessError } from '../../../lambdas/shared/errors';
import type { AwsSecurityFinding } from '../../../lambdas/asff/types';
import type { FindingsStoreApi } from '../../../lambdas/store/types';

const plan = { access: 'scan', partitions: 0, indexItemsRead: 0, itemsRead: 3, itemsReturned: 1, sortedInMemory: false };

/** A store that answers from fixed values and records what it was asked. */
function fakeStore(overrides: Partial<FindingsStoreApi> = {}): FindingsStoreApi & { calls: unknown[][] } {
  const calls: unknown[][] = [];
  return {
    calls,
    importFindings: async (findings, caller) => {
      calls.push(['import', findings, caller]);
      return { SuccessCount: findings.length, FailedCount: 0, FailedFindings: [] };
    },
    updateFindings: async () => ({ ProcessedFindings: [], UnprocessedFindings: [] }),
    getFindings: async (request) => {
      calls.push(['get', request]);
      return { Findings: [{ Id: 'f-1' } as unknown as AwsSecurityFinding], NextToken: 'next', plan };
    },
    getFindingHistory: async () => ({ Records: [] }),
    forEachFindingPage: async (filters, visit) => {
      calls.push(['forEach', filters]);
      await visit([{ Id: 'f-1' } as unknown as AwsSecurityFinding]);
      return { plan, maxPage: 1 };
    },
    ...overrides,
  };
}

function request(method: string, path: string, body?: unknown): ApiRequest {
  return {
    method,
    path,
    body: typeof body === 'string' ? body : body === undefined ? undefined : JSON.stringify(body),
    caller: { identity: 'arn:aws:iam::000000000000:user/alice' },
    requestId: 'req-1',
  };
}

describe('createApi', () => {
  it('returns the operation output as JSON with status 200', async () => {
    const api = createApi({ findings: fakeStore() });
    const response = await api(request('POST', '/findings/import', { Findings: [{ Id: 'a' }] }));
    expect(response.statusCode).toBe(200);
    expect(response.headers['Content-Type']).toBe('application/json');
    expect(JSON.parse(response.body)).toEqual({ SuccessCount: 1, FailedCount: 0, FailedFindings: [] });
  });

  it('passes the caller to the store', async () => {
    const store = fakeStore();
    await createApi({ findings: store })(request('POST', '/findings/import', { Findings: [{}] }));
    expect(store.calls[0][2]).toEqual({ identity: 'arn:aws:iam::000000000000:user/alice' });
  });

  it('keeps the query plan off the wire and puts it in the log', async () => {
    const response = await createApi({ findings: fakeStore() })(request('POST', '/findings', {}));
    expect(JSON.parse(response.body)).toEqual({ Findings: [{ Id: 'f-1' }], NextToken: 'next' });
    expect(response.log).toMatchObject({ operation: 'GetFindings', status: 200, plan });
  });

  it('treats an empty body as an empty request', async () => {
    const store = fakeStore();
    const response = await createApi({ findings: store })(request('POST', '/findings'));
    expect(response.statusCode).toBe(200);
    expect(store.calls[0][1]).toEqual({});
  });

  it('answers malformed JSON with InvalidInputException', async () => {
    const response = await createApi({ findings: fakeStore() })(request('POST', '/findings/import', '{"Findings": ['));
    expect(response.statusCode).toBe(400);
    expect(response.headers['x-amzn-ErrorType']).toBe('InvalidInputException');
    expect(JSON.parse(response.body)).toEqual({ Code: 'InvalidInputException', Message: expect.stringMatching(/^The request body is not valid JSON: /) });
  });

  it('answers a body that is not an object with InvalidInputException', async () => {
    const response = await createApi({ findings: fakeStore() })(request('POST', '/findings', '[1]'));
    expect(response.headers['x-amzn-ErrorType']).toBe('InvalidInputException');
  });

  it('answers an unknown route with a 404 UnknownOperationException', async () => {
    const response = await createApi({ findings: fakeStore() })(request('DELETE', '/findings'));
    expect(response.statusCode).toBe(404);
    expect(response.headers['x-amzn-ErrorType']).toBe('UnknownOperationException');
    expect(JSON.parse(response.body).Message).toBe('No operation for DELETE /findings (this path accepts POST)');
    expect(response.log).toMatchObject({ operation: 'Unknown', status: 404 });
  });

  it.each([
    [new InvalidInputError('bad filter'), 400, 'InvalidInputException'],
    [new LimitExceededError('too many'), 429, 'LimitExceededException'],
    [new ResourceNotFoundError('no such'), 404, 'ResourceNotFoundException'],
    [new InvalidAccessError('not yours'), 401, 'InvalidAccessException'],
  ])('maps the store error %p to %i %s', async (error, status, type) => {
    const api = createApi({ findings: fakeStore({ getFindings: async () => Promise.reject(error) }) });
    const response = await api(request('POST', '/findings', {}));
    expect(response.statusCode).toBe(status);
    expect(response.headers['x-amzn-ErrorType']).toBe(type);
    expect(JSON.parse(response.body)).toEqual({ Code: type, Message: error.message });
    expect(response.cause).toBeUndefined();
  });

  it('hides an unexpected error behind InternalException and keeps it for the log', async () => {
    const failure = new Error('dynamo exploded: secret detail');
    const api = createApi({ findings: fakeStore({ getFindings: async () => Promise.reject(failure) }) });
    const response = await api(request('POST', '/findings', {}));
    expect(response.statusCode).toBe(500);
    expect(response.headers['x-amzn-ErrorType']).toBe('InternalException');
    expect(response.body).not.toContain('secret');
    expect(response.cause).toBe(failure);
  });
});
