import type { Context } from 'aws-lambda';
import { createRouteAlertsHandler } from '../../../../lambdas/functions/route-alerts/handler';
import { DEFAULT_ALERT_CONFIG } from '../../../../lambdas/triage/alerts/config';
import type { AlertDecisionRecord, AlertDecisions } from '../../../../lambdas/triage/alerts/decision-store';
import type { AlertGroups } from '../../../../lambdas/triage/alerts/group-store';
import type { AlertMessage } from '../../../../lambdas/triage/alerts/message';
import { created, findingEvent, storedFinding } from '../../../support/alert-changes';

process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

const context = (account: string) =>
  ({ invokedFunctionArn: `arn:aws:lambda:us-east-1:${account}:function:route-alerts`, functionName: 'route-alerts', awsRequestId: 'r-1' }) as Context;

/** Groups that always open a new window: the handler's own behaviour is under test, not grouping. */
const openEveryTime: AlertGroups = {
  apply: async ({ now }) => ({ send: true, rule: 'group-opened', reason: 'first alert', previousHighest: 'none', count: 1, openedAt: now.toISOString() }),
  settle: async () => undefined,
  state: async () => undefined,
};

/** Decisions that are never stored: each event is decided afresh. */
const forgetful: AlertDecisions = {
  get: async () => undefined,
  create: async (record: AlertDecisionRecord) => record,
  claim: async () => true,
  release: async () => undefined,
  markSent: async () => undefined,
  list: async () => [],
};

describe('route-alerts handler', () => {
  let messages: AlertMessage[];
  const handler = () => {
    messages = [];
    return createRouteAlertsHandler(() => ({
      groups: openEveryTime,
      decisions: forgetful,
      publish: async (message) => void messages.push(message),
      config: DEFAULT_ALERT_CONFIG,
      now: () => new Date(),
    }));
  };

  it('routes a finding event of its own account to the topic', async () => {
    const outcome = await handler()(findingEvent(storedFinding(), created()) as never, context('111122223333'));
    expect(outcome).toMatchObject({ outcome: 'published', rule: 'group-opened' });
    expect(messages).toHaveLength(1);
  });

  it('ignores a finding event put on the app bus by another account (the organization may put events there)', async () => {
    const outcome = await handler()(findingEvent(storedFinding(), created()) as never, context('999988887777'));
    expect(outcome).toMatchObject({ outcome: 'not-alerted', rule: 'foreign-account' });
    expect(messages).toHaveLength(0);
  });

  it('alerts on a failed remediation, whatever the finding, with the error and the commands to look and retry', async () => {
    const event = {
      ...findingEvent(storedFinding(), created()),
      'detail-type': 'Remediation Failed',
      detail: {
        remediationId: 'rem-1',
        playbookId: 's3-block-public-access',
        executionArn: 'arn:aws:states:us-east-1:111122223333:execution:sm:rem-1',
        finding: { Id: 'finding-1', ProductArn: 'arn:aws:securityhub:us-east-1::product/aws/securityhub' },
        accountId: '444455556666',
        region: 'us-east-1',
        resourceArn: 'arn:aws:s3:::public-bucket',
        error: { Error: 'S3.AccessDenied', Cause: 'not allowed' },
      },
    };
    const outcome = await handler()(event as never, context('111122223333'));
    expect(outcome).toMatchObject({ outcome: 'published', rule: 'remediation-failed' });
    expect(messages).toHaveLength(1);
    expect(messages[0].subject).toBe('[REMEDIATION FAILED] s3-block-public-access on arn:aws:s3:::public-bucket');
    expect(messages[0].body).toContain('Error:     S3.AccessDenied: not allowed');
    expect(messages[0].body).toContain('npx sechub get-remediation --remediation-id rem-1');
    expect(messages[0].attributes).toMatchObject({ reason: { StringValue: 'remediation-failed' }, account: { StringValue: '444455556666' } });
  });

  it('fails the invocation on an unreadable remediation failure, naming the member', async () => {
    const event = { ...findingEvent(storedFinding(), created()), 'detail-type': 'Remediation Failed', detail: { playbookId: 'x', executionArn: 'y' } };
    await expect(handler()(event as never, context('111122223333'))).rejects.toThrow('detail.remediationId: expected a string');
  });

  it('fails the invocation on an unreadable event, so it is retried and dead-lettered', async () => {
    const event = { ...findingEvent(storedFinding(), created()), detail: { findings: [] } };
    await expect(handler()(event as never, context('111122223333'))).rejects.toThrow('detail.findings: expected exactly one finding');
  });

  it('alerts on a remediation awaiting approval, as its own kind of alert', async () => {
    const detail = {
      remediationId: 'rem-1',
      playbookId: 'ec2-isolate-instance',
      executionArn: 'arn:aws:states:us-east-1:111122223333:execution:remediation-ec2-isolate-instance:rem-1',
      finding: { Id: 'gd-1', ProductArn: 'arn:aws:securityhub:us-east-1::product/aws/guardduty' },
      requestedBy: 'cli:alice',
      requestedAt: '2026-12-07T10:00:00.000Z',
      deadline: '2026-12-08T10:00:00.000Z',
      timeoutSeconds: 86_400,
      reminders: ['2026-12-07T22:00:00.000Z', '2026-12-08T09:00:00.000Z'],
      approvers: [],
      summary: 'snapshot the volumes of instance i-0abc and isolate it',
      reason: 'applies',
      approve: 'sechub approve-remediation --remediation-id rem-1',
      reject: 'sechub reject-remediation --remediation-id rem-1 --reason "…"',
    };
    const event = { ...findingEvent(storedFinding(), created()), 'detail-type': 'Remediation Awaiting Approval', detail };
    const outcome = await handler()(event as never, context('111122223333'));
    expect(outcome).toMatchObject({ outcome: 'published', rule: 'approval-requested', findingId: 'gd-1' });
    expect(messages[0].subject).toBe('[APPROVAL NEEDED] ec2-isolate-instance on gd-1');
    expect(messages[0].body).toContain('What would change: snapshot the volumes of instance i-0abc and isolate it');
    expect(messages[0].body).toContain('Approvers:  anyone allowed to call ApproveRemediation');
    expect(messages[0].attributes.alertKind).toEqual({ DataType: 'String', StringValue: 'approval-requested' });
  });

  it('rejects an approval event without its deadline, naming the field', async () => {
    const event = {
      ...findingEvent(storedFinding(), created()),
      'detail-type': 'Remediation Awaiting Approval',
      detail: { remediationId: 'r', playbookId: 'p', executionArn: 'e' },
    };
    await expect(handler()(event as never, context('111122223333'))).rejects.toThrow('detail.deadline: expected a string');
  });
});
