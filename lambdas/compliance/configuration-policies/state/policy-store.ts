/**
 * Configuration policies and their applied associations on the findings table: one partition of
 * policies (`sk` = the policy's UUID) and one of associations (`sk` = the target's id). No index
 * attributes, so neither the finding indexes nor the planner's scan see them. Single-item
 * conditional writes; an account's associations along its path are one BatchGetItem.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, type BatchGetCommandOutput, DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ITEM_KINDS, TABLE_KEYS, ifCondition, itemKey, readPartition } from '../../../store';
import type { AppliedAssociation, ConfigurationPolicy } from '../types';

/** Where policies and associations are kept. */
export interface ConfigurationPolicyRepository {
  /** Writes a new policy; false when its id is taken. */
  create(policy: ConfigurationPolicy): Promise<boolean>;
  get(id: string): Promise<ConfigurationPolicy | undefined>;
  list(): Promise<ConfigurationPolicy[]>;
  /** Replaces a policy if it was last updated at `expectedUpdatedAt`; false on a lost race or when gone. */
  replace(policy: ConfigurationPolicy, expectedUpdatedAt: string): Promise<boolean>;
  /** Deletes a policy; false when it is gone. */
  delete(id: string): Promise<boolean>;
  /** The associations applied to these targets (one batch read; absent ids have none). */
  appliedTo(targetIds: readonly string[]): Promise<Map<string, AppliedAssociation>>;
  /** Every applied association. */
  listApplied(): Promise<AppliedAssociation[]>;
  putApplied(association: AppliedAssociation): Promise<void>;
  /** Removes the association of a target if it is still to `configurationPolicyId`; false otherwise. */
  deleteApplied(targetId: string, configurationPolicyId: string): Promise<boolean>;
}

const BATCH_GET = 100;

/** {@link ConfigurationPolicyRepository} on the findings table. */
export class DynamoConfigurationPolicyStore implements ConfigurationPolicyRepository {
  private readonly client: DynamoDBDocumentClient;

  constructor(private readonly options: { client: DynamoDBClient; tableName: string }) {
    this.client = DynamoDBDocumentClient.from(options.client, { marshallOptions: { removeUndefinedValues: true } });
  }

  private policyKey(id: string) {
    return itemKey(ITEM_KINDS.configurationPolicy, [], [id]);
  }

  private associationKey(targetId: string) {
    return itemKey(ITEM_KINDS.configurationPolicyAssociation, [], [targetId]);
  }

  create(policy: ConfigurationPolicy): Promise<boolean> {
    return ifCondition(
      this.client.send(
        new PutCommand({
          TableName: this.options.tableName,
          Item: { ...this.policyKey(policy.id), policy },
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey },
        }),
      ),
    );
  }

  async get(id: string): Promise<ConfigurationPolicy | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.options.tableName, Key: this.policyKey(id), ConsistentRead: true }));
    return Item?.policy as ConfigurationPolicy | undefined;
  }

  async list(): Promise<ConfigurationPolicy[]> {
    const items = await readPartition(this.client, this.options.tableName, ITEM_KINDS.configurationPolicy.pk.fixed);
    return items.map((item) => item.policy as ConfigurationPolicy);
  }

  replace(policy: ConfigurationPolicy, expectedUpdatedAt: string): Promise<boolean> {
    return ifCondition(
      this.client.send(
        new PutCommand({
          TableName: this.options.tableName,
          Item: { ...this.policyKey(policy.id), policy },
          ConditionExpression: '#policy.#updatedAt = :expected',
          ExpressionAttributeNames: { '#policy': 'policy', '#updatedAt': 'updatedAt' },
          ExpressionAttributeValues: { ':expected': expectedUpdatedAt },
        }),
      ),
    );
  }

  delete(id: string): Promise<boolean> {
    return ifCondition(
      this.client.send(
        new DeleteCommand({
          TableName: this.options.tableName,
          Key: this.policyKey(id),
          ConditionExpression: 'attribute_exists(#pk)',
          ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey },
        }),
      ),
    );
  }

  async appliedTo(targetIds: readonly string[]): Promise<Map<string, AppliedAssociation>> {
    const found = new Map<string, AppliedAssociation>();
    const unique = [...new Set(targetIds)];
    for (let start = 0; start < unique.length; start += BATCH_GET) {
      let keys: Record<string, unknown>[] | undefined = unique.slice(start, start + BATCH_GET).map((id) => this.associationKey(id));
      // UnprocessedKeys are read again (DynamoDB may return part of a batch under load).
      for (let attempt = 0; keys && keys.length > 0 && attempt < 10; attempt++) {
        const response: BatchGetCommandOutput = await this.client.send(new BatchGetCommand({ RequestItems: { [this.options.tableName]: { Keys: keys, ConsistentRead: true } } }));
        for (const item of response.Responses?.[this.options.tableName] ?? []) {
          const association = item.association as AppliedAssociation;
          found.set(association.target.id, association);
        }
        keys = response.UnprocessedKeys?.[this.options.tableName]?.Keys;
      }
      if (keys && keys.length > 0) throw new Error(`Configuration policy associations: ${keys.length} keys stayed unprocessed`);
    }
    return found;
  }

  async listApplied(): Promise<AppliedAssociation[]> {
    const items = await readPartition(this.client, this.options.tableName, ITEM_KINDS.configurationPolicyAssociation.pk.fixed);
    return items.map((item) => item.association as AppliedAssociation);
  }

  async putApplied(association: AppliedAssociation): Promise<void> {
    await this.client.send(new PutCommand({ TableName: this.options.tableName, Item: { ...this.associationKey(association.target.id), association } }));
  }

  deleteApplied(targetId: string, configurationPolicyId: string): Promise<boolean> {
    return ifCondition(
      this.client.send(
        new DeleteCommand({
          TableName: this.options.tableName,
          Key: this.associationKey(targetId),
          ConditionExpression: '#association.#policy = :policy',
          ExpressionAttributeNames: { '#association': 'association', '#policy': 'configurationPolicyId' },
          ExpressionAttributeValues: { ':policy': configurationPolicyId },
        }),
      ),
    );
  }
}
