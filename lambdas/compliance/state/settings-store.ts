/**
 * The compliance settings on the findings table: one item (`pk` = `CFG#settings`), versioned,
 * written with single-item conditional writes on the version and retried on conflict (no
 * transactions). Absent, the settings are Security Hub's defaults. It carries no index attributes,
 * and its `sk` is not a finding's, so neither the indexes nor the planner's scan see it.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { awsClient } from '../../shared/clients';
import { requireEnv } from '../../shared/env';
import { ResourceConflictError } from '../../shared/errors';
import { CONFLICT, ITEM_KINDS, VersionedItems, itemKey, retryOnConflict } from '../../store';
import { defaultComplianceSettings, type ComplianceSettings, type ComplianceSettingsStore } from '../settings';
import { validateComplianceSettings } from './settings-validation';

/** Keys of the settings item. */
export const SETTINGS_KEY = itemKey(ITEM_KINDS.complianceSettings, [], []);

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
  private readonly items: VersionedItems;
  private readonly now: () => Date;
  private readonly maxAttempts: number;

  constructor(options: SettingsStoreOptions) {
    const client = DynamoDBDocumentClient.from(options.client, { marshallOptions: { removeUndefinedValues: true } });
    this.items = new VersionedItems(client, options.tableName, ITEM_KINDS.complianceSettings.version);
    this.now = options.now ?? (() => new Date());
    this.maxAttempts = options.maxAttempts ?? 20;
  }

  /** The settings (defaults when never written). */
  async get(): Promise<ComplianceSettings> {
    return (await this.getVersioned()).settings;
  }

  /** The settings with their version, for a conditional `put`. */
  async getVersioned(): Promise<VersionedSettings> {
    const { item, version } = await this.items.get(SETTINGS_KEY);
    if (item === undefined) return { settings: defaultComplianceSettings(), version: 0 };
    const stored = item.settings as ComplianceSettings;
    const settings: ComplianceSettings = {
      enabledStandards: stored.enabledStandards ?? [],
      controls: stored.controls ?? {},
      ...(stored.associations && { associations: stored.associations }),
      ...(stored.standardsEnabledAt && { standardsEnabledAt: stored.standardsEnabledAt }),
      ...(stored.autoEnableControls !== undefined && { autoEnableControls: stored.autoEnableControls }),
      ...(stored.knownControls && { knownControls: stored.knownControls }),
    };
    return { settings, version };
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
    let lastVersion = 0;
    return retryOnConflict(
      async () => {
        const { settings, version } = await this.getVersioned();
        lastVersion = version;
        const next = validateComplianceSettings(change(structuredClone(settings)));
        return (await this.tryWrite(next, version)) ? { done: next } : CONFLICT;
      },
      {
        attempts: this.maxAttempts,
        exhausted: () => {
          throw new SettingsVersionConflictError(lastVersion);
        },
      },
    );
  }

  private async write(settings: ComplianceSettings, expectedVersion: number): Promise<void> {
    if (!(await this.tryWrite(settings, expectedVersion))) throw new SettingsVersionConflictError(expectedVersion);
  }

  private tryWrite(settings: ComplianceSettings, expectedVersion: number): Promise<boolean> {
    return this.items.putIfVersion({ ...SETTINGS_KEY, settings, updatedAt: this.now().toISOString() }, expectedVersion);
  }
}

/** The settings store of a Lambda: the findings table from `FINDINGS_TABLE` (DynamoDB endpoint from the SDK's env). */
export function complianceSettingsFromEnv(): DynamoComplianceSettingsStore {
  return new DynamoComplianceSettingsStore({ client: awsClient(DynamoDBClient), tableName: requireEnv('FINDINGS_TABLE') });
}
