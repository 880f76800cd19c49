/**
 * The posture report for stakeholders: compliance by standard and control, the failed resources,
 * the score trend, the top risks by priority and what changed in the period — one model that the
 * HTML, CSV and JSON renderings share. Built from what the stores hold (report-data.ts); pure.
 */
import { controlIdOf, controlsOfStandard, countsTowardsStatus, type ControlStatus } from '../compliance';
import { CONTROLS } from '../compliance';
import type { ControlDefinition } from '../compliance';
import type { ScoreCounts } from '../compliance';
import type { ScoresAt, ScoreSnapshot } from '../compliance';
import { STANDARDS, type StandardId } from '../compliance';
import { PRIORITY_KEY, PRIORITY_REASONS_KEY } from '../filters';

/** The counts behind a score, as the API answers them. */
export interface ReportScore {
  Score: number | null;
  Passed: number;
  Failed: number;
  Unknown: number;
  NoData: number;
  Disabled: number;
}

/** A resource a control fails on. */
export interface FailedResource {
  AccountId: string;
  Region: string;
  ResourceType: string;
  ResourceId: string;
  FindingId: string;
}

/** One control of a standard. */
export interface ReportControl {
  SecurityControlId: string;
  Title: string;
  Severity: string;
  Status: ControlStatus;
  FailedResources: FailedResource[];
}

/** One standard: its score and its controls (failed first, then by severity). */
export interface ReportStandard {
  StandardId: StandardId;
  Name: string;
  Score: ReportScore;
  Controls: ReportControl[];
}

/** One point of the trend. */
export interface ReportTrendPoint {
  TakenAt: string;
  Summary: number | null;
  /** Score per standard id. */
  Standards: Record<string, number | null>;
  Demo?: boolean;
}

/** A finding among the top risks. */
export interface ReportRisk {
  Id: string;
  Title: string;
  Severity: string;
  Priority: number | null;
  PriorityReasons?: string;
  ProductName: string;
  AccountId: string;
  Region: string;
  ResourceType: string;
  ResourceId: string;
  WorkflowStatus: string;
}

/** What changed between the start of the period and now. */
export interface ReportChanges {
  /** The summary score at the oldest snapshot of the period (null: none kept) and now. */
  ScoreFrom: number | null;
  ScoreTo: number | null;
  /** Control statuses that moved (only known for the whole organization: snapshots keep them there). */
  ControlStatusChanges: Array<{ SecurityControlId: string; From: ControlStatus; To: ControlStatus }> | null;
  /** Findings first seen in the period, by severity label. */
  NewFindings: Record<string, number>;
  /** Findings whose workflow became RESOLVED in the period. */
  ResolvedFindings: number;
}

/** The whole report. */
export interface PostureReport {
  Title: string;
  GeneratedAt: string;
  Scope: { AccountId?: string; StandardId?: StandardId; SinceDays: number; Since: string };
  Summary: ReportScore;
  Accounts: Array<{ AccountId: string; Score: ReportScore }>;
  Regions: Array<{ Region: string; Score: ReportScore }>;
  Standards: ReportStandard[];
  Trend: ReportTrendPoint[];
  TopRisks: ReportRisk[];
  Changes: ReportChanges;
  /** True when any trend point was backfilled by the demo organization. */
  IncludesDemoData: boolean;
}

/** A finding as the report reads it (the ASFF members it uses). */
export interface ReportFinding {
  Id: string;
  Title?: string;
  AwsAccountId?: string;
  Region?: string;
  RecordState?: string;
  CreatedAt?: string;
  Severity?: { Label?: string };
  Workflow?: { Status?: string };
  Compliance?: { Status?: string; SecurityControlId?: string };
  GeneratorId?: string;
  ProductName?: string;
  ProductFields?: Record<string, string>;
  Resources?: Array<{ Type?: string; Id?: string }>;
}

/** What the report is built from. */
export interface PostureReportInput {
  now: Date;
  since: Date;
  sinceDays: number;
  accountId?: string;
  standard?: StandardId;
  /** The current scores at the report's scope (with control statuses). */
  current: ScoreSnapshot;
  /** Snapshots of the period at the report's scope, newest first. */
  history: ScoresAt[];
  /** The oldest organization snapshot of the period (for control status changes; only without an account scope). */
  periodStart?: ScoreSnapshot;
  /** The active control findings at the report's scope. */
  controlFindings: ReportFinding[];
  /** The open findings with the highest priority, highest first. */
  topRisks: ReportFinding[];
  /** Findings created in the period (any state). */
  newFindings: ReportFinding[];
  /** How many findings were resolved in the period. */
  resolvedFindings: number;
}

const SEVERITY_ORDER = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'];
const STATUS_ORDER: ControlStatus[] = ['FAILED', 'UNKNOWN', 'PASSED', 'NO_DATA', 'DISABLED'];

/** Score counts as the API names them. */
export function reportScore(score: ScoreCounts): ReportScore {
  return { Score: score.score, Passed: score.passed, Failed: score.failed, Unknown: score.unknown, NoData: score.noData, Disabled: score.disabled };
}

