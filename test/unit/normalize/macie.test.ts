import fc from 'fast-check';
import type { AwsSecurityFinding } from '../../../lambdas/asff/types';
import { validateFinding } from '../../../lambdas/asff/validate';
import { at } from '../../../lambdas/normalize/fields';
import { normalizerFor } from '../../../bin/cli/normalize';
import type { SourceEvent } from '../../../lambdas/normalize/types';
import { loadEvent, setAt as set, unmappablePath } from '../../support/events';
import { findingType, macieNormalizer } from '../../../lambdas/normalize/macie/normalize';

const fixture = (name: string) => loadEvent('macie', name);
const SENSITIVE = 'sensitive-data-multiple.json';
const POLICY = 'policy-block-public-access-disabled.json';
const ARCHIVED = 'archived-sample-bucket-public.json';

function normalizeOne(event: SourceEvent): AwsSecurityFinding {
  const findings = macieNormalizer.normalize(event);
  expect(findings).toHaveLength(1);
  return findings[0];
}

describe('macieNormalizer routing', () => {
  it.each([SENSITIVE, POLICY, ARCHIVED])('is the normalizer the registry picks for %s', (name) => {
    // Act
    const normalizer = normalizerFor(fixture(name));

    // Assess
    expect(normalizer?.id).toBe('macie');
  });
});

