/**
 * The remediation settings on the findings table: one versioned item (`pk = CFG#remediation`,
 * `sk = CFG`), replaced with a conditional write on the version read (no transactions). Absent,
 * the settings are the defaults (automatic remediation off).
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ResourceConflictError } from '../../shared/errors';
import { ITEM_KINDS, VersionedItems, itemKey } from '../../store';
import { defaultRemediationSettings, type RemediationSettings } from '../settings';

/** Keys of the settings item. */
export const REMEDIATION_SETTINGS_KEY = itemKey(ITEM_KINDS.remediationSettings, [], []);

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
  private readonly items: VersionedItems;

  constructor(
    client: DynamoDBClient,
    table: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.items = new VersionedItems(DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }), table, ITEM_KINDS.remediationSettings.version);
  }

  async get(): Promise<VersionedRemediationSettings> {
    const { item, version } = await this.items.get(REMEDIATION_SETTINGS_KEY);
    if (item === undefined) return { settings: defaultRemediationSettings(), version: 0 };
    return { settings: { ...defaultRemediationSettings(), ...(item.settings as RemediationSettings) }, version };
  }

  async put(settings: RemediationSettings, expectedVersion: number): Promise<number> {
    const written = await this.items.putIfVersion({ ...REMEDIATION_SETTINGS_KEY, settings, updatedAt: this.now().toISOString() }, expectedVersion);
    if (!written) throw new ResourceConflictError(`The remediation settings changed since version ${expectedVersion}; read them again.`);
    return expectedVersion + 1;
  }
}
