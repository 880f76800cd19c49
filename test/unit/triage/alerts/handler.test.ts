import type { Context } from 'aws-lambda';
import { createRouteAlertsHandler } from '../../../../lambdas/route-alerts/handler';
import { DEFAULT_ALERT_CONFIG } from '../../../../lambdas/triage/alerts/config';
import type { AlertGroups } from '../../../../lambdas/triage/alerts/group-store';
import type { AlertMessage } from '../../../../lambdas/triage/alerts/message';
import { created, findingEvent, storedFinding } from './support';

process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

const context = (account: string) => ({ invokedFunctionArn: `arn:aws:lambda:us-east-1:${account}:function:route-alerts`, functionName: 'route-alerts', awsRequestId: 'r-1' }) as Context;

/** Groups that always open a new window: the handler's own behaviour is under test, not grouping. */
const openEveryTime: AlertGroups = {
  record: async ({ now }) => ({ action: 'open', count: 1, openedAt: now.toISOString(), previousHighestRank: -1, repeated: false }),
  wasPublished: async () => false,
  markPublished: async () => undefined,
};

describe('route-alerts handler', () => {
  let messages: AlertMessage[];
  const handler = () => {
    messages = [];
    return createRouteAlertsHandler(() => ({ groups: openEveryTime, publish: async (message) => void messages.push(message), config: DEFAULT_ALERT_CONFIG, now: () => new Date() }));
  };

  it('routes a finding event of its own account to the topic', async () => {
    const outcome = await handler()(findingEvent(storedFinding(), created()) as never, context('111122223333'));
    expect(outcome).toMatchObject({ outcome: 'published', rule: 'new' });
    expect(messages).toHaveLength(1);
  });

  it('ignores a finding event put on the app bus by another account (the organization may put events there)', async () => {
    const outcome = await handler()(findingEvent(storedFinding(), created()) as never, context('999988887777'));
    expect(outcome).toMatchObject({ outcome: 'not-alerted', rule: 'foreign-account' });
    expect(messages).toHaveLength(0);
  });

  it('fails the invocation on an unreadable event, so it is retried and dead-lettered', async () => {
    const event = { ...findingEvent(storedFinding(), created()), detail: { findings: [] } };
    await expect(handler()(event as never, context('111122223333'))).rejects.toThrow('detail.findings: expected exactly one finding');
  });
});
