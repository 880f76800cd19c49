/**
 * Remediations waiting for approval, for reminders: one small item per wait under
 * `pk = REM#awaiting`, `sk = <remediationId>`, written when the wait starts and deleted when it is
 * decided or ends — so the reminder sweep reads only what waits (one query), never every record.
 * Reminders advance with a conditional write on the count sent, so two sweeps never send one twice.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ITEM_KINDS, TABLE_KEYS, ifCondition, itemKey } from '../../store';

/** One wait, as the reminder sweep and the alerts read it. */
export interface AwaitingApproval {
  remediationId: string;
  playbookId: string;
  executionArn: string;
  finding: { Id: string; ProductArn: string };
  requestedBy: string;
  requestedAt: string;
  /** When the wait times out into REJECTED (ISO). */
  deadline: string;
  /** When reminders are due (epoch ms, ascending). */
  remindAt: number[];
  /** Reminders sent so far. */
  sent: number;
  summary?: string;
  approvers: string[];
  accountId?: string;
  region?: string;
  resourceArn?: string;
}

/** The waits the approval task, the operations and the sweep need. */
export interface AwaitingApprovals {
  put(wait: AwaitingApproval): Promise<void>;
  remove(remediationId: string): Promise<void>;
  list(): Promise<AwaitingApproval[]>;
  /** Moves `sent` from `from` to `to`; false when another sweep moved it first. */
  advance(remediationId: string, from: number, to: number): Promise<boolean>;
}

const key = (remediationId: string) => itemKey(ITEM_KINDS.awaitingApproval, [], [remediationId]);

/** {@link AwaitingApprovals} on the findings table. */
export class DynamoAwaitingApprovals implements AwaitingApprovals {
  private readonly client: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.client = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async put(wait: AwaitingApproval): Promise<void> {
    // Kept a day past the deadline at most (TTL), should the decision never remove it.
    const expiresAt = Math.floor(Date.parse(wait.deadline) / 1000) + 86_400;
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { ...key(wait.remediationId), ...wait, [TABLE_KEYS.expiresAt]: expiresAt } }));
  }

  async remove(remediationId: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: key(remediationId) }));
  }

  async list(): Promise<AwaitingApproval[]> {
    const waits: AwaitingApproval[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey },
          ExpressionAttributeValues: { ':pk': ITEM_KINDS.awaitingApproval.pk.fixed },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) {
        const { [TABLE_KEYS.partitionKey]: _pk, [TABLE_KEYS.sortKey]: _sk, [TABLE_KEYS.expiresAt]: _expires, ...wait } = item;
        waits.push(wait as AwaitingApproval);
      }
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
    return waits;
  }

  async advance(remediationId: string, from: number, to: number): Promise<boolean> {
    return ifCondition(
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key(remediationId),
          UpdateExpression: 'SET #sent = :to',
          ConditionExpression: '#sent = :from',
          ExpressionAttributeNames: { '#sent': 'sent' },
          ExpressionAttributeValues: { ':from': from, ':to': to },
        }),
      ),
    );
  }
}
