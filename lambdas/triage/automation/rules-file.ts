/**
 * The rules-as-code file format and its checks (no file read here: `rules-as-code.ts` bundles the
 * deployed file, the CDK construct reads it at synth). Format: `{ "Rules": [ <CreateAutomationRule
 * request without Tags>, … ] }`, rule names unique. ARN `arn:<partition>:securityhub:<region>:<account>:automation-rule/<uuid>`
 * in the hub's account and Region, the uuid derived from the RuleName; `CreatedBy`
 * {@link RULES_AS_CODE_CREATOR}. CreatedAt/UpdatedAt are the epoch here: `code-rule-stamps.ts` gives
 * them the time the rule first appeared and last changed, as recorded on the findings table.
 */
import { createHash } from 'node:crypto';
import { InvalidInputError } from '../../shared/errors';
import { MAX_AUTOMATION_RULES, RULES_AS_CODE_CREATOR, type AutomationRule } from './types';
import { validateRuleDefinition } from './validate-rule';

/** Before a rule is stamped with the times it first appeared and last changed. */
export const UNSTAMPED = '1970-01-01T00:00:00.000Z';

/** The hub whose account and Region the rules' ARNs name. */
export interface RulesLocation {
  partition: string;
  region: string;
  accountId: string;
}

/** The embedded default's hub (`LOCAL_LOCATION` of the API). */
export const DEFAULT_RULES_LOCATION: RulesLocation = { partition: 'aws', region: 'us-east-1', accountId: '000000000000' };

/** A UUID-shaped id derived from the rule name (stable across deployments). */
function ruleId(name: string): string {
  const hex = createHash('sha256').update(`rules-as-code:${name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Validates a rules-as-code document; errors name the rule (`Rules[1].Criteria.SeverityLabel[0].Comparison …`). */
export function parseRulesAsCode(document: unknown, location: RulesLocation = DEFAULT_RULES_LOCATION): AutomationRule[] {
  const arnPrefix = `arn:${location.partition}:securityhub:${location.region}:${location.accountId}:automation-rule/`;
  const rules = (document as { Rules?: unknown } | null)?.Rules;
  if (!Array.isArray(rules)) throw new InvalidInputError('Rules: the rules-as-code file must be { "Rules": [ … ] }');
  if (rules.length > MAX_AUTOMATION_RULES) throw new InvalidInputError(`Rules: at most ${MAX_AUTOMATION_RULES} rules, got ${rules.length}`);
  const names = new Set<string>();
  return rules.map((entry, index) => {
    const definition = validateRuleDefinition(entry, `Rules[${index}]`);
    if (definition.Tags !== undefined) throw new InvalidInputError(`Rules[${index}].Tags: rules-as-code take no tags`);
    if (names.has(definition.RuleName)) throw new InvalidInputError(`Rules[${index}].RuleName: "${definition.RuleName}" is used by an earlier rule`);
    names.add(definition.RuleName);
    return { ...definition, RuleArn: `${arnPrefix}${ruleId(definition.RuleName)}`, CreatedAt: UNSTAMPED, UpdatedAt: UNSTAMPED, CreatedBy: RULES_AS_CODE_CREATOR };
  });
}

/** True when the ARN names one of `codeRules`. */
export function isRuleAsCode(codeRules: readonly AutomationRule[], ruleArn: string): boolean {
  return codeRules.some((rule) => rule.RuleArn === ruleArn);
}
