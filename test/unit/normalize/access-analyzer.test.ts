import { validateFinding } from '../../../lambdas/asff/validate';
import { UnmappableEventError } from '../../../lambdas/normalize/errors';
import { CROSS_ACCOUNT_TYPE, PUBLIC_ACCESS_TYPE, normalizeAccessAnalyzer } from '../../../lambdas/normalize/access-analyzer/normalize';
import type { SourceEvent } from '../../../lambdas/normalize/types';
import { sourceEvent } from '../../support/fixtures';

const load = (name: string): SourceEvent => sourceEvent(`access-analyzer/${name}`) as SourceEvent;

describe('IAM Access Analyzer → ASFF (the IAM User Guide: Integration with AWS Security Hub)', () => {
  it('maps a cross-account finding as the guide’s typical finding', () => {
    const finding = normalizeAccessAnalyzer(load('cross-account-iam-role'));
    expect(validateFinding(finding)).toMatchObject({ ok: true });
    expect(finding).toMatchObject({
      ProductArn: 'arn:aws:securityhub:eu-west-1::product/aws/access-analyzer',
      ProductName: 'IAM Access Analyzer',
      CompanyName: 'AWS',
      GeneratorId: 'aws/access-analyzer',
      AwsAccountId: '111122223333',
      Types: [CROSS_ACCOUNT_TYPE],
      Severity: { Label: 'LOW', Normalized: 1 },
      Title: 'AwsIamRole/arn:aws:iam::111122223333:role/ci-deployer/ allows cross-account access',
      Description: 'AWS::IAM::Role/arn:aws:iam::111122223333:role/ci-deployer/ allows cross-account access from AWS 444455556666',
      CreatedAt: '2024-03-04T09:14:51.299Z',
      UpdatedAt: '2024-03-04T09:14:51.299Z',
      SourceUrl: 'https://console.aws.amazon.com/access-analyzer/home?region=eu-west-1#/findings/details/a5019b5d-3c1e-4f2a-8e7d-0b9c2d4e6f81',
      Resources: [
        {
          Type: 'AwsIamRole',
          Id: 'arn:aws:iam::111122223333:role/ci-deployer',
          Partition: 'aws',
          Region: 'eu-west-1',
          Details: { Other: { 'External Principal Type': 'AWS', Condition: 'none', 'Action Granted': 'sts:AssumeRole', 'External Principal': '444455556666' } },
        },
      ],
      Workflow: { Status: 'NEW' },
      RecordState: 'ACTIVE',
    });
    expect(finding.Remediation?.Recommendation?.Text).toMatch(/^If the access isn't intended/);
    expect(finding.Id).toBe('arn:aws:access-analyzer:eu-west-1:111122223333:analyzer/org-analyzer/arn:aws:iam::111122223333:role/ci-deployer/a5019b5d-3c1e-4f2a-8e7d-0b9c2d4e6f81');
  });

  it('maps public access with its own type and title, and HIGH severity', () => {
    const finding = normalizeAccessAnalyzer(load('public-s3-bucket'));
    expect(validateFinding(finding)).toMatchObject({ ok: true });
    expect(finding.Types).toEqual([PUBLIC_ACCESS_TYPE]);
    expect(finding.Title).toBe('AwsS3Bucket/arn:aws:s3:::my-bucket/ allows public access');
    expect(finding.Severity).toEqual({ Label: 'HIGH', Normalized: 70 });
    expect(finding.Resources[0]!.Details?.Other).toMatchObject({ 'External Principal': '*', 'Action Granted': 's3:GetObject' });
  });

  it('archives a resolved finding and keeps its condition', () => {
    const finding = normalizeAccessAnalyzer(load('resolved-kms-key'));
    expect(finding).toMatchObject({ RecordState: 'ARCHIVED', Workflow: { Status: 'RESOLVED' } });
    expect(finding.Resources[0]).toMatchObject({
      Type: 'AwsKmsKey',
      Details: { Other: { Condition: '{"kms:CallerAccount":"999988887777"}', 'Action Granted': 'kms:Decrypt,kms:Encrypt' } },
    });
  });

  it('archives a finding whose resource was deleted', () => {
    const event = load('cross-account-iam-role');
    (event.detail as Record<string, unknown>).isDeleted = true;
    expect(normalizeAccessAnalyzer(event).RecordState).toBe('ARCHIVED');
  });

  it.each([
    ['detail.accountId', (event: SourceEvent) => delete (event.detail as Record<string, unknown>).accountId],
    ['detail.resource', (event: SourceEvent) => delete (event.detail as Record<string, unknown>).resource],
    ['detail.createdAt', (event: SourceEvent) => ((event.detail as Record<string, unknown>).createdAt = 'yesterday')],
    ['resources[0]', (event: SourceEvent) => (event.resources = ['arn:aws:s3:::not-an-analyzer'])],
    ['detail.principal.AWS', (event: SourceEvent) => ((event.detail as Record<string, unknown>).principal = { AWS: { nested: true } })],
  ])('refuses an event with a bad %s, naming it', (path, spoil) => {
    const event = load('cross-account-iam-role');
    spoil(event);
    expect(() => normalizeAccessAnalyzer(event)).toThrow(UnmappableEventError);
    expect(() => normalizeAccessAnalyzer(event)).toThrow(path);
  });
});
