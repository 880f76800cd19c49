/**
 * The alert router's core: one `Security Hub Findings - Imported` event → the stateless policy →
 * every resource group of the finding → at most one SNS message. No SDK, no environment: the
 * stores and the publisher come in.
 *
 * Exactly-once as far as a store can make it: the decision for a finding version is stored (with
 * the message, `publishing`) before anything is published — an outbox — and the publisher claims
 * it, publishes with the alert's idempotency key (`alertId`) and marks it `sent`. A crash before
 * publishing leaves it `publishing` for the retry; a redelivered event finds `sent` and publishes
 * nothing. Only a crash between SNS accepting the message and the `sent` mark can repeat it (after
 * the claim's lease), with the same `alertId`, which consumers dedupe on (or a FIFO topic does).
 */
import { severityRank } from '../../asff';
import type { AwsSecurityFinding } from '../../asff';
import type { FindingChange } from '../../events';
import type { AlertConfig } from './config';
import type { AlertDecisionRecord, AlertDecisions, GroupDecision } from './decision-store';
import type { AlertGroups } from './group-store';
import { GROUP_RULES, type GroupVerdict } from './group-policy';
import { groupKeysOf, versionKeyOf } from './grouping';
import { problemKindOf } from './kinds';
import { alertMessage, type AlertMessage, type MessageOptions } from './message';
import { decideAlert, severityLabelOf, type AlertDecision } from './policy';
import { priorityOf } from './priority';

/** An event the router cannot read; names the field. It fails the invocation (retries, then the dead-letter queue). */
export class InvalidFindingEventError extends Error {
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`${path}: ${problem}`);
    this.name = 'InvalidFindingEventError';
  }
}

/** What the router runs on. */
export interface AlertRouterDeps {
  groups: AlertGroups;
  decisions: AlertDecisions;
  publish(message: AlertMessage): Promise<void>;
  config: AlertConfig;
  now(): Date;
  message?: MessageOptions;
}

/** What happened to one event. */
export interface RouteOutcome {
  outcome: 'not-alerted' | 'published' | 'grouped' | 'duplicate';
  /** The rule that decided (a policy rule, or a group rule once grouped). */
  rule: string;
  findingId: string;
  version: number;
  /** Findings in the (first) resource's window (when the event reached grouping). */
  groupCount?: number;
  subject?: string;
}

/** Policy rules whose holds are not stored (they are most events: re-imports, customers' own updates). */
const UNSTORED_HOLDS = new Set(['nothing-relevant', 'customer-update']);

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

/** The verdict that speaks for the finding: the first sending one by rule order, else the first group's. */
function decisive(verdicts: GroupDecision[]): GroupDecision {
  const order = ['group-opened', ...GROUP_RULES.map((rule) => rule.id)];
  const sending = verdicts.filter((verdict) => verdict.send).sort((a, b) => order.indexOf(a.rule) - order.indexOf(b.rule));
  return sending[0] ?? verdicts[0];
}

