/**
 * The findings table's stream → finding events on the app's bus (the event source mapping filters
 * to finding items, INSERT and MODIFY). Thin: middy + logger around {@link publishFindingEvents};
 * the answer is Lambda's partial batch response (ReportBatchItemFailures).
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import middy from '@middy/core';
import { requireEnv } from '../../shared/env';
import type { FindingStreamRecord } from '../../events';
import { publishFindingEvents, type PublishDeps, type StreamBatchResponse } from '../../events';
import { createLogger } from '../../shared/logger';
import { awsClient } from '../../shared/clients';

/** The stream event Lambda delivers (the members the publisher reads). */
export interface FindingStreamEvent {
  Records: FindingStreamRecord[];
}

/** The deployed wiring: the bus from `EVENT_BUS_NAME`, EventBridge from the SDK's environment. */
export function publishDepsFromEnv(): PublishDeps {
  const events = awsClient(EventBridgeClient);
  return {
    eventBusName: process.env.EVENT_BUS_NAME ?? requireEnv('EVENT_BUS_NAME'),
    putEvents: (Entries) => events.send(new PutEventsCommand({ Entries })),
    pause: (attempt) => new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt)), // 200 ms, 400 ms
  };
}

/** Builds the handler (tests pass their own deps). */
export function createPublishHandler(createDeps: () => PublishDeps = publishDepsFromEnv) {
  const logger = createLogger();
  let deps: PublishDeps | undefined;
  return middy<FindingStreamEvent, StreamBatchResponse>()
    .use(injectLambdaContext(logger, { clearState: true }))
    .handler(async (event) => {
      deps ??= createDeps();
      const { batchItemFailures, failure, ...counts } = await publishFindingEvents(event.Records ?? [], deps);
      if (batchItemFailures.length > 0) logger.error('Finding events not published', { ...counts, failure, retryFrom: batchItemFailures[0].itemIdentifier });
      else logger.info('Finding events published', counts);
      return { batchItemFailures };
    });
}

export const handler = createPublishHandler();
