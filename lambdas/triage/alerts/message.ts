/**
 * The alert a responder reads: an SNS subject (ASCII, under 100 characters, as SNS requires), a
 * plain-text body (what, where, how bad, why now, how many grouped, the commands to act) and the
 * message attributes subscriptions filter on. Pure.
 */
import type { AwsSecurityFinding } from '../../asff';
import { describeReason, severityLabelOf, type AlertReason } from './policy';
import { priorityOf } from './priority';

/** SNS allows subjects of fewer than 100 characters. */
export const MAX_SUBJECT_LENGTH = 99;

/** An SNS message attribute. */
export interface AlertAttribute {
  DataType: 'String' | 'Number';
  StringValue: string;
}

/** One message for the alerts topic. */
export interface AlertMessage {
  subject: string;
  body: string;
  /**
   * `severity`, `priority` (Number, when the finding has one), `account`, `product`, `reason`, and
   * (added for integrations) `alertKind`, `alertId` (idempotency key), `findingId`, `productArn`.
   * SNS allows 10 attributes per message: this is 9 at most.
   */
  attributes: Record<string, AlertAttribute>;
}

/** What an alert is about (attribute `alertKind`). */
export const ALERT_KINDS = {
  finding: 'finding',
  remediationFailed: 'remediation-failed',
  approvalRequested: 'approval-requested',
  approvalReminder: 'approval-reminder',
} as const;

/** The console's page of a finding, relative to the API's address (the console is served at `/console`). */
export function consolePath(finding: { Id: string; ProductArn: string }): string {
  return `/console/#/findings/${encodeURIComponent(finding.Id)}?productArn=${encodeURIComponent(finding.ProductArn)}`;
}

/** The console link: absolute when the API's address is known, else the path (on the embedded default's address). */
export function consoleLink(finding: { Id: string; ProductArn: string }, apiUrl: string | undefined): string {
  return apiUrl === undefined ? `${consolePath(finding)} (on the API's address, e.g. http://127.0.0.1:4580)` : `${apiUrl.replace(/\/+$/, '')}${consolePath(finding)}`;
}

/** The group an alert belongs to, as the message reports it. */
export interface AlertGrouping {
  /** Findings counted on this resource in the window, this one included. */
  count: number;
  /** When the window opened (ISO). */
  openedAt: string;
  windowMinutes: number;
  /** True when this alert escalates an open group above its highest severity. */
  escalatesGroup?: { from: string };
  /** The group rule that sent it (`group-opened`, `new-kind`, `critical`, …) and why. */
  verdict?: { rule: string; reason: string };
  /** The idempotency key of this alert (attribute `alertId`). */
  alertId?: string;
}

/** How to reach the API in the commands (a deployed stack's `ApiUrl`); none: the embedded default. */
export interface MessageOptions {
  apiUrl?: string;
}

const ascii = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/\s+/g, ' ')
    .trim();

export const shellQuote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

function short(reason: AlertReason): string {
  switch (reason.kind) {
    case 'new':
      return 'New';
    case 'severity-rose':
      return `Escalated from ${reason.from}`;
    case 'priority-crossed':
    case 'priority-rose':
      return `Priority ${reason.to}`;
    case 'reopened':
      return 'Reopened';
    case 'reactivated':
      return 'Active again';
    case 'control-failed':
      return 'Control failed';
  }
}

/** `[HIGH] New: <title> (<account>)`, ASCII, cut to {@link MAX_SUBJECT_LENGTH}. */
export function alertSubject(finding: AwsSecurityFinding, reason: AlertReason, grouping: AlertGrouping): string {
  const head = `[${severityLabelOf(finding)}] ${grouping.escalatesGroup ? `Escalated from ${grouping.escalatesGroup.from}` : short(reason)}: `;
  const tail = ` (${finding.AwsAccountId})`;
  const room = MAX_SUBJECT_LENGTH - head.length - tail.length;
  const title = ascii(finding.Title ?? finding.Id);
  const cut = title.length <= room ? title : `${title.slice(0, Math.max(0, room - 3)).trimEnd()}...`;
  return `${head}${cut}${tail}`.slice(0, MAX_SUBJECT_LENGTH);
}

const filterJson = (filters: Record<string, string>) =>
  JSON.stringify(Object.fromEntries(Object.entries(filters).map(([field, value]) => [field, [{ Value: value, Comparison: 'EQUALS' }]])));

