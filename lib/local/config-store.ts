/**
 * The simulated member account's AWS Config recorder: configuration items (the Config API's
 * `ConfigurationItem` shape, with `configuration` and `supplementaryConfiguration` values kept as
 * JSON values), a short history per resource, persisted to one JSON file under the data dir and
 * seeded on first start from `lib/local/simulated-account/*.json`. Items are few (a small account),
 * so the file is rewritten on each change.
 */
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** A recorded configuration item (the Config API's field names; JSON documents as values). */
export interface StoredConfigurationItem {
  version?: string;
  accountId: string;
  configurationItemCaptureTime: string;
  configurationItemStatus: 'OK' | 'ResourceDiscovered' | 'ResourceNotRecorded' | 'ResourceDeleted' | 'ResourceDeletedNotRecorded';
  configurationStateId?: string;
  arn?: string;
  resourceType: string;
  resourceId: string;
  resourceName?: string;
  awsRegion: string;
  availabilityZone?: string;
  resourceCreationTime?: string;
  tags?: Record<string, string>;
  relatedEvents?: string[];
  relationships?: unknown[];
  configuration: unknown;
  supplementaryConfiguration?: Record<string, unknown>;
}

/** Who a recorded resource is. */
export interface ConfigResourceKey {
  accountId: string;
  awsRegion: string;
  resourceType: string;
  resourceId: string;
}

/** The seed: `lib/local/simulated-account/*.json`, each a list of configuration items. */
export const SIMULATED_ACCOUNT_DIR = join(__dirname, 'simulated-account');
/** Versions kept per resource (newest first), for GetResourceConfigHistory. */
export const HISTORY_LIMIT = 20;

const FILE_VERSION = 1;

interface SavedState {
  version: number;
  /** Per resource, newest first. */
  resources: StoredConfigurationItem[][];
}

/** The map key of a resource. */
export function resourceKeyString(key: ConfigResourceKey): string {
  return [key.resourceType, key.accountId, key.awsRegion, key.resourceId].join('\u0000');
}

/** Whether an item records a deleted resource. */
export function isDeletedItem(item: Pick<StoredConfigurationItem, 'configurationItemStatus'>): boolean {
  return item.configurationItemStatus === 'ResourceDeleted' || item.configurationItemStatus === 'ResourceDeletedNotRecorded';
}

/** A seed or posted item is not a configuration item we can record. */
export class InvalidSeedItemError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidSeedItemError';
  }
}

/** Checks the fields every recorded item needs; fills `version`, `tags`, `supplementaryConfiguration`. */
export function checkItem(value: unknown, where: string): StoredConfigurationItem {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new InvalidSeedItemError(`${where}: must be an object`);
  const item = value as Record<string, unknown>;
  for (const field of ['accountId', 'awsRegion', 'resourceType', 'resourceId'] as const) {
    if (typeof item[field] !== 'string' || item[field] === '') throw new InvalidSeedItemError(`${where}.${field}: must be a non-empty string`);
  }
  if (!/^\d{12}$/.test(item.accountId as string)) throw new InvalidSeedItemError(`${where}.accountId: must be a 12-digit account id`);
  if (item.configurationItemCaptureTime !== undefined && Number.isNaN(Date.parse(String(item.configurationItemCaptureTime)))) {
    throw new InvalidSeedItemError(`${where}.configurationItemCaptureTime: not a timestamp`);
  }
  const defaults = { version: '1.3', configurationItemStatus: 'OK', configurationItemCaptureTime: new Date(0).toISOString(), tags: {}, supplementaryConfiguration: {} };
  const filled: Record<string, unknown> = { ...item };
  for (const [field, value] of Object.entries(defaults)) filled[field] ??= value;
  return filled as unknown as StoredConfigurationItem;
}

