/**
 * Running rules over the stored findings: the dry-run (what would change, nothing written) and the
 * re-application (the same changes, written through `store.reviseFindings` with the rule's ARN as
 * the change's identity). One code path: both plan which rules apply to which finding on the
 * findings as read, and both change a finding with {@link applyRuleAction}; only the write differs.
 */
import type { AwsSecurityFinding } from '../../asff';
import type { AwsSecurityFindingFilters } from '../../filters';
import { compileFilters } from '../../filters';
import { MAX_FILTER_ATTRIBUTES } from '../../filters';
import type { Revision, RevisionResult } from '../../store';
import { diffFindings, type ChangeSource } from '../../store';
import { findingKey } from '../../store';
import type { FindingHistoryUpdate, FindingIdentifier, QueryPlanReport } from '../../store';
import { applyRuleAction, compileRules, matchingRules } from './evaluate';
import type { AutomationRule } from './types';

/** What rule runs need of the findings store: matches a page at a time, and revisions. */
export interface RuleRunStore {
  forEachFindingPage(filters: AwsSecurityFindingFilters, visit: (findings: AwsSecurityFinding[]) => void | Promise<void>): Promise<{ plan: QueryPlanReport }>;
  reviseFindings(identifiers: FindingIdentifier[], revise: Revision, source: ChangeSource): Promise<RevisionResult>;
}

/**
 * Most changes a report lists (the first by finding key); the counts are always exact. A run over a
 * million matches then holds a page of findings and this many changes, not a million.
 */
export const MAX_REPORTED_CHANGES = 1000;

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
  /** True when more findings changed than {@link MAX_REPORTED_CHANGES}: `Changes` lists the first by finding key. */
  ChangesTruncated?: boolean;
}

/** Keeps the `limit` changes with the lowest finding keys, in order (bounded memory). */
class LowestChanges {
  private readonly kept: Array<{ key: string; change: FindingChange }> = [];
  count = 0;

  constructor(private readonly limit: number) {}

  add(key: string, change: FindingChange): void {
    this.count++;
    if (this.kept.length === this.limit && key >= this.kept[this.kept.length - 1].key) return;
    let at = this.kept.length;
    while (at > 0 && this.kept[at - 1].key > key) at--;
    this.kept.splice(at, 0, { key, change });
    if (this.kept.length > this.limit) this.kept.pop();
  }

  get changes(): FindingChange[] {
    return this.kept.map(({ change }) => change);
  }
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
  options: { dryRun: boolean; now: Date; includeDisabled?: boolean; maxReportedChanges?: number },
): Promise<RuleRunReport> {
  const compiled = compileRules(rules, options.now, options.includeDisabled);
  const stamp = options.now.toISOString();
  const reported = new LowestChanges(options.maxReportedChanges ?? MAX_REPORTED_CHANGES);
  const unprocessed: NonNullable<RuleRunReport['Unprocessed']> = [];
  let evaluated = 0;

  /** Plans and applies the rules to one page of candidates (each finding once per run). */
  const runPage = async (page: AwsSecurityFinding[]) => {
    if (page.length === 0) return;
    evaluated += page.length;
    // Plan: which rules apply to which finding, decided on the findings as read.
    const plan = new Map<string, { identifier: FindingIdentifier; before: AwsSecurityFinding; rules: AutomationRule[] }>();
    for (const finding of page) {
      const applied = matchingRules(finding, compiled);
      if (applied.length > 0) plan.set(findingKey(finding), { identifier: { Id: finding.Id, ProductArn: finding.ProductArn }, before: finding, rules: applied });
    }
    const changes = new Map<string, { identifier: FindingIdentifier; rules: string[]; before: AwsSecurityFinding; after: AwsSecurityFinding }>();
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
      const result = await store.reviseFindings(
        targets.map(([, entry]) => entry.identifier),
        revise,
        { Type: 'BATCH_UPDATE_FINDINGS', Identity: rule.RuleArn },
      );
      for (const identifier of [...result.revised, ...result.unchanged]) {
        const key = findingKey(identifier);
        const change = written.get(key);
        if (change) track(key, identifier, change.before, change.after, rule);
      }
      for (const identifier of result.notFound) unprocessed.push({ FindingIdentifier: identifier, ErrorCode: 'FindingNotFound' });
      for (const identifier of result.contended) unprocessed.push({ FindingIdentifier: identifier, ErrorCode: 'ConcurrentUpdateError' });
    }
    for (const [key, change] of changes) {
      const Updates = diffFindings(change.before, change.after);
      if (Updates.length > 0) reported.add(key, { FindingIdentifier: change.identifier, RuleArns: change.rules, Updates });
    }
  };

  // Each rule's candidates, page by page, each finding once. A dry-run changes nothing, so a finding
  // an earlier rule's filters select was run in that rule's pass; a real run may have changed it
  // since, so it remembers the keys it ran (keys, not findings).
  const ran = options.dryRun ? undefined : new Set<string>();
  for (const [index, { rule }] of compiled.entries()) {
    const earlier = compiled.slice(0, index).map((entry) => compileFilters(narrowingFilters(entry.rule.Criteria), options.now));
    await store.forEachFindingPage(narrowingFilters(rule.Criteria), (page) =>
      runPage(
        page.filter((finding) => {
          if (!ran) return !earlier.some((seen) => seen(finding));
          const key = findingKey(finding);
          if (ran.has(key)) return false;
          ran.add(key);
          return true;
        }),
      ),
    );
  }
  return {
    RuleArns: compiled.map(({ rule }) => rule.RuleArn),
    DryRun: options.dryRun,
    FindingsEvaluated: evaluated,
    FindingsChanged: reported.count,
    Changes: reported.changes,
    ...(reported.count > reported.changes.length && { ChangesTruncated: true }),
    ...(!options.dryRun && { Unprocessed: unprocessed }),
  };
}
