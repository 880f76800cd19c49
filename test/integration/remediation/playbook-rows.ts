/**
 * One row per playbook of the registry: its finding, how to make its resource in the simulated
 * member account failing, fixed or opted out, and its write action (shared by the playbook tests
 * and the remediation bench).
 */
import type { AwsSecurityFinding } from '../../../lambdas/asff/types';
import { addMember, editMember, memberItem, type RemediationWorld } from './harness';

export const MEMBER = '123456789012';
const SECURITY_HUB = `arn:aws:securityhub:us-east-1::product/aws/securityhub`;
const GUARDDUTY = `arn:aws:securityhub:us-east-1::product/aws/guardduty`;
type Set = Array<{ path: Array<string | number>; value: unknown }>;

export function controlFinding(id: string, controlId: string, type: string, resourceId: string, extra: Partial<AwsSecurityFinding> = {}): AwsSecurityFinding {
  return {
    SchemaVersion: '2018-10-08',
    Id: `arn:aws:securityhub:us-east-1:${MEMBER}:security-control/${controlId}/finding/${id}`,
    ProductArn: SECURITY_HUB,
    GeneratorId: `security-control/${controlId}`,
    AwsAccountId: MEMBER,
    Region: 'us-east-1',
    Types: ['Software and Configuration Checks/Industry and Regulatory Standards'],
    CreatedAt: '2026-11-01T10:00:00.000Z',
    UpdatedAt: '2026-11-01T10:00:00.000Z',
    Severity: { Label: 'HIGH' },
    Title: `${controlId} failed`,
    Description: `${controlId} failed on ${resourceId}`,
    Compliance: { Status: 'FAILED', SecurityControlId: controlId },
    Workflow: { Status: 'NEW' },
    RecordState: 'ACTIVE',
    Resources: [{ Type: type, Id: resourceId, Region: 'us-east-1', Partition: 'aws' }],
    ...extra,
  } as AwsSecurityFinding;
}

export function threatFinding(id: string, guardDutyType: string, type: string, resourceId: string, details: Record<string, unknown> = {}): AwsSecurityFinding {
  return {
    SchemaVersion: '2018-10-08',
    Id: `arn:aws:guardduty:us-east-1:${MEMBER}:detector/12abc34d567e8fa901bc2d34e56789f0/finding/${id}`,
    ProductArn: GUARDDUTY,
    GeneratorId: 'arn:aws:guardduty:us-east-1:123456789012:detector/12abc34d567e8fa901bc2d34e56789f0',
    AwsAccountId: MEMBER,
    Region: 'us-east-1',
    Types: [`TTPs/${guardDutyType}`],
    ProductFields: { 'aws/guardduty/type': guardDutyType },
    CreatedAt: '2026-11-01T10:00:00.000Z',
    UpdatedAt: '2026-11-01T10:00:00.000Z',
    Severity: { Label: 'HIGH' },
    Title: guardDutyType,
    Description: guardDutyType,
    Workflow: { Status: 'NEW' },
    RecordState: 'ACTIVE',
    Resources: [{ Type: type, Id: resourceId, Region: 'us-east-1', Partition: 'aws', ...(Object.keys(details).length > 0 && { Details: details }) }],
  } as AwsSecurityFinding;
}

/** One playbook's test data: its finding, how to make its resource failing, fixed or opted out, and its write action. */
export interface Row {
  playbookId: string;
  finding: AwsSecurityFinding;
  /** The resource as Config records it (type, id) — where the opt-out tag goes. */
  resource: [string, string];
  /** Makes the member account's resource non-compliant (before every case). */
  setup?: (world: RemediationWorld) => Promise<void>;
  /** Edits that make it compliant (the already-fixed case). */
  fix: (world: RemediationWorld) => Promise<void>;
  isFixed: (world: RemediationWorld) => boolean;
  /** The write action a failing-API case breaks. */
  act: string;
}

const item = (world: RemediationWorld, type: string, id: string) => memberItem(world, type, id);
const config = (world: RemediationWorld, type: string, id: string) => item(world, type, id).configuration as Record<string, any>;
const supplementary = (world: RemediationWorld, type: string, id: string) => item(world, type, id).supplementaryConfiguration as Record<string, any>;
const edit = (type: string, id: string, set: Set) => (world: RemediationWorld) => editMember(world, type, id, set);
const ALL_BLOCKED = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };
const VPC = 'vpc-0a1b2c3d4e5f60718';
export const SG = 'sg-0f0e0d0c0b0a09080';
const INSTANCE = 'i-0123456789abcdef1';
const KEY = 'AKIAIOSFODNN7BOB0001';

