/**
 * The automation-rules import stage: loads the enabled rules once per import batch (stored rules
 * through a 30 s cache, plus the rules-as-code), and applies them to every finding an import creates
 * or updates, before it is written. Criteria are evaluated on the finding as the import made it.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ImportStage, ImportStep } from '../../store';
import { DynamoCodeRuleStamps, type CodeRuleStamps } from './code-rule-stamps';
import { applyRules, compileRules } from './evaluate';
import { RULES_AS_CODE } from './rules-as-code';
import { cachedRules, RULES_CACHE_MS } from './rules-cache';
import { automationRuleStore, type AutomationRuleRepository } from './rules-store';
import type { AutomationRule } from './types';

/** Options of {@link automationRulesStage}. */
export interface AutomationRulesStageOptions {
  repository: AutomationRuleRepository;
  /** Cache key: the findings table. */
  tableName: string;
  /** How long loaded rules are reused (ms); 0 reads them for every batch. Default {@link RULES_CACHE_MS}. */
  cacheMs?: number;
  /** The rules-as-code (default: the deployed file). */
  codeRules?: readonly AutomationRule[];
  /** Gives the rules-as-code their recorded times (loaded with the stored rules, through the same cache); the epoch without it. */
  stamps?: CodeRuleStamps;
}

/** The stage that applies automation rules at import. */
export function automationRulesStage(options: AutomationRulesStageOptions): ImportStage {
  const codeRules = options.codeRules ?? RULES_AS_CODE;
  return {
    name: 'automation-rules',
    async prepare(now: Date): Promise<ImportStep> {
      const stamps = options.stamps;
      const load = stamps === undefined ? () => options.repository.list() : async () => [...(await stamps.stamp(codeRules, now)), ...(await options.repository.list())];
      const loaded = await cachedRules(options.tableName, now, options.cacheMs ?? RULES_CACHE_MS, load);
      const rules = compileRules(stamps === undefined ? [...codeRules, ...loaded] : loaded, now);
      if (rules.length === 0) return (draft) => draft;
      const stamp = now.toISOString();
      return (draft) => {
        const { finding, customerOwned } = applyRules({ finding: draft.finding, customerOwned: draft.customerOwned }, rules, stamp);
        return { ...draft, finding, customerOwned };
      };
    },
  };
}

/** The stage on the findings table, as every writer's store is built with it (`lambdas/triage/import-stages.ts`). */
export function automationRulesStageOn(client: DynamoDBClient, tableName: string): ImportStage {
  return automationRulesStage({ repository: automationRuleStore(client, tableName, RULES_AS_CODE.length), tableName, stamps: new DynamoCodeRuleStamps(client, tableName) });
}
