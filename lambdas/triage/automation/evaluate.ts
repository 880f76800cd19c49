/**
 * Applying automation rules to a finding, as Security Hub does: enabled rules in RuleOrder (ties:
 * the earlier UpdatedAt first), criteria evaluated on the finding as it arrived (before any rule's
 * action), each matching rule's action applied as BatchUpdateFindings would apply it (the provider
 * fields it sets become customer-owned), and no rule after a matching terminal rule.
 * Pure: the import stage, the dry-run and the re-application all call these.
 */
import type { AwsSecurityFinding } from '../../asff';
import { compileFilters, type FindingPredicate } from '../../filters';
import type { ProviderField } from '../../store';
import { applyUpdate } from '../../store';
import { APPLIED_RULES_FIELD, type AutomationRule } from './types';

/** A finding with the provider fields its customer owns (the store's view of it). */
export interface OwnedFinding {
  finding: AwsSecurityFinding;
  customerOwned: ProviderField[];
}

/** Rules ready to evaluate: enabled ones, in application order, criteria compiled once. */
export interface CompiledRule {
  rule: AutomationRule;
  matches: FindingPredicate;
}

/** Most characters of the applied-rules record (ProductFields values are bounded by ASFF). */
const MAX_RECORD_LENGTH = 1024;

/** Security Hub's order: RuleOrder ascending; the same RuleOrder: the earlier UpdatedAt first; then ARN (stable). */
export function inApplicationOrder(rules: readonly AutomationRule[]): AutomationRule[] {
  return [...rules].sort((a, b) => a.RuleOrder - b.RuleOrder || Date.parse(a.UpdatedAt) - Date.parse(b.UpdatedAt) || (a.RuleArn < b.RuleArn ? -1 : a.RuleArn > b.RuleArn ? 1 : 0));
}

/** Compiles rules for evaluation at `now` (DateRange criteria are relative to it). Disabled rules are left out unless `includeDisabled`. */
export function compileRules(rules: readonly AutomationRule[], now: Date, includeDisabled = false): CompiledRule[] {
  return inApplicationOrder(rules)
    .filter((rule) => includeDisabled || rule.RuleStatus === 'ENABLED')
    .map((rule) => ({ rule, matches: compileFilters(rule.Criteria, now) }));
}

/** The rules that apply to `finding`, in order, up to and including the first matching terminal rule. */
export function matchingRules(finding: AwsSecurityFinding, rules: readonly CompiledRule[]): AutomationRule[] {
  const applied: AutomationRule[] = [];
  for (const { rule, matches } of rules) {
    if (!matches(finding)) continue;
    applied.push(rule);
    if (rule.IsTerminal) break;
  }
  return applied;
}

/** Adds rule ARNs to the finding's applied-rules record (no duplicates; the oldest dropped past 1,024 characters). */
function recordApplied(finding: AwsSecurityFinding, arns: readonly string[]): void {
  const recorded = (finding.ProductFields?.[APPLIED_RULES_FIELD] ?? '').split(' ').filter(Boolean);
  const all = [...recorded.filter((arn) => !arns.includes(arn)), ...arns];
  while (all.length > 1 && all.join(' ').length > MAX_RECORD_LENGTH) all.shift();
  finding.ProductFields = { ...finding.ProductFields, [APPLIED_RULES_FIELD]: all.join(' ') };
}

/**
 * Applies one rule's action to a finding (criteria not checked here), as BatchUpdateFindings would,
 * and records the rule's ARN. A note equal in Text and UpdatedBy to the stored one keeps its
 * UpdatedAt, so re-applying a rule to a finding it already changed changes nothing.
 */
export function applyRuleAction(target: OwnedFinding, rule: AutomationRule, now: string): OwnedFinding {
  const update = rule.Actions[0].FindingFieldsUpdate;
  const outcome = applyUpdate(target.finding, target.customerOwned, { FindingIdentifiers: [], ...update }, now);
  const before = target.finding.Note;
  if (update.Note && before && before.Text === update.Note.Text && before.UpdatedBy === update.Note.UpdatedBy) {
    outcome.finding.Note = { ...before };
  }
  recordApplied(outcome.finding, [rule.RuleArn]);
  return outcome;
}

/** Applies every rule that matches the finding as given; returns the result and the rules applied. */
export function applyRules(target: OwnedFinding, rules: readonly CompiledRule[], now: string): OwnedFinding & { applied: AutomationRule[] } {
  const applied = matchingRules(target.finding, rules);
  const result = applied.reduce((current, rule) => applyRuleAction(current, rule, now), target);
  return { ...result, applied };
}
