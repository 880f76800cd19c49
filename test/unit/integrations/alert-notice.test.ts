import { readAlertNotice } from '../../../lambdas/integrations/alert-notice';
import { approvalMessage } from '../../../lambdas/triage/alerts/approval-message';
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
    expect(notice.sections.What).toBe(`A test finding\ntype Software and Configuration Checks/Vulnerabilities/CVE; product ${finding.ProductArn}`);
    // The router's message grew a Console line and an explain-alert command (fields are added, never renamed: docs/alerts.md).
    expect(Object.keys(notice.sections)).toEqual(['What', 'Where', 'How bad', 'Why now', 'Grouped', 'Finding', 'Console', 'Act']);
    expect(notice.commands).toHaveLength(5);
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

  it('reads an approval alert: the finding from its attributes (the body has no --product-arn) and the commands under Decide:', () => {
    const finding = { Id: 'arn:aws:s3:::bucket/finding 1', ProductArn: 'arn:aws:securityhub:us-east-1::product/aws/securityhub' };
    const message = approvalMessage({
      remediationId: 'r-7',
      playbookId: 's3-block-public-access',
      executionArn: 'arn:aws:states:us-east-1:000000000000:execution:x:r-7',
      finding,
      requestedBy: 'alice',
      requestedAt: '2026-12-07T10:00:00.000Z',
      deadline: '2026-12-08T10:00:00.000Z',
      summary: 'turn on Block Public Access on bucket b',
      approvers: [],
      reason: 'Remediate action',
      timeoutSeconds: 86_400,
      reminders: [],
      approve: 'sechub approve-remediation --remediation-id r-7',
      reject: 'sechub reject-remediation --remediation-id r-7 --reason "…"',
    });
    const notice = readAlertNotice(sns(message));

    expect(notice.identifier).toEqual(finding);
    expect(notice.reason).toBe('approval-requested');
    expect(notice.commands).toEqual(['npx sechub approve-remediation --remediation-id r-7', "npx sechub reject-remediation --remediation-id r-7 --reason 'why not'"]);
  });

  it('refuses a record without a message', () => {
    expect(() => readAlertNotice({ ...sns({ subject: 's', body: 'b', attributes: {} }), Message: '' })).toThrow('Sns.Message: expected the alert body');
  });
});
