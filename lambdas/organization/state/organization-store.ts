/**
 * The organization on the findings table: one versioned item for the administrator and the
 * configuration (`ORG#settings` / `ORG`, read-modify-write on its version) and one item per member
 * (`ORG#members` / `<account id>`), read by key (BatchGet) or in account order (Query). No index
 * attributes: neither the findings' indexes nor the planner's scan see them.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, BatchWriteCommand, DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { LimitExceededError } from '../../shared/errors';
import { CONFLICT, ITEM_KINDS, TABLE_KEYS, VersionedItems, ifCondition, itemKey, retryOnConflict } from '../../store';
import { defaultOrganizationState, type MemberRecord, type OrganizationState } from '../organization';

const STATE_KEY = itemKey(ITEM_KINDS.organizationState, [], []);
const MEMBERS_PK = ITEM_KINDS.organizationMember.pk.fixed;
const memberKey = (accountId: string) => itemKey(ITEM_KINDS.organizationMember, [], [accountId]);

/** A page of members in account order. */
export interface MemberPage {
  members: MemberRecord[];
  /** The last account id of the page when more may follow. */
  last?: string;
}

/** Reads and changes the organization. */
export interface OrganizationRepository {
  get(): Promise<OrganizationState>;
  /** Read-modify-write; `change` may throw to refuse (nothing is written then). */
  update(change: (current: OrganizationState) => OrganizationState): Promise<OrganizationState>;
  /** The stored members among `accountIds` (any number; read 100 at a time). */
  getMembers(accountIds: readonly string[]): Promise<Map<string, MemberRecord>>;
  /** Up to `limit` members after `after`, in account order. */
  listMembers(limit: number, after?: string): Promise<MemberPage>;
  /** Writes members as given (last writer wins). */
  putMembers(members: readonly MemberRecord[]): Promise<void>;
  /** Writes `member` only if the account has no record yet; false when it has one. */
  enroll(member: MemberRecord): Promise<boolean>;
  deleteMembers(accountIds: readonly string[]): Promise<void>;
}

/** Options of {@link DynamoOrganizationStore}. */
export interface OrganizationStoreOptions {
  client: DynamoDBClient;
  tableName: string;
  maxAttempts?: number;
  /** Called after every write (the admission's cache listens). */
  onChange?: () => void;
}

type Key = Record<string, string>;

function toMember(item: Record<string, unknown>): MemberRecord {
  return item.member as MemberRecord;
}

/** {@link OrganizationRepository} on the findings table. */
export class DynamoOrganizationStore implements OrganizationRepository {
  private readonly client: DynamoDBDocumentClient;
  private readonly table: string;
  private readonly items: VersionedItems;
  private readonly maxAttempts: number;
  private readonly onChange: () => void;

  constructor(options: OrganizationStoreOptions) {
    this.client = DynamoDBDocumentClient.from(options.client, { marshallOptions: { removeUndefinedValues: true } });
    this.table = options.tableName;
    this.items = new VersionedItems(this.client, this.table, ITEM_KINDS.organizationState.version);
    this.maxAttempts = options.maxAttempts ?? 20;
    this.onChange = options.onChange ?? (() => undefined);
  }

  async get(): Promise<OrganizationState> {
    const { item } = await this.items.get(STATE_KEY);
    return { ...defaultOrganizationState(), ...(item?.state as OrganizationState | undefined) };
  }

  async update(change: (current: OrganizationState) => OrganizationState): Promise<OrganizationState> {
    const next = await retryOnConflict(
      async () => {
        const { item, version } = await this.items.get(STATE_KEY);
        const changed = change({ ...defaultOrganizationState(), ...structuredClone(item?.state as OrganizationState | undefined) });
        return (await this.items.putIfVersion({ ...STATE_KEY, state: changed }, version)) ? { done: changed } : CONFLICT;
      },
      {
        attempts: this.maxAttempts,
        exhausted: () => {
          throw new LimitExceededError('Too many concurrent changes of the organization configuration; retry the request.');
        },
      },
    );
    this.onChange();
    return next;
  }

  async getMembers(accountIds: readonly string[]): Promise<Map<string, MemberRecord>> {
    const found = new Map<string, MemberRecord>();
    const unique = [...new Set(accountIds)];
    for (let start = 0; start < unique.length; start += 100) {
      let keys: Key[] | undefined = unique.slice(start, start + 100).map(memberKey);
      while (keys !== undefined && keys.length > 0) {
        const response = await this.client.send(new BatchGetCommand({ RequestItems: { [this.table]: { Keys: keys, ConsistentRead: true } } }));
        for (const item of response.Responses?.[this.table] ?? []) {
          const member = toMember(item);
          found.set(member.accountId, member);
        }
        keys = response.UnprocessedKeys?.[this.table]?.Keys as Key[] | undefined;
      }
    }
    return found;
  }

  async listMembers(limit: number, after?: string): Promise<MemberPage> {
    const members: MemberRecord[] = [];
    let startKey: Record<string, unknown> | undefined = after === undefined ? undefined : memberKey(after);
    // One more than asked: `last` only when a member follows, so the final page is never an empty one.
    const wanted = limit + 1;
    do {
      const response = await this.client.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey },
          ExpressionAttributeValues: { ':pk': MEMBERS_PK },
          ConsistentRead: true,
          Limit: wanted - members.length,
          ExclusiveStartKey: startKey,
        }),
      );
      members.push(...(response.Items ?? []).map(toMember));
      startKey = response.LastEvaluatedKey;
    } while (startKey !== undefined && members.length < wanted);
    const page = members.slice(0, limit);
    return { members: page, ...(members.length > limit && { last: page[page.length - 1].accountId }) };
  }

  async putMembers(members: readonly MemberRecord[]): Promise<void> {
    await this.batchWrite(members.map((member) => ({ PutRequest: { Item: { ...memberKey(member.accountId), member } } })));
  }

  async enroll(member: MemberRecord): Promise<boolean> {
    const landed = await ifCondition(
      this.client.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...memberKey(member.accountId), member },
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey },
        }),
      ),
    );
    this.onChange();
    return landed;
  }

  async deleteMembers(accountIds: readonly string[]): Promise<void> {
    await this.batchWrite([...new Set(accountIds)].map((accountId) => ({ DeleteRequest: { Key: memberKey(accountId) } })));
  }

  /** BatchWriteItem in 25s, resending what DynamoDB left unprocessed. */
  private async batchWrite(requests: Array<Record<string, unknown>>): Promise<void> {
    for (let start = 0; start < requests.length; start += 25) {
      let pending: Array<Record<string, unknown>> | undefined = requests.slice(start, start + 25);
      while (pending !== undefined && pending.length > 0) {
        const response = await this.client.send(new BatchWriteCommand({ RequestItems: { [this.table]: pending } }));
        pending = response.UnprocessedItems?.[this.table] as Array<Record<string, unknown>> | undefined;
      }
    }
    if (requests.length > 0) this.onChange();
  }
}
