/**
 * The rules-as-code file format and its checks (no file read here: `rules-as-code.ts` bundles the
 * deployed file, the CDK construct reads it at synth). Format: `{ "Rules": [ <CreateAutomationRule
 * request without Tags>, … ] }`, rule names unique. ARN `arn:aws:securityhub:::automation-rule/<uuid>`,
 * the uuid derived from the RuleName; `CreatedBy` {@link RULES_AS_CODE_CREATOR}; CreatedAt/UpdatedAt
 * the epoch (with an equal RuleOrder they apply before rules created through the API).
 */
import { createHash } from 'node:crypto';
import { InvalidInputError } from '../../shared/errors';
import { MAX_AUTOMATION_RULES, RULES_AS_CODE_CREATOR, type AutomationRule } from './types';
import { validateRuleDefinition } from './validate-rule';

/** Prefix of every rules-as-code ARN. */
export const RULES_AS_CODE_ARN_PREFIX = 'arn:aws:securityhub:::automation-rule/';
const EPOCH = '1970-01-01T00:00:00.000Z';

/** A UUID-shaped id derived from the rule name (stable across deployments). */
function ruleId(name: string): string {
  const hex = createHash('sha256').update(`rules-as-code:${name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Validates a rules-as-code document; errors name the rule (`Rules[1].Criteria.SeverityLabel[0].Comparison …`). */
export function parseRulesAsCode(document: unknown): AutomationRule[] {
  const rules = (document as { Rules?: unknown } | null)?.Rules;
  if (!Array.isArray(rules)) throw new InvalidInputError('Rules: the rules-as-code file must be { "Rules": [ … ] }');
  if (rules.length > MAX_AUTOMATION_RULES) throw new InvalidInputError(`Rules: at most ${MAX_AUTOMATION_RULES} rules, got ${rules.length}`);
  const names = new Set<string>();
  return rules.map((entry, index) => {
    const definition = validateRuleDefinition(entry, `Rules[${index}]`);
    if (definition.Tags !== undefined) throw new InvalidInputError(`Rules[${index}].Tags: rules-as-code take no tags`);
    if (names.has(definition.RuleName)) throw new InvalidInputError(`Rules[${index}].RuleName: "${definition.RuleName}" is used by an earlier rule`);
    names.add(definition.RuleName);
    return { ...definition, RuleArn: `${RULES_AS_CODE_ARN_PREFIX}${ruleId(definition.RuleName)}`, CreatedAt: EPOCH, UpdatedAt: EPOCH, CreatedBy: RULES_AS_CODE_CREATOR };
  });
}

/** True when the ARN names a rules-as-code rule. */
export function isRuleAsCode(ruleArn: string): boolean {
  return ruleArn.startsWith(RULES_AS_CODE_ARN_PREFIX);
}
