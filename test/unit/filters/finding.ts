/** A minimal ASFF-shaped finding for filter tests; `overrides` replace top-level members. */
export function finding(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    SchemaVersion: '2018-10-08',
    Id: 'finding-1',
    ProductArn: 'arn:aws:securityhub:us-east-1::product/aws/securityhub',
    GeneratorId: 'generator-1',
    AwsAccountId: '123456789012',
    CreatedAt: '2024-06-01T00:00:00Z',
    UpdatedAt: '2024-06-10T00:00:00Z',
    Severity: { Label: 'HIGH', Normalized: 70 },
    Title: 'S3 bucket allows public read',
    Description: 'A description',
    Resources: [{ Type: 'AwsS3Bucket', Id: 'arn:aws:s3:::bucket-1', Region: 'us-east-1', Partition: 'aws' }],
    ...overrides,
  };
}

/** The fixed request time of the filter tests. */
export const NOW = new Date('2024-06-15T12:00:00Z');
