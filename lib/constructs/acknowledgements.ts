import { CfnElement, Stack, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { IConstruct } from 'constructs';

/**
 * Acknowledges the cdk-nag findings that `table.grantReadData` / `grantReadWriteData` always
 * produce on the grantee's policy, each for its reason. Call it on the grantee's role, so the
 * acknowledgement covers that policy and nothing else.
 */
export function acknowledgeTableDataGrant(role: IConstruct, table: dynamodb.ITable): void {
  const cfnTable = table.node.defaultChild;
  if (cfnTable instanceof CfnElement) {
    const tableArn = `<${Stack.of(cfnTable).getLogicalId(cfnTable)}.Arn>`;
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${tableArn}/index/*]`,
      reason: "The findings store queries the table's own global secondary indexes (one per query-planner index); the wildcard spans only this table's indexes.",
    });
  }
  if (table.encryptionKey) {
    for (const action of ['kms:GenerateDataKey*', 'kms:ReEncrypt*']) {
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Action::${action}]`,
        reason: `DynamoDB needs ${action} on the table's customer-managed key to read and write encrypted items; the statement's resource is that one key.`,
      });
    }
  }
}

/** The NIST 800-53 rev 5 pack's rule id prefix. */
export const NIST_PACK = 'NIST.800.53.R5';

/**
 * The NIST 800-53 rev 5 findings every project function (NodeFunction, InlineNodeFunction) carries,
 * each for its reason: no VPC, no reserved concurrency, and the DLQ rule (answered by an on-failure
 * destination or by synchronous invocation).
 */
export function acknowledgeFunctionNist(fn: IConstruct, hasOnFailure: boolean): void {
  Validations.of(fn).acknowledge(
    {
      id: `${NIST_PACK}-LambdaInsideVPC`,
      reason:
        'The function reaches only AWS APIs (over TLS, SigV4-signed with its role) and no private resource: a VPC would add NAT gateways or endpoints and ENIs without narrowing what it can reach.',
    },
    {
      id: `${NIST_PACK}-LambdaConcurrency`,
      reason:
        "Reserved concurrency is carved out of the account's pool (new accounts have 10 units, the minimum unreserved is 10): reserving for every function fails deploys there. Bursts are bounded upstream instead: API Gateway throttling, EventBridge retries with a dead-letter queue, Step Functions Map concurrency.",
    },
    {
      id: `${NIST_PACK}-LambdaDLQ`,
      reason: hasOnFailure
        ? 'Failed asynchronous invocations go, with their error, to an on-failure destination (an encrypted SQS dead-letter queue with an alarm): the successor of a function DLQ, which the rule does not recognise.'
        : "Invoked synchronously (API Gateway, Step Functions tasks: the caller receives the error and retries or fails visibly), or by the weekly report schedule, whose failed deliveries dead-letter to the schedule's own queue.",
    },
  );
}

/**
 * Stack-wide NIST 800-53 rev 5 acknowledgement: IAMNoInlinePolicy. Every role's policy is the
 * AWS::IAM::Policy CDK writes from grants, attached to that one role and scoped to its resources.
 */
export function acknowledgeInlinePolicies(stack: IConstruct): void {
  Validations.of(stack).acknowledge({
    id: `${NIST_PACK}-IAMNoInlinePolicy`,
    reason:
      "CDK grants write each role's least-privilege statements into that role's own policy (AWS::IAM::Policy attached to one role, scoped to its resources): a managed policy would hold the same statements with no other role to share them, and the template is the policy's version history.",
  });
}