/** Reads the seed items of a directory (every `*.json`, in name order). */
export async function readSeed(dir: string = SIMULATED_ACCOUNT_DIR): Promise<StoredConfigurationItem[]> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.json')).sort();
  const items: StoredConfigurationItem[] = [];
  for (const file of files) {
    const list = JSON.parse(await readFile(join(dir, file), 'utf8')) as unknown;
    if (!Array.isArray(list)) throw new InvalidSeedItemError(`${file}: must be a list of configuration items`);
    list.forEach((item, index) => {
      items.push(checkItem(item, `${file}[${index}]`));
    });
  }
  return items;
}

/** Options of {@link ConfigItemStore.open}. */
export interface ConfigItemStoreOptions {
  /** Where the items persist; none keeps them in memory. */
  file?: string;
  /** Items recorded on first start (when `file` does not exist yet). */
  seed?: () => Promise<StoredConfigurationItem[]>;
}

/** The recorded configuration items of the simulated account(s). */
export class ConfigItemStore {
  /** Resource key → versions, newest first. */
  private readonly resources = new Map<string, StoredConfigurationItem[]>();
  private writing: Promise<void> = Promise.resolve();

  private constructor(private readonly file: string | undefined) {}

  /** Opens the store: the persisted items, or the seed on first start (which is then persisted). */
  static async open(options: ConfigItemStoreOptions = {}): Promise<ConfigItemStore> {
    const store = new ConfigItemStore(options.file);
    let saved: SavedState | undefined;
    if (options.file !== undefined) {
      try {
        saved = JSON.parse(await readFile(options.file, 'utf8')) as SavedState;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`Cannot read the simulated account's items from ${options.file}: ${(error as Error).message}`);
      }
    }
    if (saved !== undefined && saved.version === FILE_VERSION) {
      for (const versions of saved.resources) if (versions.length > 0) store.resources.set(resourceKeyString(versions[0]), versions);
      return store;
    }
    for (const item of (await options.seed?.()) ?? []) store.resources.set(resourceKeyString(item), [item]);
    await store.persist();
    return store;
  }

  /** The latest item of every resource (deleted ones included), in key order. */
  latest(): StoredConfigurationItem[] {
    return [...this.resources.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, versions]) => versions[0]);
  }

  /** The latest item of a resource, or undefined. */
  get(key: ConfigResourceKey): StoredConfigurationItem | undefined {
    return this.resources.get(resourceKeyString(key))?.[0];
  }

  /** Every recorded version of a resource, newest first. */
  history(key: ConfigResourceKey): StoredConfigurationItem[] {
    return [...(this.resources.get(resourceKeyString(key)) ?? [])];
  }

  /** Resources of a type with this id, in any account and Region. */
  find(resourceType: string, resourceId: string): StoredConfigurationItem[] {
    return this.latest().filter((item) => item.resourceType === resourceType && item.resourceId === resourceId);
  }

  /** Records a new version of a resource; resolves once it is persisted. */
  async record(item: StoredConfigurationItem): Promise<void> {
    const key = resourceKeyString(item);
    const versions = this.resources.get(key) ?? [];
    this.resources.set(key, [item, ...versions].slice(0, HISTORY_LIMIT));
    await this.persist();
  }

  /** Records new versions of many resources at once (one write of the file). */
  async recordAll(items: readonly StoredConfigurationItem[]): Promise<void> {
    for (const item of items) {
      const key = resourceKeyString(item);
      this.resources.set(key, [item, ...(this.resources.get(key) ?? [])].slice(0, HISTORY_LIMIT));
    }
    await this.persist();
  }

  /** Replaces every resource by `items` (their first versions): the demo's reset back to the seed. */
  async replaceAll(items: readonly StoredConfigurationItem[]): Promise<void> {
    this.resources.clear();
    for (const item of items) this.resources.set(resourceKeyString(item), [item]);
    await this.persist();
  }

  /** Writes are serialized; each writes the whole state atomically (temp file + rename). */
  private persist(): Promise<void> {
    const file = this.file;
    if (file === undefined) return Promise.resolve();
    const snapshot = JSON.stringify({ version: FILE_VERSION, resources: [...this.resources.values()] } satisfies SavedState);
    this.writing = this.writing.then(async () => {
      await mkdir(dirname(file), { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, snapshot);
      await rename(temporary, file);
    });
    return this.writing;
  }
}