function failedResources(findings: readonly ReportFinding[]): Map<string, FailedResource[]> {
  const byControl = new Map<string, FailedResource[]>();
  for (const finding of findings) {
    const control = controlIdOf(finding);
    if (control === undefined || finding.Compliance?.Status !== 'FAILED' || !countsTowardsStatus(finding)) continue;
    const resource = finding.Resources?.[0];
    const list = byControl.get(control) ?? [];
    list.push({ AccountId: finding.AwsAccountId ?? '', Region: finding.Region ?? '', ResourceType: resource?.Type ?? '', ResourceId: resource?.Id ?? '', FindingId: finding.Id });
    byControl.set(control, list);
  }
  for (const list of byControl.values()) list.sort((a, b) => `${a.AccountId}${a.Region}${a.ResourceId}`.localeCompare(`${b.AccountId}${b.Region}${b.ResourceId}`));
  return byControl;
}

function controlRow(control: ControlDefinition, status: ControlStatus, failed: Map<string, FailedResource[]>): ReportControl {
  return {
    SecurityControlId: control.id,
    Title: control.title,
    Severity: control.severity,
    Status: status,
    FailedResources: status === 'FAILED' ? (failed.get(control.id) ?? []) : [],
  };
}

function byStatusThenSeverity(a: ReportControl, b: ReportControl): number {
  return (
    STATUS_ORDER.indexOf(a.Status) - STATUS_ORDER.indexOf(b.Status) ||
    SEVERITY_ORDER.indexOf(a.Severity) - SEVERITY_ORDER.indexOf(b.Severity) ||
    a.SecurityControlId.localeCompare(b.SecurityControlId, 'en', { numeric: true })
  );
}

function risk(finding: ReportFinding): ReportRisk {
  const priority = finding.ProductFields?.[PRIORITY_KEY];
  const resource = finding.Resources?.[0];
  return {
    Id: finding.Id,
    Title: finding.Title ?? '',
    Severity: finding.Severity?.Label ?? '',
    Priority: priority === undefined ? null : Number(priority),
    ...(finding.ProductFields?.[PRIORITY_REASONS_KEY] !== undefined && { PriorityReasons: finding.ProductFields[PRIORITY_REASONS_KEY] }),
    ProductName: finding.ProductName ?? '',
    AccountId: finding.AwsAccountId ?? '',
    Region: finding.Region ?? '',
    ResourceType: resource?.Type ?? '',
    ResourceId: resource?.Id ?? '',
    WorkflowStatus: finding.Workflow?.Status ?? '',
  };
}

/** Builds the report from what the stores hold. */
export function buildPostureReport(input: PostureReportInput, catalogue: readonly ControlDefinition[] = CONTROLS): PostureReport {
  const failed = failedResources(input.controlFindings);
  const standards = input.current.enabledStandards.filter((standard) => input.standard === undefined || standard === input.standard);
  const scoreOf = (standard: StandardId) => input.current.scores.standards.find((entry) => entry.standard === standard)!;
  const newFindings: Record<string, number> = {};
  for (const finding of input.newFindings) {
    const label = finding.Severity?.Label ?? 'INFORMATIONAL';
    newFindings[label] = (newFindings[label] ?? 0) + 1;
  }
  const oldest = input.history.at(-1);
  const controlChanges =
    input.periodStart === undefined
      ? null
      : Object.entries(input.current.controls)
          .map(([id, now]) => ({ SecurityControlId: id, From: input.periodStart!.controls[id] ?? ('NO_DATA' as ControlStatus), To: now }))
          .filter((change) => change.From !== change.To);
  const summary = input.standard === undefined ? input.current.scores.summary : scoreOf(input.standard);
  return {
    Title: `Security posture report${input.accountId ? ` — account ${input.accountId}` : ''}`,
    GeneratedAt: input.now.toISOString(),
    Scope: {
      ...(input.accountId && { AccountId: input.accountId }),
      ...(input.standard && { StandardId: input.standard }),
      SinceDays: input.sinceDays,
      Since: input.since.toISOString(),
    },
    Summary: reportScore(summary),
    Accounts: input.current.accounts.map((entry) => ({ AccountId: entry.scope, Score: reportScore(entry.scores.summary) })),
    Regions: input.current.regions.map((entry) => ({ Region: entry.scope, Score: reportScore(entry.scores.summary) })),
    Standards: standards.map((standard) => ({
      StandardId: standard,
      Name: STANDARDS.find((definition) => definition.id === standard)?.name ?? standard,
      Score: reportScore(scoreOf(standard)),
      Controls: controlsOfStandard(standard, catalogue)
        .map((control) => controlRow(control, input.current.controls[control.id] ?? 'NO_DATA', failed))
        .sort(byStatusThenSeverity),
    })),
    Trend: [...input.history].reverse().map((point) => ({
      TakenAt: point.takenAt,
      Summary: input.standard === undefined ? point.scores.summary.score : (point.scores.standards.find((entry) => entry.standard === input.standard)?.score ?? null),
      Standards: Object.fromEntries(point.scores.standards.map((entry) => [entry.standard, entry.score])),
      ...(point.demo && { Demo: true }),
    })),
    TopRisks: input.topRisks.map(risk),
    Changes: {
      ScoreFrom:
        oldest === undefined
          ? null
          : input.standard === undefined
            ? oldest.scores.summary.score
            : (oldest.scores.standards.find((entry) => entry.standard === input.standard)?.score ?? null),
      ScoreTo: summary.score,
      ControlStatusChanges: controlChanges,
      NewFindings: Object.fromEntries(SEVERITY_ORDER.filter((label) => newFindings[label] !== undefined).map((label) => [label, newFindings[label]])),
      ResolvedFindings: input.resolvedFindings,
    },
    IncludesDemoData: input.history.some((point) => point.demo === true),
  };
}
