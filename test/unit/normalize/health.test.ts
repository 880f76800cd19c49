import { validateFinding } from '../../../lambdas/asff/validate';
import { UnmappableEventError } from '../../../lambdas/normalize/errors';
import { healthSeverity, healthNormalizer, isSecurityRelated, normalizeHealth } from '../../../lambdas/normalize/health/normalize';
import type { SourceEvent } from '../../../lambdas/normalize/types';
import { sourceEvent } from '../../support/fixtures';

const load = (name: string): SourceEvent => sourceEvent(`health/${name}`) as SourceEvent;

describe('AWS Health → ASFF (the Security Hub User Guide field table)', () => {
  it('maps every documented field of a RISK event', () => {
    const finding = normalizeHealth(load('risk-credentials-exposed'))!;
    expect(validateFinding(finding)).toMatchObject({ ok: true });
    expect(finding).toMatchObject({
      ProductArn: 'arn:aws:securityhub:us-east-1::product/aws/health',
      ProductName: 'Health',
      CompanyName: 'AWS',
      AwsAccountId: '123456789012',
      GeneratorId: 'AWS_RISK_CREDENTIALS_EXPOSED',
      Title: 'AWS Health - AWS_RISK_CREDENTIALS_EXPOSED',
      Types: ['Software and Configuration Checks'],
      CreatedAt: '2024-02-12T10:30:00.000Z', // detail.startTime (RFC 1123 in the event)
      UpdatedAt: '2024-02-12T10:31:45Z', // the event's time
      Severity: { Label: 'CRITICAL', Normalized: 90 },
      Resources: [{ Type: 'Other', Id: 'AKIAIOSFODNN7EXAMPLE' }],
      Workflow: { Status: 'NEW' },
      RecordState: 'ACTIVE',
    });
    expect(finding.Description).toMatch(/^We have become aware that the AWS Access Key/);
    // detail.eventArn with the account + a hash of the start time
    expect(finding.Id).toMatch(/^arn:aws:health:global:123456789012:event\/RISK\/AWS_RISK_CREDENTIALS_EXPOSED\/.+\/[0-9A-F]{64}$/);
    const { eventArn } = load('risk-credentials-exposed').detail as { eventArn: string };
    expect(finding.SourceUrl).toBe(`https://phd.aws.amazon.com/phd/home#/event-log?eventID=${encodeURIComponent(eventArn)}`);
    expect(finding.ProductFields).toMatchObject({ 'aws/health/Service': 'RISK', 'aws/health/StatusCode': 'open' });
  });

  it('keeps one Id per event and start time: an update of the same event updates the same finding', () => {
    const first = normalizeHealth(load('risk-credentials-exposed'))!;
    const later = load('risk-credentials-exposed');
    later.time = '2024-02-13T09:00:00Z';
    expect(normalizeHealth(later)!.Id).toBe(first.Id);
    (later.detail as { startTime: string }).startTime = 'Tue, 13 Feb 2024 09:00:00 GMT';
    expect(normalizeHealth(later)!.Id).not.toBe(first.Id);
  });

  it('takes the English description, the event resources when no entity is listed, and HIGH for a security notification', () => {
    const finding = normalizeHealth(load('security-notification'))!;
    expect(finding.Description).toMatch(/^A runtime your function uses/);
    expect(finding.Resources).toEqual([{ Type: 'Other', Id: 'arn:aws:lambda:eu-central-1:123456789012:function:legacy-auth' }]);
    expect(finding.Severity).toEqual({ Label: 'HIGH', Normalized: 70 });
    expect(finding.CreatedAt).toBe('2024-06-03T14:00:00.000Z');
  });

  it('rates an event of a security service MEDIUM (ACM)', () => {
    expect(normalizeHealth(load('acm-certificate-renewal'))!.Severity).toEqual({ Label: 'MEDIUM', Normalized: 40 });
  });

  it('imports no finding for an event that is not security-related, as Security Hub', () => {
    expect(healthNormalizer.normalize(load('ec2-maintenance-not-security'))).toEqual([]);
  });

  it('cuts a description over 1,024 characters with " (truncated)"', () => {
    const event = load('acm-certificate-renewal');
    (event.detail as { eventDescription: Array<{ latestDescription: string }> }).eventDescription[0]!.latestDescription = 'x'.repeat(3000);
    const description = normalizeHealth(event)!.Description;
    expect(description).toHaveLength(1024);
    expect(description.endsWith(' (truncated)')).toBe(true);
  });

  it.each([
    ['RISK', 'AWS_RISK_ANYTHING', 'CRITICAL'],
    ['S3', 'AWS_S3_OPEN_ACCESS_BUCKET_NOTIFICATION', 'CRITICAL'],
    ['SHIELD', 'AWS_SHIELD_IS_RESPONDING_TO_A_DDOS_ATTACK_AGAINST_YOUR_AWS_RESOURCES', 'CRITICAL'],
    ['ABUSE', 'AWS_ABUSE_DOS_REPORT', 'HIGH'],
    ['EC2', 'AWS_EC2_SECURITY_NOTIFICATION', 'HIGH'],
    ['EC2', 'AWS_EC2_ABUSE_DETECTION_X', 'HIGH'],
    ['GUARDDUTY', 'AWS_GUARDDUTY_OPERATIONAL_ISSUE', 'MEDIUM'],
    ['ELASTICLOADBALANCING', 'AWS_ELB_CERTIFICATE_EXPIRING', 'MEDIUM'],
    ['RDS', 'AWS_RDS_SECURITY_PATCH', 'LOW'],
  ])('severity of service %s, type %s is %s', (service, typeCode, label) => {
    expect(isSecurityRelated(service, typeCode)).toBe(true);
    expect(healthSeverity(service, typeCode)).toBe(label);
  });

  it.each([
    ['detail.service', (event: SourceEvent) => delete (event.detail as Record<string, unknown>).service],
    ['detail.startTime', (event: SourceEvent) => ((event.detail as Record<string, unknown>).startTime = 'next Tuesday')],
    ['detail.eventArn', (event: SourceEvent) => ((event.detail as Record<string, unknown>).eventArn = 'not-an-arn')],
    ['account', (event: SourceEvent) => (event.account = 'abc')],
  ])('refuses an event with a bad %s, naming it', (path, spoil) => {
    const event = load('risk-credentials-exposed');
    spoil(event);
    expect(() => normalizeHealth(event)).toThrow(UnmappableEventError);
    expect(() => normalizeHealth(event)).toThrow(path);
  });
});