describe('macieNormalizer: sensitive data finding', () => {
  const finding = () => normalizeOne(fixture(SENSITIVE));

  it('passes the ASFF validator', () => {
    // Assess
    expect(validateFinding(finding())).toEqual({ ok: true, finding: finding() });
  });

  it('identifies the finding as Security Hub does for Macie', () => {
    // Act
    const result = finding();

    // Assess
    expect(result).toMatchObject({
      SchemaVersion: '2018-10-08',
      Id: '3ed8fd4eb7d5ffd2ad86d8e63EXAMPLE',
      ProductArn: 'arn:aws:securityhub:us-east-1::product/aws/macie',
      ProductName: 'Macie',
      CompanyName: 'Amazon',
      GeneratorId: 'aws/macie',
      AwsAccountId: '123456789012',
      Region: 'us-east-1',
    });
  });

  it('keeps the finding times', () => {
    // Act
    const result = finding();

    // Assess
    expect(result.CreatedAt).toBe('2024-04-30T23:12:14.921Z');
    expect(result.UpdatedAt).toBe('2024-04-30T23:12:14.921Z');
    expect(result.FirstObservedAt).toBe('2024-04-30T23:12:14.921Z');
    expect(result.LastObservedAt).toBe('2024-04-30T23:12:14.921Z');
  });

  it('maps severity High to HIGH with Macie’s value as Original', () => {
    // Assess
    expect(finding().Severity).toEqual({ Label: 'HIGH', Normalized: 70, Product: 3, Original: 'High' });
    expect(finding().FindingProviderFields?.Severity).toEqual({ Label: 'HIGH', Original: 'High' });
  });

  it('types the finding under Sensitive Data Identifications', () => {
    // Assess
    expect(finding().Types).toEqual(['Sensitive Data Identifications/PII/SensitiveData:S3Object-Multiple']);
    expect(finding().FindingProviderFields?.Types).toEqual(finding().Types);
  });

  it('keeps title and description', () => {
    // Assess
    expect(finding().Title).toBe('The S3 object contains multiple categories of sensitive data.');
    expect(finding().Description).toBe('The S3 object contains more than one category of sensitive data.');
  });

  it('describes the bucket as AwsS3Bucket with owner, creation time, encryption and public access block', () => {
    // Act
    const [bucket] = finding().Resources;

    // Assess
    expect(bucket).toEqual({
      Type: 'AwsS3Bucket',
      Id: 'arn:aws:s3:::amzn-s3-demo-bucket1',
      Partition: 'aws',
      Region: 'us-east-1',
      Tags: { Division: 'HR', Team: 'Recruiting' },
      Details: {
        AwsS3Bucket: {
          OwnerId: '7009a8971cd538e11f6b6606438875e7c86c5b672f46db45460ddcd087d36c32',
          OwnerName: 'johndoe',
          CreatedAt: '2020-05-15T20:46:56.000Z',
          ServerSideEncryptionConfiguration: {
            Rules: [
              {
                ApplyServerSideEncryptionByDefault: {
                  SSEAlgorithm: 'aws:kms',
                  KMSMasterKeyID: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
                },
              },
            ],
          },
          PublicAccessBlockConfiguration: {
            BlockPublicAcls: true,
            BlockPublicPolicy: true,
            IgnorePublicAcls: true,
            RestrictPublicBuckets: true,
          },
        },
      },
    });
  });

  it('describes the object as AwsS3Object with key, ETag, content type and encryption (no empty version id)', () => {
    // Act
    const object = finding().Resources[1];

    // Assess
    expect(object.Type).toBe('AwsS3Object');
    expect(object.Id).toBe('arn:aws:s3:::amzn-s3-demo-bucket1/2024 Sourcing.csv');
    expect(object.Partition).toBe('aws');
    expect(object.Region).toBe('us-east-1');
    expect(object.Tags).toEqual({ Division: 'HR', Team: 'Recruiting' });
    expect(object.Details).toEqual({
      AwsS3Object: {
        LastModified: '2024-04-19T22:08:25.000Z',
        ETag: '6bb7fd4fa9d36d6b8fb8882caEXAMPLE',
        ContentType: 'text/csv',
        ServerSideEncryption: 'aws:kms',
        SSEKMSKeyId: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      },
    });
  });

  it('puts the classification result, categories and counts into the object’s DataClassification', () => {
    // Act
    const classification = finding().Resources[1].DataClassification;

    // Assess
    expect(classification?.DetailedResultsLocation).toBe(
      's3://amzn-s3-demo-bucket2/AWSLogs/123456789012/Macie/us-east-1/3ce05dbb7ec5505def334104bEXAMPLE/d48bf16d-0deb-3e76-8d2e-fb9b4EXAMPLE.jsonl.gz',
    );
    expect(classification?.Result).toMatchObject({
      Status: { Code: 'COMPLETE' },
      SizeClassified: 4750,
      MimeType: 'text/csv',
      AdditionalOccurrences: true,
    });
    expect(classification?.Result?.SensitiveData).toEqual([
      {
        Category: 'CREDENTIALS',
        TotalCount: 2,
        Detections: [{ Type: 'AWS_CREDENTIALS', Count: 2, Occurrences: { Cells: [{ Row: 2, Column: 3, ColumnName: 'SECRET_KEY' }] } }],
      },
      {
        Category: 'PERSONAL_INFORMATION',
        TotalCount: 32,
        Detections: [
          { Type: 'NAME', Count: 10, Occurrences: { Cells: [{ Row: 2, Column: 1, ColumnName: 'Name' }] } },
          { Type: 'ADDRESS', Count: 22, Occurrences: { Cells: [{ Row: 2, Column: 2, ColumnName: 'Address' }] } },
        ],
      },
    ]);
  });

  it('carries custom data identifier detections', () => {
    // Act
    const custom = finding().Resources[1].DataClassification?.Result?.CustomDataIdentifiers;

    // Assess
    expect(custom).toEqual({
      TotalCount: 1,
      Detections: [
        {
          Arn: 'arn:aws:macie2:us-east-1:123456789012:custom-data-identifier/3293a69d-4a1e-4a07-8715-208dEXAMPLE',
          Name: 'Employee ID',
          Count: 1,
          Occurrences: { LineRanges: [{ Start: 4, End: 4, StartColumn: 12 }] },
        },
      ],
    });
  });

  it('keeps job and object facts in ProductFields', () => {
    // Assess
    expect(finding().ProductFields).toEqual({
      FindingType: 'SensitiveData:S3Object/Multiple',
      Category: 'CLASSIFICATION',
      Count: '1',
      JobArn: 'arn:aws:macie2:us-east-1:123456789012:classification-job/3ce05dbb7ec5505def334104bEXAMPLE',
      JobId: '3ce05dbb7ec5505def334104bEXAMPLE',
      OriginType: 'SENSITIVE_DATA_DISCOVERY_JOB',
      'S3Bucket.effectivePermission': 'NOT_PUBLIC',
      'S3Bucket.allowsUnencryptedObjectUploads': 'TRUE',
      'S3Object.Path': 'amzn-s3-demo-bucket1/2024 Sourcing.csv',
      'S3Object.Extension': 'csv',
      'S3Object.Size': '4750',
      'S3Object.StorageClass': 'STANDARD',
      'S3Object.PublicAccess': 'false',
    });
  });

  it('is active, not a sample, and has no action', () => {
    // Act
    const result = finding();

    // Assess
    expect(result.RecordState).toBe('ACTIVE');
    expect(result.Sample).toBe(false);
    expect(result.Action).toBeUndefined();
  });
});

