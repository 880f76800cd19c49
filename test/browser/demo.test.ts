import { BatchUpdateFindingsCommand, GetFindingsCommand, SecurityHubClient, type AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { PROJECT_ROOT } from '../../lib/local/engine';
import { startEmbeddedDefault, type EmbeddedDefault } from '../../lib/local/server';
import { describeConsoleOnDemo } from './console-checks';

process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

type Counts = { Score: number | null; Passed: number; Failed: number };
type Scores = { SummaryScore: Counts; StandardsScores: Array<Counts & { StandardsArn: string }> };
type Entry = Scores & {
  TakenAt: string;
  Demo?: boolean;
  ControlStatuses?: Record<string, string>;
  AccountScores: Array<Scores & { AccountId: string }>;
  RegionScores: Array<Scores & { Region: string }>;
};

const DAY_MS = 86_400_000;
const MEMBER_ACCOUNTS = ['111122223333', '123456789012', '222233334444', '444455556666', '555566667777', '777788889999', '888899990000'];

/**
 * `npm start` on a fresh data dir loads the demo organization (lib/local/demo/) through the real
 * paths; everything below is asserted from the API, as a user sees it, and in the console in
 * Chromium (console-checks.ts). The demo is loaded once per run, here: the API's assertions and
 * the console's share that load (its cost is most of this suite's), then `--reset` loads it again.
 */
describe('the demo organization of the embedded default', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sechub-demo-'));
  let local: EmbeddedDefault;
  let client: SecurityHubClient;
  let loadMs = 0;
  let stopped = false;
  const post = async <T = Record<string, unknown>>(path: string, body: object = {}): Promise<T> => {
    const response = await fetch(`${local.endpoint}${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  };
  const scores = (body: object = {}) => post<{ Current: Entry; History?: Entry[] }>('/compliance/scores', body);
  const findingsOf = async (product: string): Promise<AwsSecurityFinding[]> =>
    (await client.send(new GetFindingsCommand({ Filters: { ProductName: [{ Value: product, Comparison: 'EQUALS' }] }, MaxResults: 100 }))).Findings ?? [];

  beforeAll(async () => {
    local = await startEmbeddedDefault({ port: 0, dataDir, demo: true, schedules: false, retryBackoffMs: 5 });
    client = new SecurityHubClient({ endpoint: local.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
    expect(local.demoPending).toBe(true);
    const started = Date.now();
    const state = await local.demo.load();
    loadMs = Date.now() - started;
    expect(state).toMatchObject({ status: 'LOADED', accounts: 7, regions: ['eu-west-1', 'us-east-1'], snapshots: 34 });
  }, 1_200_000);

  afterAll(async () => {
    if (stopped) return;
    client?.destroy();
    await local?.stop();
  });

  it('replays GuardDuty threats, Inspector CVEs, Macie sensitive data and Config drift into the member accounts', async () => {
    const where = (findings: AwsSecurityFinding[]) => new Set(findings.map((finding) => `${finding.AwsAccountId}/${finding.Region}`));
    const guardDuty = await findingsOf('GuardDuty');
    expect(where(guardDuty)).toEqual(new Set(['444455556666/us-east-1', '222233334444/us-east-1', '111122223333/us-east-1', '555566667777/eu-west-1', '777788889999/eu-west-1']));
    expect(guardDuty.map((finding) => finding.Types?.[0] ?? '')).toEqual(expect.arrayContaining([expect.stringContaining('SSHBruteForce')]));
    const inspector = await findingsOf('Inspector');
    expect(inspector.length).toBe(6);
    expect(inspector.some((finding) => (finding.Vulnerabilities ?? []).some((vulnerability) => vulnerability.Id?.startsWith('CVE-')))).toBe(true);
    expect(where(await findingsOf('Macie'))).toEqual(new Set(['555566667777/eu-west-1', '111122223333/us-east-1']));
    expect((await findingsOf('Config')).length).toBe(2);
    // Times are relative to the load: the SSH brute force on prod-web was seen about 2 days 20 hours ago.
    const ssh = guardDuty.find((finding) => finding.AwsAccountId === '444455556666' && /SSHBruteForce/.test(finding.Types?.[0] ?? ''))!;
    const age = Date.now() - Date.parse(ssh.UpdatedAt!);
    expect(age).toBeGreaterThan(2.5 * DAY_MS);
    expect(age).toBeLessThan(3.5 * DAY_MS);
  });

  it('leaves the control statuses the timeline tells: campaigns passed org-wide, misconfigurations failed', async () => {
    const { Current } = await scores();
    // S3.1 stays FAILED: accounts record their settings in Regions where they configured no account-level block.
    expect(Current.ControlStatuses).toMatchObject({
      'KMS.4': 'PASSED',
      'EC2.19': 'PASSED',
      'EC2.8': 'PASSED',
      'CloudTrail.4': 'PASSED',
      'S3.1': 'FAILED',
      'IAM.5': 'FAILED',
      'RDS.2': 'FAILED',
    });
  });

  it('scores every member account and both Regions', async () => {
    const { Current } = await scores();
    expect(Current.AccountScores.map((account) => account.AccountId)).toEqual(MEMBER_ACCOUNTS);
    expect(Current.RegionScores.map((region) => region.Region)).toEqual(['eu-west-1', 'us-east-1']);
    for (const account of Current.AccountScores) expect(account.SummaryScore.Score).toEqual(expect.any(Number));
    // Scoped to an account, the current scores are that account's entry.
    const payments = await scores({ AccountId: '111122223333' });
    expect(payments.Current.SummaryScore).toEqual(Current.AccountScores[0].SummaryScore);
  });

  it('has a 30-day trend of demo snapshots that follows the story', async () => {
    const { History, Current } = await scores({ HistoryDays: 30 });
    expect(History!.length).toBeGreaterThanOrEqual(30);
    expect(History!.slice(1).every((entry) => entry.Demo === true)).toBe(true);
    expect(History![0].Demo).toBeUndefined(); // today's, from the final sweep
    expect(History![0].SummaryScore).toEqual(Current.SummaryScore);
    const at = (daysAgo: number) => {
      const entry = History!.find((candidate) => Date.now() - Date.parse(candidate.TakenAt) >= daysAgo * DAY_MS)!;
      return { score: entry.SummaryScore.Score!, passed: entry.SummaryScore.Passed!, controls: entry.ControlStatuses! };
    };
    // -25: the legacy admin groups removed; -18: drift; -7: remediation sprint. Each moves passed
    // controls; the score (a whole percentage of ~300 controls) moves with them or stays on its rounding.
    expect(at(26).controls['EC2.19']).toBe('FAILED');
    expect(at(20).controls['EC2.19']).toBe('PASSED');
    expect(at(20).passed).toBeGreaterThan(at(26).passed);
    expect(at(20).score).toBeGreaterThanOrEqual(at(26).score);
    expect(at(20).controls['CloudTrail.4']).toBe('PASSED');
    expect(at(15).controls['CloudTrail.4']).toBe('FAILED');
    expect(at(15).passed).toBeLessThan(at(20).passed);
    expect(at(15).score).toBeLessThanOrEqual(at(20).score);
    expect(at(6).passed).toBeGreaterThan(at(15).passed);
    expect(at(6).score).toBeGreaterThanOrEqual(at(15).score);
    expect(at(6).controls['EC2.8']).toBe('PASSED');
    expect(at(29).controls['KMS.4']).toBe('PASSED');
    // Per account too: prod-web's trail drifted.
    const web = (await scores({ HistoryDays: 30, AccountId: '444455556666' })).History!;
    expect(web.length).toBeGreaterThanOrEqual(30);
    expect(web.every((entry) => entry.AccountScores.length === 1 && entry.AccountScores[0].AccountId === '444455556666')).toBe(true);
  });

  it('reports the figures the API answers, as JSON, CSV and one self-contained HTML file', async () => {
    const { Current, History } = await scores({ HistoryDays: 30 });
    const json = await post<{ Format: string; ContentType: string; Body: string }>('/reports/posture', { Format: 'json', SinceDays: 30 });
    expect(json).toMatchObject({ Format: 'json', ContentType: 'application/json' });
    const report = JSON.parse(json.Body);
    expect(report.Summary).toMatchObject(Current.SummaryScore);
    expect(Object.fromEntries(report.Accounts.map((a: { AccountId: string; Score: Counts }) => [a.AccountId, a.Score.Score]))).toEqual(
      Object.fromEntries(Current.AccountScores.map((a) => [a.AccountId, a.SummaryScore.Score])),
    );
    expect(report.Trend.map((point: { Summary: number }) => point.Summary)).toEqual([...History!].reverse().map((entry) => entry.SummaryScore.Score));
    const statuses = Object.fromEntries(
      report.Standards.flatMap((s: { Controls: Array<{ SecurityControlId: string; Status: string }> }) => s.Controls.map((c) => [c.SecurityControlId, c.Status])),
    );
    for (const [id, status] of Object.entries(statuses)) expect([id, status]).toEqual([id, Current.ControlStatuses![id]]);
    expect(report.TopRisks.length).toBe(10);
    expect(report.IncludesDemoData).toBe(true);

    const html = (await post<{ Body: string }>('/reports/posture', { Format: 'html' })).Body;
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<(script|link|img|iframe)\b/i);
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*["']?(https?:)?\/\//i);
    expect(html).toContain(`${Current.SummaryScore.Score}%`);

    const csv = parse((await post<{ Body: string }>('/reports/posture', { Format: 'csv', AccountId: '444455556666' })).Body, { columns: true }) as Array<Record<string, string>>;
    expect(csv.length).toBeGreaterThan(0);
    expect(csv.filter((row) => row.AccountId !== '').every((row) => row.AccountId === '444455556666')).toBe(true);
  });

  // After the read-only checks above, before the reset below: the console's checks change a workflow and a note.
  describeConsoleOnDemo(() => ({ endpoint: local.endpoint, hub: client }));

  it('--reset restores the demo after changes, and a second start does not load it again', async () => {
    const before = await scores();
    const [ssh] = (await findingsOf('GuardDuty')).filter((finding) => /SSHBruteForce/.test(finding.Types?.[0] ?? ''));
    await client.send(new BatchUpdateFindingsCommand({ FindingIdentifiers: [{ Id: ssh.Id!, ProductArn: ssh.ProductArn! }], Workflow: { Status: 'SUPPRESSED' } }));
    await post('/_sechub/config/simulate-change', {
      ResourceType: 'AWS::KMS::Key',
      ResourceId: '1a2b3c4d-0000-4000-8000-000000000002',
      AccountId: '888899990000',
      AwsRegion: 'us-east-1',
      Set: ['supplementaryConfiguration.KeyRotationStatus=false'],
    });
    await local.idle();
    expect((await scores()).Current.ControlStatuses!['KMS.4']).toBe('FAILED');

    const reset = await fetch(`${local.endpoint}/_sechub/demo/reset`, { method: 'POST', body: '{}' });
    expect(reset.status).toBe(202);
    expect(await reset.json()).toEqual({ Status: 'LOADING' });
    const busy = await fetch(`${local.endpoint}/_sechub/demo/reset`, { method: 'POST', body: '{}' });
    expect(busy.status).toBe(409);
    let state: { Status: string };
    do {
      await new Promise((resolve) => setTimeout(resolve, 2000));
      state = await post<{ Status: string }>('/_sechub/demo');
    } while (state.Status === 'LOADING');
    expect(state.Status).toBe('LOADED');
    const after = await scores({ HistoryDays: 30 });
    expect(after.Current.ControlStatuses).toEqual(before.Current.ControlStatuses);
    expect(after.Current.AccountScores).toEqual(before.Current.AccountScores);
    expect(after.History!.length).toBeGreaterThanOrEqual(30);
    const restored = (await findingsOf('GuardDuty')).find((finding) => finding.Id === ssh.Id);
    expect(restored?.Workflow?.Status).toBe('NEW');
    stopped = true;
    client.destroy();
    await local.stop();

    // `npm start` again on the same data dir: the banner says the demo is loaded, nothing is loaded twice.
    const child = spawn(process.execPath, ['--import', 'tsx', 'lib/local/main.ts', '--port', '0', '--data-dir', dataDir], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const demoLine = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        const line = out.split('\n').find((candidate) => candidate.startsWith('  demo:'));
        if (line !== undefined) resolve(line);
      });
      child.once('exit', (code) => reject(new Error(`npm start exited (${code}) before its banner:\n${out}`)));
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    expect(demoLine).toMatch(/^ {2}demo: {6}loaded \d{4}-/);
    expect(out).toContain('console:   http://127.0.0.1:');
    expect(out).toContain(`data dir:  ${dataDir}`);
    console.log(`demo load: ${loadMs} ms`); // the measure the issue asks for, in the test log
  }, 1_200_000);
});