/** The alert for `finding`: subject, body and attributes. */
export function alertMessage(finding: AwsSecurityFinding, reason: AlertReason, grouping: AlertGrouping, options: MessageOptions = {}): AlertMessage {
  const severity = severityLabelOf(finding);
  const priority = priorityOf(finding);
  const resource = finding.Resources?.[0];
  const product = finding.ProductName ?? finding.ProductArn;
  const region = finding.Region ?? resource?.Region ?? finding.ProductArn.split(':')[3] ?? 'unknown';
  const endpoint = options.apiUrl === undefined ? '' : ` --endpoint-url ${options.apiUrl}`;
  const identifiers = JSON.stringify([{ Id: finding.Id, ProductArn: finding.ProductArn }]);
  const rule = grouping.verdict?.rule;
  const why = grouping.escalatesGroup
    ? `${describeReason(reason)}; raises this resource's alert group from ${grouping.escalatesGroup.from} to ${severity}`
    : grouping.verdict !== undefined && rule !== 'group-opened'
      ? `${describeReason(reason)}; ${grouping.verdict.reason}`
      : describeReason(reason);
  const grouped =
    grouping.count <= 1
      ? `first alert for this resource in ${grouping.windowMinutes} min; further findings of the same kind on it until ${windowEnd(grouping)} are counted, not sent, unless one is more severe, CRITICAL, a new kind of problem or above the group's priority`
      : `${grouping.count} findings on this resource since ${grouping.openedAt} (window ${grouping.windowMinutes} min); this one is sent on its own (${rule ?? 'escalation'})`;
  const lines = [
    `${severity} finding${priority.score === undefined ? '' : `, priority ${priority.score}`}: ${why}.`,
    '',
    `What:     ${finding.Title}`,
    `          type ${finding.Types?.[0] ?? 'unspecified'}; product ${product}${finding.CompanyName ? ` (${finding.CompanyName})` : ''}`,
    `Where:    account ${finding.AwsAccountId}, ${region}`,
    `          ${resource ? `${resource.Type} ${resource.Id}` : 'no resource'}${(finding.Resources?.length ?? 0) > 1 ? ` (+${finding.Resources!.length - 1} more)` : ''}`,
    `How bad:  severity ${severity}${finding.Severity?.Normalized === undefined ? '' : ` (${finding.Severity.Normalized})`}` +
      (priority.score === undefined ? '' : `, priority ${priority.score}/100${priority.reasons.length > 0 ? `: ${priority.reasons.join('; ')}` : ''}`),
    `Why now:  ${why}`,
    `Grouped:  ${grouped}`,
    `Finding:  ${finding.Id}`,
    `Console:  ${consoleLink(finding, options.apiUrl)}`,
    ...(grouping.alertId === undefined ? [] : [`Alert id: ${grouping.alertId} (rule ${rule ?? reason.kind}; the same id on a repeated delivery)`]),
    '',
    'Act:',
    `  npx sechub get-findings${endpoint} --filters ${shellQuote(filterJson({ Id: finding.Id, ProductArn: finding.ProductArn }))}`,
    ...(resource ? [`  npx sechub get-findings${endpoint} --filters ${shellQuote(filterJson({ ResourceId: resource.Id, RecordState: 'ACTIVE' }))}`] : []),
    `  npx sechub batch-update-findings${endpoint} --finding-identifiers ${shellQuote(identifiers)} --workflow Status=NOTIFIED --note Text=investigating,UpdatedBy=$USER`,
    `  npx sechub batch-update-findings${endpoint} --finding-identifiers ${shellQuote(identifiers)} --workflow Status=RESOLVED --note Text=fixed,UpdatedBy=$USER`,
    `  npx sechub explain-alert${endpoint} --finding-id ${shellQuote(finding.Id)} --product-arn ${shellQuote(finding.ProductArn)}`,
    options.apiUrl === undefined
      ? "  Deployed: add --endpoint-url <the stack's ApiUrl output>; sechub signs with your AWS credentials, no console needed."
      : '  sechub signs for execute-api with your AWS credentials; no console needed.',
  ];
  const attributes: Record<string, AlertAttribute> = {
    severity: { DataType: 'String', StringValue: severity },
    account: { DataType: 'String', StringValue: finding.AwsAccountId },
    product: { DataType: 'String', StringValue: product },
    reason: { DataType: 'String', StringValue: reasonAttribute(reason, grouping) },
    ...(priority.score !== undefined && { priority: { DataType: 'Number', StringValue: String(priority.score) } }),
    alertKind: { DataType: 'String', StringValue: ALERT_KINDS.finding },
    findingId: { DataType: 'String', StringValue: finding.Id },
    productArn: { DataType: 'String', StringValue: finding.ProductArn },
    ...(grouping.alertId !== undefined && { alertId: { DataType: 'String', StringValue: grouping.alertId } }),
  };
  return { subject: alertSubject(finding, reason, grouping), body: lines.join('\n'), attributes };
}

/** The `reason` attribute: the policy's reason, or the group rule that sent the finding on its own (`group-escalated` for severity). */
function reasonAttribute(reason: AlertReason, grouping: AlertGrouping): string {
  if (grouping.escalatesGroup) return 'group-escalated';
  const rule = grouping.verdict?.rule;
  if (rule === 'new-kind' || rule === 'critical' || rule === 'priority-above-group') return rule;
  return reason.kind;
}

function windowEnd(grouping: AlertGrouping): string {
  return new Date(Date.parse(grouping.openedAt) + grouping.windowMinutes * 60_000).toISOString();
}
