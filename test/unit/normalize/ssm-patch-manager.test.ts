import { validateFinding } from '../../../lambdas/asff/validate';
import { UnmappableEventError } from '../../../lambdas/normalize/errors';
import { normalizerFor } from '../../../bin/cli/normalize';
import { PATCH_FINDING_TYPES, PATCH_TITLE, normalizeSsmPatchManager, ssmPatchManagerNormalizer } from '../../../lambdas/normalize/ssm-patch-manager/normalize';
import type { SourceEvent } from '../../../lambdas/normalize/types';
import { sourceEvent } from '../../support/fixtures';

const load = (name: string): SourceEvent => sourceEvent(`ssm-patch-manager/${name}`) as SourceEvent;
const detail = (event: SourceEvent) => event.detail as Record<string, unknown>;

describe('Patch Manager → ASFF (Systems Manager User Guide: Integrating Patch Manager with AWS Security Hub)', () => {
  it('maps a noncompliant EC2 node field by field', () => {
    const finding = normalizeSsmPatchManager(load('non-compliant-critical-ec2'));
    expect(validateFinding(finding)).toMatchObject({ ok: true });
    expect(finding).toEqual({
      SchemaVersion: '2018-10-08',
      Id: 'arn:aws:patchmanager:us-east-2:111122223333:instance/i-02573cafcf1234567',
      ProductArn: 'arn:aws:securityhub:us-east-2::product/aws/ssm-patch-manager',
      ProductName: 'Systems Manager Patch Manager',
      CompanyName: 'AWS',
      Region: 'us-east-2',
      GeneratorId: 'pb-0c10e657807c7a700',
      AwsAccountId: '111122223333',
      Types: ['Software and Configuration Checks/Patch Management'],
      CreatedAt: '2024-07-17T19:02:31Z',
      UpdatedAt: '2024-07-17T19:02:31Z',
      Severity: { Label: 'CRITICAL', Normalized: 90 },
      Title: 'Systems Manager Patch Summary - Managed Instance Non-Compliant',
      Description: expect.stringMatching(/^This AWS control checks whether each instance that is managed by AWS Systems Manager is in compliance/),
      Remediation: {
        Recommendation: {
          Text: expect.stringContaining('Remediating out-of-compliance instances (Patch Manager)'),
          Url: 'https://docs.aws.amazon.com/systems-manager/latest/userguide/patch-compliance-remediation.html',
        },
      },
      SourceUrl: 'https://us-east-2.console.aws.amazon.com/systems-manager/fleet-manager/i-02573cafcf1234567/patch?region=us-east-2',
      ProductFields: {
        'aws/ssm-patch-manager/ComplianceStatus': 'NON_COMPLIANT',
        'aws/ssm-patch-manager/ComplianceSeverity': 'critical',
        'aws/ssm-patch-manager/PatchBaselineId': 'pb-0c10e657807c7a700',
        'aws/ssm-patch-manager/ResourceType': 'managed-instance',
      },
      Resources: [{ Type: 'AwsEc2Instance', Id: 'arn:aws:ec2:us-east-2:111122223333:instance/i-02573cafcf1234567', Partition: 'aws', Region: 'us-east-2' }],
      PatchSummary: { Id: 'pb-0c10e657807c7a700' },
      Workflow: { Status: 'NEW' },
      RecordState: 'ACTIVE',
      FindingProviderFields: { Severity: { Label: 'CRITICAL' }, Types: [...PATCH_FINDING_TYPES] },
    });
    expect(finding.Title).toBe(PATCH_TITLE);
  });

  it('archives the same node’s finding (same Id) when the node is compliant again', () => {
    const open = normalizeSsmPatchManager(load('non-compliant-critical-ec2'));
    const closed = normalizeSsmPatchManager(load('compliant-ec2'));
    expect(validateFinding(closed)).toMatchObject({ ok: true });
    expect(closed.Id).toBe(open.Id);
    expect(closed).toMatchObject({ RecordState: 'ARCHIVED', Workflow: { Status: 'RESOLVED' }, UpdatedAt: '2024-07-18T03:15:09Z' });
    expect(closed.ProductFields?.['aws/ssm-patch-manager/ComplianceStatus']).toBe('COMPLIANT');
  });

  it('reports an on-premises node as AwsEc2Instance with its managed-instance ARN, UNSPECIFIED as INFORMATIONAL', () => {
    const finding = normalizeSsmPatchManager(load('non-compliant-unspecified-on-premises'));
    expect(validateFinding(finding)).toMatchObject({ ok: true });
    expect(finding.Resources).toEqual([
      { Type: 'AwsEc2Instance', Id: 'arn:aws:ssm:eu-west-1:444455556666:managed-instance/mi-0a1b2c3d4e5f60718', Partition: 'aws', Region: 'eu-west-1' },
    ]);
    expect(finding.Severity).toEqual({ Label: 'INFORMATIONAL', Normalized: 0 });
    expect(finding.PatchSummary).toEqual({ Id: 'arn:aws:ssm:eu-west-1:444455556666:patchbaseline/pb-07d8884178EXAMPLE' });
  });

  it.each([
    ['high', 'HIGH'],
    ['MEDIUM', 'MEDIUM'],
    ['low', 'LOW'],
    ['informational', 'INFORMATIONAL'],
  ])('maps compliance severity %s to %s', (severity, label) => {
    const event = load('non-compliant-critical-ec2');
    detail(event).severity = severity;
    expect(normalizeSsmPatchManager(event).Severity?.Label).toBe(label);
  });

  it('leaves PatchSummary out and names the product as generator without a baseline id', () => {
    const event = load('non-compliant-critical-ec2');
    delete detail(event)['patch-baseline-id'];
    const finding = normalizeSsmPatchManager(event);
    expect(finding.PatchSummary).toBeUndefined();
    expect(finding.GeneratorId).toBe('aws/ssm-patch-manager');
    expect(validateFinding(finding)).toMatchObject({ ok: true });
  });

  it('routes patch compliance only: the rule ignores Association compliance', () => {
    const event = load('non-compliant-critical-ec2');
    expect(normalizerFor(event)).toBe(ssmPatchManagerNormalizer);
    detail(event)['compliance-type'] = 'Association';
    expect(normalizerFor(event)).toBeUndefined();
  });

  it.each([
    ['detail.compliance-status', (event: SourceEvent) => (detail(event)['compliance-status'] = 'unknown')],
    ['detail.resource-id', (event: SourceEvent) => (detail(event)['resource-id'] = 'not-a-node')],
    ['detail.severity', (event: SourceEvent) => (detail(event).severity = 'urgent')],
    ['detail.compliance-type', (event: SourceEvent) => (detail(event)['compliance-type'] = 'Association')],
    ['account', (event: SourceEvent) => (event.account = '12')],
    ['time', (event: SourceEvent) => (event.time = 'yesterday')],
  ])('refuses an event with a bad %s, naming it', (path, spoil) => {
    const event = load('non-compliant-critical-ec2');
    spoil(event);
    expect(() => normalizeSsmPatchManager(event)).toThrow(UnmappableEventError);
    expect(() => normalizeSsmPatchManager(event)).toThrow(path);
  });
});
