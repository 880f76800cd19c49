/**
 * The newest recorded account settings of each account and Region, on the findings table: one item
 * per account and Region (`pk` = `ACCOUNT-SETTINGS#<account>#<region>`, `sk` = `CFG`), replaced
 * only by a newer snapshot (one conditional write on `capturedAt`; no transactions). The items are
 * kept as one JSON document. It carries no index attributes, so neither the indexes nor the
 * planner's scan see it.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ITEM_KINDS, TABLE_KEYS, ifCondition, itemKey } from '../../store';
import type { AccountSettingsSnapshot } from '../account-settings';

/** Keys of the settings item of an account and Region. */
export function accountSettingsKey(accountId: string, awsRegion: string): Record<string, string> {
  return itemKey(ITEM_KINDS.accountSettings, [accountId, awsRegion], []);
}

/** Reads and writes recorded account settings. */
export interface AccountSettingsRepository {
  /** Stores the snapshot unless one captured at the same time or later is stored; true when stored. */
  putIfNewer(snapshot: AccountSettingsSnapshot): Promise<boolean>;
  /** The stored snapshot of an account and Region, if any. */
  get(accountId: string, awsRegion: string): Promise<AccountSettingsSnapshot | undefined>;
}

/** {@link AccountSettingsRepository} on the findings table. */
export class AccountSettingsStore implements AccountSettingsRepository {
  private readonly client: DynamoDBDocumentClient;

  constructor(private readonly options: { client: DynamoDBClient; tableName: string }) {
    this.client = DynamoDBDocumentClient.from(options.client);
  }

  async putIfNewer(snapshot: AccountSettingsSnapshot): Promise<boolean> {
    return ifCondition(
      this.client.send(
        new PutCommand({
          TableName: this.options.tableName,
          Item: {
            ...accountSettingsKey(snapshot.accountId, snapshot.awsRegion),
            capturedAt: Date.parse(snapshot.capturedAt),
            snapshot: JSON.stringify(snapshot),
          },
          ConditionExpression: 'attribute_not_exists(#pk) OR #capturedAt < :capturedAt',
          ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey, '#capturedAt': 'capturedAt' },
          ExpressionAttributeValues: { ':capturedAt': Date.parse(snapshot.capturedAt) },
        }),
      ),
    );
  }

  async get(accountId: string, awsRegion: string): Promise<AccountSettingsSnapshot | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.options.tableName, Key: accountSettingsKey(accountId, awsRegion), ConsistentRead: true }));
    return typeof Item?.snapshot === 'string' ? (JSON.parse(Item.snapshot) as AccountSettingsSnapshot) : undefined;
  }
}
