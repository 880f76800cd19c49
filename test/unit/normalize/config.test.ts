import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { AwsSecurityFinding } from '../../../lambdas/asff/types';
import { validateFinding } from '../../../lambdas/asff/validate';
import { normalizerFor } from '../../../bin/cli/normalize';
import type { SourceEvent } from '../../../lambdas/normalize/types';
import { loadEvent, setAt as set, unmappablePath } from '../../support/events';
import { configFindingId, configNormalizer } from '../../../lambdas/normalize/config/normalize';
import { CONFIG_RESOURCE_TYPES, asffResource } from '../../../lambdas/shared/resources/config-resource-types';

const fixture = (name: string) => loadEvent('config', name);
const NON_COMPLIANT = 'non-compliant-s3-bucket.json';
const COMPLIANT = 'compliant-security-group.json';
const FIRST = 'first-evaluation-iam-user.json';
const NOT_APPLICABLE = 'not-applicable-deleted-security-group.json';
const INSUFFICIENT = 'insufficient-data-lambda-function.json';
const ACCOUNT = 'account-level-forwarded.json';
const ALL = [NON_COMPLIANT, COMPLIANT, FIRST, NOT_APPLICABLE, INSUFFICIENT, ACCOUNT];

function normalizeOne(event: SourceEvent): AwsSecurityFinding {
  const findings = configNormalizer.normalize(event);
  expect(findings).toHaveLength(1);
  return findings[0];
}

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

describe('configNormalizer: every fixture', () => {
  it.each(ALL)('%s is routed to the Config normalizer', (name) => {
    // Assess
    expect(normalizerFor(fixture(name))?.id).toBe('config');
  });

  it.each(ALL)('%s maps to a finding that passes the ASFF validator', (name) => {
    // Act
    const result = normalizeOne(fixture(name));

    // Assess
    expect(validateFinding(result).ok).toBe(true);
  });

  it.each(ALL)('%s carries the documented constants (product, type, MEDIUM severity)', (name) => {
    // Act
    const result = normalizeOne(fixture(name));

    // Assess
    expect(result).toMatchObject({
      SchemaVersion: '2018-10-08',
      ProductName: 'Config',
      CompanyName: 'AWS',
      Types: ['Software and Configuration Checks'],
      Severity: { Label: 'MEDIUM', Normalized: 40 },
      FindingProviderFields: { Severity: { Label: 'MEDIUM' }, Types: ['Software and Configuration Checks'] },
    });
  });
});

