/**
 * The compliance settings on the findings table: one item (`pk` = `CFG#settings`), versioned,
 * written with single-item conditional writes on the version and retried on conflict (no
 * transactions). Absent, the settings are Security Hub's defaults. It carries no index attributes,
 * and its `sk` is not a finding's, so neither the indexes nor the planner's scan see it.
 */
import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { requireEnv } from '../../shared/env';
import { ResourceConflictError } from '../../shared/errors';
import { TABLE_KEYS } from '../../store';
import { defaultComplianceSettings, type ComplianceSettings, type ComplianceSettingsStore } from '../settings';
import { validateComplianceSettings } from './settings-validation';
import { conflictBackoff as pause } from '../../shared/backoff';

/** Keys of the settings item. */
export const SETTINGS_KEY = { [TABLE_KEYS.partitionKey]: 'CFG#settings', [TABLE_KEYS.sortKey]: 'CFG' } as const;

/** Settings and the version they were read at (0: never written). */
export interface VersionedSettings {
  settings: ComplianceSettings;
  version: number;
}

/** The settings changed between read and write. */
export class SettingsVersionConflictError extends ResourceConflictError {
  constructor(expected: number) {
    super(`The compliance settings changed since version ${expected}; read them again.`);
  }
}

/** Options of {@link DynamoComplianceSettingsStore}. */
export interface SettingsStoreOptions {
  client: DynamoDBClient;
  tableName: string;
  now?: () => Date;
  /** Read-modify-write attempts of {@link DynamoComplianceSettingsStore.update} before giving up. */
  maxAttempts?: number;
}

/** `ComplianceSettingsStore` on the findings table. */
export class DynamoComplianceSettingsStore implements ComplianceSettingsStore {
  private readonly client: DynamoDBDocumentClient;
  private readonly table: string;
  private readonly now: () => Date;
  private readonly maxAttempts: number;

  constructor(options: SettingsStoreOptions) {
    this.client = DynamoDBDocumentClient.from(options.client, { marshallOptions: { removeUndefinedValues: true } });
    this.table = options.tableName;
    this.now = options.now ?? (() => new Date());
    this.maxAttempts = options.maxAttempts ?? 20;
  }

  /** The settings (defaults when never written). */
  async get(): Promise<ComplianceSettings> {
    return (await this.getVersioned()).settings;
  }

  /** The settings with their version, for a conditional `put`. */
  async getVersioned(): Promise<VersionedSettings> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.table, Key: SETTINGS_KEY, ConsistentRead: true }));
    if (Item === undefined) return { settings: defaultComplianceSettings(), version: 0 };
    const stored = Item.settings as ComplianceSettings;
    const settings: ComplianceSettings = {
      enabledStandards: stored.enabledStandards ?? [],
      controls: stored.controls ?? {},
      ...(stored.associations && { associations: stored.associations }),
      ...(stored.standardsEnabledAt && { standardsEnabledAt: stored.standardsEnabledAt }),
    };
    return { settings, version: Number(Item.version) };
  }

  /**
   * Writes the settings. With `expectedVersion` (0: not yet written) the write only lands on that
   * version, else `SettingsVersionConflictError`; without, it replaces whatever is stored.
   */
  async put(settings: ComplianceSettings, expectedVersion?: number): Promise<void> {
    validateComplianceSettings(settings);
    if (expectedVersion !== undefined) {
      await this.write(settings, expectedVersion);
      return;
    }
    await this.update(() => settings);
  }

  /**
   * Read-modify-write: applies `change` to the current settings and writes the result on the
   * version read, re-reading and re-applying on conflict. `change` may throw to refuse.
   */
  async update(change: (current: ComplianceSettings) => ComplianceSettings): Promise<ComplianceSettings> {
    for (let attempt = 1; ; attempt += 1) {
      const { settings, version } = await this.getVersioned();
      const next = validateComplianceSettings(change(structuredClone(settings)));
      try {
        await this.write(next, version);
        return next;
      } catch (error) {
        if (!(error instanceof SettingsVersionConflictError) || attempt >= this.maxAttempts) throw error;
        await pause(attempt);
      }
    }
  }

  private async write(settings: ComplianceSettings, expectedVersion: number): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...SETTINGS_KEY, settings, version: expectedVersion + 1, updatedAt: this.now().toISOString() },
          ConditionExpression: expectedVersion === 0 ? 'attribute_not_exists(#pk)' : '#version = :expected',
          ExpressionAttributeNames: expectedVersion === 0 ? { '#pk': TABLE_KEYS.partitionKey } : { '#version': 'version' },
          ...(expectedVersion !== 0 && { ExpressionAttributeValues: { ':expected': expectedVersion } }),
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException || (error as Error).name === 'ConditionalCheckFailedException') {
        throw new SettingsVersionConflictError(expectedVersion);
      }
      throw error;
    }
  }
}

/** The settings store of a Lambda: the findings table from `FINDINGS_TABLE` (DynamoDB endpoint from the SDK's env). */
export function complianceSettingsFromEnv(): DynamoComplianceSettingsStore {
  return new DynamoComplianceSettingsStore({ client: new DynamoDBClient({}), tableName: requireEnv('FINDINGS_TABLE') });
}
