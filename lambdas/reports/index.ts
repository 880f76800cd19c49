/**
 * Posture reports for stakeholders (docs/reports.md): the model (posture-report.ts), how it is read
 * from the stores (report-data.ts), and its renderings. Used by the API's `GetPostureReport`, the
 * `sechub report` command and the scheduled weekly report.
 */
export { buildPostureReport, type PostureReport } from './posture-report';
export { DEFAULT_SINCE_DAYS, readPostureReport, type PostureReportRequest, type PostureReportSources } from './report-data';
export { REPORT_CONTENT_TYPES, REPORT_FORMATS, renderPostureReport, type ReportFormat } from './render';

/**
 * The reports domain's front door: everything other code (functions, other domains, lib, bin) may use.
 * Inside the domain, files import each other directly.
 */
export { publishWeeklyReport } from './weekly';
export type { WeeklyReportResult } from './weekly';