describe('configNormalizer: NON_COMPLIANT S3 bucket (with an old result)', () => {
  const finding = () => normalizeOne(fixture(NON_COMPLIANT));

  it('identifies the finding by rule ARN and resource, as Security Hub does', () => {
    // Act
    const result = finding();

    // Assess
    expect(result.Id).toBe(`arn:aws:config:us-east-2:123456789012:config-rule/config-rule-mburzq/finding/${sha1('AWS::S3::Bucket/amzn-s3-demo-bucket')}`);
    expect(result.GeneratorId).toBe('arn:aws:config:us-east-2:123456789012:config-rule/config-rule-mburzq');
    expect(result.ProductArn).toBe('arn:aws:securityhub:us-east-2::product/aws/config');
    expect(result.AwsAccountId).toBe('123456789012');
    expect(result.Region).toBe('us-east-2');
  });

  it('titles and describes the finding by the rule name', () => {
    // Act
    const result = finding();

    // Assess
    expect(result.Title).toBe('s3-bucket-level-public-access-prohibited');
    expect(result.Description).toBe('This finding is created for a resource compliance change for config rule: s3-bucket-level-public-access-prohibited');
  });

  it('takes CreatedAt and UpdatedAt from resultRecordedTime', () => {
    // Act
    const result = finding();

    // Assess
    expect(result.CreatedAt).toBe('2024-09-27T19:48:41.405Z');
    expect(result.UpdatedAt).toBe('2024-09-27T19:48:41.405Z');
  });

  it('fails compliance with the annotation as status reason, active and new', () => {
    // Act
    const result = finding();

    // Assess
    expect(result.Compliance).toEqual({
      Status: 'FAILED',
      StatusReasons: [{ ReasonCode: 'NON_COMPLIANT', Description: 'Block public access settings are not enabled for this bucket.' }],
    });
    expect(result.RecordState).toBe('ACTIVE');
    expect(result.Workflow).toEqual({ Status: 'NEW' });
  });

  it('describes the bucket as AwsS3Bucket with an ARN built from its name', () => {
    // Assess
    expect(finding().Resources).toEqual([{ Type: 'AwsS3Bucket', Id: 'arn:aws:s3:::amzn-s3-demo-bucket', Partition: 'aws', Region: 'us-east-2' }]);
  });

  it('keeps rule, compliance and resource in ProductFields', () => {
    // Assess
    expect(finding().ProductFields).toEqual({
      'aws/config/ConfigRuleArn': 'arn:aws:config:us-east-2:123456789012:config-rule/config-rule-mburzq',
      'aws/config/ConfigRuleName': 's3-bucket-level-public-access-prohibited',
      'aws/config/ConfigComplianceType': 'NON_COMPLIANT',
      'aws/config/ResourceType': 'AWS::S3::Bucket',
      'aws/config/ResourceId': 'amzn-s3-demo-bucket',
      'aws/config/OldConfigComplianceType': 'COMPLIANT',
    });
  });
});

describe('configNormalizer: COMPLIANT security group', () => {
  const finding = () => normalizeOne(fixture(COMPLIANT));

  it('passes compliance and resolves the workflow, as Security Hub documents', () => {
    // Act
    const result = finding();

    // Assess
    expect(result.Compliance).toEqual({ Status: 'PASSED' });
    expect(result.Workflow).toEqual({ Status: 'RESOLVED' });
    expect(result.RecordState).toBe('ACTIVE');
  });

  it('describes the group as AwsEc2SecurityGroup with its regional ARN', () => {
    // Assess
    expect(finding().Resources).toEqual([
      {
        Type: 'AwsEc2SecurityGroup',
        Id: 'arn:aws:ec2:us-east-2:123456789012:security-group/sg-0123456789abcdef0',
        Partition: 'aws',
        Region: 'us-east-2',
      },
    ]);
  });

  it('updates the same finding as the resource’s earlier evaluations', () => {
    // Prepare
    const earlier = fixture(COMPLIANT);
    set(earlier, 'detail.newEvaluationResult.complianceType', 'NON_COMPLIANT');
    set(earlier, 'detail.newEvaluationResult.resultRecordedTime', '2024-09-30T08:00:01.000Z');

    // Act
    const [before, after] = [normalizeOne(earlier), finding()];

    // Assess
    expect(after.Id).toBe(before.Id);
    expect(after.UpdatedAt > before.UpdatedAt).toBe(true);
  });
});

describe('configNormalizer: first evaluation of an IAM user (no old result)', () => {
  const finding = () => normalizeOne(fixture(FIRST));

  it('maps without oldEvaluationResult', () => {
    // Act
    const result = finding();

    // Assess
    expect(result.Compliance?.Status).toBe('FAILED');
    expect(result.ProductFields?.['aws/config/OldConfigComplianceType']).toBeUndefined();
    expect(result.CreatedAt).toBe('2024-10-02T09:15:02.001Z');
  });

  it('keeps an IAM unique id as the resource Id (no ARN can be built from it)', () => {
    // Assess
    expect(finding().Resources[0]).toEqual({
      Type: 'AwsIamUser',
      Id: 'AIDAJQABLZS4A3QDU576Q',
      Partition: 'aws',
      Region: 'us-east-2',
    });
  });
});

