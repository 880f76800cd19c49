/**
 * What every chat and paging message shows, taken once from an alert and its finding: title,
 * severity and its colour, what / where / how bad / why now, the finding id, the commands, and the
 * console link. Pure.
 */
import type { AwsSecurityFinding } from '../../asff';
import type { AlertNotice } from '../alert-notice';

/** Severity colours (hex, Slack attachments) and their Adaptive Card names (Teams). */
export const SEVERITY_COLOURS: Record<string, { hex: string; card: 'attention' | 'warning' | 'accent' | 'good' | 'default' }> = {
  CRITICAL: { hex: '#b60205', card: 'attention' },
  HIGH: { hex: '#e36209', card: 'attention' },
  MEDIUM: { hex: '#fbca04', card: 'warning' },
  LOW: { hex: '#0075ca', card: 'accent' },
  INFORMATIONAL: { hex: '#8b949e', card: 'default' },
};

/** The content of a chat or paging message. */
export interface AlertView {
  title: string;
  severity: string;
  colour: (typeof SEVERITY_COLOURS)[string];
  headline: string;
  /** Label → text, in display order; empty ones left out. */
  fields: Array<[string, string]>;
  findingId?: string;
  commands: string[];
  /** The finding in the console (when a console URL is configured and the finding is known). */
  consoleUrl?: string;
}

/** The console's findings view filtered to one finding (hash routing: `#/findings?f=<filters>`). */
export function consoleFindingUrl(consoleUrl: string, finding: { Id: string; ProductArn: string }): string {
  const filters = { Id: [{ Value: finding.Id, Comparison: 'EQUALS' }], ProductArn: [{ Value: finding.ProductArn, Comparison: 'EQUALS' }] };
  return `${consoleUrl}/#/findings?${new URLSearchParams({ f: JSON.stringify(filters) }).toString()}`;
}

/** The view of an alert (the finding, when read, fills what the alert leaves out). */
export function alertView(notice: AlertNotice, finding: AwsSecurityFinding | undefined, consoleUrl: string | undefined): AlertView {
  const severity = notice.severity in SEVERITY_COLOURS ? notice.severity : 'INFORMATIONAL';
  const resource = finding?.Resources?.[0];
  const fields: Array<[string, string]> = [
    ['What', notice.sections.What ?? finding?.Title ?? ''],
    ['Where', notice.sections.Where ?? (resource ? `account ${finding?.AwsAccountId}, ${resource.Type} ${resource.Id}` : '')],
    ['How bad', notice.sections['How bad'] ?? `severity ${severity}${notice.priority === undefined ? '' : `, priority ${notice.priority}`}`],
    ['Why now', notice.sections['Why now'] ?? notice.sections.Error ?? notice.reason ?? ''],
    ...(notice.sections.Grouped ? [['Grouped', notice.sections.Grouped] as [string, string]] : []),
  ];
  const identifier = notice.identifier ?? (finding && { Id: finding.Id, ProductArn: finding.ProductArn });
  return {
    title: notice.subject,
    severity,
    colour: SEVERITY_COLOURS[severity],
    headline: notice.headline,
    fields: fields.filter(([, text]) => text !== ''),
    ...(identifier && { findingId: identifier.Id }),
    commands: notice.commands,
    ...(consoleUrl !== undefined && identifier !== undefined && { consoleUrl: consoleFindingUrl(consoleUrl, identifier) }),
  };
}

/** Cuts text to `max` characters with an ellipsis. */
export function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
