import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

const LOGS_KEY_ID = 'LogsKey';

/**
 * The stack's one customer-managed key for its CloudWatch Logs log groups (rotation on, retained
 * with the data it protects). CloudWatch Logs may use it only for this account's log groups in
 * this Region (encryption-context condition).
 */
export function logsKey(scope: Construct): kms.Key {
  const stack = Stack.of(scope);
  const existing = stack.node.tryFindChild(LOGS_KEY_ID);
  if (existing instanceof kms.Key) return existing;
  const key = new kms.Key(stack, LOGS_KEY_ID, {
    description: 'Open Security Hub: encrypts the log groups (functions, API access logs, state machines)',
    enableKeyRotation: true,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
      actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      resources: ['*'],
      conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${stack.partition}:logs:${stack.region}:${stack.account}:log-group:*` } },
    }),
  );
  return key;
}

/** Context key (set from the configuration's `logRetentionDays`): the default retention of the functions' log groups. */
export const LOG_RETENTION_CONTEXT = 'logRetentionDays';

/** The configured log retention, else `fallback`. */
export function logRetentionOf(scope: Construct, fallback: logs.RetentionDays): logs.RetentionDays {
  const days = scope.node.tryGetContext(LOG_RETENTION_CONTEXT) as number | string | undefined;
  return days === undefined ? fallback : (Number(days) as logs.RetentionDays);
}
