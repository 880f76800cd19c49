import type { ControlDefinition } from './types';
import { failed, notApplicable, passed } from './support/verdicts';
import { asString, field, supplementary } from './support/readers';
import { stringListParameter } from './support/parameters';
import { cis3, controlPage, FSBP, pci321 } from './support/mappings';
import { defineControl } from './support/guard';
import {
  accountBpa,
  allowsPublicly,
  bpaSettingsOff,
  bucketBpa,
  bucketPolicy,
  type BucketPolicyStatement,
  coversAny,
  effectiveBpa,
  isPublicPrincipal,
  overlaps,
  publicAclPermissions,
} from './support/s3-access';

const BUCKET = 'AWS::S3::Bucket';

const READ_ACTIONS = ['s3:GetObject', 's3:GetObjectVersion', 's3:ListBucket', 's3:ListBucketVersions'];
const WRITE_ACTIONS = ['s3:PutObject', 's3:DeleteObject', 's3:DeleteObjectVersion', 's3:PutObjectAcl', 's3:PutBucketPolicy', 's3:PutBucketAcl'];
const CROSS_ACCOUNT_DENIED_ACTIONS = ['s3:DeleteBucketPolicy', 's3:PutBucketAcl', 's3:PutBucketPolicy', 's3:PutEncryptionConfiguration', 's3:PutObjectAcl'];
const READ_ACL = ['Read', 'FullControl', 'READ', 'FULL_CONTROL'];
const WRITE_ACL = ['Write', 'WriteAcp', 'FullControl', 'WRITE', 'WRITE_ACP', 'FULL_CONTROL'];

/** Why a bucket is public for some actions, or `undefined`: policy unless RestrictPublicBuckets, ACL unless IgnorePublicAcls. */
function publicExposure(
  item: Parameters<ControlDefinition['evaluate']>[0],
  context: Parameters<ControlDefinition['evaluate']>[1],
  actions: string[],
  aclPermissions: string[],
): string | undefined {
  const bpa = effectiveBpa(item, context);
  const reasons: string[] = [];
  if (!bpa.restrictPublicBuckets && (bucketPolicy(item) ?? []).some((statement) => allowsPublicly(statement, actions))) {
    reasons.push('its bucket policy allows them to everyone (Principal "*") without a condition');
  }
  const grants = publicAclPermissions(item).filter((permission) => aclPermissions.includes(permission));
  if (!bpa.ignorePublicAcls && grants.length > 0) {
    reasons.push(`its ACL grants ${[...new Set(grants)].join(', ')} to AllUsers or AuthenticatedUsers`);
  }
  return reasons.length > 0 ? reasons.join('; ') : undefined;
}

/**
 * Why a bucket is publicly accessible (readable or writable by everyone, as S3.2 and S3.3 judge it),
 * or `undefined`. The context must hold the account's `AWS::S3::AccountPublicAccessBlock` item.
 */
export function bucketPublicAccess(bucket: Parameters<ControlDefinition['evaluate']>[0], context: Parameters<ControlDefinition['evaluate']>[1]): string | undefined {
  const read = publicExposure(bucket, context, READ_ACTIONS, READ_ACL);
  const write = publicExposure(bucket, context, WRITE_ACTIONS, WRITE_ACL);
  return read ? `public read: ${read}${write ? `; public write: ${write}` : ''}` : write ? `public write: ${write}` : undefined;
}

/** Whether a statement denies every S3 action over plain HTTP (`aws:SecureTransport` false). */
function deniesInsecureTransport(statement: BucketPolicyStatement): boolean {
  if (statement.effect !== 'Deny' || !isPublicPrincipal(statement) || !coversAny(statement.actions, ['s3:*'])) return false;
  // s3:* must be covered as a whole: only "s3:*" or "*" patterns deny every action.
  if (!statement.actions.some((action) => action === '*' || action.toLowerCase() === 's3:*')) return false;
  return Object.entries(statement.condition).some(
    ([operator, block]) =>
      /^Bool(IfExists)?$/i.test(operator) &&
      Object.entries(block as Record<string, unknown>).some(
        ([key, value]) => key.toLowerCase() === 'aws:securetransport' && [value].flat().some((v) => String(v).toLowerCase() === 'false'),
      ),
  );
}

