/**
 * What a ticket says about a finding, whatever the tracker: a summary line and the description's
 * lines (what, where, how bad, the remediation advice, the ids, the console link and the commands).
 * Pure.
 */
import type { AwsSecurityFinding } from '../../asff';
import { priorityOf } from '../../triage';
import { severityLabelOf } from '../../triage';
import { consoleFindingUrl, cut } from './view';

/** A ticket's summary and description lines. */
export interface TicketText {
  summary: string;
  lines: string[];
}

/** The summary (`[HIGH] <title> (<account>)`, at most `max` characters) and description of a finding's ticket. */
export function ticketText(finding: AwsSecurityFinding, consoleUrl: string | undefined, max = 255): TicketText {
  const severity = severityLabelOf(finding);
  const priority = priorityOf(finding);
  const identifiers = JSON.stringify([{ Id: finding.Id, ProductArn: finding.ProductArn }]).replace(/'/g, `'\\''`);
  const resources = (finding.Resources ?? []).map((resource) => `${resource.Type} ${resource.Id}`);
  const lines = [
    `${severity} finding from ${finding.ProductName ?? finding.ProductArn}: ${finding.Title}`,
    '',
    `What: ${finding.Description ?? finding.Title}`,
    `Type: ${finding.Types?.join(', ') || 'unspecified'}`,
    `Where: account ${finding.AwsAccountId}${finding.Region ? `, ${finding.Region}` : ''}`,
    ...resources.map((resource) => `Resource: ${resource}`),
    `How bad: severity ${severity}${priority.score === undefined ? '' : `, priority ${priority.score}/100${priority.reasons.length ? ` (${priority.reasons.join('; ')})` : ''}`}`,
    ...(finding.Compliance?.Status ? [`Compliance: ${finding.Compliance.Status}${finding.Compliance.SecurityControlId ? ` (${finding.Compliance.SecurityControlId})` : ''}`] : []),
    ...(finding.Remediation?.Recommendation?.Text
      ? [`Remediation: ${finding.Remediation.Recommendation.Text}${finding.Remediation.Recommendation.Url ? ` ${finding.Remediation.Recommendation.Url}` : ''}`]
      : []),
    `Finding: ${finding.Id}`,
    `Product: ${finding.ProductArn}`,
    ...(consoleUrl ? [`Console: ${consoleFindingUrl(consoleUrl, finding)}`] : []),
    '',
    'This ticket closes by itself when the finding is resolved, archived or its control passes; closing it resolves the finding.',
    `  npx sechub batch-update-findings --finding-identifiers '${identifiers}' --workflow Status=RESOLVED --note Text=fixed,UpdatedBy=$USER`,
  ];
  return { summary: cut(`[${severity}] ${finding.Title} (${finding.AwsAccountId})`.replace(/\s+/g, ' '), max), lines };
}
