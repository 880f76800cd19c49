/**
 * Posture reports for stakeholders (docs/reports.md): the model (posture-report.ts), how it is read
 * from the stores (report-data.ts), and its renderings. Used by the API's `GetPostureReport`, the
 * `sechub report` command and the scheduled weekly report.
 */
import type { PostureReport } from './posture-report';
import { renderCsv } from './render-csv';
import { renderHtml } from './render-html';

export { buildPostureReport, type PostureReport } from './posture-report';
export { DEFAULT_SINCE_DAYS, readPostureReport, type PostureReportRequest, type PostureReportSources } from './report-data';

/** The formats a report renders to. */
export const REPORT_FORMATS = ['html', 'csv', 'json'] as const;
/** One of {@link REPORT_FORMATS}. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The content type of each format. */
export const REPORT_CONTENT_TYPES: Readonly<Record<ReportFormat, string>> = {
  html: 'text/html; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json',
};

/** Renders a report in a format. */
export function renderPostureReport(report: PostureReport, format: ReportFormat): string {
  if (format === 'html') return renderHtml(report);
  if (format === 'csv') return renderCsv(report);
  return `${JSON.stringify(report, null, 2)}\n`;
}
/**
 * The reports domain's front door: everything other code (functions, other domains, lib, bin) may use.
 * Inside the domain, files import each other directly.
 */
export { publishWeeklyReport } from './weekly';
export type { WeeklyReportResult } from './weekly';
