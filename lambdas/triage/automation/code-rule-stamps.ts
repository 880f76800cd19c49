/**
 * CreatedAt/UpdatedAt of the rules-as-code, as a real rule has them: when the file's rule first
 * appeared and when its content last changed. Each rule has an item on the findings table (`pk` =
 * `AUTOMATION#code`, `sk` = its ARN's uuid) with the hash of its content and those two times; the
 * first process to load a new or changed rule records it (conditional writes: the first writer wins,
 * the others read what it wrote). No index attributes and not a finding's `sk`: the indexes and the
 * planner's scan never see these items.
 */
import { createHash } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ITEM_KINDS, TABLE_KEYS, isConditionFailure, itemKey, readPartition } from '../../store';
import type { AutomationRule } from './types';

const CODE_RULES_PARTITION = ITEM_KINDS.codeRuleStamp.pk.fixed;

/** What is recorded of one rule. */
export interface CodeRuleStamp {
  hash: string;
  createdAt: string;
  updatedAt: string;
}

/** Gives rules-as-code their recorded times. */
export interface CodeRuleStamps {
  stamp(rules: readonly AutomationRule[], now: Date): Promise<AutomationRule[]>;
}

/** The rule's id: the uuid at the end of its ARN (the same in every Region and account). */
export const codeRuleId = (rule: AutomationRule) => rule.RuleArn.slice(rule.RuleArn.lastIndexOf('/') + 1);

/** A hash of what the rule does and says (not its ARN, times or creator). */
export function codeRuleHash(rule: AutomationRule): string {
  const { RuleArn: _arn, CreatedAt: _created, UpdatedAt: _updated, CreatedBy: _by, ...content } = rule;
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

/**
 * The stamp each rule should have given the recorded ones: unchanged when the hash matches; a new
 * rule first appears `now`; a changed one keeps its CreatedAt and changes `now`. `writes` lists the
 * stamps to record, with the hash they replace (undefined: none recorded).
 */
export function planStamps(rules: readonly AutomationRule[], recorded: ReadonlyMap<string, CodeRuleStamp>, now: Date) {
  const time = now.toISOString();
  const writes: Array<{ id: string; stamp: CodeRuleStamp; replaces?: string }> = [];
  const stamps = new Map<string, CodeRuleStamp>();
  for (const rule of rules) {
    const id = codeRuleId(rule);
    const hash = codeRuleHash(rule);
    const known = recorded.get(id);
    if (known?.hash === hash) {
      stamps.set(id, known);
      continue;
    }
    const stamp = { hash, createdAt: known?.createdAt ?? time, updatedAt: time };
    stamps.set(id, stamp);
    writes.push({ id, stamp, ...(known && { replaces: known.hash }) });
  }
  return { stamps, writes };
}

/** Rules with their recorded times. */
export function applyStamps(rules: readonly AutomationRule[], stamps: ReadonlyMap<string, CodeRuleStamp>): AutomationRule[] {
  return rules.map((rule) => {
    const stamp = stamps.get(codeRuleId(rule));
    return stamp === undefined ? rule : { ...rule, CreatedAt: stamp.createdAt, UpdatedAt: stamp.updatedAt };
  });
}

/** {@link CodeRuleStamps} on the findings table. */
export class DynamoCodeRuleStamps implements CodeRuleStamps {
  private readonly client: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.client = DynamoDBDocumentClient.from(client);
  }

  async stamp(rules: readonly AutomationRule[], now: Date): Promise<AutomationRule[]> {
    if (rules.length === 0) return [];
    const items = await readPartition(this.client, this.tableName, CODE_RULES_PARTITION);
    const recorded = new Map(items.map((item) => [String(item[TABLE_KEYS.sortKey]), item.stamp as CodeRuleStamp]));
    const { stamps, writes } = planStamps(rules, recorded, now);
    for (const { id, stamp, replaces } of writes) {
      const winner = await this.record(id, stamp, replaces);
      stamps.set(id, winner);
    }
    return applyStamps(rules, stamps);
  }

  /** Records `stamp` unless another process recorded one first; returns the stamp that stands. */
  private async record(id: string, stamp: CodeRuleStamp, replaces: string | undefined): Promise<CodeRuleStamp> {
    const key = itemKey(ITEM_KINDS.codeRuleStamp, [], [id]);
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...key, stamp },
          ConditionExpression: replaces === undefined ? 'attribute_not_exists(#pk)' : '#stamp.#hash = :replaces',
          ExpressionAttributeNames: replaces === undefined ? { '#pk': TABLE_KEYS.partitionKey } : { '#stamp': 'stamp', '#hash': 'hash' },
          ...(replaces !== undefined && { ExpressionAttributeValues: { ':replaces': replaces } }),
        }),
      );
      return stamp;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
      return (Item?.stamp as CodeRuleStamp | undefined) ?? stamp;
    }
  }
}
