/**
 * Every playbook's spec, one per entry of the registry (`lambdas/remediation/playbooks.ts`), in its
 * order. Adding a playbook: a spec file here, its line below, and the registry entry.
 */
import type { PlaybookAslSpec } from '../skeleton';
import { CLOUDTRAIL_LOG_FILE_VALIDATION } from './cloudtrail-log-file-validation';
import { EBS_DEFAULT_ENCRYPTION } from './ebs-default-encryption';
import { EC2_ISOLATE_INSTANCE } from './ec2-isolate-instance';
import { IAM_DEACTIVATE_ACCESS_KEY } from './iam-deactivate-access-key';
import { RDS_SNAPSHOT_PRIVATE } from './rds-snapshot-private';
import { S3_BLOCK_PUBLIC_ACCESS } from './s3-block-public-access';
import { S3_DEFAULT_ENCRYPTION } from './s3-default-encryption';
import { SG_REVOKE_ADMIN_PORTS } from './sg-revoke-admin-ports';
import { VPC_FLOW_LOGS } from './vpc-flow-logs';

/** The specs the generator writes `statemachines/remediation-<id>.asl.json` from. */
export const PLAYBOOK_SPECS: readonly PlaybookAslSpec[] = [
  S3_BLOCK_PUBLIC_ACCESS,
  S3_DEFAULT_ENCRYPTION,
  SG_REVOKE_ADMIN_PORTS,
  EBS_DEFAULT_ENCRYPTION,
  IAM_DEACTIVATE_ACCESS_KEY,
  EC2_ISOLATE_INSTANCE,
  CLOUDTRAIL_LOG_FILE_VALIDATION,
  VPC_FLOW_LOGS,
  RDS_SNAPSHOT_PRIVATE,
];
