import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { EventBridgeEvent } from 'aws-lambda';
import type { FindingsImportedDetail } from '../shared/events/finding-events';
import { findingsStoreFromEnv } from '../shared/store/from-env';
import { correlateChange, type CorrelationOutcome, type CorrelationStore } from './correlate';

/** A finding event, as the rule delivers it. */
export type FindingImportedEvent = EventBridgeEvent<'Security Hub Findings - Imported', FindingsImportedDetail>;

/**
 * The correlate-findings handler (target of the rule on the app bus's finding events): middy +
 * logger around {@link correlateChange}. Writes that lost every retry to concurrent changes throw,
 * so Lambda retries the event and then dead-letters it.
 */
export function createCorrelationHandler(createStore: () => CorrelationStore = findingsStoreFromEnv) {
  const logger = new Logger({ serviceName: 'correlate-findings' });
  let store: CorrelationStore | undefined;
  return middy<FindingImportedEvent, CorrelationOutcome>()
    .use(injectLambdaContext(logger, { clearState: true }))
    .handler(async (event) => {
      store ??= createStore();
      const [finding] = event.detail.findings;
      const outcome = await correlateChange(store, finding);
      logger.info('Findings correlated', { findingId: finding.Id, productArn: finding.ProductArn, ...outcome });
      if (outcome.contended > 0) throw new Error(`${outcome.contended} correlated findings were changed concurrently too often; retrying the event`);
      return outcome;
    });
}

export const handler = createCorrelationHandler();
