/**
 * The alert router's core: one `Security Hub Findings - Imported` event → the policy → the
 * finding's resource group → at most one SNS message. No SDK, no environment: the group store and
 * the publisher come in.
 *
 * Redelivery: a version already recorded in its group answers the first outcome; if that outcome
 * was to alert and the published marker exists, nothing is sent again. Publishing happens before
 * the marker is written, so a crash between the two sends the alert twice rather than never.
 */
import { SEVERITY_LABELS, severityRank } from '../../shared/asff/severity';
import type { AwsSecurityFinding } from '../../shared/asff/types';
import type { FindingChange } from '../../shared/events/finding-events';
import type { AlertConfig } from './config';
import type { AlertGroups } from './group-store';
import { groupKeyOf, versionKeyOf } from './grouping';
import { alertMessage, type AlertMessage, type MessageOptions } from './message';
import { decideAlert, severityLabelOf, type AlertDecision } from './policy';

/** An event the router cannot read; names the field. It fails the invocation (retries, then the dead-letter queue). */
export class InvalidFindingEventError extends Error {
  constructor(readonly path: string, problem: string) {
    super(`${path}: ${problem}`);
    this.name = 'InvalidFindingEventError';
  }
}

/** What the router runs on. */
export interface AlertRouterDeps {
  groups: AlertGroups;
  publish(message: AlertMessage): Promise<void>;
  config: AlertConfig;
  now(): Date;
  message?: MessageOptions;
}

/** What happened to one event. */
export interface RouteOutcome {
  outcome: 'not-alerted' | 'published' | 'grouped' | 'duplicate';
  /** The policy rule that decided. */
  rule: string;
  findingId: string;
  version: number;
  /** Findings in the resource's window (when the event reached grouping). */
  groupCount?: number;
  subject?: string;
}

/** The finding and change of an event's detail, or an {@link InvalidFindingEventError}. */
export function readFindingEvent(event: { detail?: unknown }): { finding: AwsSecurityFinding; change: FindingChange } {
  const detail = event.detail as { findings?: unknown; change?: unknown } | undefined;
  if (detail === undefined || detail === null || typeof detail !== 'object') throw new InvalidFindingEventError('detail', 'missing');
  if (!Array.isArray(detail.findings) || detail.findings.length !== 1) throw new InvalidFindingEventError('detail.findings', 'expected exactly one finding');
  const finding = detail.findings[0] as AwsSecurityFinding;
  for (const field of ['Id', 'ProductArn', 'AwsAccountId'] as const) {
    if (typeof finding?.[field] !== 'string') throw new InvalidFindingEventError(`detail.findings[0].${field}`, 'expected a string');
  }
  const change = detail.change as FindingChange | undefined;
  if (change === undefined || change === null || typeof change !== 'object') throw new InvalidFindingEventError('detail.change', 'missing');
  if (typeof change.created !== 'boolean') throw new InvalidFindingEventError('detail.change.created', 'expected a boolean');
  if (!Number.isInteger(change.version)) throw new InvalidFindingEventError('detail.change.version', 'expected an integer');
  if (typeof change.source?.Type !== 'string') throw new InvalidFindingEventError('detail.change.source.Type', 'expected a string');
  return { finding, change };
}

/** Routes one finding event. */
export async function routeFindingEvent(event: { detail?: unknown }, deps: AlertRouterDeps): Promise<RouteOutcome> {
  const { finding, change } = readFindingEvent(event);
  const base = { findingId: finding.Id, version: change.version };
  const decision: AlertDecision = decideAlert({ finding, change, config: deps.config });
  if (!decision.alert) return { ...base, outcome: 'not-alerted', rule: decision.rule };

  const versionKey = versionKeyOf(finding, change.version);
  const severity = severityLabelOf(finding);
  const now = deps.now();
  const group = await deps.groups.record({
    group: groupKeyOf(finding),
    versionKey,
    severityRank: severityRank(severity),
    now,
    windowMinutes: deps.config.groupWindowMinutes,
  });
  const counted = { ...base, rule: decision.rule, groupCount: group.count };
  if (group.action === 'count') return { ...counted, outcome: group.repeated ? 'duplicate' : 'grouped' };
  if (group.repeated && (await deps.groups.wasPublished(versionKey))) return { ...counted, outcome: 'duplicate' };

  const message = alertMessage(
    finding,
    decision.reason,
    {
      count: group.count,
      openedAt: group.openedAt,
      windowMinutes: deps.config.groupWindowMinutes,
      ...(group.action === 'escalate' && { escalatesGroup: { from: SEVERITY_LABELS[group.previousHighestRank] ?? 'none' } }),
    },
    deps.message,
  );
  await deps.publish(message);
  await deps.groups.markPublished(versionKey, now);
  return { ...counted, outcome: 'published', subject: message.subject };
}