describe('macieNormalizer: policy finding', () => {
  const finding = () => normalizeOne(fixture(POLICY));

  it('passes the ASFF validator', () => {
    // Assess
    expect(validateFinding(finding()).ok).toBe(true);
  });

  it('types the finding under AWS Security Best Practices', () => {
    // Assess
    expect(finding().Types).toEqual(['Software and Configuration Checks/AWS Security Best Practices/Policy:IAMUser-S3BlockPublicAccessDisabled']);
  });

  it('has only the bucket as resource, with its disabled block public access settings', () => {
    // Act
    const resources = finding().Resources;

    // Assess
    expect(resources).toHaveLength(1);
    expect(resources[0].Type).toBe('AwsS3Bucket');
    expect(resources[0].DataClassification).toBeUndefined();
    expect(resources[0].Details).toEqual({
      AwsS3Bucket: {
        OwnerId: '7009a8971cd538e11f6b6606438875e7c86c5b672f46db45460ddcd087d36c32',
        OwnerName: 'johndoe',
        CreatedAt: '2020-04-03T20:46:56.000Z',
        ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: false,
          BlockPublicPolicy: false,
          IgnorePublicAcls: false,
          RestrictPublicBuckets: false,
        },
      },
    });
  });

  it('maps the API call and the caller’s IP into Action', () => {
    // Assess
    expect(finding().Action).toEqual({
      ActionType: 'AWS_API_CALL',
      AwsApiCallAction: {
        Api: 'PutBucketPublicAccessBlock',
        ServiceName: 's3.amazonaws.com',
        CallerType: 'remoteip',
        RemoteIpDetails: {
          IpAddressV4: '192.0.2.0',
          Organization: { AsnOrg: 'ExampleFindingASNOrg', Isp: 'ExampleFindingISP', Org: 'ExampleFindingORG' },
          Country: { CountryCode: 'US', CountryName: 'United States' },
          City: { CityName: 'Ashburn' },
          GeoLocation: { Lat: 39.0481, Lon: -77.4728 },
        },
        FirstSeen: '2024-04-29T15:46:02.401Z',
        LastSeen: '2024-04-29T23:12:14.000Z',
      },
    });
  });

  it('observes the finding from the first to the last API call', () => {
    // Act
    const result = finding();

    // Assess
    expect(result.CreatedAt).toBe('2024-04-29T15:46:02Z');
    expect(result.UpdatedAt).toBe('2024-04-29T23:12:15Z');
    expect(result.FirstObservedAt).toBe('2024-04-29T15:46:02.401Z');
    expect(result.LastObservedAt).toBe('2024-04-29T23:12:14.000Z');
  });

  it('keeps count, bucket facts and the actor type in ProductFields', () => {
    // Assess
    expect(finding().ProductFields).toEqual({
      FindingType: 'Policy:IAMUser/S3BlockPublicAccessDisabled',
      Category: 'POLICY',
      Count: '2',
      'S3Bucket.effectivePermission': 'NOT_PUBLIC',
      'S3Bucket.allowsUnencryptedObjectUploads': 'FALSE',
      'Actor.UserIdentity.Type': 'AssumedRole',
    });
  });
});

