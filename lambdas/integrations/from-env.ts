/**
 * The deployed (and embedded-default) wiring of the delivery core: the configuration from
 * `INTEGRATIONS_CONFIG`, the findings store and link store on `FINDINGS_TABLE`, secrets through
 * Powertools' cached `getSecret`, and the HTTP client — pointed at the local capture endpoint when
 * `SECHUB_INTEGRATIONS_CAPTURE_URL` is set (only the embedded default sets it).
 */
import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { requireEnv } from '../shared/env';
import { findingsStoreFromEnv } from '../shared/store/from-env';
import { integrationsConfigFromEnv } from './config';
import { credentialResolver } from './credentials';
import type { DeliveryDeps } from './deliver';
import { httpSender } from './http';
import { DynamoLinkStore } from './state/link-store';

/** The variable naming the local capture endpoint. */
export const CAPTURE_URL_ENV = 'SECHUB_INTEGRATIONS_CAPTURE_URL';
/** Secrets are cached this long (seconds) by each function instance. */
const SECRET_MAX_AGE = 300;

/** Delivery dependencies from `env`; `http` tunes the client (tests shorten the backoff). */
export function deliveryDepsFromEnv(env: Record<string, string | undefined>, http: { minTimeoutMs?: number; retries?: number } = {}): DeliveryDeps {
  const config = integrationsConfigFromEnv(env);
  const tableName = env.FINDINGS_TABLE ?? requireEnv('FINDINGS_TABLE');
  const store = findingsStoreFromEnv();
  const captureUrl = env[CAPTURE_URL_ENV] || undefined;
  return {
    config,
    send: httpSender({ ...http, ...(captureUrl !== undefined && { captureUrl }) }),
    credential: credentialResolver({
      capture: captureUrl !== undefined,
      getSecret: async (name) => {
        const value = await getSecret(name, { maxAge: SECRET_MAX_AGE });
        return typeof value === 'string' ? value : undefined;
      },
    }),
    links: new DynamoLinkStore(new DynamoDBClient({}), tableName),
    findings: {
      async read(identifier) {
        const { Findings } = await store.getFindings({
          Filters: { Id: [{ Value: identifier.Id, Comparison: 'EQUALS' }], ProductArn: [{ Value: identifier.ProductArn, Comparison: 'EQUALS' }] },
          MaxResults: 1,
        });
        return Findings[0];
      },
      async update(request, identity) {
        const result = await store.updateFindings(request, { identity });
        const failed = result.UnprocessedFindings[0];
        if (failed !== undefined) throw new Error(`Finding ${failed.FindingIdentifier.Id} not updated: ${failed.ErrorCode} ${failed.ErrorMessage}`);
      },
    },
    now: () => new Date(),
  };
}
