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
      reason:
        "The findings store queries the table's own global secondary indexes (one per query-planner index); the wildcard spans only this table's indexes.",
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
