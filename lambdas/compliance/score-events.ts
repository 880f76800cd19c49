/**
 * Events on the app's bus when a security score or a control status changes (after each score
 * snapshot): `Security Score Changed` and `Control Status Changed`, source `open-security-hub`.
 * Pure: a snapshot's changes → PutEvents entries, in batches of ≤ 10. No SDK, no env.
 */
import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import type { ControlStatus } from './control-status';
import { CONTROLS } from './controls/registry';
import type { ScoreCounts, ScoreChanges, SecurityScores } from './scores';
import { standardsArn, type StandardId } from './standards';
import { mappingsOf } from './standards-membership';

export const SCORE_EVENT_SOURCE = 'open-security-hub';
export const SCORE_CHANGED = 'Security Score Changed';
export const CONTROL_STATUS_CHANGED = 'Control Status Changed';
/** Most entries one PutEvents call takes. */
export const PUT_EVENTS_BATCH = 10;

/** Detail of a `Security Score Changed` event (one per standard, and one for the summary). */
export interface ScoreChangedDetail {
  /** The standard's ARN; absent for the summary score (every enabled standard's controls). */
  StandardsArn?: string;
  scope: StandardId | 'summary';
  previousScore: number | null;
  score: number | null;
  counts: Omit<ScoreCounts, 'score'>;
  takenAt: string;
}

/** Detail of a `Control Status Changed` event. */
export interface ControlStatusChangedDetail {
  SecurityControlId: string;
  previousStatus: ControlStatus;
  status: ControlStatus;
  /** ARNs of the enabled standards the control belongs to. */
  StandardsArns: string[];
  takenAt: string;
}

/** Where the events go and whose they are. */
export interface ScoreEventsContext {
  eventBusName: string;
  region: string;
  partition?: string;
  /** The snapshot's scores (for the counts) and time. */
  scores: SecurityScores;
  enabledStandards: readonly StandardId[];
  takenAt: string;
}

const countsOf = ({ passed, failed, unknown, noData, disabled }: ScoreCounts) => ({ passed, failed, unknown, noData, disabled });

/** One PutEvents entry per score change and per control-status change, scores first. */
export function scoreChangeEntries(changes: ScoreChanges, context: ScoreEventsContext): PutEventsRequestEntry[] {
  const arnOf = (id: StandardId) => standardsArn(id, context.region, context.partition);
  const entry = (detailType: string, detail: object, resources: string[]): PutEventsRequestEntry => ({
    EventBusName: context.eventBusName,
    Source: SCORE_EVENT_SOURCE,
    DetailType: detailType,
    Resources: resources,
    Time: new Date(context.takenAt),
    Detail: JSON.stringify(detail),
  });
  const scores = changes.scores.map((change) => {
    const counts = change.scope === 'summary' ? context.scores.summary : context.scores.standards.find((s) => s.standard === change.scope);
    const arn = change.scope === 'summary' ? undefined : arnOf(change.scope);
    const detail: ScoreChangedDetail = {
      ...(arn && { StandardsArn: arn }),
      scope: change.scope,
      previousScore: change.previous,
      score: change.current,
      counts: counts ? countsOf(counts) : { passed: 0, failed: 0, unknown: 0, noData: 0, disabled: 0 },
      takenAt: context.takenAt,
    };
    return entry(SCORE_CHANGED, detail, arn ? [arn] : []);
  });
  const byId = new Map(CONTROLS.map((control) => [control.id, control]));
  const controls = changes.controls.map((change) => {
    const control = byId.get(change.controlId);
    const standards = (control ? mappingsOf(control) : []).map((mapping) => mapping.standard).filter((id) => context.enabledStandards.includes(id));
    const detail: ControlStatusChangedDetail = {
      SecurityControlId: change.controlId,
      previousStatus: change.previous,
      status: change.current,
      StandardsArns: [...new Set(standards)].map(arnOf),
      takenAt: context.takenAt,
    };
    return entry(CONTROL_STATUS_CHANGED, detail, []);
  });
  return [...scores, ...controls];
}

/** Entries in PutEvents-sized batches. */
export function batchEntries<T>(entries: readonly T[], size = PUT_EVENTS_BATCH): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < entries.length; start += size) batches.push(entries.slice(start, start + size));
  return batches;
}

/** Thrown when PutEvents rejected entries: the task fails and Step Functions retries it. */
export class ScoreEventsRejectedError extends Error {
  override readonly name = 'ScoreEventsRejectedError';
  constructor(
    readonly failed: number,
    readonly codes: string[],
  ) {
    super(`PutEvents rejected ${failed} score event(s): ${[...new Set(codes)].join(', ') || 'no error code'}`);
  }
}

/** What puts a batch: PutEvents' FailedEntryCount and the entries' error codes. */
export type PutEventsBatch = (entries: PutEventsRequestEntry[]) => Promise<{ FailedEntryCount?: number; Entries?: Array<{ ErrorCode?: string }> }>;

/** Puts the entries in batches of ≤ 10; throws {@link ScoreEventsRejectedError} if any entry failed. Returns the number put. */
export async function putScoreEvents(entries: PutEventsRequestEntry[], put: PutEventsBatch): Promise<number> {
  let failed = 0;
  const codes: string[] = [];
  for (const batch of batchEntries(entries)) {
    const result = await put(batch);
    if ((result.FailedEntryCount ?? 0) > 0) {
      failed += result.FailedEntryCount!;
      codes.push(...(result.Entries ?? []).flatMap((e) => (e.ErrorCode ? [e.ErrorCode] : [])));
    }
  }
  if (failed > 0) throw new ScoreEventsRejectedError(failed, codes);
  return entries.length;
}
