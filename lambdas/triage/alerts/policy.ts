/**
 * The alert policy: from one finding event (the finding after the change, and what changed), decide
 * whether a responder is alerted, and why. The rules are data: {@link SUPPRESSION_RULES} are checked
 * first (any match: no alert), then {@link ALERT_RULES} (the first match alerts); a change no rule
 * names does not alert. Pure.
 */
import { isSeverityLabel, labelFromNormalized, severityRank } from '../../asff';
import type { AwsSecurityFinding, SeverityLabel } from '../../asff';
import type { FindingChange } from '../../events';
import type { AlertConfig } from './config';
import { priorityOf } from './priority';

/** What a rule looks at. */
export interface PolicyInput {
  finding: AwsSecurityFinding;
  change: FindingChange;
  config: AlertConfig;
}

/** Why an alert goes out now (the message's "why now"). */
export type AlertReason =
  | { kind: 'new' }
  | { kind: 'severity-rose'; from: SeverityLabel; to: SeverityLabel }
  | { kind: 'priority-crossed'; from: number; to: number; threshold: number }
  | { kind: 'priority-rose'; from: number; to: number }
  | { kind: 'reopened'; from: string }
  | { kind: 'reactivated' }
  | { kind: 'control-failed' };

/** A rule that alerts: returns the reason when it applies. */
export interface AlertRule {
  id: string;
  description: string;
  applies(input: PolicyInput): AlertReason | undefined;
}

/** A rule that keeps a change from alerting, whatever else changed. */
export interface SuppressionRule {
  id: string;
  description: string;
  applies(input: PolicyInput): boolean;
}

/** The verdict for one event. */
export type AlertDecision = { alert: true; rule: string; reason: AlertReason } | { alert: false; rule: string; why: string };

/** The finding's severity label (from Normalized when the label is missing; INFORMATIONAL without either). */
export function severityLabelOf(finding: AwsSecurityFinding): SeverityLabel {
  const { Label, Normalized } = finding.Severity ?? {};
  if (Label !== undefined) return Label;
  return typeof Normalized === 'number' ? labelFromNormalized(Normalized) : 'INFORMATIONAL';
}

/**
 * True when one of the app's components made an update (correlation `open-security-hub/…`, an
 * automation rule re-applied, identified by its ARN): those can escalate a finding, unlike a
 * customer's own BatchUpdateFindings.
 */
export function isAppChange(identity: string): boolean {
  return identity.startsWith('open-security-hub/') || /:automation-rule\//.test(identity);
}

/** Changes that never alert, checked in order. */
export const SUPPRESSION_RULES: readonly SuppressionRule[] = [
  {
    id: 'customer-update',
    description: 'A customer changed the finding (BatchUpdateFindings: workflow, notes, severity…): they already know.',
    applies: ({ change }) => change.source.Type === 'BATCH_UPDATE_FINDINGS' && !isAppChange(change.source.Identity),
  },
  {
    id: 'not-active',
    description: 'The finding is archived (archival, a closed or suppressed provider finding).',
    applies: ({ finding }) => finding.RecordState === 'ARCHIVED',
  },
  {
    id: 'suppressed-or-resolved',
    description: 'Its workflow is SUPPRESSED or RESOLVED: someone decided it needs no action.',
    applies: ({ finding }) => finding.Workflow?.Status === 'SUPPRESSED' || finding.Workflow?.Status === 'RESOLVED',
  },
  {
    id: 'control-passed',
    description: 'A control finding that passes is not a problem.',
    applies: ({ finding }) => finding.Compliance?.Status === 'PASSED',
  },
  {
    id: 'below-threshold',
    description: 'Severity below the minimum (ALERT_MINIMUM_SEVERITY) and priority below the threshold (ALERT_PRIORITY_THRESHOLD).',
    applies: ({ finding, config }) => {
      if (severityRank(severityLabelOf(finding)) >= severityRank(config.minimumSeverity)) return false;
      const { score } = priorityOf(finding);
      return score === undefined || score < config.priorityThreshold;
    },
  },
];

