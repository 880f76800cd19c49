/**
 * Automation rules on the findings table, under their own partition `pk` = `AUTOMATION#rules`,
 * one item per rule with `sk` = `SLOT#<nn>`: a rule occupies one of a fixed number of slots.
 *
 * Why slots: the 100-rule limit must hold under concurrent creates without transactions. A create
 * claims a free slot with a conditional put (`attribute_not_exists`); two creates racing for the same
 * slot cannot both win, and there are only as many slots as rules allowed, so the limit is a property
 * of the key space (no counter to drift, no single item to outgrow 400 KB). Updates are conditional
 * on the item's version; deletes on the rule's ARN. The items carry no index attributes, and their
 * `sk` is not a finding's, so the findings indexes and the planner's scan never see them.
 * Reading all rules is one Query of one partition (at most 100 small items).
 */
import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CONFLICT, ITEM_KINDS, TABLE_KEYS, VersionedItems, ifCondition, readPartition, retryOnConflict } from '../../store';
import { LimitExceededError } from '../../shared/errors';
import { invalidateRules } from './rules-cache';
import { MAX_AUTOMATION_RULES, type AutomationRule, type AutomationRuleDefinition } from './types';

const RULES_PARTITION = ITEM_KINDS.automationRule.pk.fixed;

/** Who and where a new rule is created. */
export interface RuleCreation {
  arnPrefix: string;
  createdBy: string;
  now: Date;
}

/** The stored rules' repository. */
export interface AutomationRuleRepository {
  list(): Promise<AutomationRule[]>;
  create(definition: AutomationRuleDefinition, creation: RuleCreation): Promise<AutomationRule>;
  /** Read-modify-write of one rule on its version; `change` may throw. Undefined when there is no such rule. */
  update(ruleArn: string, change: (rule: AutomationRule) => AutomationRule): Promise<AutomationRule | undefined>;
  /** Deletes a rule; false when there was none. */
  delete(ruleArn: string): Promise<boolean>;
}

/** Options of {@link DynamoAutomationRuleStore}. */
export interface RuleStoreOptions {
  client: DynamoDBClient;
  tableName: string;
  /** Slots API rules may occupy: 100 minus the rules-as-code. */
  capacity: number;
  /** Conditional-write attempts before giving up on a contended write. */
  maxAttempts?: number;
  /** Called after every successful write (the import stage's cache listens). */
  onChange?: () => void;
}

interface StoredRule {
  slot: string;
  version: number;
  rule: AutomationRule;
}

/** {@link AutomationRuleRepository} on the findings table (slot items, conditional writes). */
export class DynamoAutomationRuleStore implements AutomationRuleRepository {
  private readonly client: DynamoDBDocumentClient;
  private readonly items: VersionedItems;
  private readonly table: string;
  private readonly capacity: number;
  private readonly maxAttempts: number;
  private readonly onChange: () => void;

  constructor(options: RuleStoreOptions) {
    this.client = DynamoDBDocumentClient.from(options.client, { marshallOptions: { removeUndefinedValues: true } });
    this.table = options.tableName;
    this.items = new VersionedItems(this.client, this.table, ITEM_KINDS.automationRule.version);
    this.capacity = options.capacity;
    this.maxAttempts = options.maxAttempts ?? 50;
    this.onChange = options.onChange ?? (() => undefined);
  }

  async list(): Promise<AutomationRule[]> {
    return (await this.read()).map((stored) => stored.rule);
  }

  async create(definition: AutomationRuleDefinition, creation: RuleCreation): Promise<AutomationRule> {
    const time = creation.now.toISOString();
    const rule: AutomationRule = { ...definition, RuleArn: `${creation.arnPrefix}${randomUUID()}`, CreatedAt: time, UpdatedAt: time, CreatedBy: creation.createdBy };
    await retryOnConflict(
      async () => {
        const taken = new Set((await this.read()).map((stored) => stored.slot));
        const free = Array.from({ length: this.capacity }, (_, index) => slotKey(index)).filter((slot) => !taken.has(slot));
        if (free.length === 0 || taken.size >= this.capacity) {
          throw new LimitExceededError(
            `The account has ${taken.size} automation rules; at most ${this.capacity} may be created through the API (100 in all, rules-as-code included).`,
          );
        }
        // A random free slot: concurrent creates rarely pick the same one.
        const slot = free[Math.floor(Math.random() * free.length)];
        return (await this.put(slot, rule, 0)) ? { done: undefined } : CONFLICT;
      },
      {
        attempts: this.maxAttempts,
        exhausted: () => {
          throw new LimitExceededError('Too many concurrent automation rule changes; retry the request.');
        },
      },
    );
    this.onChange();
    return rule;
  }

  async update(ruleArn: string, change: (rule: AutomationRule) => AutomationRule): Promise<AutomationRule | undefined> {
    const updated = await retryOnConflict<AutomationRule | undefined>(
      async () => {
        const current = (await this.read()).find((stored) => stored.rule.RuleArn === ruleArn);
        if (current === undefined) return { done: undefined };
        const rule = change(structuredClone(current.rule));
        return (await this.put(current.slot, rule, current.version)) ? { done: rule } : CONFLICT;
      },
      {
        attempts: this.maxAttempts,
        exhausted: () => {
          throw new LimitExceededError('Too many concurrent changes of this automation rule; retry the request.');
        },
      },
    );
    if (updated !== undefined) this.onChange();
    return updated;
  }

  async delete(ruleArn: string): Promise<boolean> {
    const current = (await this.read()).find((stored) => stored.rule.RuleArn === ruleArn);
    if (current === undefined) return false;
    const deleted = await ifCondition(
      this.client.send(
        new DeleteCommand({
          TableName: this.table,
          Key: { [TABLE_KEYS.partitionKey]: RULES_PARTITION, [TABLE_KEYS.sortKey]: current.slot },
          ConditionExpression: '#arn = :arn',
          ExpressionAttributeNames: { '#arn': 'ruleArn' },
          ExpressionAttributeValues: { ':arn': ruleArn },
        }),
      ),
    );
    if (!deleted) return false; // deleted (and the slot perhaps reused) meanwhile
    this.onChange();
    return true;
  }

  /** Writes `rule` into `slot` if the slot is still at `expected` (0: free); false when another writer got there first. */
  private put(slot: string, rule: AutomationRule, expected: number): Promise<boolean> {
    return this.items.putIfVersion({ [TABLE_KEYS.partitionKey]: RULES_PARTITION, [TABLE_KEYS.sortKey]: slot, ruleArn: rule.RuleArn, rule }, expected);
  }

  private async read(): Promise<StoredRule[]> {
    const items = await readPartition(this.client, this.table, RULES_PARTITION);
    return items.map((item) => ({ slot: String(item[TABLE_KEYS.sortKey]), version: Number(item.version), rule: item.rule as AutomationRule }));
  }
}

function slotKey(index: number): string {
  return ITEM_KINDS.automationRule.sk.build(String(index).padStart(3, '0'));
}

/**
 * The repository every writer uses: capacity 100 minus the rules-as-code, and every write forgets
 * the import stage's cached rules in this process.
 */
export function automationRuleStore(client: DynamoDBClient, tableName: string, codeRuleCount: number): DynamoAutomationRuleStore {
  return new DynamoAutomationRuleStore({
    client,
    tableName,
    capacity: MAX_AUTOMATION_RULES - codeRuleCount,
    onChange: () => invalidateRules(tableName),
  });
}
