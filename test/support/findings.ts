import type { AwsSecurityFinding } from '../../lambdas/asff/types';

/** Product ARN of account 111122223333's own findings in us-east-1. */
export const PRODUCT_ARN = 'arn:aws:securityhub:us-east-1:111122223333:product/111122223333/default';

/** A minimal valid finding; `overrides` replace top-level members. */
export function aFinding(overrides: Partial<AwsSecurityFinding> = {}): AwsSecurityFinding {
  return {
    SchemaVersion: '2018-10-08',
    Id: 'finding-1',
    ProductArn: PRODUCT_ARN,
    GeneratorId: 'test-generator',
    AwsAccountId: '111122223333',
    Types: ['Software and Configuration Checks/Vulnerabilities/CVE'],
    CreatedAt: '2026-11-01T10:00:00.000Z',
    UpdatedAt: '2026-11-01T10:00:00.000Z',
    Severity: { Label: 'HIGH' },
    Title: 'A test finding',
    Description: 'Something to look at',
    Resources: [{ Type: 'AwsS3Bucket', Id: 'arn:aws:s3:::example-bucket' }],
    ...overrides,
  } as AwsSecurityFinding;
}

/** The identifier of a finding. */
export const identifierOf = (finding: AwsSecurityFinding) => ({ Id: finding.Id, ProductArn: finding.ProductArn });
