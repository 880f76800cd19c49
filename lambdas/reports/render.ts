/** A posture report's renderings: HTML, CSV and JSON. */
import type { PostureReport } from './posture-report';
import { renderCsv } from './render-csv';
import { renderHtml } from './render-html';

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
