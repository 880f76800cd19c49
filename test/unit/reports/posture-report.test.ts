import { parse } from 'csv-parse/sync';
import type { ControlDefinition } from '../../../lambdas/compliance/controls/types';
import { securityScores } from '../../../lambdas/compliance/scores';
import type { StandardId } from '../../../lambdas/compliance/standards';
import { buildPostureReport, type PostureReportInput, type ReportFinding } from '../../../lambdas/reports/posture-report';
import { renderPostureReport } from '../../../lambdas/reports';

const FSBP: StandardId = 'aws-foundational-security-best-practices/v/1.0.0';
const catalogue = [
  { id: 'S3.1', title: 'S3 general purpose buckets should have block public access settings enabled', severity: 'MEDIUM', standards: [{ standard: FSBP, requirements: [] }] },
  { id: 'KMS.4', title: 'AWS KMS key rotation should be enabled', severity: 'MEDIUM', standards: [{ standard: FSBP, requirements: [] }] },
  { id: 'EC2.19', title: 'Security groups should not allow unrestricted access to ports with high risk', severity: 'CRITICAL', standards: [{ standard: FSBP, requirements: [] }] },
] as unknown as ControlDefinition[];

const control = (id: string, status: string, account: string, resource: string, extra: Partial<ReportFinding> = {}): ReportFinding => ({
  Id: `${id}/${account}/${resource}`,
  AwsAccountId: account,
  Region: 'us-east-1',
  RecordState: 'ACTIVE',
  Workflow: { Status: 'NEW' },
  Compliance: { Status: status, SecurityControlId: id },
  Resources: [{ Type: 'AwsS3Bucket', Id: `arn:aws:s3:::${resource}` }],
  ...extra,
});

function input(): PostureReportInput {
  const controls = { 'S3.1': 'FAILED', 'KMS.4': 'PASSED', 'EC2.19': 'FAILED' } as const;
  const scores = securityScores(controls, [FSBP], catalogue);
  const day = (n: number) => new Date(Date.parse('2026-12-07T00:00:00.000Z') - n * 86_400_000).toISOString();
  return {
    now: new Date('2026-12-07T00:00:00.000Z'),
    since: new Date(day(7)),
    sinceDays: 7,
    current: { takenAt: day(0), enabledStandards: [FSBP], scores, controls, accounts: [{ scope: '111122223333', scores }], regions: [{ scope: 'us-east-1', scores }] },
    history: [3, 6].map((n) => ({
      takenAt: day(n),
      enabledStandards: [FSBP],
      scores: securityScores({ 'S3.1': 'FAILED', 'KMS.4': n === 6 ? 'FAILED' : 'PASSED', 'EC2.19': 'FAILED' }, [FSBP], catalogue),
      accounts: [],
      regions: [],
      demo: true,
    })),
    periodStart: { takenAt: day(6), enabledStandards: [FSBP], scores, controls: { 'S3.1': 'FAILED', 'KMS.4': 'FAILED', 'EC2.19': 'FAILED' }, accounts: [], regions: [] },
    controlFindings: [
      control('S3.1', 'FAILED', '111122223333', 'b-bucket'),
      control('S3.1', 'FAILED', '111122223333', 'a-bucket'),
      control('S3.1', 'FAILED', '111122223333', 'suppressed', { Workflow: { Status: 'SUPPRESSED' } }),
      control('KMS.4', 'PASSED', '111122223333', 'key'),
      control('EC2.19', 'FAILED', '444455556666', 'sg "<script>"'),
    ],
    topRisks: [
      {
        Id: 'gd-1',
        Title: 'SSH brute force <b>',
        Severity: { Label: 'HIGH' },
        ProductName: 'GuardDuty',
        AwsAccountId: '444455556666',
        Region: 'us-east-1',
        ProductFields: { 'opensecurityhub/Priority': '88' },
      },
    ],
    newFindings: [
      { Id: 'a', Severity: { Label: 'HIGH' } },
      { Id: 'b', Severity: { Label: 'HIGH' } },
      { Id: 'c', Severity: { Label: 'LOW' } },
    ],
    resolvedFindings: 4,
  };
}

describe('posture report', () => {
  const report = buildPostureReport(input(), catalogue);

  it('lists controls failed first (critical before medium), with the resources they fail on', () => {
    expect(report.Standards[0].Controls.map((c) => [c.SecurityControlId, c.Status, c.FailedResources.length])).toEqual([
      ['EC2.19', 'FAILED', 1],
      ['S3.1', 'FAILED', 2], // the suppressed finding does not count
      ['KMS.4', 'PASSED', 0],
    ]);
    expect(report.Standards[0].Controls[1].FailedResources.map((r) => r.ResourceId)).toEqual(['arn:aws:s3:::a-bucket', 'arn:aws:s3:::b-bucket']);
    expect(report.Summary).toEqual({ Score: 33, Passed: 1, Failed: 2, Unknown: 0, NoData: 0, Disabled: 0 });
  });

  it('has the trend oldest first, what changed, and the top risks with their priority', () => {
    expect(report.Trend.map((p) => p.Summary)).toEqual([0, 33]);
    expect(report.IncludesDemoData).toBe(true);
    expect(report.Changes).toEqual({
      ScoreFrom: 0,
      ScoreTo: 33,
      ControlStatusChanges: [{ SecurityControlId: 'KMS.4', From: 'FAILED', To: 'PASSED' }],
      NewFindings: { HIGH: 2, LOW: 1 },
      ResolvedFindings: 4,
    });
    expect(report.TopRisks[0]).toMatchObject({ Id: 'gd-1', Priority: 88, Severity: 'HIGH' });
  });

  it('renders one self-contained HTML file: inline SVG chart, print CSS, escaped values, nothing external', () => {
    const html = renderPostureReport(report, 'html');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<svg');
    expect(html).toContain('@media print');
    expect(html).toContain('SSH brute force &lt;b&gt;');
    expect(html).not.toContain('<script');
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/@import/);
    expect(html).toContain('Includes demo data');
  });

  it('renders CSV rows per control and failed resource', () => {
    const rows = parse(renderPostureReport(report, 'csv'), { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((row) => [row.SecurityControlId, row.Status, row.ResourceId])).toEqual([
      ['EC2.19', 'FAILED', 'arn:aws:s3:::sg "<script>"'],
      ['S3.1', 'FAILED', 'arn:aws:s3:::a-bucket'],
      ['S3.1', 'FAILED', 'arn:aws:s3:::b-bucket'],
      ['KMS.4', 'PASSED', ''],
    ]);
  });
});
