import { defineOperation, type ApiOperation } from '../../../lambdas/api/operation';
import { OPERATIONS } from '../../../lambdas/api/operations';
import { createRouter } from '../../../lambdas/api/router';

function operation(name: string, method: ApiOperation['method'], path: string): ApiOperation {
  return defineOperation({ name, method, path, parse: () => ({}), invoke: async () => ({ output: {} }) });
}

describe('createRouter', () => {
  const route = createRouter(OPERATIONS);

  it.each([
    ['POST', '/findings/import', 'BatchImportFindings'],
    ['POST', '/findings', 'GetFindings'],
    ['PATCH', '/findings/batchupdate', 'BatchUpdateFindings'],
    ['POST', '/findingHistory/get', 'GetFindingHistory'],
  ])('routes %s %s to %s', (method, path, name) => {
    expect(route(method, path).operation?.name).toBe(name);
  });

  it('ignores a trailing slash and a query string', () => {
    expect(route('POST', '/findings/?x=1').operation?.name).toBe('GetFindings');
  });

  it('reports the methods a known path accepts when the method does not match', () => {
    expect(route('GET', '/findings')).toEqual({ allowedMethods: ['POST'] });
  });

  it('reports no methods for an unknown path', () => {
    expect(route('POST', '/nope')).toEqual({ allowedMethods: [] });
  });

  it('binds path labels, greedy ones across slashes, URL-decoded', () => {
    const router = createRouter([operation('GetInsight', 'GET', '/insights/{InsightArn+}'), operation('GetOne', 'GET', '/things/{Id}')]);
    const match = router('GET', '/insights/arn%3Aaws%3Asecurityhub/custom/1');
    expect(match.operation?.name).toBe('GetInsight');
    expect(match).toMatchObject({ pathParameters: { InsightArn: 'arn:aws:securityhub/custom/1' } });
    expect(router('GET', '/things/a/b').operation).toBeUndefined();
  });

  it('refuses two operations on the same route', () => {
    expect(() => createRouter([operation('A', 'POST', '/x'), operation('B', 'POST', '/x')])).toThrow('Duplicate route POST /x');
  });
});