/** Routes one finding event. */
export async function routeFindingEvent(event: { detail?: unknown }, deps: AlertRouterDeps): Promise<RouteOutcome> {
  const { finding, change } = readFindingEvent(event);
  const base = { findingId: finding.Id, version: change.version };
  const now = deps.now();
  const policy: AlertDecision = decideAlert({ finding, change, config: deps.config });
  const stored = { findingId: finding.Id, productArn: finding.ProductArn, version: change.version, decidedAt: now.toISOString() };
  if (!policy.alert) {
    if (!UNSTORED_HOLDS.has(policy.rule)) {
      await deps.decisions.create({ ...stored, alert: false, status: 'held', rule: policy.rule, reason: policy.why, policy: { rule: policy.rule, reason: policy.why } }, now);
    }
    return { ...base, outcome: 'not-alerted', rule: policy.rule };
  }

  const groups = groupKeysOf(finding);
  const existing = await deps.decisions.get(finding, change.version);
  if (existing !== undefined) return resume(existing, groups, deps, base);

  const versionKey = versionKeyOf(finding, change.version);
  const severity = severityLabelOf(finding);
  const facts = {
    kind: problemKindOf(finding),
    severityRank: severityRank(severity),
    priority: priorityOf(finding).score,
    priorityCrossed: policy.reason.kind === 'priority-crossed',
  };
  const settings = { windowMinutes: deps.config.groupWindowMinutes, priorityThreshold: deps.config.priorityThreshold };
  const verdicts: GroupDecision[] = [];
  for (const group of groups) {
    const verdict: GroupVerdict = await deps.groups.apply({ group, versionKey, facts, now, settings });
    verdicts.push({ ...group, ...verdict });
  }
  const chosen = decisive(verdicts);
  const alertId = versionKey;
  const message = chosen.send
    ? alertMessage(
        finding,
        policy.reason,
        {
          count: chosen.count,
          openedAt: chosen.openedAt,
          windowMinutes: deps.config.groupWindowMinutes,
          verdict: { rule: chosen.rule, reason: chosen.reason },
          alertId,
          ...(chosen.rule === 'severity-above-group' && { escalatesGroup: { from: chosen.previousHighest } }),
        },
        deps.message,
      )
    : undefined;
  const record = await deps.decisions.create(
    {
      ...stored,
      alert: chosen.send,
      status: chosen.send ? 'publishing' : 'held',
      rule: chosen.rule,
      reason: chosen.reason,
      policy: { rule: policy.rule, reason: policy.reason.kind },
      groups: verdicts,
      ...(message && { alertId, message, claimedUntil: 0 }),
    },
    now,
  );
  await Promise.all(groups.map((group, index) => deps.groups.settle(group, versionKey, verdicts[index].send)));
  return deliver(record, deps, { ...base, groupCount: verdicts[0].count });
}

/** A redelivered (or retried) version: settle what a crash may have left, then publish only what is not sent. */
async function resume(
  record: AlertDecisionRecord,
  groups: ReturnType<typeof groupKeysOf>,
  deps: AlertRouterDeps,
  base: Pick<RouteOutcome, 'findingId' | 'version'>,
): Promise<RouteOutcome> {
  const versionKey = versionKeyOf({ Id: record.findingId, ProductArn: record.productArn }, record.version);
  const sentBy = (group: (typeof groups)[number]) =>
    record.groups?.some((verdict) => verdict.account === group.account && verdict.resourceId === group.resourceId && verdict.send) ?? false;
  await Promise.all(groups.map((group) => deps.groups.settle(group, versionKey, sentBy(group))));
  const groupCount = record.groups?.[0]?.count;
  if (record.status !== 'publishing') return { ...base, outcome: 'duplicate', rule: record.rule, ...(groupCount !== undefined && { groupCount }) };
  return deliver(record, deps, { ...base, ...(groupCount !== undefined && { groupCount }) }, true);
}

/** Publishes a `publishing` decision under a claim; `held` is grouped, `sent` a duplicate. */
async function deliver(record: AlertDecisionRecord, deps: AlertRouterDeps, base: Omit<RouteOutcome, 'outcome' | 'rule'>, retry = false): Promise<RouteOutcome> {
  const done = { ...base, rule: record.rule };
  if (record.status === 'held') return { ...done, outcome: retry ? 'duplicate' : 'grouped' };
  if (record.status === 'sent' || record.message === undefined) return { ...done, outcome: 'duplicate' };
  const now = deps.now();
  if (!(await deps.decisions.claim(record, now))) return { ...done, outcome: 'duplicate' };
  try {
    await deps.publish(record.message);
  } catch (error) {
    await deps.decisions.release(record);
    throw error;
  }
  await deps.decisions.markSent(record, now);
  return { ...done, outcome: 'published', subject: record.message.subject };
}
