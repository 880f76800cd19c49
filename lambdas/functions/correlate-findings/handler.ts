/**
 * The correlate-findings handler: the findings table's stream (finding items; the event source
 * mapping filters) in batches → {@link correlateRecords}. Thin: middy + logger; the answer is
 * Lambda's partial batch response (ReportBatchItemFailures), so a failed record and the ones after
 * it are retried and then reach the dead-letter queue as the batch's position.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import middy from '@middy/core';
import { requireEnv } from '../../shared/env';
import { findingsStoreFromEnv } from '../../wiring/findings-store';
import { DynamoSummaryStore, type SummaryStore } from '../../triage';
import { correlateRecords, type CorrelationStore } from '../../triage';
import type { CorrelationStreamRecord } from '../../triage';
import { createLogger } from '../../shared/logger';
import { awsClient } from '../../shared/clients';

/** The stream event Lambda delivers. */
export interface CorrelationStreamEvent {
  Records: CorrelationStreamRecord[];
}

/** What the handler works with. */
export interface CorrelationDeps {
  store: CorrelationStore;
  summaries: SummaryStore;
}

/** The deployed wiring: the findings store and the summaries in `FINDINGS_TABLE`. */
export function correlationDepsFromEnv(): CorrelationDeps {
  return { store: findingsStoreFromEnv(), summaries: new DynamoSummaryStore(awsClient(DynamoDBClient), requireEnv('FINDINGS_TABLE')) };
}

/** Builds the handler (tests pass their own deps). */
export function createCorrelationHandler(createDeps: () => CorrelationDeps = correlationDepsFromEnv) {
  const logger = createLogger();
  let deps: CorrelationDeps | undefined;
  return middy<CorrelationStreamEvent, { batchItemFailures: Array<{ itemIdentifier: string }> }>()
    .use(injectLambdaContext(logger, { clearState: true }))
    .handler(async (event) => {
      deps ??= createDeps();
      const { batchItemFailures, ...outcome } = await correlateRecords(deps.store, deps.summaries, event.Records ?? []);
      if (batchItemFailures.length > 0) logger.error('Findings not correlated', { ...outcome, retryFrom: batchItemFailures[0].itemIdentifier });
      else logger.info('Findings correlated', outcome);
      return { batchItemFailures };
    });
}

export const handler = createCorrelationHandler();
