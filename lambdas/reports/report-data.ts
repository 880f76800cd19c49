/**
 * Reads what the posture report needs from the stores: the current scores and the snapshots of the
 * period at the report's scope, the active control findings (their failed resources), the open
 * findings with the highest priority, and the findings created or resolved in the period. Each
 * read is one paged query of the store's planner; nothing is written.
 */
import { CONTROLS } from '../compliance';
import { isControlEnabled } from '../compliance';
import type { ComplianceSettings } from '../compliance';
import { currentScores, readControlFindings, type ScoreSnapshotRepository } from '../compliance';
import type { StandardId } from '../compliance';
import type { AwsSecurityFindingFilters } from '../filters';
import type { FindingsStoreApi } from '../store';
import { PRIORITY_SORT_FIELD } from '../filters';
import { buildPostureReport, type PostureReport, type ReportFinding } from './posture-report';

const DAY_MS = 86_400_000;
/** Findings listed among the top risks. */
export const TOP_RISKS = 10;
/** Days a report covers unless told. */
export const DEFAULT_SINCE_DAYS = 30;

/** What a report is about. */
export interface PostureReportRequest {
  accountId?: string;
  standard?: StandardId;
  sinceDays?: number;
}

/** Where the report reads from. */
export interface PostureReportSources {
  findings: FindingsStoreApi;
  settings: ComplianceSettings;
  snapshots: ScoreSnapshotRepository;
  now: Date;
}

async function readAll(findings: FindingsStoreApi, filters: AwsSecurityFindingFilters): Promise<ReportFinding[]> {
  const found: ReportFinding[] = [];
  let NextToken: string | undefined;
  do {
    const page = await findings.getFindings({ Filters: filters, MaxResults: 100, ...(NextToken !== undefined && { NextToken }) });
    found.push(...(page.Findings as unknown as ReportFinding[]));
    NextToken = page.NextToken;
  } while (NextToken);
  return found;
}

/** Reads the stores and builds the report. */
export async function readPostureReport(sources: PostureReportSources, request: PostureReportRequest): Promise<PostureReport> {
  const { findings, settings, snapshots, now } = sources;
  const sinceDays = request.sinceDays ?? DEFAULT_SINCE_DAYS;
  const since = new Date(now.getTime() - sinceDays * DAY_MS);
  const scope = request.accountId === undefined ? {} : { accountId: request.accountId };
  const account: AwsSecurityFindingFilters = request.accountId === undefined ? {} : { AwsAccountId: [{ Value: request.accountId, Comparison: 'EQUALS' }] };
  const enabled = CONTROLS.filter((control) => isControlEnabled(control, settings)).map((control) => control.id);
  const [current, history, controlFindings, top, created, resolved] = await Promise.all([
    currentScores(findings, settings, now, { scope }),
    snapshots.listScoped(scope, since, now),
    readControlFindings(findings, enabled, scope),
    findings.getFindings({
      Filters: {
        ...account,
        RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' }],
        WorkflowStatus: [
          { Value: 'NEW', Comparison: 'EQUALS' },
          { Value: 'NOTIFIED', Comparison: 'EQUALS' },
        ],
      },
      SortCriteria: [{ Field: PRIORITY_SORT_FIELD, SortOrder: 'desc' }],
      MaxResults: TOP_RISKS,
    }),
    readAll(findings, { ...account, CreatedAt: [{ Start: since.toISOString(), End: now.toISOString() }] }),
    readAll(findings, { ...account, WorkflowStatus: [{ Value: 'RESOLVED', Comparison: 'EQUALS' }], UpdatedAt: [{ Start: since.toISOString(), End: now.toISOString() }] }),
  ]);
  // Control statuses are kept on the organization's snapshots only.
  const periodStart = request.accountId === undefined ? (history.at(-1) as Awaited<ReturnType<ScoreSnapshotRepository['list']>>[number] | undefined) : undefined;
  return buildPostureReport({
    now,
    since,
    sinceDays,
    ...(request.accountId !== undefined && { accountId: request.accountId }),
    ...(request.standard !== undefined && { standard: request.standard }),
    current,
    history,
    ...(periodStart?.controls !== undefined && { periodStart }),
    controlFindings: controlFindings as ReportFinding[],
    topRisks: top.Findings as unknown as ReportFinding[],
    newFindings: created,
    resolvedFindings: resolved.length,
  });
}
