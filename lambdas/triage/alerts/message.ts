/**
 * The alert a responder reads: an SNS subject (ASCII, under 100 characters, as SNS requires), a
 * plain-text body (what, where, how bad, why now, how many grouped, the commands to act) and the
 * message attributes subscriptions filter on. Pure.
 */
import type { AwsSecurityFinding } from '../../shared/asff/types';
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
  /** `severity`, `priority` (Number, when the finding has one), `account`, `product`, `reason`. */
  attributes: Record<string, AlertAttribute>;
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

const shellQuote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

function short(reason: AlertReason): string {
  switch (reason.kind) {
    case 'new':
      return 'New';
    case 'severity-rose':
      return `Escalated from ${reason.from}`;
    case 'priority-crossed':
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
  const why = grouping.escalatesGroup
    ? `${describeReason(reason)}; raises this resource's alert group from ${grouping.escalatesGroup.from} to ${severity}`
    : describeReason(reason);
  const grouped =
    grouping.count <= 1
      ? `first alert for this resource in ${grouping.windowMinutes} min; further findings on it until ${windowEnd(grouping)} are counted, not sent, unless one is more severe`
      : `${grouping.count} findings on this resource since ${grouping.openedAt} (window ${grouping.windowMinutes} min); only this escalation is sent`;
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
    '',
    'Act:',
    `  npx sechub get-findings${endpoint} --filters ${shellQuote(filterJson({ Id: finding.Id, ProductArn: finding.ProductArn }))}`,
    ...(resource
      ? [`  npx sechub get-findings${endpoint} --filters ${shellQuote(filterJson({ ResourceId: resource.Id, RecordState: 'ACTIVE' }))}`]
      : []),
    `  npx sechub batch-update-findings${endpoint} --finding-identifiers ${shellQuote(identifiers)} --workflow Status=NOTIFIED --note Text=investigating,UpdatedBy=$USER`,
    `  npx sechub batch-update-findings${endpoint} --finding-identifiers ${shellQuote(identifiers)} --workflow Status=RESOLVED --note Text=fixed,UpdatedBy=$USER`,
    options.apiUrl === undefined
      ? '  Deployed: add --endpoint-url <the stack\'s ApiUrl output>; sechub signs with your AWS credentials, no console needed.'
      : '  sechub signs for execute-api with your AWS credentials; no console needed.',
  ];
  const attributes: Record<string, AlertAttribute> = {
    severity: { DataType: 'String', StringValue: severity },
    account: { DataType: 'String', StringValue: finding.AwsAccountId },
    product: { DataType: 'String', StringValue: product },
    reason: { DataType: 'String', StringValue: grouping.escalatesGroup ? 'group-escalated' : reason.kind },
    ...(priority.score !== undefined && { priority: { DataType: 'Number', StringValue: String(priority.score) } }),
  };
  return { subject: alertSubject(finding, reason, grouping), body: lines.join('\n'), attributes };
}

function windowEnd(grouping: AlertGrouping): string {
  return new Date(Date.parse(grouping.openedAt) + grouping.windowMinutes * 60_000).toISOString();
}
