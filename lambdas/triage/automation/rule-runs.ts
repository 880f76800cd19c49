/**
 * Running rules over the stored findings: the dry-run (what would change, nothing written) and the
 * re-application (the same changes, written through `store.reviseFindings` with the rule's ARN as
 * the change's identity). One code path: both plan which rules apply to which finding on the
 * findings as read, and both change a finding with {@link applyRuleAction}; only the write differs.
 */
import type { AwsSecurityFinding } from '../../shared/asff/types';
import type { AwsSecurityFindingFilters } from '../../shared/filters/types';
import { MAX_FILTER_ATTRIBUTES } from '../../shared/filters/validate';
import type { Revision, RevisionResult } from '../../shared/store/findings-store';
import { diffFindings, type ChangeSource } from '../../shared/store/history';
import { findingKey } from '../../shared/store/keys';
import type { FindingHistoryUpdate, FindingIdentifier, QueryPlanReport } from '../../shared/store/types';
import { applyRuleAction, compileRules, matchingRules } from './evaluate';
import type { AutomationRule } from './types';

/** What rule runs need of the findings store. */
export interface RuleRunStore {
  findAll(filters?: AwsSecurityFindingFilters): Promise<{ findings: AwsSecurityFinding[]; plan: QueryPlanReport }>;
  reviseFindings(identifiers: FindingIdentifier[], revise: Revision, source: ChangeSource): Promise<RevisionResult>;
}

/** One finding a run changes (or would change). */
export interface FindingChange {
  FindingIdentifier: FindingIdentifier;
  /** The rules applied to it, in order. */
  RuleArns: string[];
  /** Each changed field, from → to, as GetFindingHistory reports changes. */
  Updates: FindingHistoryUpdate[];
}

/** What a run did (or would do). */
export interface RuleRunReport {
  RuleArns: string[];
  DryRun: boolean;
  FindingsEvaluated: number;
  FindingsChanged: number;
  Changes: FindingChange[];
  /** Real runs only: findings that could not be written (gone meanwhile, or contended). */
  Unprocessed?: Array<{ FindingIdentifier: FindingIdentifier; ErrorCode: string }>;
}

/**
 * Filters that select a superset of a rule's matches and that `findAll` accepts: the criteria
 * without CONTAINS / NOT_CONTAINS conditions (GetFindings does not take them) and at most 10
 * attributes. Criteria are ANDed, so dropping attributes only widens; the rules then test each finding.
 */
export function narrowingFilters(criteria: AwsSecurityFindingFilters): AwsSecurityFindingFilters {
  const kept = Object.entries(criteria).filter(([, conditions]) =>
    (conditions as Array<{ Comparison?: string }>).every(({ Comparison }) => Comparison !== 'CONTAINS' && Comparison !== 'NOT_CONTAINS'),
  );
  return Object.fromEntries(kept.slice(0, MAX_FILTER_ATTRIBUTES)) as AwsSecurityFindingFilters;
}

/**
 * Runs `rules` (in application order, terminal rules honoured, criteria tested on each finding as
 * read) over the stored findings. `dryRun`: reports the changes and writes nothing. Otherwise writes
 * them, one `reviseFindings` call per rule (history names the rule's ARN as the change's identity),
 * and reports what was written. `includeDisabled`: run rules even when DISABLED (dry-runs of a rule
 * before enabling it).
 */
export async function runRules(
  store: RuleRunStore,
  rules: readonly AutomationRule[],
  options: { dryRun: boolean; now: Date; includeDisabled?: boolean },
): Promise<RuleRunReport> {
  const compiled = compileRules(rules, options.now, options.includeDisabled);
  const stamp = options.now.toISOString();
  const candidates = new Map<string, AwsSecurityFinding>();
  for (const { rule } of compiled) {
    const { findings } = await store.findAll(narrowingFilters(rule.Criteria));
    for (const finding of findings) candidates.set(findingKey(finding), finding);
  }
  // Plan: which rules apply to which finding, decided on the findings as read.
  const plan = new Map<string, { identifier: FindingIdentifier; before: AwsSecurityFinding; rules: AutomationRule[] }>();
  for (const [key, finding] of candidates) {
    const applied = matchingRules(finding, compiled);
    if (applied.length > 0) plan.set(key, { identifier: { Id: finding.Id, ProductArn: finding.ProductArn }, before: finding, rules: applied });
  }
  const changes = new Map<string, { identifier: FindingIdentifier; rules: string[]; before: AwsSecurityFinding; after: AwsSecurityFinding }>();
  const unprocessed: NonNullable<RuleRunReport['Unprocessed']> = [];
  const track = (key: string, identifier: FindingIdentifier, before: AwsSecurityFinding, after: AwsSecurityFinding, rule: AutomationRule) => {
    const known = changes.get(key);
    changes.set(key, { identifier, before: known?.before ?? before, after, rules: [...(known?.rules ?? []), rule.RuleArn] });
  };

  for (const { rule } of compiled) {
    const targets = [...plan.entries()].filter(([, entry]) => entry.rules.includes(rule));
    if (targets.length === 0) continue;
    if (options.dryRun) {
      for (const [key, entry] of targets) {
        const current = changes.get(key)?.after ?? entry.before;
        const next = applyRuleAction({ finding: current, customerOwned: [] }, rule, stamp);
        track(key, entry.identifier, entry.before, next.finding, rule);
      }
      continue;
    }
    // reviseFindings may call `revise` again after losing a race: the last call is what was written.
    const written = new Map<string, { before: AwsSecurityFinding; after: AwsSecurityFinding }>();
    const revise: Revision = (stored) => {
      const next = applyRuleAction(stored, rule, stamp);
      written.set(findingKey(stored.finding), { before: stored.finding, after: next.finding });
      return next;
    };
    const result = await store.reviseFindings(targets.map(([, entry]) => entry.identifier), revise, { Type: 'BATCH_UPDATE_FINDINGS', Identity: rule.RuleArn });
    for (const identifier of [...result.revised, ...result.unchanged]) {
      const key = findingKey(identifier);
      const change = written.get(key);
      if (change) track(key, identifier, change.before, change.after, rule);
    }
    for (const identifier of result.notFound) unprocessed.push({ FindingIdentifier: identifier, ErrorCode: 'FindingNotFound' });
    for (const identifier of result.contended) unprocessed.push({ FindingIdentifier: identifier, ErrorCode: 'ConcurrentUpdateError' });
  }

  const reported = [...changes.values()]
    .map((change) => ({ FindingIdentifier: change.identifier, RuleArns: change.rules, Updates: diffFindings(change.before, change.after) }))
    .filter((change) => change.Updates.length > 0)
    .sort((a, b) => (findingKey(a.FindingIdentifier) < findingKey(b.FindingIdentifier) ? -1 : 1));
  return {
    RuleArns: compiled.map(({ rule }) => rule.RuleArn),
    DryRun: options.dryRun,
    FindingsEvaluated: candidates.size,
    FindingsChanged: reported.length,
    Changes: reported,
    ...(!options.dryRun && { Unprocessed: unprocessed }),
  };
}
