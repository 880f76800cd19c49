import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';
import middy from '@middy/core';
import type { EventBridgeEvent } from 'aws-lambda';
import { requireEnv } from '../../shared/env';
import type { FindingsImportedDetail } from '../../events';
import { alertConfigFrom } from '../../triage';
import { DynamoAlertDecisions } from '../../triage';
import { DynamoAlertGroups } from '../../triage';
import { readRemediationFailed, remediationFailedMessage } from '../../triage';
import { approvalMessage, readAwaitingApproval } from '../../triage';
import type { AlertMessage, MessageOptions } from '../../triage';
import { routeFindingEvent, type AlertRouterDeps, type RouteOutcome } from '../../triage';
import { REMEDIATION_EVENTS } from '../../remediation';
import { snsPublisher } from '../../triage';
import { createLogger } from '../../shared/logger';
import { awsClient } from '../../shared/clients';

/** Remediation events that alert whatever the finding's severity, not grouped (each is its own decision to make). */
const REMEDIATION_ALERTS: Record<string, (detail: unknown, options?: MessageOptions) => { message: AlertMessage; findingId: string; remediationId: string }> = {
  [REMEDIATION_EVENTS.failed]: (detail) => {
    const failure = readRemediationFailed(detail);
    return { message: remediationFailedMessage(failure), findingId: failure.finding.Id, remediationId: failure.remediationId };
  },
  [REMEDIATION_EVENTS.awaitingApproval]: (detail, options) => {
    const wait = readAwaitingApproval(detail);
    return { message: approvalMessage(wait, options), findingId: wait.finding.Id, remediationId: wait.remediationId };
  },
  [REMEDIATION_EVENTS.approvalReminder]: (detail, options) => {
    const wait = readAwaitingApproval(detail);
    return { message: approvalMessage(wait, options), findingId: wait.finding.Id, remediationId: wait.remediationId };
  },
};

/** A finding event as the rule delivers it (or a remediation failure, which always alerts). */
export type FindingEvent = EventBridgeEvent<'Security Hub Findings - Imported', FindingsImportedDetail>;

/** The deployed wiring: `FINDINGS_TABLE`, `ALERT_TOPIC_ARN`, the `ALERT_*` settings, `SECHUB_API_URL` for the commands. */
export function routerDepsFromEnv(env: Record<string, string | undefined> = process.env): AlertRouterDeps {
  const table = env.FINDINGS_TABLE ?? requireEnv('FINDINGS_TABLE');
  const topicArn = env.ALERT_TOPIC_ARN ?? requireEnv('ALERT_TOPIC_ARN');
  const dynamo = awsClient(DynamoDBClient);
  return {
    groups: new DynamoAlertGroups(dynamo, table),
    decisions: new DynamoAlertDecisions(dynamo, table),
    publish: snsPublisher(awsClient(SNSClient), topicArn),
    config: alertConfigFrom(env),
    now: () => new Date(),
    message: env.SECHUB_API_URL ? { apiUrl: env.SECHUB_API_URL } : {},
  };
}

/**
 * The alert router (target of the rule on `Security Hub Findings - Imported` events; events put
 * by another account are ignored): middy + logger around {@link routeFindingEvent}. An unreadable event or a failed write
 * or publish throws, so Lambda retries and then dead-letters the event.
 */
export function createRouteAlertsHandler(createDeps: () => AlertRouterDeps = routerDepsFromEnv) {
  const logger = createLogger();
  let deps: AlertRouterDeps | undefined;
  return middy<FindingEvent, RouteOutcome>()
    .use(injectLambdaContext(logger, { clearState: true }))
    .handler(async (event, context) => {
      deps ??= createDeps();
      // The app bus also accepts the organization's member accounts: only this account's own
      // finding events (put by the findings store's publisher) may alert.
      const ownAccount = context.invokedFunctionArn?.split(':')[4];
      if (ownAccount !== undefined && event.account !== ownAccount) {
        logger.warn('Finding event from another account ignored', { eventId: event.id, account: event.account });
        return { outcome: 'not-alerted', rule: 'foreign-account', findingId: '', version: 0 };
      }
      try {
        const remediationAlert = REMEDIATION_ALERTS[event['detail-type'] as string];
        if (remediationAlert !== undefined) {
          const { message, findingId, remediationId } = remediationAlert(event.detail, deps.message);
          await deps.publish(message);
          logger.info('Remediation alerted', { eventId: event.id, remediationId, alertKind: message.attributes.alertKind?.StringValue });
          return { outcome: 'published', rule: message.attributes.reason.StringValue, findingId, version: 0 };
        }
        const outcome = await routeFindingEvent(event, deps);
        logger.info('Finding event routed', { eventId: event.id, ...outcome });
        return outcome;
      } catch (error) {
        logger.error('Finding event not routed', { eventId: event.id, error: error as Error });
        throw error;
      }
    });
}

export const handler = createRouteAlertsHandler();
