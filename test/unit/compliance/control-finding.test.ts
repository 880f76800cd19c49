import { validateFinding } from '../../../lambdas/asff/validate';
import { controlFinding, controlFindingId } from '../../../lambdas/compliance/control-finding';
import type { ConfigurationItem, ControlDefinition } from '../../../lambdas/compliance/controls/types';

const control: ControlDefinition = {
  id: 'S3.8',
  title: 'S3 general purpose buckets should block public access',
  description: 'This control checks whether an S3 general purpose bucket blocks public access at the bucket level.',
  severity: 'HIGH',
  resourceTypes: ['AWS::S3::Bucket'],
  standards: [
    { standard: 'aws-foundational-security-best-practices/v/1.0.0', requirements: [] },
    { standard: 'cis-aws-foundations-benchmark/v/3.0.0', requirements: ['CIS AWS Foundations Benchmark v3.0.0/2.1.4'] },
    { standard: 'pci-dss/v/3.2.1', requirements: ['PCI DSS v3.2.1/1.2.1'] },
  ],
  remediationUrl: 'https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-8',
  evaluate: () => ({ status: 'FAILED', reason: 'unused' }),
};

const bucket: ConfigurationItem = {
  accountId: '111122223333',
  awsRegion: 'eu-west-1',
  resourceType: 'AWS::S3::Bucket',
  resourceId: 'payroll-exports',
  arn: 'arn:aws:s3:::payroll-exports',
  configuration: {},
  tags: { team: 'finance' },
};

const evaluate = (status: 'PASSED' | 'FAILED' | 'NOT_APPLICABLE') =>
  controlFinding({
    control,
    item: bucket,
    evaluation: { status, reason: `bucket is ${status}` },
    enabledStandards: ['aws-foundational-security-best-practices/v/1.0.0', 'cis-aws-foundations-benchmark/v/3.0.0'],
    evaluatedAt: '2026-11-20T10:00:00.000Z',
  });

describe('controlFinding', () => {
  it('builds the consolidated control finding Security Hub produces, valid ASFF', () => {
    const finding = evaluate('FAILED');

    expect(validateFinding(finding)).toMatchObject({ ok: true });
    expect(finding).toMatchObject({
      ProductArn: 'arn:aws:securityhub:eu-west-1::product/aws/securityhub',
      GeneratorId: 'security-control/S3.8',
      AwsAccountId: '111122223333',
      Region: 'eu-west-1',
      Severity: { Label: 'HIGH' },
      Resources: [{ Type: 'AwsS3Bucket', Id: 'arn:aws:s3:::payroll-exports', Region: 'eu-west-1', Partition: 'aws', Tags: { team: 'finance' } }],
      Compliance: {
        Status: 'FAILED',
        SecurityControlId: 'S3.8',
        StatusReasons: [{ ReasonCode: 'FAILED', Description: 'bucket is FAILED' }],
      },
      RecordState: 'ACTIVE',
    });
  });

  it('lists only the enabled standards the control belongs to, with their requirement ids', () => {
    const { Compliance } = evaluate('PASSED');

    expect(Compliance?.AssociatedStandards).toEqual([
      { StandardsId: 'standards/aws-foundational-security-best-practices/v/1.0.0' },
      { StandardsId: 'standards/cis-aws-foundations-benchmark/v/3.0.0' },
    ]);
    expect(Compliance?.RelatedRequirements).toEqual(['CIS AWS Foundations Benchmark v3.0.0/2.1.4']);
  });

  it('archives the finding of a resource the control no longer applies to', () => {
    expect(evaluate('NOT_APPLICABLE')).toMatchObject({ RecordState: 'ARCHIVED', Compliance: { Status: 'NOT_AVAILABLE' } });
  });

  it('gives one stable Id per control and resource, whatever the evaluation', () => {
    expect(evaluate('PASSED').Id).toBe(evaluate('FAILED').Id);
    expect(controlFindingId('S3.8', bucket)).toMatch(/^arn:aws:securityhub:eu-west-1:111122223333:security-control\/S3\.8\/finding\/[0-9a-f-]{36}$/);
    expect(controlFindingId('S3.1', bucket)).not.toBe(controlFindingId('S3.8', bucket));
  });
});