describe('macieNormalizer: archived sample finding forwarded to another account', () => {
  const event = () => fixture(ARCHIVED);
  const finding = () => normalizeOne(event());

  it('passes the ASFF validator', () => {
    // Assess
    expect(validateFinding(finding()).ok).toBe(true);
  });

  it('is ARCHIVED and a Sample', () => {
    // Assess
    expect(finding().RecordState).toBe('ARCHIVED');
    expect(finding().Sample).toBe(true);
  });

  it('keeps the finding’s account and Region, not the envelope’s', () => {
    // Act
    const result = finding();

    // Assess
    expect(event().account).toBe('999999999999');
    expect(result.AwsAccountId).toBe('111122223333');
    expect(result.Region).toBe('us-west-2');
    expect(result.ProductArn).toBe('arn:aws:securityhub:us-west-2::product/aws/macie');
    expect(result.Resources[0].Region).toBe('us-west-2');
  });

  it('types S3BucketPublic under Effects/Data Exposure as Security Hub documents', () => {
    // Assess
    expect(finding().Types).toEqual(['Effects/Data Exposure/Policy:IAMUser-S3BucketPublic']);
  });

  it('marks a domain caller as CallerType domain', () => {
    // Assess
    expect(finding().Action?.AwsApiCallAction).toMatchObject({
      Api: 'PutBucketPolicy',
      CallerType: 'domain',
      DomainDetails: { Domain: 'example.com' },
    });
    expect(finding().Action?.AwsApiCallAction?.RemoteIpDetails).toBeUndefined();
  });
});

describe('macieNormalizer: untidy input', () => {
  it('reads numbers sent as strings', () => {
    // Prepare
    const event = fixture(SENSITIVE);
    set(event, 'detail.severity.score', '3');
    set(event, 'detail.count', '1');
    set(event, 'detail.classificationDetails.result.sizeClassified', '4750');
    const detections = at(event, 'detail.classificationDetails.result.sensitiveData[0].detections[0]') as Record<string, unknown>;
    detections.count = '2';

    // Act
    const result = normalizeOne(event);

    // Assess
    expect(result.Severity.Product).toBe(3);
    expect(result.Resources[1].DataClassification?.Result?.SizeClassified).toBe(4750);
    expect(result.Resources[1].DataClassification?.Result?.SensitiveData?.[0].Detections?.[0].Count).toBe(2);
    expect(validateFinding(result).ok).toBe(true);
  });

  it.each([
    ['epoch milliseconds', 1714518734921, '2024-04-30T23:12:14.921Z'],
    ['epoch milliseconds as a string', '1714518734921', '2024-04-30T23:12:14.921Z'],
    ['epoch seconds', 1714518734, '2024-04-30T23:12:14.000Z'],
    ['ISO with an offset', '2024-05-01T01:12:14.921+02:00', '2024-05-01T01:12:14.921+02:00'],
  ])('reads createdAt as %s', (_, value, expected) => {
    // Prepare
    const event = fixture(SENSITIVE);
    set(event, 'detail.createdAt', value);

    // Act
    const result = normalizeOne(event);

    // Assess
    expect(result.CreatedAt).toBe(expected);
    expect(validateFinding(result).ok).toBe(true);
  });

  it('pads an account id sent as a number back to 12 digits', () => {
    // Prepare
    const event = fixture(POLICY);
    set(event, 'detail.accountId', 12345678901);

    // Act
    const result = normalizeOne(event);

    // Assess
    expect(result.AwsAccountId).toBe('012345678901');
  });

  it.each([
    ['low', undefined, 'LOW'],
    ['MEDIUM', undefined, 'MEDIUM'],
    [undefined, 1, 'LOW'],
    [undefined, '2', 'MEDIUM'],
  ])('labels severity description %s / score %s as %s', (description, score, label) => {
    // Prepare
    const event = fixture(POLICY);
    set(event, 'detail.severity', { description, score });

    // Act
    const result = normalizeOne(event);

    // Assess
    expect(result.Severity.Label).toBe(label);
    expect(validateFinding(result).ok).toBe(true);
  });

  it('still maps an unknown finding type, by its category', () => {
    // Prepare
    const event = fixture(POLICY);
    set(event, 'detail.type', 'Policy:IAMUser/S3SomethingNew');

    // Act
    const result = normalizeOne(event);

    // Assess
    expect(result.Types).toEqual(['Software and Configuration Checks/AWS Security Best Practices/Policy:IAMUser-S3SomethingNew']);
    expect(validateFinding(result).ok).toBe(true);
  });

  it('takes the bucket name from its ARN when the name is missing', () => {
    // Prepare
    const event = fixture(SENSITIVE);
    set(event, 'detail.resourcesAffected.s3Bucket.name', undefined);

    // Act
    const result = normalizeOne(event);

    // Assess
    expect(result.Resources[1].Id).toBe('arn:aws:s3:::amzn-s3-demo-bucket1/2024 Sourcing.csv');
  });

  it('builds the bucket ARN in the Region’s partition when Macie gives only a name', () => {
    // Prepare
    const event = fixture(POLICY);
    set(event, 'detail.resourcesAffected.s3Bucket.arn', undefined);
    set(event, 'detail.partition', undefined);
    set(event, 'detail.region', 'cn-north-1');

    // Act
    const result = normalizeOne(event);

    // Assess
    expect(result.Resources[0].Id).toBe('arn:aws-cn:s3:::amzn-s3-demo-bucket1');
    expect(result.ProductArn).toBe('arn:aws-cn:securityhub:cn-north-1::product/aws/macie');
  });

  it('cuts an over-long title and description to the ASFF limits', () => {
    // Prepare
    const event = fixture(POLICY);
    set(event, 'detail.title', 'T'.repeat(400));
    set(event, 'detail.description', 'D'.repeat(3000));

    // Act
    const result = normalizeOne(event);

    // Assess
    expect(result.Title).toHaveLength(256);
    expect(result.Description).toHaveLength(1024);
    expect(validateFinding(result).ok).toBe(true);
  });
});

