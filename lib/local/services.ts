/**
 * The services behind the embedded default's edge, in match order. Later services are one entry
 * each, e.g. EventBridge: `{ name: 'events', matches: (r) => r.target?.startsWith('AWSEvents.') … }`.
 */
import type { EdgeService } from './edge';
import { lambdaProxyService, type ProxyHandler } from './lambda-proxy';

/** The local services; handlers load lazily, so call this after the environment is set. */
export function localServices(): EdgeService[] {
  return [
    lambdaProxyService({
      name: 'securityhub',
      functionName: 'sechub-api',
      // restJson1: no X-Amz-Target; every other path gets the API's own UnknownOperationException.
      matches: (request) => request.target === undefined,
      // `require` keeps the lazy load inside CommonJS (also under the CLI's `tsx/cjs` hook).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      load: async () => (require('../../lambdas/api/handler') as typeof import('../../lambdas/api/handler')).handler as ProxyHandler,
    }),
  ];
}