describe('configNormalizer: NOT_APPLICABLE', () => {
  it('archives the finding with compliance NOT_AVAILABLE', () => {
    // Act
    const result = normalizeOne(fixture(NOT_APPLICABLE));

    // Assess
    expect(result.RecordState).toBe('ARCHIVED');
    expect(result.Compliance).toEqual({ Status: 'NOT_AVAILABLE' });
    expect(result.Workflow).toEqual({ Status: 'NEW' });
  });
});

describe('configNormalizer: INSUFFICIENT_DATA', () => {
  it('is NOT_AVAILABLE and stays active', () => {
    // Act
    const result = normalizeOne(fixture(INSUFFICIENT));

    // Assess
    expect(result.Compliance).toEqual({ Status: 'NOT_AVAILABLE' });
    expect(result.RecordState).toBe('ACTIVE');
  });

  it('describes the function as AwsLambdaFunction with its ARN', () => {
    // Act
    const result = normalizeOne(fixture(INSUFFICIENT));

    // Assess
    expect(result.Resources[0]).toMatchObject({
      Type: 'AwsLambdaFunction',
      Id: 'arn:aws:lambda:us-east-2:123456789012:function:my-function',
    });
  });
});

describe('configNormalizer: account-level evaluation forwarded to the admin account', () => {
  const event = () => fixture(ACCOUNT);
  const finding = () => normalizeOne(event());

  it('describes the account as AwsAccount', () => {
    // Assess
    expect(finding().Resources).toEqual([{ Type: 'AwsAccount', Id: 'AWS::::Account:444455556666', Partition: 'aws', Region: 'us-east-2' }]);
  });

  it('keeps the evaluated account and Region, not the envelope’s', () => {
    // Act
    const result = finding();

    // Assess
    expect(event().account).toBe('999999999999');
    expect(event().region).toBe('eu-west-1');
    expect(result.AwsAccountId).toBe('444455556666');
    expect(result.Region).toBe('us-east-2');
    expect(result.ProductArn).toBe('arn:aws:securityhub:us-east-2::product/aws/config');
  });

  it('has no status reason when the annotation is null', () => {
    // Assess
    expect(finding().Compliance).toEqual({ Status: 'PASSED' });
  });
});

