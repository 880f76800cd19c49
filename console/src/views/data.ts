/** Loads several views share: standards' names, scores, finding groups. */
import { DescribeStandardsCommand } from '@aws-sdk/client-securityhub';
import type { ConsoleApi } from '../api/client';
import { OWN, type FindingGroups, type SecurityScores } from '../api/types';
import type { AwsSecurityFindingFilters } from '../filters';

/** Open findings: active, and not resolved or suppressed (the summary's and scopes' base filter). */
export const OPEN_FINDINGS: AwsSecurityFindingFilters = {
  RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' }],
  WorkflowStatus: [
    { Value: 'NEW', Comparison: 'EQUALS' },
    { Value: 'NOTIFIED', Comparison: 'EQUALS' },
  ],
};

/** Standards ARN → name (DescribeStandards, every page). */
export async function standardNames(api: ConsoleApi): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  let NextToken: string | undefined;
  do {
    const page = await api.hub.send(new DescribeStandardsCommand({ NextToken, MaxResults: 100 }));
    for (const standard of page.Standards ?? []) if (standard.StandardsArn) names.set(standard.StandardsArn, standard.Name ?? standard.StandardsArn);
    NextToken = page.NextToken;
  } while (NextToken);
  return names;
}

/** A standard's name, also for ARNs whose Region differs from DescribeStandards' (subscription vs definition). */
export function nameOf(names: Map<string, string>, arn: string): string {
  if (names.has(arn)) return names.get(arn) as string;
  const tail = arn.split(':standards/')[1];
  for (const [key, name] of names) if (tail !== undefined && key.endsWith(`:standards/${tail}`)) return name;
  return tail ?? arn;
}

/** GetSecurityScores (our own operation); scope by account or Region when given. */
export function securityScores(api: ConsoleApi, input: { HistoryDays?: number; AccountId?: string; Region?: string }): Promise<SecurityScores> {
  return api.own<SecurityScores>(OWN.scores, input);
}

/** GetFindingGroups (our own operation): counts per value of each attribute, and the total. */
export function findingGroups(api: ConsoleApi, filters: AwsSecurityFindingFilters, attributes: string[]): Promise<FindingGroups> {
  return api.own<FindingGroups>(OWN.groups, { Filters: filters, GroupByAttributes: attributes });
}

/** The counts of one attribute of a GetFindingGroups answer, as chart rows. */
export function rowsOf(groups: FindingGroups, attribute: string): Array<{ name: string; count: number }> {
  return (groups.Groups.find((group) => group.GroupByAttribute === attribute)?.ResultValues ?? []).map((value) => ({ name: value.GroupByAttributeValue, count: value.Count }));
}

/** Severity labels from most to least severe. */
export const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'] as const;

/** Rows in severity order, zero for the absent ones. */
export function severityRows(groups: FindingGroups): Array<{ name: string; count: number }> {
  const counts = new Map(rowsOf(groups, 'SeverityLabel').map((row) => [row.name, row.count]));
  return SEVERITIES.map((name) => ({ name, count: counts.get(name) ?? 0 }));
}