/** The AWS account a policy principal names, if it names one (account id or IAM ARN). */
function principalAccount(principal: string): string | undefined {
  return /^\d{12}$/.test(principal) ? principal : /^arn:aws[\w-]*:iam::(\d{12}):/.exec(principal)?.[1];
}

/** Security Hub controls for Amazon S3. */
export const s3Controls: ControlDefinition[] = [
  defineControl(
    {
      id: 'S3.1',
      title: 'S3 general purpose buckets should have block public access settings enabled',
      description:
        'Checks whether the four Amazon S3 Block Public Access settings (ignorePublicAcls, blockPublicPolicy, blockPublicAcls, restrictPublicBuckets) are all enabled at the account level. Fails if any is false or not configured.',
      severity: 'MEDIUM',
      resourceTypes: ['AWS::::Account'],
      standards: [FSBP, cis3('2.1.4'), pci321('1.2.1', '1.3.1', '1.3.2', '1.3.4', '1.3.6')],
      reads: [{ resourceType: 'AWS::S3::AccountPublicAccessBlock' }],
      remediationUrl: controlPage('S3.1'),
    },
    (item, _configuration, context) => {
      const settings = accountBpa(context);
      if (!settings) return failed(`Account ${item.accountId} has no account-level S3 Block Public Access configuration (AWS::S3::AccountPublicAccessBlock).`);
      const off = bpaSettingsOff(settings);
      return off.length > 0
        ? failed(`Account-level S3 Block Public Access settings not enabled: ${off.join(', ')}.`)
        : passed('All four account-level S3 Block Public Access settings are enabled.');
    },
  ),
  defineControl(
    {
      id: 'S3.2',
      title: 'S3 general purpose buckets should block public read access',
      description:
        'Checks whether an S3 general purpose bucket allows public read access, from its Block Public Access settings (bucket and account), bucket policy and bucket ACL.',
      severity: 'CRITICAL',
      resourceTypes: [BUCKET],
      standards: [FSBP, pci321('1.2.1', '1.3.1', '1.3.2', '1.3.6', '7.2.1')],
      reads: [{ resourceType: 'AWS::S3::AccountPublicAccessBlock' }], // the account-level block applies to every bucket
      remediationUrl: controlPage('S3.2'),
    },
    (item, _configuration, context) => {
      const exposure = publicExposure(item, context, READ_ACTIONS, READ_ACL);
      return exposure
        ? failed(`Bucket ${item.resourceId} allows public read access: ${exposure}.`)
        : passed(`Bucket ${item.resourceId} does not allow public read access through its policy or ACL.`);
    },
  ),
  defineControl(
    {
      id: 'S3.3',
      title: 'S3 general purpose buckets should block public write access',
      description:
        'Checks whether an S3 general purpose bucket allows public write access, from its Block Public Access settings (bucket and account), bucket policy and bucket ACL.',
      severity: 'CRITICAL',
      resourceTypes: [BUCKET],
      standards: [FSBP, pci321('1.2.1', '1.3.1', '1.3.2', '1.3.4', '1.3.6', '7.2.1')],
      reads: [{ resourceType: 'AWS::S3::AccountPublicAccessBlock' }], // the account-level block applies to every bucket
      remediationUrl: controlPage('S3.3'),
    },
    (item, _configuration, context) => {
      const exposure = publicExposure(item, context, WRITE_ACTIONS, WRITE_ACL);
      return exposure
        ? failed(`Bucket ${item.resourceId} allows public write access: ${exposure}.`)
        : passed(`Bucket ${item.resourceId} does not allow public write access through its policy or ACL.`);
    },
  ),
  defineControl(
    {
      id: 'S3.5',
      title: 'S3 general purpose buckets should require requests to use SSL',
      description:
        'Checks whether the bucket policy of an S3 general purpose bucket requires requests to use SSL: a statement denying s3:* to everyone when aws:SecureTransport is false.',
      severity: 'MEDIUM',
      resourceTypes: [BUCKET],
      standards: [FSBP, cis3('2.1.1'), pci321('4.1')],
      remediationUrl: controlPage('S3.5'),
    },
    (item) => {
      const policy = bucketPolicy(item);
      if (!policy) return failed(`Bucket ${item.resourceId} has no bucket policy, so requests over HTTP are not denied.`);
      return policy.some(deniesInsecureTransport)
        ? passed(`Bucket ${item.resourceId}'s policy denies s3:* when aws:SecureTransport is false.`)
        : failed(`Bucket ${item.resourceId}'s policy has no statement denying s3:* to all principals when aws:SecureTransport is false.`);
    },
  ),
  defineControl(
    {
      id: 'S3.6',
      title: 'S3 general purpose bucket policies should restrict access to other AWS accounts',
      description: 'Checks whether a bucket policy allows principals of other AWS accounts (or everyone) any of the denied actions. Conditions are not taken into account.',
      severity: 'HIGH',
      resourceTypes: [BUCKET],
      standards: [FSBP],
      parameters: {
        blacklistedActionPatterns: {
          type: 'stringList',
          default: CROSS_ACCOUNT_DENIED_ACTIONS,
          description: 'Actions that principals of other AWS accounts must not be allowed.',
        },
      },
      remediationUrl: controlPage('S3.6'),
    },
    (item, _configuration, context) => {
      const denied = stringListParameter(context.parameters, 'blacklistedActionPatterns', CROSS_ACCOUNT_DENIED_ACTIONS);
      const external = (bucketPolicy(item) ?? []).filter(
        (statement) =>
          statement.effect === 'Allow' &&
          statement.principals.some((principal) => principal === '*' || (principalAccount(principal) ?? item.accountId) !== item.accountId) &&
          overlaps(statement.actions, denied),
      );
      return external.length > 0
        ? failed(
            `Bucket ${item.resourceId}'s policy allows other AWS accounts one of ${denied.join(', ')} (principals: ${[...new Set(external.flatMap((s) => s.principals))].join(', ')}).`,
          )
        : passed(`Bucket ${item.resourceId}'s policy allows no other AWS account any of ${denied.join(', ')}.`);
    },
  ),
  defineControl(
    {
      id: 'S3.8',
      title: 'S3 general purpose buckets should block public access',
      description:
        'Checks whether an S3 general purpose bucket has all four Block Public Access settings enabled at the bucket level. Buckets listed in excludedPublicBuckets are not evaluated.',
      severity: 'HIGH',
      resourceTypes: [BUCKET],
      standards: [FSBP, cis3('2.1.4')],
      reads: [{ resourceType: 'AWS::S3::AccountPublicAccessBlock' }], // the account-level block applies to every bucket
      parameters: {
        excludedPublicBuckets: { type: 'stringList', default: [], description: 'Names of known, intentionally public buckets.' },
      },
      remediationUrl: controlPage('S3.8'),
    },
    (item, configuration, context) => {
      const name = asString(configuration.name) ?? item.resourceName ?? item.resourceId;
      if (stringListParameter(context.parameters, 'excludedPublicBuckets', []).includes(name)) {
        return notApplicable(`Bucket ${name} is listed in excludedPublicBuckets.`);
      }
      const settings = bucketBpa(item);
      if (!settings) return failed(`Bucket ${name} has no bucket-level Block Public Access configuration (PublicAccessBlockConfiguration).`);
      const off = bpaSettingsOff(settings);
      return off.length > 0
        ? failed(`Bucket ${name} has bucket-level Block Public Access settings off: ${off.join(', ')}.`)
        : passed(`Bucket ${name} has all four bucket-level Block Public Access settings enabled.`);
    },
  ),
  defineControl(
    {
      id: 'S3.9',
      title: 'S3 general purpose buckets should have server access logging enabled',
      description: 'Checks whether server access logging is enabled for an S3 general purpose bucket (a target bucket is configured).',
      severity: 'MEDIUM',
      resourceTypes: [BUCKET],
      standards: [FSBP],
      remediationUrl: controlPage('S3.9'),
    },
    (item) => {
      const target = asString(field(supplementary(item, 'BucketLoggingConfiguration'), 'destinationBucketName'));
      return target
        ? passed(`Bucket ${item.resourceId} delivers server access logs to bucket ${target}.`)
        : failed(`Bucket ${item.resourceId} has no server access logging target (BucketLoggingConfiguration.destinationBucketName is empty).`);
    },
  ),
];