describe('configNormalizer: untidy input', () => {
  it.each([
    ['epoch milliseconds', 1727466521405, '2024-09-27T19:48:41.405Z'],
    ['epoch milliseconds as a string', '1727466521405', '2024-09-27T19:48:41.405Z'],
    ['epoch seconds', 1727466521, '2024-09-27T19:48:41.000Z'],
    ['epoch seconds as a string', '1727466521', '2024-09-27T19:48:41.000Z'],
  ])('reads resultRecordedTime as %s', (_, value, expected) => {
    // Prepare
    const event = fixture(NON_COMPLIANT);
    set(event, 'detail.newEvaluationResult.resultRecordedTime', value);

    // Act
    const result = normalizeOne(event);

    // Assess
    expect(result.UpdatedAt).toBe(expected);
    expect(validateFinding(result).ok).toBe(true);
  });

  it('falls back to configRuleInvokedTime when resultRecordedTime is missing', () => {
    // Prepare
    const event = fixture(NON_COMPLIANT);
    set(event, 'detail.newEvaluationResult.resultRecordedTime', undefined);

    // Act
    const result = normalizeOne(event);

    // Assess
    expect(result.UpdatedAt).toBe('2024-09-27T19:48:40.914Z');
  });

  it('pads an account id sent as a number back to 12 digits', () => {
    // Prepare
    const event = fixture(NON_COMPLIANT);
    set(event, 'detail.awsAccountId', 23456789012);

    // Act
    const result = normalizeOne(event);

    // Assess
    expect(result.AwsAccountId).toBe('023456789012');
  });

  it('takes rule name, resource type and id from the evaluation qualifier when the detail lacks them', () => {
    // Prepare
    const event = fixture(NON_COMPLIANT);
    set(event, 'detail.configRuleName', undefined);
    set(event, 'detail.resourceType', undefined);
    set(event, 'detail.resourceId', undefined);

    // Act
    const result = normalizeOne(event);

    // Assess
    expect(result).toEqual(normalizeOne(fixture(NON_COMPLIANT)));
  });

  it('maps an unknown resource type to Other with the resource id', () => {
    // Prepare
    const event = fixture(NON_COMPLIANT);
    set(event, 'detail.resourceType', 'AWS::NewService::Thing');
    set(event, 'detail.resourceId', 'thing-1');

    // Act
    const result = normalizeOne(event);

    // Assess
    expect(result.Resources[0]).toMatchObject({ Type: 'Other', Id: 'thing-1' });
    expect(validateFinding(result).ok).toBe(true);
  });

  it.each(['constructor', 'toString'])('maps resource type %s to Other (no prototype lookups)', (resourceType) => {
    // Prepare
    const event = fixture(NON_COMPLIANT);
    set(event, 'detail.resourceType', resourceType);

    // Act
    const result = normalizeOne(event);

    // Assess
    expect(result.Resources[0]).toMatchObject({ Type: 'Other', Id: 'amzn-s3-demo-bucket' });
  });

  it('maps compliance type constructor to NOT_AVAILABLE (no prototype lookups)', () => {
    // Prepare
    const event = fixture(NON_COMPLIANT);
    set(event, 'detail.newEvaluationResult.complianceType', 'constructor');

    // Act
    const result = normalizeOne(event);

    // Assess
    expect(result.Compliance?.Status).toBe('NOT_AVAILABLE');
    expect(validateFinding(result).ok).toBe(true);
  });

  it('still maps an unknown compliance type, as NOT_AVAILABLE', () => {
    // Prepare
    const event = fixture(NON_COMPLIANT);
    set(event, 'detail.newEvaluationResult.complianceType', 'SOMETHING_NEW');

    // Act
    const result = normalizeOne(event);

    // Assess
    expect(result.Compliance?.Status).toBe('NOT_AVAILABLE');
    expect(result.ProductFields?.['aws/config/ConfigComplianceType']).toBe('SOMETHING_NEW');
  });

  it('builds ARNs in the Region’s partition', () => {
    // Prepare
    const event = fixture(COMPLIANT);
    set(event, 'detail.awsRegion', 'us-gov-west-1');

    // Act
    const result = normalizeOne(event);

    // Assess
    expect(result.Resources[0].Id).toBe('arn:aws-us-gov:ec2:us-gov-west-1:123456789012:security-group/sg-0123456789abcdef0');
    expect(result.Resources[0].Partition).toBe('aws-us-gov');
    expect(result.ProductArn).toBe('arn:aws-us-gov:securityhub:us-gov-west-1::product/aws/config');
  });

  it('cuts an over-long rule name to the Title limit', () => {
    // Prepare
    const event = fixture(NON_COMPLIANT);
    set(event, 'detail.configRuleName', 'r'.repeat(300));

    // Act
    const result = normalizeOne(event);

    // Assess
    expect(result.Title).toHaveLength(256);
    expect(validateFinding(result).ok).toBe(true);
  });
});

