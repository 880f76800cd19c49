/**
 * Custom actions on the findings table: one partition (`pk` = `CFG#action-targets`), an item per
 * action (`sk` = its Id) with no index attributes, so neither the indexes, the query planner's scan
 * nor the finding-events stream filter (sk = FINDING_SK) see them. Single-item conditional writes.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ITEM_KINDS, TABLE_KEYS, ifCondition, itemKey, readPartition } from '../../store';
import { LimitExceededError, ResourceConflictError, ResourceNotFoundError } from '../../shared/errors';
import { ACTION_TARGET_LIMITS, actionTargetIdOf, type ActionTarget } from './action-targets';

/** Where custom actions are kept. */
export interface ActionTargetRepository {
  create(target: ActionTarget): Promise<void>;
  /** Every action target, by Id. */
  list(): Promise<ActionTarget[]>;
  /** @throws ResourceNotFoundError */
  get(arn: string): Promise<ActionTarget>;
  /** @throws ResourceNotFoundError */
  update(arn: string, change: { Name?: string; Description?: string }): Promise<void>;
  /** @throws ResourceNotFoundError */
  delete(arn: string): Promise<void>;
}

function notFound(arn: string): ResourceNotFoundError {
  return new ResourceNotFoundError(`Action target ${arn} not found.`);
}

/** {@link ActionTargetRepository} on the findings table. */
export class DynamoActionTargetStore implements ActionTargetRepository {
  private readonly client: DynamoDBDocumentClient;

  constructor(private readonly options: { client: DynamoDBClient; tableName: string }) {
    this.client = DynamoDBDocumentClient.from(options.client);
  }

  private key(arn: string) {
    return itemKey(ITEM_KINDS.actionTarget, [], [actionTargetIdOf(arn)]);
  }

  /** Creates an action; ResourceConflictException when its Id exists, LimitExceeded past 50 (Security Hub's quota). */
  async create(target: ActionTarget): Promise<void> {
    if ((await this.list()).length >= ACTION_TARGET_LIMITS.perAccount) {
      throw new LimitExceededError(`You can create up to ${ACTION_TARGET_LIMITS.perAccount} custom actions.`);
    }
    const created = await ifCondition(
      this.client.send(
        new PutCommand({
          TableName: this.options.tableName,
          Item: { ...this.key(target.ActionTargetArn), ...target },
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey },
        }),
      ),
    );
    if (!created) throw new ResourceConflictError(`Action target ${target.ActionTargetArn} already exists.`);
  }

  async list(): Promise<ActionTarget[]> {
    const items = await readPartition(this.client, this.options.tableName, ITEM_KINDS.actionTarget.pk.fixed);
    return items.map((item) => ({ ActionTargetArn: item.ActionTargetArn as string, Name: item.Name as string, Description: item.Description as string }));
  }

  async get(arn: string): Promise<ActionTarget> {
    const found = (await this.list()).find((target) => target.ActionTargetArn === arn);
    if (found === undefined) throw notFound(arn);
    return found;
  }

  async update(arn: string, change: { Name?: string; Description?: string }): Promise<void> {
    const members = Object.entries(change).filter(([, value]) => value !== undefined);
    const updated = await ifCondition(
      this.client.send(
        new UpdateCommand({
          TableName: this.options.tableName,
          Key: this.key(arn),
          ConditionExpression: '#arn = :arn',
          UpdateExpression: members.length === 0 ? undefined : `SET ${members.map(([name]) => `#${name} = :${name}`).join(', ')}`,
          ExpressionAttributeNames: { '#arn': 'ActionTargetArn', ...Object.fromEntries(members.map(([name]) => [`#${name}`, name])) },
          ExpressionAttributeValues: { ':arn': arn, ...Object.fromEntries(members.map(([name, value]) => [`:${name}`, value])) },
        }),
      ),
    );
    if (!updated) throw notFound(arn);
  }

  async delete(arn: string): Promise<void> {
    const deleted = await ifCondition(
      this.client.send(
        new DeleteCommand({
          TableName: this.options.tableName,
          Key: this.key(arn),
          ConditionExpression: '#arn = :arn',
          ExpressionAttributeNames: { '#arn': 'ActionTargetArn' },
          ExpressionAttributeValues: { ':arn': arn },
        }),
      ),
    );
    if (!deleted) throw notFound(arn);
  }
}
