/**
 * The scheduled weekly report: the organization's posture report as HTML, stored under
 * `posture/<date>.html`, and a notice with a pre-signed link to it. The I/O is injected
 * (weekly-report handler: S3, the presigner, SNS), so this stays testable without AWS.
 */
import { renderPostureReport, REPORT_CONTENT_TYPES } from './render';
import { readPostureReport, type PostureReportSources } from './report-data';

/** Days one weekly report covers. */
export const WEEKLY_REPORT_DAYS = 7;
/** How long the link in the notice is asked to stay valid (S3's maximum for SigV4: 7 days). */
export const LINK_EXPIRY_SECONDS = 7 * 24 * 3600;

/** What the weekly report does outside. */
export interface WeeklyReportDeps {
  sources: () => Promise<PostureReportSources>;
  putObject(key: string, body: string, contentType: string): Promise<void>;
  presign(key: string, expiresInSeconds: number): Promise<string>;
  notify(subject: string, message: string): Promise<void>;
}

/** What a run did. */
export interface WeeklyReportResult {
  key: string;
  bytes: number;
  summaryScore: number | null;
}

/** Builds the week's report, stores it and sends the notice with its link. */
export async function publishWeeklyReport(deps: WeeklyReportDeps): Promise<WeeklyReportResult> {
  const sources = await deps.sources();
  const report = await readPostureReport(sources, { sinceDays: WEEKLY_REPORT_DAYS });
  const body = renderPostureReport(report, 'html');
  const key = `posture/${sources.now.toISOString().slice(0, 10)}.html`;
  await deps.putObject(key, body, REPORT_CONTENT_TYPES.html);
  const link = await deps.presign(key, LINK_EXPIRY_SECONDS);
  const score = report.Summary.Score;
  const change = report.Changes.ScoreFrom === null ? '' : ` (was ${report.Changes.ScoreFrom}% ${WEEKLY_REPORT_DAYS} days ago)`;
  await deps.notify(
    `Security posture report ${key.slice('posture/'.length, -'.html'.length)}: score ${score === null ? 'n/a' : `${score}%`}`,
    [
      `Security score: ${score === null ? 'n/a' : `${score}%`}${change}; ${report.Summary.Failed} failed controls.`,
      `New findings this week: ${Object.values(report.Changes.NewFindings).reduce((sum, n) => sum + n, 0)}; resolved: ${report.Changes.ResolvedFindings}.`,
      '',
      `Report (link valid for up to 7 days, at most as long as the function's credentials): ${link}`,
    ].join('\n'),
  );
  return { key, bytes: Buffer.byteLength(body), summaryScore: score };
}
