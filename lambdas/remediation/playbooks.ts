/**
 * The playbook registry: every remediation playbook as data. The CDK construct
 * (`lib/constructs/remediation.ts`) creates one state machine per entry from
 * `statemachines/remediation-<id>.asl.json`, the member stack grants the union of the entries'
 * `memberActions`, and the dispatcher picks an entry with {@link playbookFor}. Adding a playbook is
 * an entry here plus its spec (`lambdas/remediation/playbooks/specs/<id>.ts`), from which
 * `npm run generate` writes the ASL file (docs/remediation.md, "Adding a playbook").
 *
 * Control ids are the compliance catalogue's (`lambdas/compliance/controls/`), except the ids in
 * {@link RETIRED_CONTROL_IDS}: AWS retired them, but findings imported from Security Hub or third
 * parties still carry them.
 */
import type { PlaybookDefinition } from './contract';

/** Security group every isolated instance is moved into (per VPC; created by the playbook when missing). */
export const ISOLATION_SECURITY_GROUP_NAME = 'open-security-hub-isolation';
/** CloudWatch Logs group the vpc-flow-logs playbook delivers to (created by VPC Flow Logs on first delivery). */
export const FLOW_LOGS_LOG_GROUP_NAME = '/open-security-hub/vpc-flow-logs';
/** Role in each member account that VPC Flow Logs assumes to deliver (member remediation stack). */
export const FLOW_LOGS_DELIVERY_ROLE_NAME = 'OpenSecurityHubFlowLogsDelivery';

/** Control ids a playbook remediates that the catalogue no longer evaluates (AWS retired them). */
export const RETIRED_CONTROL_IDS: readonly string[] = ['S3.4'];

/** GuardDuty finding types of a compromised EC2 instance (prefixes of `Type`), as the GuardDuty User Guide lists them. */
const EC2_COMPROMISE_TYPES = ['Backdoor:EC2/', 'CryptoCurrency:EC2/', 'Trojan:EC2/', 'UnauthorizedAccess:EC2/', 'Impact:EC2/', 'Execution:EC2/', 'DefenseEvasion:EC2/'];

