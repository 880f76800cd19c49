/**
 * The remediation settings on the findings table: one versioned item (`pk = CFG#remediation`,
 * `sk = CFG`), replaced with a conditional write on the version read (no transactions). Absent,
 * the settings are the defaults (automatic remediation off).
 */
import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ResourceConflictError } from '../../shared/errors';
import { TABLE_KEYS } from '../../store';
import { defaultRemediationSettings, type RemediationSettings } from '../settings';

/** Keys of the settings item. */
export const REMEDIATION_SETTINGS_KEY = { [TABLE_KEYS.partitionKey]: 'CFG#remediation', [TABLE_KEYS.sortKey]: 'CFG' } as const;

/** Settings with the version they were read at (0: never written). */
export interface VersionedRemediationSettings {
  settings: RemediationSettings;
  version: number;
}

/** Reads and writes the remediation settings. */
export interface RemediationSettingsRepository {
  get(): Promise<VersionedRemediationSettings>;
  /** Writes on `expectedVersion`; ResourceConflictError when they changed since. */
  put(settings: RemediationSettings, expectedVersion: number): Promise<number>;
}

/** {@link RemediationSettingsRepository} on the findings table. */
export class DynamoRemediationSettingsStore implements RemediationSettingsRepository {
  private readonly client: DynamoDBDocumentClient;

  constructor(client: DynamoDBClient, private readonly table: string, private readonly now: () => Date = () => new Date()) {
    this.client = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async get(): Promise<VersionedRemediationSettings> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.table, Key: REMEDIATION_SETTINGS_KEY, ConsistentRead: true }));
    if (Item === undefined) return { settings: defaultRemediationSettings(), version: 0 };
    return { settings: { ...defaultRemediationSettings(), ...(Item.settings as RemediationSettings) }, version: Number(Item.version) };
  }

  async put(settings: RemediationSettings, expectedVersion: number): Promise<number> {
    try {
      await this.client.send(new PutCommand({
        TableName: this.table,
        Item: { ...REMEDIATION_SETTINGS_KEY, settings, version: expectedVersion + 1, updatedAt: this.now().toISOString() },
        ConditionExpression: expectedVersion === 0 ? 'attribute_not_exists(#pk)' : '#version = :expected',
        ExpressionAttributeNames: expectedVersion === 0 ? { '#pk': TABLE_KEYS.partitionKey } : { '#version': 'version' },
        ...(expectedVersion !== 0 && { ExpressionAttributeValues: { ':expected': expectedVersion } }),
      }));
      return expectedVersion + 1;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException || (error as Error).name === 'ConditionalCheckFailedException') {
        throw new ResourceConflictError(`The remediation settings changed since version ${expectedVersion}; read them again.`);
      }
      throw error;
    }
  }
}
