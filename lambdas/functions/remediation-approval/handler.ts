import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { sendDueReminders, type SweepOutcome } from '../../remediation';
import { requestApproval } from '../../remediation';
import type { ApprovalRequestInput } from '../../remediation';
import { remediationContextFromEnv } from '../../wiring/remediation';
import { createLogger } from '../../shared/logger';

const logger = createLogger();
let context: ReturnType<typeof remediationContextFromEnv> | undefined;

/** The schedule's event (EventBridge `Scheduled Event`): sweep for due reminders. */
interface ScheduledEvent {
  'detail-type': 'Scheduled Event';
}

const isScheduled = (event: ApprovalRequestInput | ScheduledEvent): event is ScheduledEvent => (event as ScheduledEvent)['detail-type'] === 'Scheduled Event';

/**
 * Target of every playbook's Await Approval (`lambda:invoke.waitForTaskToken`): keeps the task
 * token on the record (AWAITING_APPROVAL), registers the wait and announces it; the execution
 * waits until ApproveRemediation / RejectRemediation completes the token, or its approval timeout.
 * Also the reminder sweep, on a schedule: the reminders due for the waits go out as events.
 */
export const handler = middy<ApprovalRequestInput | ScheduledEvent, { remediationId: string; status: string } | SweepOutcome>()
  .use(injectLambdaContext(logger, { clearState: true }))
  .handler(async (event) => {
    const ctx = (context ??= remediationContextFromEnv(process.env));
    if (isScheduled(event)) {
      const outcome = await sendDueReminders({ awaiting: ctx.awaiting, records: ctx.records, putEvent: ctx.putEvent, now: ctx.now });
      logger.info('Approval reminders swept', { waiting: outcome.waiting, reminded: outcome.reminded.length, dropped: outcome.dropped.length });
      return outcome;
    }
    const result = await requestApproval(event, {
      records: ctx.records,
      putEvent: ctx.putEvent,
      now: ctx.now,
      awaiting: ctx.awaiting,
      settings: async () => (await ctx.settings.get()).settings,
    });
    logger.info('Remediation awaiting approval', { remediationId: result.remediationId, executionArn: event.executionArn });
    return result;
  });
