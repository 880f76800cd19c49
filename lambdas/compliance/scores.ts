/**
 * Security scores as Security Hub calculates them ("Calculating security scores",
 * standards-security-score.html; "Reviewing details of a standard",
 * securityhub-standards-view-controls.html; "Viewing and managing security controls",
 * controls-view-manage.html):
 * - a standard's score is the percentage of its enabled controls with data that PASSED:
 *   PASSED ÷ (PASSED + FAILED). UNKNOWN, NO_DATA and DISABLED controls do not count;
 * - the summary score is the same proportion over the enabled controls of all enabled standards,
 *   each control counted once however many standards contain it;
 * - scores are shown rounded to the nearest whole number; no control with data: no score (null).
 * Pure: no I/O.
 */
import { CONTROLS } from './controls/registry';
import type { ControlDefinition } from './controls/types';
import { controlsOfStandard, type ControlStatus } from './control-status';
import type { StandardId } from './standards';
import { isInStandard } from './standards-membership';

/** Whether a control is disabled in one standard only (its association), which makes it DISABLED in that standard's score. */
export type DisabledIn = (standard: StandardId, controlId: string) => boolean;

/** How many controls have each status, and the score they make. */
export interface ScoreCounts {
  /** Percentage 0–100 rounded to a whole number; null when no control has data. */
  score: number | null;
  passed: number;
  failed: number;
  unknown: number;
  noData: number;
  disabled: number;
}

/** The score of one standard. */
export interface StandardScore extends ScoreCounts {
  standard: StandardId;
}

/** Scores of the enabled standards and the summary score. */
export interface SecurityScores {
  standards: StandardScore[];
  summary: ScoreCounts;
}

/** The score of a set of control statuses: PASSED ÷ (PASSED + FAILED), as a rounded percentage. */
export function scoreOf(statuses: Iterable<ControlStatus>): ScoreCounts {
  const counts = { passed: 0, failed: 0, unknown: 0, noData: 0, disabled: 0 };
  for (const status of statuses) {
    if (status === 'PASSED') counts.passed += 1;
    else if (status === 'FAILED') counts.failed += 1;
    else if (status === 'UNKNOWN') counts.unknown += 1;
    else if (status === 'NO_DATA') counts.noData += 1;
    else counts.disabled += 1;
  }
  const withData = counts.passed + counts.failed;
  return { score: withData === 0 ? null : Math.round((counts.passed / withData) * 100), ...counts };
}

/**
 * The scores of the enabled standards and the summary across them, from every control's status
 * (`controlStatuses`). A control missing from `statuses` counts as NO_DATA; a control disabled in
 * one standard (`disabledIn`) counts as DISABLED in that standard's score only — the summary
 * counts it with its status, as long as another enabled standard runs it.
 */
export function securityScores(
  statuses: Record<string, ControlStatus>,
  enabledStandards: readonly StandardId[],
  catalogue: readonly ControlDefinition[] = CONTROLS,
  disabledIn: DisabledIn = () => false,
): SecurityScores {
  const statusOf = (control: ControlDefinition): ControlStatus => statuses[control.id] ?? 'NO_DATA';
  const statusIn =
    (standard: StandardId) =>
    (control: ControlDefinition): ControlStatus =>
      disabledIn(standard, control.id) ? 'DISABLED' : statusOf(control);
  const standards = enabledStandards.map((standard) => ({ standard, ...scoreOf(controlsOfStandard(standard, catalogue).map(statusIn(standard))) }));
  const inEnabled = catalogue.filter((control) => enabledStandards.some((standard) => isInStandard(control, standard)));
  return { standards, summary: scoreOf(inEnabled.map(statusOf)) };
}

/** A score that moved between two snapshots (null: no score). */
export interface ScoreChange {
  /** A standard id, or `summary`. */
  scope: StandardId | 'summary';
  previous: number | null;
  current: number | null;
}

/** A control whose status moved between two snapshots. */
export interface ControlStatusChange {
  controlId: string;
  previous: ControlStatus;
  current: ControlStatus;
}

/** What changed between two snapshots. */
export interface ScoreChanges {
  scores: ScoreChange[];
  controls: ControlStatusChange[];
}

/** The score and control-status changes from `previous` (none: everything is new) to `current`. */
export function compareScores(
  previous: { scores: SecurityScores; controls: Record<string, ControlStatus> } | undefined,
  current: { scores: SecurityScores; controls: Record<string, ControlStatus> },
): ScoreChanges {
  const before = new Map<string, number | null>(
    previous ? [['summary', previous.scores.summary.score], ...previous.scores.standards.map((s) => [s.standard, s.score] as const)] : [],
  );
  const scores: ScoreChange[] = [
    { scope: 'summary' as const, current: current.scores.summary.score },
    ...current.scores.standards.map((s) => ({ scope: s.standard, current: s.score })),
  ]
    .map((entry) => ({ scope: entry.scope, previous: before.get(entry.scope) ?? null, current: entry.current }))
    .filter((entry) => entry.previous !== entry.current);
  const controls = Object.entries(current.controls)
    .map(([controlId, now]) => ({ controlId, previous: previous?.controls[controlId] ?? ('NO_DATA' as ControlStatus), current: now }))
    .filter((change) => change.previous !== change.current);
  return { scores, controls };
}
