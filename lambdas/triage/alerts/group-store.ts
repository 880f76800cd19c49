/**
 * Alert groups on the findings table: one item per (account, resource) — `pk =
 * ALERTGROUP#<account>#<resource id>`, `sk = GROUP` — holding the {@link GroupState} (kinds seen,
 * highest severity and priority, counts: O(1) in the resource's findings) and the verdicts still
 * *pending* for finding versions being decided (removed once the decision item is stored, so the
 * map holds only what is in flight). No index attributes; `expiresAt` (window end plus a day) for TTL.
 *
 * Every change is one conditional Put on the item's revision (optimistic concurrency, no
 * transactions): read, decide purely ({@link decideInGroup}), write if nobody wrote in between,
 * else read again. The verdict is written with the state it produced, so a retry of a version
 * whose verdict is pending gets the same verdict instead of deciding again against a state that
 * already counts it.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createHash } from 'node:crypto';
import { CONFLICT, ITEM_KINDS, TABLE_KEYS, VersionedItems, ifCondition, itemKey, retryOnConflict } from '../../store';
import type { GroupKey } from './grouping';
import { decideInGroup, type GroupFacts, type GroupSettings, type GroupState, type GroupVerdict } from './group-policy';

const DAY_MS = 86_400_000;
/** A pending verdict older than this is dropped (EventBridge retries for 24 h; Lambda's async retries end sooner). */
const PENDING_RETENTION_MS = DAY_MS;
/** Rounds of read-decide-write before giving up (the event is then retried by Lambda). */
const MAX_ROUNDS = 12;

/** One finding version to record in one group. */
export interface GroupEntry {
  group: GroupKey;
  /** See `versionKeyOf`. */
  versionKey: string;
  facts: GroupFacts;
  now: Date;
  settings: GroupSettings;
}

/** The group store the router needs. */
export interface AlertGroups {
  /** Records the version in its group (once: a pending verdict is answered again) and returns the verdict. */
  apply(entry: GroupEntry): Promise<GroupVerdict>;
  /** Forgets the version's pending verdict (its decision is stored elsewhere now). Idempotent. */
  settle(group: GroupKey, versionKey: string): Promise<void>;
  /** The group's state, when it has one (for `explain-alert` and tests). */
  state(group: GroupKey): Promise<GroupState | undefined>;
}

interface PendingVerdict extends GroupVerdict {
  at: number;
}

interface GroupItem extends GroupState {
  rev: number;
  pending?: Record<string, PendingVerdict>;
}

/** Keys of a group item; very long resource ids are hashed to stay within DynamoDB's key size. */
export function groupItemKey(group: GroupKey): Record<string, string> {
  const id = group.resourceId.length <= 900 ? group.resourceId : `sha256:${createHash('sha256').update(group.resourceId).digest('hex')}`;
  return itemKey(ITEM_KINDS.alertGroup, [group.account, id], []);
}

/** Backs off more steeply than the default: a busy resource's group is the hottest item alerting writes. */
const pause = (attempt: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 ** (attempt - 1))));

function stateOf(item: GroupItem | undefined): GroupState | undefined {
  if (item === undefined || item.openedAt === undefined) return undefined;
  const { openedAt, windowEnds, kinds, highestRank, maxPriority, count, sent } = item;
  return { openedAt, windowEnds, kinds: kinds ?? {}, highestRank, maxPriority: maxPriority ?? -1, count, sent: sent ?? 0 };
}

/** {@link AlertGroups} on the findings table. */
export class DynamoAlertGroups implements AlertGroups {
  private readonly client: DynamoDBDocumentClient;
  private readonly items: VersionedItems;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.client = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
    this.items = new VersionedItems(this.client, tableName, ITEM_KINDS.alertGroup.version);
  }

  async apply(entry: GroupEntry): Promise<GroupVerdict> {
    const key = groupItemKey(entry.group);
    return retryOnConflict(
      async () => {
        const item = await this.read(key);
        const pending = item?.pending?.[entry.versionKey];
        if (pending !== undefined) {
          const { at: _at, ...verdict } = pending;
          return { done: verdict };
        }
        const { verdict, next } = decideInGroup(stateOf(item), entry.facts, entry.now, entry.settings);
        const now = entry.now.getTime();
        const kept = Object.fromEntries(Object.entries(item?.pending ?? {}).filter(([, value]) => value.at > now - PENDING_RETENTION_MS));
        const written = await this.items.putIfVersion(
          {
            ...key,
            ...next,
            pending: { ...kept, [entry.versionKey]: { ...verdict, at: now } },
            [TABLE_KEYS.expiresAt]: Math.floor((next.windowEnds + DAY_MS) / 1000),
          },
          item?.rev ?? 0,
        );
        return written ? { done: verdict } : CONFLICT;
      },
      {
        attempts: MAX_ROUNDS,
        backoff: pause,
        exhausted: () => {
          throw new Error(`Alert group ${key[TABLE_KEYS.partitionKey]} kept changing; giving up so the event is retried`);
        },
      },
    );
  }

  async settle(group: GroupKey, versionKey: string): Promise<void> {
    // The revision moves too, so a concurrent writer that read the entry cannot put it back.
    await ifCondition(
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: groupItemKey(group),
          UpdateExpression: 'REMOVE #pending.#version ADD #rev :one',
          ConditionExpression: 'attribute_exists(#pending.#version)',
          ExpressionAttributeNames: { '#pending': 'pending', '#version': versionKey, '#rev': ITEM_KINDS.alertGroup.version },
          ExpressionAttributeValues: { ':one': 1 },
        }),
      ),
    ); // false: settled already
  }

  async state(group: GroupKey): Promise<GroupState | undefined> {
    return stateOf(await this.read(groupItemKey(group)));
  }

  private async read(key: Record<string, string>): Promise<GroupItem | undefined> {
    return (await this.items.get(key)).item as GroupItem | undefined;
  }
}
