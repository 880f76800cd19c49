/**
 * Alert groups on the findings table, one item per (account, resource) with its open window:
 * `pk = ALERTGROUP#<account>#<resource id>`, `sk = GROUP`, and one marker per published finding
 * version: `pk = ALERTSENT#<version key>`, `sk = SENT`. Neither carries index attributes. Both
 * carry `expiresAt` (the window's end plus a day; the marker a week), for DynamoDB TTL.
 *
 * Every write is a single-item conditional write (no transactions). Recording the same finding
 * version twice is recognized (the group keeps the version keys it counted) and answers the
 * first recording's outcome, so redelivery neither counts twice nor loses the first alert.
 */
import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createHash } from 'node:crypto';
import { TABLE_KEYS } from '../../shared/store/table-schema';
import type { GroupKey } from './grouping';

/** Partition key prefix of alert group items. */
export const GROUP_PREFIX = 'ALERTGROUP#';
/** Partition key prefix of published-alert markers. */
export const SENT_PREFIX = 'ALERTSENT#';

const DAY_SECONDS = 86_400;
/** A published marker outlives any redelivery (EventBridge retries for 24 h, Lambda for 6 h). */
const SENT_RETENTION_SECONDS = 7 * DAY_SECONDS;

/** What recording a finding version in its group decided. */
export interface GroupOutcome {
  /** `open`: first of a new window (alert); `escalate`: above the group's highest severity (alert); `count`: grouped (no alert). */
  action: 'open' | 'escalate' | 'count';
  /** Findings counted in the window, this one included. */
  count: number;
  /** When the window opened (ISO). */
  openedAt: string;
  /** The group's highest severity rank before this finding (for `escalate`). */
  previousHighestRank: number;
  /** True when this version had been recorded before (a redelivery). */
  repeated: boolean;
}

/** A finding version to record. */
export interface GroupEntry {
  group: GroupKey;
  /** See `versionKeyOf`. */
  versionKey: string;
  /** Severity rank of the finding (INFORMATIONAL 0 … CRITICAL 4). */
  severityRank: number;
  now: Date;
  windowMinutes: number;
}

/** The group store the router needs. */
export interface AlertGroups {
  record(entry: GroupEntry): Promise<GroupOutcome>;
  /** True when an alert for this finding version was published. */
  wasPublished(versionKey: string): Promise<boolean>;
  markPublished(versionKey: string, now: Date): Promise<void>;
}

interface GroupItem {
  openedAt: string;
  windowEnds: number;
  count: number;
  highestRank: number;
  members: Set<string>;
  openedBy: string;
  escalations?: Record<string, number>;
}

/** Keys of a group item; very long resource ids are hashed to stay within DynamoDB's key size. */
export function groupItemKey(group: GroupKey): Record<string, string> {
  const id = group.resourceId.length <= 900 ? group.resourceId : `sha256:${createHash('sha256').update(group.resourceId).digest('hex')}`;
  return { [TABLE_KEYS.partitionKey]: `${GROUP_PREFIX}${group.account}#${id}`, [TABLE_KEYS.sortKey]: 'GROUP' };
}

function sentKey(versionKey: string): Record<string, string> {
  return { [TABLE_KEYS.partitionKey]: `${SENT_PREFIX}${versionKey}`, [TABLE_KEYS.sortKey]: 'SENT' };
}

const isConflict = (error: unknown) => error instanceof ConditionalCheckFailedException || (error as Error).name === 'ConditionalCheckFailedException';

