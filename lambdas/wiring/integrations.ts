/**
 * The deployed (and embedded-default) wiring of the delivery core: the configuration from
 * `INTEGRATIONS_CONFIG`, the findings store and link store on `FINDINGS_TABLE`, secrets through
 * Powertools' cached `getSecret`, and the HTTP client — pointed at the local capture endpoint when
 * `SECHUB_INTEGRATIONS_CAPTURE_URL` is set (only the embedded default sets it).
 */
import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { requireEnv } from '../shared/env';
import { FindingsStore } from '../store';
import { integrationsConfigFromEnv } from '../integrations';
import { credentialResolver } from '../integrations';
import type { DeliveryDeps } from '../integrations';
import { httpSender } from '../integrations';
import { DynamoLinkStore } from '../integrations';
import { awsClient } from '../shared/clients';

/** The variable naming the local capture endpoint. */
export const CAPTURE_URL_ENV = 'SECHUB_INTEGRATIONS_CAPTURE_URL';
/** Secrets are cached this long (seconds) by each function instance. */
const SECRET_MAX_AGE = 300;

/** Variables that tune the HTTP client's retries (defaults: 3 retries, from 500 ms). */
export const HTTP_RETRY_ENV = { retries: 'INTEGRATIONS_HTTP_RETRIES', backoffMs: 'INTEGRATIONS_HTTP_BACKOFF_MS' } as const;

function tuning(env: Record<string, string | undefined>): { minTimeoutMs?: number; retries?: number } {
  const read = (name: string, max: number) => {
    const text = env[name];
    if (text === undefined || text === '') return undefined;
    const value = Number(text);
    if (!Number.isInteger(value) || value < 0 || value > max) throw new Error(`${name}='${text}' is invalid: expected an integer 0..${max}`);
    return value;
  };
  const retries = read(HTTP_RETRY_ENV.retries, 10);
  const minTimeoutMs = read(HTTP_RETRY_ENV.backoffMs, 60_000);
  return { ...(retries !== undefined && { retries }), ...(minTimeoutMs !== undefined && { minTimeoutMs }) };
}

/** Delivery dependencies from `env` (the configuration, the table, the capture endpoint, the retry tuning). */
export function deliveryDepsFromEnv(env: Record<string, string | undefined>): DeliveryDeps {
  const config = integrationsConfigFromEnv(env);
  const tableName = env.FINDINGS_TABLE ?? requireEnv('FINDINGS_TABLE');
  const client = awsClient(DynamoDBClient);
  // Reads and BatchUpdateFindings only: no import stages.
  const store = new FindingsStore({ client, tableName });
  const captureUrl = env[CAPTURE_URL_ENV] || undefined;
  return {
    config,
    send: httpSender({ ...tuning(env), ...(captureUrl !== undefined && { captureUrl }) }),
    credential: credentialResolver({
      capture: captureUrl !== undefined,
      getSecret: async (name) => {
        const value = await getSecret(name, { maxAge: SECRET_MAX_AGE });
        return typeof value === 'string' ? value : undefined;
      },
    }),
    links: new DynamoLinkStore(client, tableName),
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