/** Every playbook, in the order the README lists them. */
export const PLAYBOOKS: readonly PlaybookDefinition[] = [
  {
    id: 's3-block-public-access',
    title: 'Turn on all four Block Public Access settings of an S3 bucket',
    // S3.1 is the account-level block (resource AwsAccount): not this bucket-level playbook.
    remediates: {
      securityControlIds: ['S3.8', 'S3.2', 'S3.3'],
      findingTypePrefixes: ['Effects/Data Exposure/Policy:IAMUser-S3BucketPublic'],
    },
    resourceType: 'AwsS3Bucket',
    memberActions: ['s3:GetBucketPublicAccessBlock', 's3:PutBucketPublicAccessBlock'],
    destructive: false,
    approvalByDefault: false,
  },
  {
    id: 's3-default-encryption',
    title: 'Turn on default encryption (SSE-S3, bucket key) of an S3 bucket',
    remediates: { securityControlIds: ['S3.4'] },
    resourceType: 'AwsS3Bucket',
    memberActions: ['s3:GetEncryptionConfiguration', 's3:PutEncryptionConfiguration'],
    destructive: false,
    approvalByDefault: false,
  },
  {
    id: 'sg-revoke-admin-ports',
    title: 'Revoke security group ingress from 0.0.0.0/0 or ::/0 to administration and high-risk ports',
    remediates: { securityControlIds: ['EC2.19', 'EC2.13', 'EC2.14', 'EC2.53', 'EC2.54'] },
    resourceType: 'AwsEc2SecurityGroup',
    memberActions: ['ec2:DescribeSecurityGroupRules', 'ec2:RevokeSecurityGroupIngress'],
    destructive: false,
    approvalByDefault: false,
  },
  {
    id: 'ebs-default-encryption',
    title: 'Turn on EBS encryption by default in the account and Region',
    remediates: { securityControlIds: ['EC2.7'] },
    resourceType: 'AwsAccount',
    memberActions: ['ec2:GetEbsEncryptionByDefault', 'ec2:EnableEbsEncryptionByDefault'],
    destructive: false,
    approvalByDefault: false,
  },
  {
    id: 'iam-deactivate-access-key',
    title: 'Deactivate an IAM access key used by an attacker',
    remediates: { guardDutyTypePrefixes: ['UnauthorizedAccess:IAMUser/', 'CredentialAccess:IAMUser/'] },
    resourceType: 'AwsIamAccessKey',
    memberActions: ['iam:ListAccessKeys', 'iam:UpdateAccessKey'],
    destructive: true,
    approvalByDefault: true,
  },
  {
    id: 'ec2-isolate-instance',
    title: 'Isolate a compromised EC2 instance: forensic snapshots of its volumes, then an isolation security group only',
    remediates: { guardDutyTypePrefixes: EC2_COMPROMISE_TYPES },
    resourceType: 'AwsEc2Instance',
    memberActions: [
      'ec2:DescribeInstances',
      'ec2:DescribeSecurityGroups',
      'ec2:CreateSecurityGroup',
      'ec2:RevokeSecurityGroupEgress',
      'ec2:CreateSnapshot',
      'ec2:CreateTags',
      'ec2:ModifyInstanceAttribute',
    ],
    destructive: true,
    approvalByDefault: true,
  },
  {
    id: 'cloudtrail-log-file-validation',
    title: 'Turn on log file validation of a CloudTrail trail',
    remediates: { securityControlIds: ['CloudTrail.4'] },
    resourceType: 'AwsCloudTrailTrail',
    memberActions: ['cloudtrail:GetTrail', 'cloudtrail:UpdateTrail'],
    destructive: false,
    approvalByDefault: false,
  },
  {
    id: 'vpc-flow-logs',
    title: "Turn on VPC flow logs (rejected traffic) to CloudWatch Logs through the member stack's delivery role",
    remediates: { securityControlIds: ['EC2.6'] },
    resourceType: 'AwsEc2Vpc',
    memberActions: ['ec2:DescribeFlowLogs', 'ec2:CreateFlowLogs', 'ec2:CreateTags', 'iam:PassRole'],
    destructive: false,
    approvalByDefault: false,
  },
  {
    id: 'rds-snapshot-private',
    title: 'Make a public RDS DB snapshot private (remove "all" from its restore attribute)',
    remediates: { securityControlIds: ['RDS.1'] },
    resourceType: 'AwsRdsDbSnapshot',
    memberActions: ['rds:DescribeDBSnapshotAttributes', 'rds:ModifyDBSnapshotAttribute'],
    destructive: false,
    approvalByDefault: false,
  },
];

/** The ASL file of a playbook, relative to the repository root. */
export function playbookDefinitionFile(playbookId: string): string {
  return `statemachines/remediation-${playbookId}.asl.json`;
}

/** The playbook with this id, or undefined. */
export function playbookById(playbookId: string): PlaybookDefinition | undefined {
  return PLAYBOOKS.find((playbook) => playbook.id === playbookId);
}

/** What {@link playbookFor} matches on: fields of a stored (re-read) finding. */
export interface PlaybookMatchInput {
  /** `Compliance.SecurityControlId` of a control finding. */
  securityControlId?: string;
  /** ASFF `Types`. */
  types?: readonly string[];
  /** The GuardDuty finding type (`ProductFields['aws/guardduty/type']` or the original `Type`). */
  guardDutyType?: string;
}

/**
 * The playbook that remediates a finding: by its control id first, then by its ASFF type or its
 * GuardDuty type prefix; undefined when none does.
 */
export function playbookFor(finding: PlaybookMatchInput): PlaybookDefinition | undefined {
  const { securityControlId, types = [], guardDutyType } = finding;
  if (securityControlId) {
    const byControl = PLAYBOOKS.find((playbook) => playbook.remediates.securityControlIds?.includes(securityControlId));
    if (byControl) return byControl;
  }
  return PLAYBOOKS.find(
    (playbook) =>
      types.some((type) => playbook.remediates.findingTypePrefixes?.some((prefix) => type.startsWith(prefix))) ||
      (guardDutyType !== undefined && playbook.remediates.guardDutyTypePrefixes?.some((prefix) => guardDutyType.startsWith(prefix))),
  );
}