/** Changes that alert, checked in order; the first that applies gives the reason. */
export const ALERT_RULES: readonly AlertRule[] = [
  {
    id: 'new',
    description: 'A new finding: created ACTIVE with workflow NEW.',
    applies: ({ finding, change }) => (change.created && (finding.Workflow?.Status ?? 'NEW') === 'NEW' ? { kind: 'new' } : undefined),
  },
  {
    id: 'control-failed',
    description: 'A control finding went from PASSED to FAILED.',
    applies: ({ finding, change }) => (change.before?.ComplianceStatus === 'PASSED' && finding.Compliance?.Status === 'FAILED' ? { kind: 'control-failed' } : undefined),
  },
  {
    id: 'reopened',
    description: 'The workflow went back to NEW from RESOLVED or NOTIFIED (the provider saw it again).',
    applies: ({ finding, change }) => {
      const from = change.before?.WorkflowStatus;
      return (from === 'RESOLVED' || from === 'NOTIFIED') && finding.Workflow?.Status === 'NEW' ? { kind: 'reopened', from } : undefined;
    },
  },
  {
    id: 'reactivated',
    description: 'An archived finding became ACTIVE again.',
    applies: ({ finding, change }) => (change.before?.RecordState === 'ARCHIVED' && finding.RecordState !== 'ARCHIVED' ? { kind: 'reactivated' } : undefined),
  },
  {
    id: 'severity-rose',
    description: 'The severity label rose (e.g. MEDIUM to HIGH).',
    applies: ({ finding, change }) => {
      const from = change.before?.SeverityLabel;
      const to = severityLabelOf(finding);
      return isSeverityLabel(from) && severityRank(to) > severityRank(from) ? { kind: 'severity-rose', from, to } : undefined;
    },
  },
  {
    id: 'priority-crossed',
    description: 'The priority rose across ALERT_PRIORITY_THRESHOLD (a priority seen for the first time is not a crossing).',
    applies: ({ finding, change, config }) => {
      const from = change.before?.Priority;
      const to = priorityOf(finding).score;
      const threshold = config.priorityThreshold;
      return from !== undefined && to !== undefined && from < threshold && to >= threshold ? { kind: 'priority-crossed', from, to, threshold } : undefined;
    },
  },
  {
    id: 'priority-rose',
    description: "The priority rose, to at or above ALERT_PRIORITY_THRESHOLD: a candidate that alerts when it is above its resource group's highest priority.",
    applies: ({ finding, change, config }) => {
      const from = change.before?.Priority;
      const to = priorityOf(finding).score;
      return from !== undefined && to !== undefined && to > from && to >= config.priorityThreshold ? { kind: 'priority-rose', from, to } : undefined;
    },
  },
];

/** Decides one event: the first suppression rule that applies, else the first alert rule, else no alert. */
export function decideAlert(input: PolicyInput): AlertDecision {
  for (const rule of SUPPRESSION_RULES) {
    if (rule.applies(input)) return { alert: false, rule: rule.id, why: rule.description };
  }
  for (const rule of ALERT_RULES) {
    const reason = rule.applies(input);
    if (reason !== undefined) return { alert: true, rule: rule.id, reason };
  }
  return {
    alert: false,
    rule: 'nothing-relevant',
    why: 'Nothing a responder acts on changed (a re-import, a note, a field other than severity, priority, workflow, state or compliance).',
  };
}

/** "Why now", in words. */
export function describeReason(reason: AlertReason): string {
  switch (reason.kind) {
    case 'new':
      return 'new finding';
    case 'severity-rose':
      return `escalated from ${reason.from} to ${reason.to}`;
    case 'priority-crossed':
      return `priority rose from ${reason.from} to ${reason.to} (threshold ${reason.threshold})`;
    case 'priority-rose':
      return `priority rose from ${reason.from} to ${reason.to}`;
    case 'reopened':
      return `reopened (workflow ${reason.from} -> NEW)`;
    case 'reactivated':
      return 'active again after being archived';
    case 'control-failed':
      return 'control failed (compliance PASSED -> FAILED)';
  }
}
