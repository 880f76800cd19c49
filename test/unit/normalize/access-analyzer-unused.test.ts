import { validateFinding } from '../../../lambdas/asff/validate';
import { UnmappableEventError } from '../../../lambdas/normalize/errors';
import { accessAnalyzerNormalizer, normalizeAccessAnalyzer } from '../../../lambdas/normalize/access-analyzer/normalize';
import { normalizerFor } from '../../../bin/cli/normalize';
import type { SourceEvent } from '../../../lambdas/normalize/types';
import { sourceEvent } from '../../support/fixtures';

const load = (name: string): SourceEvent => sourceEvent(`access-analyzer/${name}`) as SourceEvent;
const detail = (event: SourceEvent) => event.detail as Record<string, unknown>;
const ANALYZER = 'arn:aws:access-analyzer:us-east-1:111122223333:analyzer/unused-access-analyzer';

describe('IAM Access Analyzer unused access → ASFF (the IAM User Guide: Integration with AWS Security Hub)', () => {
  it('maps an unused permission finding as the guide’s typical unused access finding, field by field', () => {
    const event = load('unused-permission-role');
    expect(normalizerFor(event)).toBe(accessAnalyzerNormalizer);
    const finding = normalizeAccessAnalyzer(event);
    expect(validateFinding(finding)).toMatchObject({ ok: true });
    const type = 'Software and Configuration Checks/AWS Security Best Practices/Unused Permission';
    expect(finding).toEqual({
      SchemaVersion: '2018-10-08',
      Id: 'arn:aws:access-analyzer:us-west-2:111122223333:analyzer/unused-access-analyzer/arn:aws:iam::111122223333:role/TestRole/UnusedPermissions',
      ProductArn: 'arn:aws:securityhub:us-west-2::product/aws/access-analyzer',
      ProductName: 'IAM Access Analyzer',
      CompanyName: 'AWS',
      Region: 'us-west-2',
      GeneratorId: 'aws/access-analyzer',
      AwsAccountId: '111122223333',
      Types: [type],
      CreatedAt: '2023-09-18T16:29:09.657Z',
      UpdatedAt: '2023-09-21T20:39:16.651Z',
      Severity: { Label: 'LOW', Normalized: 1 },
      Title: 'AwsIamRole/arn:aws:iam::111122223333:role/TestRole/ contains unused permissions',
      Description: 'AWS::IAM::Role/arn:aws:iam::111122223333:role/TestRole/ contains unused service and action-level permissions',
      Remediation: { Recommendation: { Text: expect.stringMatching(/^If the unused permissions aren’t required, delete the permissions/) } },
      SourceUrl:
        'https://us-west-2.console.aws.amazon.com/access-analyzer/home?region=us-west-2#/unused-access-findings?resource=arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2FTestRole',
      ProductFields: {
        numberOfUnusedActions: '256',
        numberOfUnusedServices: '15',
        resourceOwnerAccount: '111122223333',
        findingId: 'b8ae0460-5d29-4922-b92a-ba956c986277',
        findingType: 'UnusedPermission',
        'aws/access-analyzer/AnalyzerArn': 'arn:aws:access-analyzer:us-west-2:111122223333:analyzer/unused-access-analyzer',
        'aws/access-analyzer/FindingStatus': 'ACTIVE',
      },
      Resources: [{ Type: 'AwsIamRole', Id: 'arn:aws:iam::111122223333:role/TestRole', Partition: 'aws', Region: 'us-west-2' }],
      Workflow: { Status: 'NEW' },
      RecordState: 'ACTIVE',
      FindingProviderFields: { Severity: { Label: 'LOW' }, Types: [type] },
    });
  });

  it.each([
    ['unused-iam-role-resolved', 'Unused IAM Role', 'AwsIamRole', 'contains unused IAM role', `${ANALYZER}/arn:aws:iam::222233334444:role/legacy-scheduler/UnusedIAMRole`],
    [
      'unused-iam-user-password',
      'Unused IAM User Password',
      'AwsIamUser',
      'contains unused IAM user password',
      `${ANALYZER}/arn:aws:iam::111122223333:user/former-contractor/UnusedIAMUserPassword`,
    ],
    [
      'unused-iam-user-access-key',
      'Unused IAM User Access Key',
      'AwsIamUser',
      'contains unused IAM user access key',
      `${ANALYZER}/arn:aws:iam::111122223333:user/ci-bot/UnusedIAMUserAccessKey/7e6d5c4b-3a2f-4e1d-9c0b-8a7f6e5d4c3b`,
    ],
  ])('maps %s with its own type, resource type, title and Id', (fixture, type, resourceType, title, id) => {
    const finding = normalizeAccessAnalyzer(load(fixture));
    expect(validateFinding(finding)).toMatchObject({ ok: true });
    expect(finding.Types).toEqual([`Software and Configuration Checks/AWS Security Best Practices/${type}`]);
    expect(finding.Resources[0]!.Type).toBe(resourceType);
    expect(finding.Title).toBe(`${resourceType}/${finding.Resources[0]!.Id}/ ${title}`);
    expect(finding.Id).toBe(id);
    expect(finding.Severity).toEqual({ Label: 'LOW', Normalized: 1 });
  });

  it('resolves and archives a resolved finding, in the account of the role, not of the analyzer', () => {
    const finding = normalizeAccessAnalyzer(load('unused-iam-role-resolved'));
    expect(finding).toMatchObject({ AwsAccountId: '222233334444', RecordState: 'ARCHIVED', Workflow: { Status: 'RESOLVED' } });
  });

  it('archives a deleted finding', () => {
    const event = load('unused-iam-user-password');
    detail(event).isDeleted = true;
    expect(normalizeAccessAnalyzer(event).RecordState).toBe('ARCHIVED');
  });

  it.each([
    ['detail.findingType', (event: SourceEvent) => (detail(event).findingType = 'ExternalAccess')],
    ['detail.findingId', (event: SourceEvent) => delete detail(event).findingId],
    ['detail.accountId', (event: SourceEvent) => (detail(event).accountId = 'me')],
    ['detail.numberOfUnusedActions', (event: SourceEvent) => (detail(event).numberOfUnusedActions = 'many')],
    ['detail.updatedAt', (event: SourceEvent) => (detail(event).updatedAt = 'soon')],
    ['resources[0]', (event: SourceEvent) => (event.resources = [])],
  ])('refuses an event with a bad %s, naming it', (path, spoil) => {
    const event = load('unused-permission-role');
    spoil(event);
    expect(() => normalizeAccessAnalyzer(event)).toThrow(UnmappableEventError);
    expect(() => normalizeAccessAnalyzer(event)).toThrow(path);
  });
});
