/**
 * Alert groups on the findings table: one ledger item per (account, resource) — `pk =
 * ALERTGROUP#<account>#<resource id>`, `sk = GROUP` — laid out and written as `group-ledger.ts`
 * says: a finding version is counted with **one atomic UpdateItem** (no read before it, no
 * version compared), so concurrent findings on one resource never refuse or retry each other.
 * The verdict is read off the item the update returns. An update is refused only when the version
 * is counted already (a redelivery: its verdict is read back), the window has ended (a conditional
 * Put opens the next one — refused at most once per finding per window) or the group's kinds are
 * full (counted without remembering the kind). No index attributes; `expiresAt` (window end plus
 * a day) for TTL.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createHash } from 'node:crypto';
import { ITEM_KINDS, TABLE_KEYS, ifCondition, isConditionFailure, itemKey } from '../../store';
import type { GroupKey } from './grouping';
import { countUpdate, nextStep, openPut, settleUpdate, summaryOf, verdictOf, type LedgerEntry, type LedgerItem } from './group-ledger';
import type { GroupSummary, GroupVerdict } from './group-policy';

/**
 * Refusals before giving up (the event is then retried by Lambda). A count is refused once per
 * window change or kind cap, so a few rounds are plenty; running out needs the window to end again
 * and again while one finding is being counted.
 */
const MAX_ROUNDS = 6;

/** One finding version to record in one group. */
export interface GroupEntry extends LedgerEntry {
  group: GroupKey;
}

/** The group store the router needs. */
export interface AlertGroups {
  /** Counts the version in its group (once: a redelivery gets the first verdict again) and returns the verdict. */
  apply(entry: GroupEntry): Promise<GroupVerdict>;
  /** Forgets the version's in-flight mark (its decision is stored elsewhere now), counting its alert when `sent`. Idempotent. */
  settle(group: GroupKey, versionKey: string, sent: boolean): Promise<void>;
  /** The group as it stands, when it has one (for `explain-alert` and tests). */
  state(group: GroupKey): Promise<GroupSummary | undefined>;
}

/** Keys of a group item; very long resource ids are hashed to stay within DynamoDB's key size. */
export function groupItemKey(group: GroupKey): Record<string, string> {
  const id = group.resourceId.length <= 900 ? group.resourceId : `sha256:${createHash('sha256').update(group.resourceId).digest('hex')}`;
  return itemKey(ITEM_KINDS.alertGroup, [group.account, id], []);
}

/** {@link AlertGroups} on the findings table. */
export class DynamoAlertGroups implements AlertGroups {
  private readonly client: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.client = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async apply(entry: GroupEntry): Promise<GroupVerdict> {
    const key = groupItemKey(entry.group);
    let rememberKind = true;
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      const counted = await this.count(key, entry, rememberKind);
      if (counted !== undefined) return verdictOf(counted, entry);
      const item = await this.read(key);
      const step = nextStep(item, entry);
      if (step === 'replay') return verdictOf(item!, entry);
      if (step === 'open') {
        const opened = openPut(key, entry);
        if (await ifCondition(this.client.send(new PutCommand({ TableName: this.tableName, ...opened })))) return verdictOf(opened.Item, entry);
        continue; // another finding opened it: count into it
      }
      rememberKind = step !== 'count-without-kind';
    }
    throw new Error(`Alert group ${key[TABLE_KEYS.partitionKey]} refused ${MAX_ROUNDS} counts of one finding; giving up so the event is retried`);
  }

  async settle(group: GroupKey, versionKey: string, sent: boolean): Promise<void> {
    // false: settled already (a redelivery), or the window was replaced since.
    await ifCondition(this.client.send(new UpdateCommand({ TableName: this.tableName, Key: groupItemKey(group), ...settleUpdate(versionKey, sent) })));
  }

  async state(group: GroupKey): Promise<GroupSummary | undefined> {
    return summaryOf(await this.read(groupItemKey(group)));
  }

  /** The counted item, or undefined when the count was refused. */
  private async count(key: Record<string, string>, entry: GroupEntry, rememberKind: boolean): Promise<LedgerItem | undefined> {
    try {
      const result = await this.client.send(new UpdateCommand({ TableName: this.tableName, Key: key, ...countUpdate(entry, rememberKind), ReturnValues: 'ALL_NEW' }));
      return result.Attributes;
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }

  private async read(key: Record<string, string>): Promise<LedgerItem | undefined> {
    return (await this.client.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }))).Item;
  }
}
