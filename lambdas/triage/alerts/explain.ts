/**
 * `explain-alert`: which rule sent or held each decided version of a finding, and why, with the
 * state of its resource groups now. Pure: stored decisions and group states in, an answer out.
 */
import type { AlertDecisionRecord } from './decision-store';
import type { GroupKey } from './grouping';
import type { GroupSummary } from './group-policy';

/** One decided version, as the API answers it. */
export interface ExplainedDecision {
  Version: number;
  DecidedAt: string;
  /** `SENT`, `PUBLISHING` (decided to send, not yet confirmed) or `HELD`. */
  Verdict: 'SENT' | 'PUBLISHING' | 'HELD';
  Rule: string;
  Reason: string;
  PolicyRule: string;
  Groups: Array<{ ResourceId: string; Rule: string; Sent: boolean; Reason: string; CountInWindow: number; WindowOpenedAt: string }>;
  AlertId?: string;
  Subject?: string;
  SentAt?: string;
}

/** A resource group as it stands. */
export interface ExplainedGroup {
  ResourceId: string;
  Open: boolean;
  WindowOpenedAt?: string;
  WindowEndsAt?: string;
  KindsSeen?: string[];
  HighestSeverity?: string;
  HighestPriority?: number;
  Findings?: number;
  Alerts?: number;
}

/** The answer of ExplainAlert. */
export interface AlertExplanation {
  Decisions: ExplainedDecision[];
  Groups: ExplainedGroup[];
  /** The newest decision in one sentence, or why there is none. */
  Summary: string;
}

const SEVERITIES = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];

function verdictOf(record: AlertDecisionRecord): ExplainedDecision['Verdict'] {
  if (record.status === 'sent') return 'SENT';
  return record.status === 'publishing' ? 'PUBLISHING' : 'HELD';
}

/** The explanation of a finding's alert decisions (newest first) and its groups at `now`. */
export function explainAlert(records: AlertDecisionRecord[], groups: Array<{ key: GroupKey; state: GroupSummary | undefined }>, now: Date): AlertExplanation {
  const decisions = records.map((record) => ({
    Version: record.version,
    DecidedAt: record.decidedAt,
    Verdict: verdictOf(record),
    Rule: record.rule,
    Reason: record.reason,
    PolicyRule: record.policy.rule,
    Groups: (record.groups ?? []).map((group) => ({
      ResourceId: group.resourceId,
      Rule: group.rule,
      Sent: group.send,
      Reason: group.reason,
      CountInWindow: group.count,
      WindowOpenedAt: group.openedAt,
    })),
    ...(record.alertId !== undefined && { AlertId: record.alertId }),
    ...(record.message !== undefined && { Subject: record.message.subject }),
    ...(record.sentAt !== undefined && { SentAt: record.sentAt }),
  }));
  const explainedGroups = groups.map(({ key, state }) => {
    const open = state !== undefined && state.windowEnds > now.getTime();
    if (state === undefined) return { ResourceId: key.resourceId, Open: false };
    return {
      ResourceId: key.resourceId,
      Open: open,
      WindowOpenedAt: state.openedAt,
      WindowEndsAt: new Date(state.windowEnds).toISOString(),
      KindsSeen: Object.keys(state.kinds).sort(),
      HighestSeverity: SEVERITIES[state.highestRank] ?? 'none',
      ...(state.maxPriority >= 0 && { HighestPriority: state.maxPriority }),
      Findings: state.count,
      Alerts: state.sent,
    };
  });
  const newest = decisions[0];
  const summary =
    newest === undefined
      ? "No alert decision is stored for this finding: no change of it was alertable or held by a stored rule (re-imports that change nothing and customers' own updates are not stored), or its decisions expired (30 days)."
      : `Version ${newest.Version} was ${newest.Verdict === 'HELD' ? 'held' : newest.Verdict === 'SENT' ? 'sent' : 'decided to send (not yet confirmed sent)'} by rule ${newest.Rule}: ${newest.Reason}.`;
  return { Decisions: decisions, Groups: explainedGroups, Summary: summary };
}
