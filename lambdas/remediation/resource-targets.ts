/**
 * Strict parsing of the resource a playbook acts on: its ARN (or Security Hub's Id form) per ASFF
 * resource type, the SDK-facing id, and the account it names. Everything here reads UNTRUSTED
 * finding fields: a value that does not match its type's exact pattern is refused, so no injected
 * character reaches a Step Functions SDK call. Pure.
 */

/** A resource Id parsed for its type. `accountId` is absent where the ARN names none (S3 buckets, access keys). */
export interface ParsedResource {
  partition: string;
  /** Region the ARN names; absent for global resources (S3 bucket ARNs, IAM, the account). */
  region?: string;
  accountId?: string;
  resourceId: string;
}

const PARTITION = '(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b|aws-iso-e|aws-iso-f|aws-eusc)';
const REGION = '([a-z]{2}(?:-gov|-iso|-isob|-isoe|-isof)?-[a-z]+-\\d)';
const ACCOUNT = '(\\d{12})';

/** Exact patterns of the ids the playbooks pass to SDK calls. */
export const RESOURCE_ID_PATTERNS = {
  securityGroupId: /^sg-[0-9a-f]{8,17}$/,
  instanceId: /^i-[0-9a-f]{8,17}$/,
  vpcId: /^vpc-[0-9a-f]{8,17}$/,
  accessKeyId: /^(AKIA|ASIA)[A-Z0-9]{16}$/,
  trailName: /^[A-Za-z0-9][A-Za-z0-9._-]{1,126}[A-Za-z0-9]$/,
  dbSnapshotName: /^[a-zA-Z][a-zA-Z0-9]*(-[a-zA-Z0-9]+)*$/,
  accountId: /^\d{12}$/,
} as const;

/** A regional ARN of one service and resource prefix, with its id pattern. */
function regionalArn(service: string, resource: string, id: RegExp) {
  const pattern = new RegExp(`^arn:${PARTITION}:${service}:${REGION}:${ACCOUNT}:${resource}(.+)$`);
  return (value: string): ParsedResource | undefined => {
    const match = pattern.exec(value);
    if (match === null || !id.test(match[4])) return undefined;
    return { partition: match[1], region: match[2], accountId: match[3], resourceId: match[4] };
  };
}

/**
 * S3 bucket naming rules for general purpose buckets: 3–63 characters, lowercase letters, digits,
 * dots and hyphens, starting and ending with a letter or digit, no `..`, not an IP address, none of
 * the reserved prefixes and suffixes.
 */
export function isValidBucketName(name: string): boolean {
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name)) return false;
  if (name.includes('..') || name.includes('.-') || name.includes('-.')) return false;
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return false;
  if (/^(xn--|sthree-|amzn-s3-demo-)/.test(name) || /(-s3alias|--ol-s3|\.mrap|--x-s3)$/.test(name)) return false;
  return true;
}

function bucket(value: string): ParsedResource | undefined {
  const match = new RegExp(`^arn:${PARTITION}:s3:::(.+)$`).exec(value);
  if (match === null || !isValidBucketName(match[2])) return undefined;
  return { partition: match[1], resourceId: match[2] };
}

function accessKey(value: string): ParsedResource | undefined {
  const match = /^AWS::IAM::AccessKey:(.+)$/.exec(value);
  if (match === null || !RESOURCE_ID_PATTERNS.accessKeyId.test(match[1])) return undefined;
  return { partition: '', resourceId: match[1] };
}

function account(value: string): ParsedResource | undefined {
  const match = /^AWS::::Account:(.+)$/.exec(value);
  if (match === null || !RESOURCE_ID_PATTERNS.accountId.test(match[1])) return undefined;
  return { partition: '', accountId: match[1], resourceId: match[1] };
}

/** Parsers by ASFF resource type; a type absent here cannot be remediated. */
const PARSERS: Record<string, (value: string) => ParsedResource | undefined> = {
  AwsS3Bucket: bucket,
  AwsEc2SecurityGroup: regionalArn('ec2', 'security-group/', RESOURCE_ID_PATTERNS.securityGroupId),
  AwsEc2Instance: regionalArn('ec2', 'instance/', RESOURCE_ID_PATTERNS.instanceId),
  AwsEc2Vpc: regionalArn('ec2', 'vpc/', RESOURCE_ID_PATTERNS.vpcId),
  AwsCloudTrailTrail: regionalArn('cloudtrail', 'trail/', RESOURCE_ID_PATTERNS.trailName),
  AwsRdsDbSnapshot: regionalArn('rds', 'snapshot:', RESOURCE_ID_PATTERNS.dbSnapshotName),
  AwsRdsDbClusterSnapshot: regionalArn('rds', 'cluster-snapshot:', RESOURCE_ID_PATTERNS.dbSnapshotName),
  AwsIamAccessKey: accessKey,
  AwsAccount: account,
};

/** The resource types {@link parseResource} understands. */
export const PARSABLE_RESOURCE_TYPES: readonly string[] = Object.keys(PARSERS);

/** Parses a resource Id for its type; undefined when the type is unknown or the Id does not match exactly. */
export function parseResource(type: string, id: string): ParsedResource | undefined {
  if (!Object.hasOwn(PARSERS, type) || typeof id !== 'string' || id.length > 2048) return undefined;
  return PARSERS[type](id);
}

/** `arn:<partition>:iam::<accountId>:role/<roleName>`: the role a playbook assumes in the member account. */
export function memberRoleArn(partition: string, accountId: string, roleName: string): string {
  return `arn:${partition}:iam::${accountId}:role/${roleName}`;
}

/** The partition and Region a Security Hub product ARN names (`arn:aws:securityhub:us-east-1:…`). */
export function productArnLocation(productArn: string): { partition: string; region: string } | undefined {
  const match = new RegExp(`^arn:${PARTITION}:securityhub:${REGION}:`).exec(productArn);
  return match === null ? undefined : { partition: match[1], region: match[2] };
}

/** True for a syntactically valid Region name. */
export function isRegion(value: unknown): value is string {
  return typeof value === 'string' && new RegExp(`^${REGION}$`).test(value);
}