describe('macieNormalizer: unmappable events', () => {
  it.each([
    ['detail.id', 'detail.id'],
    ['detail.accountId', 'detail.accountId'],
    ['detail.region', 'detail.region'],
    ['detail.type', 'detail.type'],
    ['detail.createdAt', 'detail.createdAt'],
    ['detail.severity', 'detail.severity.description'],
    ['detail.resourcesAffected', 'detail.resourcesAffected.s3Bucket'],
  ])('names the path when %s is missing', (field, expected) => {
    // Prepare
    const event = fixture(SENSITIVE);
    set(event, field, undefined);

    // Act
    const pathInError = unmappablePath(() => macieNormalizer.normalize(event));

    // Assess
    expect(pathInError).toBe(expected);
  });

  it('names the object key when a sensitive data finding has no object', () => {
    // Prepare
    const event = fixture(SENSITIVE);
    set(event, 'detail.resourcesAffected.s3Object', undefined);

    // Act
    const pathInError = unmappablePath(() => macieNormalizer.normalize(event));

    // Assess
    expect(pathInError).toBe('detail.resourcesAffected.s3Object');
  });

  it.each([
    ['detail.accountId', '1234'],
    ['detail.createdAt', 'yesterday'],
    ['detail.severity', { description: 'Severe' }],
  ])('names %s when its value is malformed', (field, value) => {
    // Prepare
    const event = fixture(POLICY);
    set(event, field, value);

    // Act
    const pathInError = unmappablePath(() => macieNormalizer.normalize(event));

    // Assess
    expect(pathInError).toContain(field);
  });

  it.each(['constructor', 'toString'])('refuses severity %s (no prototype lookups)', (description) => {
    // Prepare
    const event = fixture(POLICY);
    set(event, 'detail.severity', { description });

    // Act
    const pathInError = unmappablePath(() => macieNormalizer.normalize(event));

    // Assess
    expect(pathInError).toBe('detail.severity.description');
  });

  it('falls back to the score when the description is not a Macie severity', () => {
    // Prepare
    const event = fixture(POLICY);
    set(event, 'detail.severity', { description: 'Severe', score: 3 });

    // Act
    const result = normalizeOne(event);

    // Assess
    expect(result.Severity).toMatchObject({ Label: 'HIGH', Original: 'Severe' });
  });
});

describe('findingType', () => {
  it('always yields an ASFF type of at most three segments', () => {
    // Prepare
    const macieType = fc.tuple(fc.constantFrom('Policy:', 'SensitiveData:', ''), fc.string({ minLength: 1 }));

    // Assess
    fc.assert(
      fc.property(macieType, fc.constantFrom('POLICY' as const, 'CLASSIFICATION' as const), ([prefix, rest], category) => {
        const type = findingType(`${prefix}${rest.replace(/\s/g, 'x')}`, category);
        expect(type.split('/')).toHaveLength(3);
      }),
    );
  });
});
