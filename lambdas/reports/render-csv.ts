/**
 * The report as CSV, for spreadsheets: one row per control of each standard in the report, and one
 * more per resource a failed control fails on (the control's columns repeated).
 */
import { stringify } from 'csv-stringify/sync';
import type { PostureReport } from './posture-report';

/** Column headers, in order. */
export const CSV_COLUMNS = [
  'Standard',
  'StandardScore',
  'SecurityControlId',
  'Title',
  'Severity',
  'Status',
  'FailedResourceCount',
  'AccountId',
  'Region',
  'ResourceType',
  'ResourceId',
] as const;

/** Renders the report as CSV (RFC 4180, header row first). */
export function renderCsv(report: PostureReport): string {
  const rows: Array<Array<string | number>> = [];
  for (const standard of report.Standards) {
    for (const control of standard.Controls) {
      const base = [standard.Name, standard.Score.Score ?? '', control.SecurityControlId, control.Title, control.Severity, control.Status, control.FailedResources.length];
      if (control.FailedResources.length === 0) rows.push([...base, '', '', '', '']);
      for (const resource of control.FailedResources) rows.push([...base, resource.AccountId, resource.Region, resource.ResourceType, resource.ResourceId]);
    }
  }
  return stringify(rows, { header: true, columns: [...CSV_COLUMNS], record_delimiter: 'windows' });
}
