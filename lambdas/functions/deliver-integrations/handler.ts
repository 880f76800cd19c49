import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { EventBridgeEvent, SNSEvent } from 'aws-lambda';
import type { FindingsImportedDetail } from '../../events';
import { deliverAlert, deliverFindingEvent, readAlertNotice, type DeliveryDeps, type DestinationOutcome } from '../../integrations';
import { deliveryDepsFromEnv } from '../../wiring/integrations';
import { createLogger } from '../../shared/logger';

/** What invokes it: the alerts topic (SNS) or a rule on finding events (EventBridge). */
export type DeliverEvent = SNSEvent | EventBridgeEvent<'Security Hub Findings - Imported', FindingsImportedDetail>;

/**
 * Integrations delivery: alerts (SNS) to chat and paging destinations, finding events to ticket
 * lifecycles and paging resolves. Thin: middy + logger around the domain's core. A destination
 * that still fails after the HTTP retries makes the invocation throw (the finding is noted), so
 * Lambda retries it and then sends it to the dead-letter queue.
 */
export function createDeliverHandler(createDeps: () => DeliveryDeps = () => deliveryDepsFromEnv(process.env)) {
  const logger = createLogger();
  let deps: DeliveryDeps | undefined;
  return middy<DeliverEvent, DestinationOutcome[]>()
    .use(injectLambdaContext(logger, { clearState: true }))
    .handler(async (event, context) => {
      deps ??= createDeps();
      if ('Records' in event) {
        const outcomes: DestinationOutcome[] = [];
        for (const record of event.Records) {
          const notice = readAlertNotice(record.Sns);
          const result = await deliverAlert(notice, deps);
          logger.info('Alert delivered', { messageId: notice.messageId, findingId: notice.identifier?.Id, outcomes: result });
          outcomes.push(...result);
        }
        return outcomes;
      }
      // The app bus also accepts member accounts' events: only this account's own finding events count.
      const ownAccount = context.invokedFunctionArn?.split(':')[4];
      if (ownAccount !== undefined && event.account !== ownAccount) {
        logger.warn('Finding event from another account ignored', { eventId: event.id, account: event.account });
        return [];
      }
      const outcomes = await deliverFindingEvent(event.detail, deps);
      if (outcomes.length > 0) logger.info('Finding event delivered', { eventId: event.id, findingId: event.detail.findings[0]?.Id, outcomes });
      return outcomes;
    });
}

export const handler = createDeliverHandler();