/** {@link AlertGroups} on the findings table. */
export class DynamoAlertGroups implements AlertGroups {
  private readonly client: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
    /**
     * Version keys a group keeps for redelivery checks (~26 bytes each: 10,000 stay far below
     * DynamoDB's 400 KB item limit). Past it, findings are still counted, but a redelivered one
     * would be counted twice.
     */
    private readonly maxMembers = 10_000,
  ) {
    this.client = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async record(entry: GroupEntry): Promise<GroupOutcome> {
    const key = groupItemKey(entry.group);
    const now = entry.now.getTime();
    // A window can close between two writes: three rounds always settle (open, or join, or seen).
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const opened = await this.open(key, entry, now);
      if (opened) return opened;
      const joined = await this.join(key, entry, now);
      if (joined) return joined;
      const item = await this.read(key);
      if (item !== undefined && item.members.has(entry.versionKey)) return this.replay(item, entry.versionKey);
    }
    throw new Error(`Alert group ${key[TABLE_KEYS.partitionKey]} kept changing; giving up so the event is retried`);
  }

  /** Opens a new window when none is open. */
  private async open(key: Record<string, string>, entry: GroupEntry, now: number): Promise<GroupOutcome | undefined> {
    const windowEnds = now + entry.windowMinutes * 60_000;
    const openedAt = entry.now.toISOString();
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...key,
            openedAt,
            windowEnds,
            count: 1,
            highestRank: entry.severityRank,
            members: new Set([entry.versionKey]),
            openedBy: entry.versionKey,
            escalations: {},
            [TABLE_KEYS.expiresAt]: Math.floor(windowEnds / 1000) + DAY_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(#pk) OR (#windowEnds <= :now AND NOT contains(#members, :member))',
          ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey, '#windowEnds': 'windowEnds', '#members': 'members' },
          ExpressionAttributeValues: { ':now': now, ':member': entry.versionKey },
        }),
      );
      return { action: 'open', count: 1, openedAt, previousHighestRank: -1, repeated: false };
    } catch (error) {
      if (isConflict(error)) return undefined;
      throw error;
    }
  }

  /** Joins the open window: escalates it when more severe than anything in it, else counts. */
  private async join(key: Record<string, string>, entry: GroupEntry, now: number): Promise<GroupOutcome | undefined> {
    const names = { '#windowEnds': 'windowEnds', '#members': 'members', '#count': 'count', '#highestRank': 'highestRank' };
    const values = { ':now': now, ':member': entry.versionKey, ':members': new Set([entry.versionKey]), ':one': 1 };
    const open = '#windowEnds > :now AND NOT contains(#members, :member)';
    try {
      const result = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: 'SET #highestRank = :rank, #escalations.#version = #highestRank ADD #count :one, #members :members',
          ConditionExpression: `${open} AND #highestRank < :rank`,
          ExpressionAttributeNames: { ...names, '#escalations': 'escalations', '#version': entry.versionKey },
          ExpressionAttributeValues: { ...values, ':rank': entry.severityRank },
          ReturnValues: 'ALL_OLD',
        }),
      );
      const old = result.Attributes as GroupItem;
      return { action: 'escalate', count: old.count + 1, openedAt: old.openedAt, previousHighestRank: old.highestRank, repeated: false };
    } catch (error) {
      if (!isConflict(error)) throw error;
    }
    try {
      const result = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: 'ADD #count :one, #members :members',
          ConditionExpression: `${open} AND size(#members) < :maxMembers`,
          ExpressionAttributeNames: { '#windowEnds': names['#windowEnds'], '#members': names['#members'], '#count': names['#count'] },
          ExpressionAttributeValues: { ...values, ':maxMembers': this.maxMembers },
          ReturnValues: 'ALL_NEW',
        }),
      );
      const item = result.Attributes as GroupItem;
      return { action: 'count', count: item.count, openedAt: item.openedAt, previousHighestRank: item.highestRank, repeated: false };
    } catch (error) {
      if (!isConflict(error)) throw error;
    }
    // A full group: count without keeping the version key.
    try {
      const result = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: 'ADD #count :one',
          ConditionExpression: `${open} AND size(#members) >= :maxMembers`,
          ExpressionAttributeNames: { '#windowEnds': names['#windowEnds'], '#members': names['#members'], '#count': names['#count'] },
          ExpressionAttributeValues: { ':now': now, ':member': entry.versionKey, ':one': 1, ':maxMembers': this.maxMembers },
          ReturnValues: 'ALL_NEW',
        }),
      );
      const item = result.Attributes as GroupItem;
      return { action: 'count', count: item.count, openedAt: item.openedAt, previousHighestRank: item.highestRank, repeated: false };
    } catch (error) {
      if (isConflict(error)) return undefined;
      throw error;
    }
  }

  private async read(key: Record<string, string>): Promise<GroupItem | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
    return result.Item as GroupItem | undefined;
  }

  /** The outcome the first recording of `versionKey` had. */
  private replay(item: GroupItem, versionKey: string): GroupOutcome {
    const base = { count: item.count, openedAt: item.openedAt, repeated: true };
    if (item.openedBy === versionKey) return { ...base, action: 'open', previousHighestRank: -1 };
    const escalatedFrom = item.escalations?.[versionKey];
    if (escalatedFrom !== undefined) return { ...base, action: 'escalate', previousHighestRank: escalatedFrom };
    return { ...base, action: 'count', previousHighestRank: item.highestRank };
  }

  async wasPublished(versionKey: string): Promise<boolean> {
    const result = await this.client.send(new GetCommand({ TableName: this.tableName, Key: sentKey(versionKey), ConsistentRead: true }));
    return result.Item !== undefined;
  }

  async markPublished(versionKey: string, now: Date): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...sentKey(versionKey), publishedAt: now.toISOString(), [TABLE_KEYS.expiresAt]: Math.floor(now.getTime() / 1000) + SENT_RETENTION_SECONDS },
      }),
    );
  }
}