describe('configNormalizer: unmappable events', () => {
  it.each([
    ['detail.awsAccountId', 'detail.awsAccountId'],
    ['detail.awsRegion', 'detail.awsRegion'],
    ['detail.configRuleARN', 'detail.configRuleARN'],
    ['detail.newEvaluationResult', 'detail.newEvaluationResult'],
    ['detail.newEvaluationResult.complianceType', 'detail.newEvaluationResult.complianceType'],
  ])('names the path when %s is missing', (field, expected) => {
    // Prepare
    const event = fixture(NON_COMPLIANT);
    set(event, field, undefined);

    // Act
    const pathInError = unmappablePath(() => configNormalizer.normalize(event));

    // Assess
    expect(pathInError).toBe(expected);
  });

  it('names the detail path when neither detail nor qualifier has the resource id', () => {
    // Prepare
    const event = fixture(FIRST);
    set(event, 'detail.resourceId', undefined);
    set(event, 'detail.newEvaluationResult.evaluationResultIdentifier', undefined);

    // Act
    const pathInError = unmappablePath(() => configNormalizer.normalize(event));

    // Assess
    expect(pathInError).toBe('detail.resourceId');
  });

  it('names resultRecordedTime when no evaluation time is present', () => {
    // Prepare
    const event = fixture(NON_COMPLIANT);
    set(event, 'detail.newEvaluationResult.resultRecordedTime', undefined);
    set(event, 'detail.newEvaluationResult.configRuleInvokedTime', undefined);

    // Act
    const pathInError = unmappablePath(() => configNormalizer.normalize(event));

    // Assess
    expect(pathInError).toBe('detail.newEvaluationResult.resultRecordedTime');
  });

  it.each([
    ['detail.awsAccountId', 'not-an-account'],
    ['detail.newEvaluationResult.resultRecordedTime', 'sometime'],
  ])('names %s when its value is malformed', (field, value) => {
    // Prepare
    const event = fixture(NON_COMPLIANT);
    set(event, field, value);

    // Act
    const pathInError = unmappablePath(() => configNormalizer.normalize(event));

    // Assess
    expect(pathInError).toBe(field);
  });
});

describe('configFindingId', () => {
  it('differs for different resources of a rule and is stable for the same one', () => {
    // Prepare
    const rule = 'arn:aws:config:us-east-1:123456789012:config-rule/config-rule-abc123';
    const resource = fc.tuple(fc.constantFrom(...Object.keys(CONFIG_RESOURCE_TYPES)), fc.string({ minLength: 1 }));

    // Assess
    fc.assert(
      fc.property(resource, resource, ([typeA, idA], [typeB, idB]) => {
        const same = typeA === typeB && idA === idB;
        expect(configFindingId(rule, typeA, idA) === configFindingId(rule, typeB, idB)).toBe(same);
      }),
    );
  });
});

describe('asffResource', () => {
  const scope = { partition: 'aws', region: 'eu-west-1', account: '123456789012' };

  it.each([
    ['AWS::EC2::Instance', 'i-0abcd1234efgh5678', 'AwsEc2Instance', 'arn:aws:ec2:eu-west-1:123456789012:instance/i-0abcd1234efgh5678'],
    ['AWS::IAM::Role', 'my-role', 'AwsIamRole', 'arn:aws:iam::123456789012:role/my-role'],
    ['AWS::IAM::User', 'AIDAJQABLZS4A3QDU576Q', 'AwsIamUser', 'AIDAJQABLZS4A3QDU576Q'],
    ['AWS::KMS::Key', '1234abcd-12ab-34cd-56ef-1234567890ab', 'AwsKmsKey', 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'],
    ['AWS::CloudFront::Distribution', 'E2EXAMPLE', 'AwsCloudFrontDistribution', 'arn:aws:cloudfront::123456789012:distribution/E2EXAMPLE'],
    ['AWS::SNS::Topic', 'arn:aws:sns:eu-west-1:123456789012:alerts', 'AwsSnsTopic', 'arn:aws:sns:eu-west-1:123456789012:alerts'],
    ['AWS::RDS::DBInstance', 'db-ABCDEFGHIJKL', 'AwsRdsDbInstance', 'db-ABCDEFGHIJKL'],
    ['AWS::::Account', '123456789012', 'AwsAccount', 'AWS::::Account:123456789012'],
  ])('maps %s %s to %s %s', (configType, resourceId, type, id) => {
    // Act
    const result = asffResource(configType, resourceId, scope);

    // Assess
    expect(result).toEqual({ Type: type, Id: id });
  });
});