export const ROWS: Row[] = [
  {
    playbookId: 's3-block-public-access',
    finding: controlFinding('s3-8', 'S3.8', 'AwsS3Bucket', 'arn:aws:s3:::public-website-assets'),
    resource: ['AWS::S3::Bucket', 'public-website-assets'],
    fix: edit('AWS::S3::Bucket', 'public-website-assets', [{ path: ['supplementaryConfiguration', 'PublicAccessBlockConfiguration'], value: ALL_BLOCKED }]),
    isFixed: (world) => JSON.stringify(supplementary(world, 'AWS::S3::Bucket', 'public-website-assets').PublicAccessBlockConfiguration) === JSON.stringify(ALL_BLOCKED),
    act: 's3:putPublicAccessBlock',
  },
  {
    playbookId: 's3-default-encryption',
    finding: controlFinding('s3-4', 'S3.4', 'AwsS3Bucket', 'arn:aws:s3:::public-website-assets'),
    resource: ['AWS::S3::Bucket', 'public-website-assets'],
    fix: edit('AWS::S3::Bucket', 'public-website-assets', [
      {
        path: ['supplementaryConfiguration', 'ServerSideEncryptionConfiguration'],
        value: { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms' }, bucketKeyEnabled: true }] },
      },
    ]),
    isFixed: (world) => (supplementary(world, 'AWS::S3::Bucket', 'public-website-assets').ServerSideEncryptionConfiguration?.rules ?? []).length > 0,
    act: 's3:putBucketEncryption',
  },
  {
    playbookId: 'sg-revoke-admin-ports',
    finding: controlFinding('ec2-19', 'EC2.19', 'AwsEc2SecurityGroup', `arn:aws:ec2:us-east-1:${MEMBER}:security-group/${SG}`),
    resource: ['AWS::EC2::SecurityGroup', SG],
    fix: (world) =>
      editMember(world, 'AWS::EC2::SecurityGroup', SG, [
        { path: ['configuration', 'ipPermissions'], value: config(world, 'AWS::EC2::SecurityGroup', SG).ipPermissions.filter((rule: any) => rule.fromPort !== 22) },
      ]),
    isFixed: (world) =>
      !config(world, 'AWS::EC2::SecurityGroup', SG).ipPermissions.some((rule: any) => rule.fromPort === 22 && rule.ipv4Ranges.some((range: any) => range.cidrIp === '0.0.0.0/0')),
    act: 'ec2:revokeSecurityGroupIngress',
  },
  {
    playbookId: 'ebs-default-encryption',
    finding: controlFinding('ec2-7', 'EC2.7', 'AwsAccount', `AWS::::Account:${MEMBER}`),
    resource: ['AWS::::Account', MEMBER],
    setup: edit('AWS::::Account', MEMBER, [{ path: ['configuration', 'ebsEncryptionByDefault'], value: false }]),
    fix: edit('AWS::::Account', MEMBER, [{ path: ['configuration', 'ebsEncryptionByDefault'], value: true }]),
    isFixed: (world) => config(world, 'AWS::::Account', MEMBER).ebsEncryptionByDefault === true,
    act: 'ec2:enableEbsEncryptionByDefault',
  },
  {
    playbookId: 'iam-deactivate-access-key',
    finding: threatFinding('iam-key', 'UnauthorizedAccess:IAMUser/MaliciousIPCaller', 'AwsIamAccessKey', `AWS::IAM::AccessKey:${KEY}`, {
      AwsIamAccessKey: { PrincipalName: 'bob', UserName: 'bob', PrincipalType: 'IAMUser' },
    }),
    resource: ['AWS::IAM::User', 'AIDABOB'],
    setup: edit('AWS::IAM::User', 'AIDABOB', [
      {
        path: ['supplementaryConfiguration', 'AccessKeys'],
        value: [
          { accessKeyId: KEY, status: 'Active', createDate: '2024-12-01T00:00:00Z' },
          { accessKeyId: 'AKIAIOSFODNN7BOB0002', status: 'Active', createDate: '2025-05-20T00:00:00Z' },
        ],
      },
    ]),
    fix: edit('AWS::IAM::User', 'AIDABOB', [{ path: ['supplementaryConfiguration', 'AccessKeys', 0, 'status'], value: 'Inactive' }]),
    isFixed: (world) =>
      supplementary(world, 'AWS::IAM::User', 'AIDABOB').AccessKeys[0].status === 'Inactive' && supplementary(world, 'AWS::IAM::User', 'AIDABOB').AccessKeys[1].status === 'Active',
    act: 'iam:updateAccessKey',
  },
  {
    playbookId: 'ec2-isolate-instance',
    finding: threatFinding('ec2-backdoor', 'Backdoor:EC2/C&CActivity.B', 'AwsEc2Instance', `arn:aws:ec2:us-east-1:${MEMBER}:instance/${INSTANCE}`),
    resource: ['AWS::EC2::Instance', INSTANCE],
    setup: (world) =>
      addMember(world, {
        accountId: MEMBER,
        awsRegion: 'us-east-1',
        resourceType: 'AWS::EC2::Volume',
        resourceId: 'vol-0bbb2222cccc33335',
        arn: `arn:aws:ec2:us-east-1:${MEMBER}:volume/vol-0bbb2222cccc33335`,
        configuration: {
          volumeId: 'vol-0bbb2222cccc33335',
          encrypted: true,
          size: 8,
          attachments: [{ instanceId: INSTANCE, device: '/dev/xvda', state: 'attached', volumeId: 'vol-0bbb2222cccc33335', deleteOnTermination: true }],
        },
      }),
    fix: async (world) => {
      await addMember(world, {
        accountId: MEMBER,
        awsRegion: 'us-east-1',
        resourceType: 'AWS::EC2::SecurityGroup',
        resourceId: 'sg-0123456789abcdef9',
        configuration: { groupName: 'open-security-hub-isolation', groupId: 'sg-0123456789abcdef9', vpcId: VPC, ipPermissions: [], ipPermissionsEgress: [] },
      });
      await editMember(world, 'AWS::EC2::Instance', INSTANCE, [
        { path: ['configuration', 'securityGroups'], value: [{ groupName: 'open-security-hub-isolation', groupId: 'sg-0123456789abcdef9' }] },
      ]);
    },
    isFixed: (world) => {
      const groups = config(world, 'AWS::EC2::Instance', INSTANCE).securityGroups;
      return groups.length === 1 && groups[0].groupName === 'open-security-hub-isolation';
    },
    act: 'ec2:createSnapshot', // its first write: the isolation group and the instance's groups come after
  },
  {
    playbookId: 'cloudtrail-log-file-validation',
    finding: controlFinding('ct-4', 'CloudTrail.4', 'AwsCloudTrailTrail', `arn:aws:cloudtrail:us-east-1:${MEMBER}:trail/org-trail`),
    resource: ['AWS::CloudTrail::Trail', 'org-trail'],
    setup: edit('AWS::CloudTrail::Trail', 'org-trail', [{ path: ['configuration', 'logFileValidationEnabled'], value: false }]),
    fix: edit('AWS::CloudTrail::Trail', 'org-trail', [{ path: ['configuration', 'logFileValidationEnabled'], value: true }]),
    isFixed: (world) => config(world, 'AWS::CloudTrail::Trail', 'org-trail').logFileValidationEnabled === true,
    act: 'cloudtrail:updateTrail',
  },
  {
    playbookId: 'vpc-flow-logs',
    finding: controlFinding('ec2-6', 'EC2.6', 'AwsEc2Vpc', `arn:aws:ec2:us-east-1:${MEMBER}:vpc/${VPC}`),
    resource: ['AWS::EC2::VPC', VPC],
    setup: edit('AWS::EC2::FlowLog', 'fl-0a1b2c3d4e5f60002', [{ path: ['configuration', 'resourceId'], value: 'vpc-0ffffffffffffffff' }]),
    fix: edit('AWS::EC2::FlowLog', 'fl-0a1b2c3d4e5f60002', [{ path: ['configuration', 'resourceId'], value: VPC }]),
    isFixed: (world) => world.config.store.latest().some((log) => log.resourceType === 'AWS::EC2::FlowLog' && (log.configuration as any).resourceId === VPC),
    act: 'ec2:createFlowLogs',
  },
  {
    playbookId: 'rds-snapshot-private',
    finding: controlFinding('rds-1', 'RDS.1', 'AwsRdsDbSnapshot', `arn:aws:rds:us-east-1:${MEMBER}:snapshot:legacy-db-final`),
    resource: ['AWS::RDS::DBSnapshot', 'legacy-db-final'],
    setup: (world) =>
      addMember(world, {
        accountId: MEMBER,
        awsRegion: 'us-east-1',
        resourceType: 'AWS::RDS::DBSnapshot',
        resourceId: 'legacy-db-final',
        resourceName: 'legacy-db-final',
        arn: `arn:aws:rds:us-east-1:${MEMBER}:snapshot:legacy-db-final`,
        configuration: { dBSnapshotIdentifier: 'legacy-db-final', dBInstanceIdentifier: 'legacy-db', encrypted: false },
        supplementaryConfiguration: { DBSnapshotAttributes: [{ attributeName: 'restore', attributeValues: ['all', '111122223333'] }] },
      }),
    fix: edit('AWS::RDS::DBSnapshot', 'legacy-db-final', [
      { path: ['supplementaryConfiguration', 'DBSnapshotAttributes'], value: [{ attributeName: 'restore', attributeValues: ['111122223333'] }] },
    ]),
    isFixed: (world) => {
      const restore = supplementary(world, 'AWS::RDS::DBSnapshot', 'legacy-db-final').DBSnapshotAttributes[0].attributeValues;
      return !restore.includes('all') && restore.includes('111122223333');
    },
    act: 'rds:modifyDBSnapshotAttribute',
  },
];
