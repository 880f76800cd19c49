import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { FINDING_INDEXES, TABLE_KEYS, indexKeyNames } from '../../lambdas/store';

/**
 * The findings table, laid out by the registry in `lambdas/store/table-schema.ts` (the same
 * one `findingsTableDefinition` builds the embedded default's table from): `pk`/`sk` strings, one
 * KEYS_ONLY global secondary index per registry entry, TTL on `expiresAt`, and a stream with old
 * and new images (finding events are published from it).
 *
 * Findings are the product's data: the table is encrypted with its own customer-managed key,
 * keeps point-in-time recovery, has deletion protection, and both outlive the stack.
 */
export class FindingsStore extends Construct {
  /** The findings table; give functions access with its grants (`table.grantReadWriteData(fn)`). */
  public readonly table: dynamodb.ITable;
  /** The key that encrypts the table (rotated yearly); the table's grants include it. */
  public readonly key: kms.IKey;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    const key = new kms.Key(this, 'Key', {
      description: 'Encrypts the Open Security Hub findings table',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN, // a retained table is unreadable without its key
    });

    // `Table` (AWS::DynamoDB::Table) rather than `TableV2`: its template properties are CreateTable's,
    // so the embedded default can read the table from cdk.out as it reads `findingsTableDefinition`.
    const table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: TABLE_KEYS.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: key,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: TABLE_KEYS.expiresAt,
      // Before and after of every write: the finding-events publisher reads it (lib/constructs/finding-events.ts).
      stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    for (const index of FINDING_INDEXES) {
      const keys = indexKeyNames(index);
      table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: keys.pk, type: dynamodb.AttributeType.STRING },
        sortKey: { name: keys.sk, type: dynamodb.AttributeType.STRING },
        // The planner reads keys from the index and the finding from the table.
        projectionType: dynamodb.ProjectionType.KEYS_ONLY,
      });
    }

    this.table = table;
    this.key = key;
  }
}
