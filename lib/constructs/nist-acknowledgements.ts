import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { acknowledgeInlinePolicies, NIST_PACK } from './acknowledgements';

/**
 * The admin stack's NIST 800-53 rev 5 acknowledgements that are not per function, each on the
 * construct it concerns (by path under the stack) with its reason. The function-level ones are in
 * {@link acknowledgeFunctionNist}. A path that no longer exists fails the synth here, so an
 * acknowledgement cannot outlive what it covers.
 */
const ADMIN_STACK: ReadonlyArray<{ path: string; rule: string; reason: string }> = [
  {
    path: 'FindingsStore/Table',
    rule: 'DynamoDBInBackupPlan',
    reason:
      "Point-in-time recovery (35 days of continuous backups) and deletion protection are on; an AWS Backup plan is the organization's own backup policy (AWS Organizations backup policies attach one by tag without a stack change).",
  },
  {
    path: 'FindingsApi/RestApi/DeploymentStage.v1',
    rule: 'APIGWCacheEnabledAndEncrypted',
    reason:
      "The API answers per caller (member accounts see only their own findings) and findings change by the second: a stage cache would serve one caller's answer to another and stale results.",
  },
  {
    path: 'FindingsApi/RestApi/DeploymentStage.v1',
    rule: 'APIGWSSLEnabled',
    reason: 'The backend is a Lambda proxy integration, not an HTTP endpoint: a client certificate authenticates API Gateway to HTTP backends only.',
  },
  {
    path: 'FindingsApi/WebAcl',
    rule: 'WAFv2LoggingEnabled',
    reason:
      "Every request is already logged by the API access logs (KMS-encrypted, one year) with the caller identity, and WAF's sampled requests and CloudWatch metrics show blocked requests; full WAF logs would duplicate them.",
  },
  {
    path: 'Console/Site',
    rule: 'S3BucketReplicationEnabled',
    reason: 'The console bucket holds only the built console (rebuilt from the repository on every deploy): there is nothing to replicate.',
  },
  {
    path: 'Console/Site',
    rule: 'S3DefaultEncryptionKMS',
    reason: 'Public static assets served by CloudFront: SSE-S3 keeps them encrypted at rest; a KMS key would only add per-request KMS calls for files that are not secret.',
  },
  ...['Console/AccessLogs', 'WeeklyReport/AccessLogs'].flatMap((path) => [
    {
      path,
      rule: 'S3BucketReplicationEnabled',
      reason: 'Server access logs bucket: S3 log delivery writes here; the logs are operational evidence kept for their lifecycle, not data to replicate.',
    },
    { path, rule: 'S3BucketVersioningEnabled', reason: 'Server access logs bucket: log objects are written once by S3 log delivery and never overwritten.' },
    { path, rule: 'S3DefaultEncryptionKMS', reason: 'S3 server access logging delivers only to buckets encrypted with SSE-S3 (SSE-KMS targets are not supported).' },
  ]),
  {
    path: 'WeeklyReport/Reports',
    rule: 'S3BucketReplicationEnabled',
    reason:
      'The reports are regenerated from the findings table (which has point-in-time recovery) and expire with their lifecycle: a replica would hold nothing that cannot be rebuilt.',
  },
];

/** Applies the admin stack's NIST acknowledgements (and the stack-wide inline-policy one). */
export function acknowledgeAdminStackNist(stack: IConstruct): void {
  acknowledgeInlinePolicies(stack);
  for (const { path, rule, reason } of ADMIN_STACK) {
    const target = path.split('/').reduce<IConstruct | undefined>((at, id) => at?.node.tryFindChild(id), stack);
    if (!target) throw new Error(`NIST acknowledgement ${rule}: no construct ${path} in ${stack.node.path} (lib/constructs/nist-acknowledgements.ts)`);
    Validations.of(target).acknowledge({ id: `${NIST_PACK}-${rule}`, reason });
  }
}
