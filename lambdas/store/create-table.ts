import { CreateTableCommand, type CreateTableCommandInput, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { FINDING_INDEXES, TABLE_KEYS, indexKeyNames } from './table-schema';

/**
 * The CreateTable request for the findings table, built from the same registry the CDK construct
 * uses. The embedded default and the tests create their tables with it.
 */
export function findingsTableDefinition(tableName: string): CreateTableCommandInput {
  const indexAttributes = FINDING_INDEXES.flatMap((index) => Object.values(indexKeyNames(index)));
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey, ...indexAttributes].map((name) => ({
      AttributeName: name,
      AttributeType: 'S',
    })),
    KeySchema: [
      { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: FINDING_INDEXES.map((index) => {
      const keys = indexKeyNames(index);
      return {
        IndexName: index.name,
        KeySchema: [
          { AttributeName: keys.pk, KeyType: 'HASH' },
          { AttributeName: keys.sk, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'KEYS_ONLY' },
      };
    }),
  };
}

/** Creates the findings table unless it exists (idempotent; used by the embedded default and tests). */
export async function ensureFindingsTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new CreateTableCommand(findingsTableDefinition(tableName)));
  } catch (error) {
    if ((error as { name?: string }).name !== 'ResourceInUseException') throw error;
  }
}
