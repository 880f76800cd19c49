/**
 * The hub's state on the findings table: one item (`pk` = `HUB#settings`, `sk` = `HUB`), versioned,
 * changed by read-modify-write with a conditional put on the version (no transactions), retried on
 * conflict. The first read writes the default state (enabled, SubscribedAt = that moment) with
 * `attribute_not_exists`, so SubscribedAt is stable. No index attributes, and its `sk` is not a
 * finding's: neither the indexes nor the planner's scan see it.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { LimitExceededError } from '../../shared/errors';
import { CONFLICT, ITEM_KINDS, VersionedItems, itemKey, retryOnConflict } from '../../store';
import { defaultHubState, type HubState } from '../hub';

/** Keys of the hub item. */
export const HUB_KEY = itemKey(ITEM_KINDS.hubState, [], []);

/** Reads and changes the hub's state. */
export interface HubRepository {
  get(): Promise<HubState>;
  /** Read-modify-write; `change` may throw to refuse (nothing is written then). */
  update(change: (current: HubState) => HubState): Promise<HubState>;
}

/** Options of {@link DynamoHubStore}. */
export interface HubStoreOptions {
  client: DynamoDBClient;
  tableName: string;
  now?: () => Date;
  maxAttempts?: number;
  /** Called after every write (the import gate's cache listens). */
  onChange?: () => void;
}

/** {@link HubRepository} on the findings table. */
export class DynamoHubStore implements HubRepository {
  private readonly items: VersionedItems;
  private readonly now: () => Date;
  private readonly maxAttempts: number;
  private readonly onChange: () => void;

  constructor(options: HubStoreOptions) {
    const client = DynamoDBDocumentClient.from(options.client, { marshallOptions: { removeUndefinedValues: true } });
    this.items = new VersionedItems(client, options.tableName, ITEM_KINDS.hubState.version);
    this.now = options.now ?? (() => new Date());
    this.maxAttempts = options.maxAttempts ?? 20;
    this.onChange = options.onChange ?? (() => undefined);
  }

  async get(): Promise<HubState> {
    return (await this.read()).state;
  }

  async update(change: (current: HubState) => HubState): Promise<HubState> {
    const next = await retryOnConflict(
      async () => {
        const { state, version } = await this.read();
        const changed = change(structuredClone(state));
        return (await this.write(changed, version)) ? { done: changed } : CONFLICT;
      },
      {
        attempts: this.maxAttempts,
        exhausted: () => {
          throw new LimitExceededError('Too many concurrent changes of the hub; retry the request.');
        },
      },
    );
    this.onChange();
    return next;
  }

  /** The state and its version; writes the default state on the first read. */
  private async read(): Promise<{ state: HubState; version: number }> {
    return retryOnConflict(
      async () => {
        const { item, version } = await this.items.get(HUB_KEY);
        if (item !== undefined) return { done: { state: item.state as HubState, version } };
        // Another reader may create it at the same moment: only one wins, the others read its state.
        const initial = defaultHubState(this.now());
        return (await this.write(initial, 0)) ? { done: { state: initial, version: 1 } } : CONFLICT;
      },
      {
        attempts: this.maxAttempts,
        backoff: async () => undefined, // the winner's item is there to read at once
        exhausted: () => {
          throw new LimitExceededError('Could not read the hub state; retry the request.');
        },
      },
    );
  }

  /** Writes `state` as version `expected + 1` when the stored version is `expected` (0: none); false on conflict. */
  private write(state: HubState, expected: number): Promise<boolean> {
    return this.items.putIfVersion({ ...HUB_KEY, state, updatedAt: this.now().toISOString() }, expected);
  }
}
