/**
 * How a snapshot's per-account and per-Region scores are kept on a DynamoDB item: compactly, one
 * list of counts per scope (`[passed, failed, unknown, noData, disabled]` for the summary, then for
 * each enabled standard in order), so an organization of thousands of accounts fits one item
 * (about 100 bytes per account). The scores are derived again on read, as {@link scoreOf} does.
 * Pure: no I/O.
 */
import type { ScopeScore } from '../scoped-scores';
import type { ScoreCounts, SecurityScores } from '../scores';
import type { StandardId } from '../standards';

/** One scope as stored: its id and its counts lists. */
export type PackedScope = [scope: string, counts: number[][]];

const countsOf = (score: ScoreCounts): number[] => [score.passed, score.failed, score.unknown, score.noData, score.disabled];

function unpackCounts(counts: readonly number[] | undefined): ScoreCounts {
  const [passed = 0, failed = 0, unknown = 0, noData = 0, disabled = 0] = counts ?? [];
  const withData = passed + failed;
  return { score: withData === 0 ? null : Math.round((passed / withData) * 100), passed, failed, unknown, noData, disabled };
}

/** Packs scopes' scores (the standards in the order of `enabledStandards`). */
export function packScopes(scopes: readonly ScopeScore[]): PackedScope[] {
  return scopes.map(({ scope, scores }) => [scope, [countsOf(scores.summary), ...scores.standards.map(countsOf)]]);
}

/** Unpacks what {@link packScopes} stored, for the snapshot's enabled standards. */
export function unpackScopes(packed: readonly PackedScope[] | undefined, enabledStandards: readonly StandardId[]): ScopeScore[] {
  return (packed ?? []).map(([scope, [summary, ...standards]]) => ({
    scope,
    scores: { summary: unpackCounts(summary), standards: enabledStandards.map((standard, i) => ({ standard, ...unpackCounts(standards[i]) })) } satisfies SecurityScores,
  }));
}
