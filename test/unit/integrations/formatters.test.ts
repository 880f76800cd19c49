import { readAlertNotice } from '../../../lambdas/integrations/alert-notice';
import { parseIntegrationsConfig } from '../../../lambdas/integrations/config';
import { jiraClosedTicket } from '../../../lambdas/integrations/destinations/jira';
import { opsgenieCreate } from '../../../lambdas/integrations/destinations/opsgenie';
import { dedupKey, pagerDutyTrigger } from '../../../lambdas/integrations/destinations/pagerduty';
import { correlationId, serviceNowClosedTicket } from '../../../lambdas/integrations/destinations/servicenow';
import { slackMessage } from '../../../lambdas/integrations/destinations/slack';
import { alertView } from '../../../lambdas/integrations/destinations/view';
import { jiraSignature, verifyBearerToken, verifyJiraSignature } from '../../../lambdas/integrations/inbound';
import { alertMessage } from '../../../lambdas/triage/alerts/message';
import { aFinding } from '../../support/findings';

const longId = `arn:aws:guardduty:us-east-1:111122223333:detector/d/finding/${'x'.repeat(400)}`;
const finding = aFinding({ Id: longId, Title: 'T'.repeat(300), Severity: { Label: 'CRITICAL' } });
const alert = alertMessage(finding, { kind: 'new' }, { count: 1, openedAt: '2026-12-07T10:00:00.000Z', windowMinutes: 60 });
const notice = readAlertNotice({
  Type: 'Notification',
  MessageId: 'm',
  TopicArn: 't',
  Subject: alert.subject,
  Message: alert.body,
  Timestamp: '2026-12-07T10:00:00.000Z',
  SignatureVersion: '1',
  Signature: '',
  SigningCertUrl: '',
  UnsubscribeUrl: '',
  MessageAttributes: Object.fromEntries(Object.entries(alert.attributes).map(([name, value]) => [name, { Type: value.DataType, Value: value.StringValue }])),
});
const [destination] = parseIntegrationsConfig({ destinations: [{ name: 'd', kind: 'slack', credentials: { value: 'https://hooks.slack.com/services/x' } }] }).destinations;
const context = (credential: string) => ({ destination, credential });

describe('formatters keep within the destinations’ limits', () => {
  it('cuts the Slack header to 150 characters', () => {
    const body = slackMessage(alertView(notice, finding, undefined), context('https://hooks.slack.com/services/x')).body as {
      attachments: Array<{ blocks: Array<{ type: string; text?: { text: string } }> }>;
    };
    expect(body.attachments[0].blocks[0].text!.text.length).toBeLessThanOrEqual(150);
  });

  it("hashes a finding id longer than PagerDuty's 255-character dedup_key, the same way each time", () => {
    const request = pagerDutyTrigger(alertView(notice, finding, undefined), finding, context('key'));
    expect((request.body as { dedup_key: string }).dedup_key).toBe(dedupKey(longId));
    expect(dedupKey(longId)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(dedupKey('short-id')).toBe('short-id');
  });

  it('keeps the Opsgenie message within 130 characters and the alias within 512', () => {
    const body = opsgenieCreate(alertView(notice, finding, undefined), finding, context('key')).body as { message: string; alias: string };
    expect(body.message.length).toBeLessThanOrEqual(130);
    expect(body.alias.length).toBeLessThanOrEqual(512);
  });

  it("keeps ServiceNow's correlation_id within 100 characters", () => {
    expect(correlationId(finding)).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});

describe('inbound payloads', () => {
  it('reads only a Jira update into a done status category as a close', () => {
    const issue = (key: string) => ({ webhookEvent: 'jira:issue_updated', issue: { key: 'SEC-7', fields: { status: { statusCategory: { key } } } } });
    expect(jiraClosedTicket(issue('done'))).toEqual({ key: 'SEC-7' });
    expect(jiraClosedTicket(issue('indeterminate'))).toBeUndefined();
    expect(jiraClosedTicket({ ...issue('done'), webhookEvent: 'jira:issue_created' })).toBeUndefined();
  });

  it('reads ServiceNow states 6, 7 and 8 as a close', () => {
    expect(['1', '2', '6', '7', '8', 6].map((state) => serviceNowClosedTicket({ number: 'INC1', state })?.key)).toEqual([undefined, undefined, 'INC1', 'INC1', 'INC1', 'INC1']);
  });

  it('verifies signatures and tokens exactly', () => {
    const body = Buffer.from('{"a":1}');
    expect(verifyJiraSignature({ 'x-hub-signature': jiraSignature(body, 's') }, body, 's')).toBe(true);
    expect(verifyJiraSignature({ 'x-hub-signature': jiraSignature(Buffer.from('{"a":2}'), 's') }, body, 's')).toBe(false);
    expect(verifyBearerToken({ authorization: 'Bearer tok' }, body, 'tok')).toBe(true);
    expect(verifyBearerToken({ authorization: 'Bearer tok2' }, body, 'tok')).toBe(false);
    expect(verifyBearerToken({ authorization: 'Basic tok' }, body, 'tok')).toBe(false);
  });
});
