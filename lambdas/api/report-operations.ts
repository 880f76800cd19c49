/**
 * Ours (not in Security Hub's model): `GetPostureReport`, the stakeholder report (lambdas/reports/)
 * as a document the caller saves — `{ Format, ContentType, Body }`.
 */
import type { ComplianceSettings } from '../compliance';
import { InvalidInputError } from '../shared/errors';
import { readPostureReport, renderPostureReport, REPORT_CONTENT_TYPES, REPORT_FORMATS, type ReportFormat } from '../reports';
import type { StandardId } from '../compliance';
import { standardOfArn } from './compliance-wire';
import { optionalInteger, optionalString, requiredString } from './envelope';
import { defineOperation, type ApiOperation } from './operation';
import { SNAPSHOT_RETENTION_DAYS } from '../compliance';

interface GetPostureReportInput {
  Format: ReportFormat;
  StandardsArn?: string;
  AccountId?: string;
  SinceDays?: number;
}

const getPostureReport = defineOperation<GetPostureReportInput>({
  name: 'GetPostureReport',
  method: 'POST',
  path: '/reports/posture',
  parse: ({ body }) => {
    const format = requiredString(body.Format, 'Format');
    if (!(REPORT_FORMATS as readonly string[]).includes(format))
      throw new InvalidInputError(`Invalid parameter 'Format': expected one of ${REPORT_FORMATS.join(', ')}, got '${format}'.`);
    const accountId = optionalString(body.AccountId, 'AccountId');
    if (accountId !== undefined && !/^\d{12}$/.test(accountId)) throw new InvalidInputError(`Invalid parameter 'AccountId': expected a 12-digit account id, got '${accountId}'.`);
    return Object.fromEntries(
      Object.entries({
        Format: format as ReportFormat,
        StandardsArn: optionalString(body.StandardsArn, 'StandardsArn'),
        AccountId: accountId,
        SinceDays: optionalInteger(body.SinceDays, 'SinceDays', 1, SNAPSHOT_RETENTION_DAYS),
      }).filter(([, value]) => value !== undefined),
    ) as unknown as GetPostureReportInput;
  },
  async invoke(input, services, _caller, location) {
    const compliance = services.compliance;
    if (compliance === undefined) throw new Error('The API was built without compliance services');
    const settings: ComplianceSettings = await compliance.settings.get();
    let standard: StandardId | undefined;
    if (input.StandardsArn !== undefined) {
      standard = standardOfArn(input.StandardsArn, location, 'StandardsArn');
      if (!settings.enabledStandards.includes(standard)) throw new InvalidInputError(`Invalid parameter 'StandardsArn': standard '${input.StandardsArn}' is not enabled.`);
    }
    const report = await readPostureReport(
      { findings: services.findings, settings, snapshots: compliance.snapshots, now: (compliance.now ?? (() => new Date()))() },
      {
        ...(input.AccountId !== undefined && { accountId: input.AccountId }),
        ...(standard !== undefined && { standard }),
        ...(input.SinceDays !== undefined && { sinceDays: input.SinceDays }),
      },
    );
    const body = renderPostureReport(report, input.Format);
    return {
      output: { Format: input.Format, ContentType: REPORT_CONTENT_TYPES[input.Format], Body: body },
      log: { format: input.Format, bytes: body.length, standards: report.Standards.length, trend: report.Trend.length },
    };
  },
});

/** The reports operations. */
export const REPORT_OPERATIONS: readonly ApiOperation[] = [getPostureReport];
