import { readAlertNotice } from '../../../lambdas/integrations/alert-notice';
import { alertMessage } from '../../../lambdas/triage/alerts/message';
import { remediationFailedMessage } from '../../../lambdas/triage/alerts/remediation-failure';
import { aFinding } from '../../support/findings';

const sns = (message: { subject: string; body: string; attributes: Record<string, { DataType: string; StringValue: string }> }) => ({
  Type: 'Notification',
  MessageId: 'm-1',
  TopicArn: 'arn:aws:sns:us-east-1:000000000000:alerts',
  Subject: message.subject,
  Message: message.body,
  Timestamp: '2026-12-07T10:00:00.000Z',
  SignatureVersion: '1',
  Signature: '',
  SigningCertUrl: '',
  UnsubscribeUrl: '',
  MessageAttributes: Object.fromEntries(Object.entries(message.attributes).map(([name, value]) => [name, { Type: value.DataType, Value: value.StringValue }])),
});

describe('readAlertNotice', () => {
  it("reads the router's alert: sections, commands, attributes and the finding it names (quotes in the id included)", () => {
    const finding = aFinding({ Id: "it's-a-finding", ProductFields: { 'opensecurityhub/Priority': '85' } });
    const notice = readAlertNotice(sns(alertMessage(finding, { kind: 'new' }, { count: 1, openedAt: '2026-12-07T10:00:00.000Z', windowMinutes: 60 })));

    expect(notice.identifier).toEqual({ Id: "it's-a-finding", ProductArn: finding.ProductArn });
    expect(notice).toMatchObject({ severity: 'HIGH', priority: 85, reason: 'new', account: '111122223333', messageId: 'm-1' });
    expect(notice.sections.What).toBe('A test finding\ntype Software and Configuration Checks/Vulnerabilities/CVE; product ' + finding.ProductArn);
    expect(Object.keys(notice.sections)).toEqual(['What', 'Where', 'How bad', 'Why now', 'Grouped', 'Finding', 'Act']);
    expect(notice.commands).toHaveLength(4);
    expect(notice.commands.every((command) => command.startsWith('npx sechub '))).toBe(true);
  });

  it('reads a remediation failure, naming its finding through Finding: and --product-arn', () => {
    const message = remediationFailedMessage({
      remediationId: 'r-1',
      playbookId: 's3-block-public-access',
      executionArn: 'arn:aws:states:us-east-1:000000000000:execution:x:y',
      finding: { Id: 'finding-9', ProductArn: 'arn:aws:securityhub:us-east-1::product/aws/securityhub' },
      error: { Error: 'AccessDenied', Cause: 'not allowed' },
    } as never);

    const notice = readAlertNotice(sns(message));

    expect(notice.identifier).toEqual({ Id: 'finding-9', ProductArn: 'arn:aws:securityhub:us-east-1::product/aws/securityhub' });
    expect(notice).toMatchObject({ severity: 'HIGH', reason: 'remediation-failed' });
    expect(notice.sections.Error).toBe('AccessDenied: not allowed');
  });

  it('refuses a record without a message', () => {
    expect(() => readAlertNotice({ ...sns({ subject: 's', body: 'b', attributes: {} }), Message: '' })).toThrow('Sns.Message: expected the alert body');
  });
});
