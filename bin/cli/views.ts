/**
 * Responder views: `sechub findings` and `sechub alerts` print compact rows of the columns a
 * responder reads first, as a table by default (`--output json|text` and `--query` as any command).
 */
import type { SecurityHubClient } from '@aws-sdk/client-securityhub';
import type { AwsSecurityFinding } from '../../lambdas/asff';
import { priorityOf } from '../../lambdas/triage';
import { defineCommand, flag, type CommandSpec, type Output } from './command-spec';
import { sendOwnOperation } from './own-operations';
import { securityHub } from './sdk';

/** Keeps the tail of a long value (resource ARNs differ at their end). */
function tail(text: string, max: number): string {
  return text.length <= max ? text : `…${text.slice(text.length - max + 1)}`;
}

function head(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** One row of `sechub findings`. */
export function findingRow(finding: AwsSecurityFinding, full = false): Record<string, string | number> {
  const resource = finding.Resources?.[0];
  const more = (finding.Resources?.length ?? 0) > 1 ? ` (+${(finding.Resources?.length ?? 1) - 1})` : '';
  const priority = priorityOf(finding).score;
  return {
    Severity: finding.Severity?.Label ?? '',
    Priority: priority ?? '',
    Status: finding.Workflow?.Status ?? '',
    Title: full ? finding.Title : head(finding.Title, 60),
    Resource: `${full ? (resource?.Id ?? '') : tail(resource?.Id ?? '', 56)}${more}`,
    Account: finding.AwsAccountId,
    Updated: finding.UpdatedAt,
    Id: finding.Id,
  };
}

const labelFilter = (values: unknown) => (Array.isArray(values) ? values.map((value) => ({ Value: String(value).toUpperCase(), Comparison: 'EQUALS' })) : undefined);

async function listFindings(client: SecurityHubClient, input: Record<string, unknown>): Promise<Output> {
  const filters: Record<string, unknown> = { ...((input.Filters as Record<string, unknown> | undefined) ?? {}) };
  if (input.All !== true && filters.RecordState === undefined) filters.RecordState = [{ Value: 'ACTIVE', Comparison: 'EQUALS' }];
  if (input.Severity !== undefined) filters.SeverityLabel = labelFilter(input.Severity);
  if (input.WorkflowStatus !== undefined) filters.WorkflowStatus = labelFilter(input.WorkflowStatus);
  const max = (input.MaxItems as number | undefined) ?? 50;
  const sort = (input.SortCriteria as unknown[] | undefined) ?? [
    { Field: 'Priority', SortOrder: 'desc' },
    { Field: 'SeverityNormalized', SortOrder: 'desc' },
    { Field: 'UpdatedAt', SortOrder: 'desc' },
  ];
  const findings: AwsSecurityFinding[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(
      new (securityHub().GetFindingsCommand)({ Filters: filters, SortCriteria: sort, MaxResults: Math.min(100, max - findings.length), NextToken: token } as never),
    );
    findings.push(...((page.Findings ?? []) as unknown as AwsSecurityFinding[]));
    token = page.NextToken;
  } while (token && findings.length < max);
  return {
    Findings: findings.slice(0, max).map((finding) => findingRow(finding, input.Full === true)),
    ...(token && { More: 'more findings match: raise --max-items or narrow the filters' }),
  };
}

interface LoggedAlert {
  Timestamp?: string;
  Subject?: string;
  Message?: string;
  MessageAttributes?: Record<string, { StringValue?: string }>;
}

/** One row of `sechub alerts`: when, how bad, why, what, and the finding to look up. */
export function alertRow(alert: LoggedAlert): Record<string, string> {
  const attribute = (name: string) => alert.MessageAttributes?.[name]?.StringValue ?? '';
  return {
    Time: alert.Timestamp ?? '',
    Severity: attribute('severity'),
    Priority: attribute('priority'),
    Reason: attribute('reason'),
    Subject: head(alert.Subject ?? '', 70),
    Finding: /^Finding:\s+(\S+)/m.exec(alert.Message ?? '')?.[1] ?? '',
  };
}

async function listAlerts(client: SecurityHubClient, input: Record<string, unknown>): Promise<Output> {
  const { Alerts = [] } = (await sendOwnOperation(client, '/_sechub/alerts', {
    MaxItems: input.MaxItems ?? 20,
    ...(input.TopicArn !== undefined && { TopicArn: input.TopicArn }),
  })) as { Alerts?: LoggedAlert[] };
  const severities = Array.isArray(input.Severity) ? new Set(input.Severity.map((value) => String(value).toUpperCase())) : undefined;
  return { Alerts: Alerts.map(alertRow).filter((row) => severities === undefined || severities.has(row.Severity)) };
}

/** The responder views, as subcommands. */
export const VIEWS: readonly CommandSpec[] = [
  defineCommand({
    name: 'findings',
    operation: 'Findings',
    summary: 'Responder view: active findings, highest priority first, as a table (Severity, Priority, Status, Title, Resource, Account, Updated, Id).',
    parameters: [
      flag('filters', 'structure', { shape: () => securityHub().AwsSecurityFindingFilters$ }),
      flag('sort-criteria', 'structure-list', { shape: () => [1, 'com.amazonaws.securityhub', 'SortCriteria', 0, () => securityHub().SortCriterion$] }),
      flag('severity', 'string-list'),
      flag('workflow-status', 'string-list'),
      flag('all', 'boolean'),
      flag('full', 'boolean'),
      flag('max-items', 'integer'),
    ],
    display: { output: 'table', keepOrder: true },
    send: (client, input) => listFindings(client, input),
  }),
  defineCommand({
    name: 'alerts',
    operation: 'Alerts',
    summary: 'Responder view: the latest alerts (newest first) as a table (Time, Severity, Priority, Reason, Subject, Finding).',
    parameters: [flag('severity', 'string-list'), flag('max-items', 'integer'), flag('topic-arn', 'string')],
    display: { output: 'table', keepOrder: true },
    send: (client, input) => listAlerts(client, input),
  }),
];
