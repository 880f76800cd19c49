/**
 * `sechub` against a running embedded default, as a user runs it: input checked before anything is
 * sent (252), service errors 254, failed runs and failed entries non-zero, `--query` / `--output`,
 * `put-events --wrap` into a stored finding, the responder views. The first case runs the package
 * bin (the bundle `npm ci` builds); the others run the same CLI in process.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../bin/cli/run';
import { LOCAL_ACCOUNT_ID } from '../../../lib/local/defaults';
import { startEmbeddedDefault, type EmbeddedDefault } from '../../../lib/local/server';
import { normalizerFor } from '../../../bin/cli/normalize';
import type { SourceEvent } from '../../../lambdas/normalize/types';
import { PROJECT_ROOT, spawnSechub } from '../../support/cli';
import { aFinding } from '../../support/findings';

jest.setTimeout(180_000);

const PRODUCT_ARN = `arn:aws:securityhub:us-east-1:${LOCAL_ACCOUNT_ID}:product/${LOCAL_ACCOUNT_ID}/default`;
const dir = mkdtempSync(join(tmpdir(), 'sechub-truth-'));
let local: EmbeddedDefault;

/** Runs `sechub …` in process; stdout as printed. */
async function sechub(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli([...argv, '--endpoint-url', local.endpoint], { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), env: {} });
  return { code, stdout, stderr };
}

beforeAll(async () => {
  local = await startEmbeddedDefault({ port: 0, dataDir: join(dir, 'data'), retryBackoffMs: 5, logLevel: 'ERROR' });
  const findings = [
    aFinding({ Id: 'truth-1', ProductArn: PRODUCT_ARN, AwsAccountId: LOCAL_ACCOUNT_ID, Title: 'Bucket is public', Severity: { Label: 'HIGH' } }),
    aFinding({ Id: 'truth-2', ProductArn: PRODUCT_ARN, AwsAccountId: LOCAL_ACCOUNT_ID, Title: 'Key is old', Severity: { Label: 'LOW' } }),
  ];
  writeFileSync(join(dir, 'findings.json'), JSON.stringify(findings));
  const imported = await sechub(['batch-import-findings', '--findings', `file://${join(dir, 'findings.json')}`]);
  expect(imported.code).toBe(0);
  await local.idle();
}, 180_000);

afterAll(async () => {
  await local?.stop();
});

it('refuses a typo’d filter key with 252 naming the key, from the bundle `npm ci` builds, before any call', async () => {
  // What `npm ci` runs (the prepare script), when this tree's sources changed since the last build.
  const start = await spawnSechub(['--version'], { SECHUB_REPORT_START: '1' });
  if (!start.stderr.includes('(bundle;')) execFileSync(process.execPath, [join(PROJECT_ROOT, 'bin/build.mjs')], { stdio: 'ignore' });

  const result = await spawnSechub(['get-findings', '--endpoint-url', local.endpoint, '--filters', '{"SeverityLabels":[{"Value":"CRITICAL","Comparison":"EQUALS"}]}'], {
    SECHUB_REPORT_START: '1',
  });
  expect(result.code).toBe(252);
  expect(result.stdout).toBe('');
  expect(result.stderr).toContain('sechub: started from bin/dist/sechub.cjs (bundle;');
  expect(result.stderr).toContain("--filters: unknown key 'SeverityLabels' at Filters.SeverityLabels (did you mean 'SeverityLabel'?)");
});

it('prints --query results as JSON, table and text', async () => {
  const query = ['get-findings', '--filters', '{"Id":[{"Value":"truth-","Comparison":"PREFIX"}]}', '--sort-criteria', 'Field=Id,SortOrder=asc'];
  const json = await sechub([...query, '--query', 'Findings[].{Id: Id, Severity: Severity.Label}']);
  expect(JSON.parse(json.stdout)).toEqual([
    { Id: 'truth-1', Severity: 'HIGH' },
    { Id: 'truth-2', Severity: 'LOW' },
  ]);
  const text = await sechub([...query, '--query', 'Findings[].[Id, Severity.Label, Title]', '--output', 'text']);
  expect(text).toEqual({ code: 0, stdout: 'truth-1\tHIGH\tBucket is public\ntruth-2\tLOW\tKey is old\n', stderr: '' });
  const table = await sechub([...query, '--query', 'Findings[].{Id: Id, Title: Title}', '--output', 'table']);
  expect(table.stdout.split('\n')).toEqual([
    '---------------------------------',
    '|          GetFindings          |',
    '+----------+--------------------+',
    '|    Id    |       Title        |',
    '+----------+--------------------+',
    '|  truth-1 |  Bucket is public  |',
    '|  truth-2 |  Key is old        |',
    '+----------+--------------------+',
    '',
  ]);
});

it('prints table and text byte for byte as the AWS CLI does (when `aws` is installed)', async () => {
  // Asynchronous: the embedded default answering the AWS CLI runs in this process.
  const run = (args: string[], env?: NodeJS.ProcessEnv) =>
    new Promise<{ missing: boolean; stdout: string }>((done) =>
      execFile('aws', args, { env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout) => done({ missing: (error as { code?: unknown } | null)?.code === 'ENOENT', stdout })),
    );
  if ((await run(['--version'])).missing) {
    console.log('aws CLI not installed: the byte-for-byte comparison of --output table|text with the AWS CLI did not run');
    return;
  }
  const env = { ...process.env, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '' };
  // Three cases, run together (each AWS CLI start costs a second or more).
  const cases = [
    ['get-findings', '--max-results', '3', '--output', 'table'],
    ['get-findings', '--max-results', '3', '--output', 'text'],
    ['get-findings', '--max-results', '3', '--query', 'Findings[].{Id: Id, Sev: Severity.Label, Types: Types}', '--output', 'table'],
  ];
  const theirs = await Promise.all(cases.map((args) => run(['securityhub', ...args, '--no-paginate', '--endpoint-url', local.endpoint], env)));
  for (const [index, args] of cases.entries()) {
    const ours = await sechub(args);
    expect({ args, stdout: ours.stdout }).toEqual({ args, stdout: theirs[index].stdout });
  }
});

it('serves the API model’s operations as subcommands, checked the same way (describe-hub, describe-products, tag-resource)', async () => {
  const hub = await sechub(['describe-hub', '--query', 'HubArn', '--output', 'text']);
  expect(hub).toMatchObject({ code: 0, stderr: '' });
  expect(hub.stdout).toMatch(/^arn:aws:securityhub:us-east-1:\d{12}:hub\/default\n$/);
  const products = await sechub(['describe-products', '--query', 'Products[].ProductName', '--output', 'json']);
  expect(JSON.parse(products.stdout)).toEqual(expect.arrayContaining(['Prowler']));
  const typo = await sechub(['tag-resource', '--resource-arn', hub.stdout.trim(), '--tags', '{"team":1}']);
  expect(typo.code).toBe(252);
  expect(typo.stderr).toContain('--tags: invalid type for Tags.team: expected a string, got number 1');
});

it('exits 254 for an unknown finding id, and non-zero (1) when a remediation waited for FAILED', async () => {
  const unknown = await sechub(['remediate', '--finding-id', 'no-such-finding']);
  expect(unknown).toMatchObject({ code: 254, stdout: '' });
  expect(unknown.stderr).toContain('An error occurred (ResourceNotFoundException) when calling the StartExecution operation: No finding no-such-finding');

  // S3.8 on a bucket the simulated member account does not have: the playbook's action fails.
  const finding = aFinding({
    Id: 'truth-remediation',
    ProductArn: PRODUCT_ARN,
    AwsAccountId: '123456789012',
    Compliance: { Status: 'FAILED', SecurityControlId: 'S3.8' },
    Resources: [{ Type: 'AwsS3Bucket', Id: 'arn:aws:s3:::no-such-bucket-truth', Region: 'us-east-1' }],
  });
  expect((await sechub(['batch-import-findings', '--findings', JSON.stringify([finding])])).code).toBe(0);
  const failed = await sechub(['remediate', '--finding-id', 'truth-remediation', '--approve', '--wait']);
  await local.idle();
  expect(failed.code).toBe(1);
  expect(JSON.parse(failed.stdout)).toMatchObject({ playbookId: 's3-block-public-access', status: 'FAILED', remediation: { status: 'FAILED' } });
  expect(failed.stderr).toContain('The run ended FAILED');
});

it('put-events: a raw finding exits 252 with the hint, a failed entry exits 1, --wrap stores the finding', async () => {
  const path = join(PROJECT_ROOT, 'test/fixtures/events/guardduty/ec2-ssh-brute-force.json');
  const received = JSON.parse(readFileSync(path, 'utf8')) as SourceEvent & { detail: Record<string, unknown> };
  writeFileSync(join(dir, 'raw.json'), JSON.stringify(received.detail));

  const raw = await sechub(['put-events', '--entries', `file://${join(dir, 'raw.json')}`]);
  expect(raw.code).toBe(252);
  expect(raw.stderr).toMatch(/Hint: the entries look like a raw GuardDuty finding, not PutEvents entries/);

  const missingDetail = await sechub(['put-events', '--entries', 'Source=com.example,DetailType=Test']);
  expect(missingDetail.code).toBe(1);
  expect(JSON.parse(missingDetail.stdout)).toMatchObject({ FailedEntryCount: 1 });
  expect(missingDetail.stderr).toContain('1 of 1 entries failed:\n  Entries[0]: InvalidArgument: Parameter Detail is not valid. Reason: Detail is a required argument.');

  const wrapped = await sechub(['put-events', '--wrap', `file://${join(dir, 'raw.json')}`]);
  await local.idle();
  expect(wrapped.code).toBe(0);
  expect(JSON.parse(wrapped.stdout)).toMatchObject({ FailedEntryCount: 0, Entries: [{ EventId: expect.any(String) }] });
  const expectedId = normalizerFor(received)!.normalize(received)[0].Id;
  const stored = await sechub([
    'get-findings',
    '--filters',
    JSON.stringify({ Id: [{ Value: expectedId, Comparison: 'EQUALS' }] }),
    '--query',
    'Findings[0].{Id: Id, Product: ProductName}',
  ]);
  expect(JSON.parse(stored.stdout)).toEqual({ Id: expectedId, Product: 'GuardDuty' });

  const view = await sechub(['findings', '--filters', JSON.stringify({ Id: [{ Value: expectedId, Comparison: 'EQUALS' }] })]);
  expect(view.code).toBe(0);
  expect(view.stdout).toMatch(/^\|\| +Findings +\|\|$/m);
  // One row, wider than 80 columns: key/value rows, as the AWS CLI prints such a table.
  expect(view.stdout.match(/^\|\| {2}(\w+) *\|/gm)?.map((line) => line.replace(/[| ]/g, ''))).toEqual([
    'Severity',
    'Priority',
    'Status',
    'Title',
    'Resource',
    'Account',
    'Updated',
    'Id',
  ]);
  expect(view.stdout).toContain(expectedId);
});

it('sechub findings / alerts: compact rows, honouring filters, --query and --output', async () => {
  const mine = ['--filters', '{"Id":[{"Value":"truth-1","Comparison":"EQUALS"},{"Value":"truth-2","Comparison":"EQUALS"}]}'];
  const low = await sechub(['findings', ...mine, '--severity', 'low', '--output', 'json']);
  expect(JSON.parse(low.stdout).Findings).toEqual([
    {
      Severity: 'LOW',
      Priority: expect.any(Number),
      Status: 'NEW',
      Title: 'Key is old',
      Resource: 'arn:aws:s3:::example-bucket',
      Account: LOCAL_ACCOUNT_ID,
      Updated: '2026-11-01T10:00:00.000Z',
      Id: 'truth-2',
    },
  ]);
  // Highest priority first.
  const both = await sechub(['findings', ...mine, '--query', 'Findings[].Priority', '--output', 'json']);
  const priorities = JSON.parse(both.stdout) as number[];
  expect(priorities).toHaveLength(2);
  expect(priorities).toEqual([...priorities].sort((a, b) => b - a));
  const ids = await sechub(['findings', ...mine, '--query', 'Findings[].Id', '--output', 'text']);
  expect(ids.stdout.trim().split('\t').sort()).toEqual(['truth-1', 'truth-2']);
  const typo = await sechub(['findings', '--filters', '{"Titel":[{"Value":"x","Comparison":"EQUALS"}]}']);
  expect(typo.code).toBe(252);
  expect(typo.stderr).toContain("unknown key 'Titel' at Filters.Titel");

  const alerts = await sechub(['alerts', '--output', 'json']);
  expect(alerts.code).toBe(0);
  const rows = JSON.parse(alerts.stdout).Alerts as Array<Record<string, string>>;
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) expect(Object.keys(row)).toEqual(['Time', 'Severity', 'Priority', 'Reason', 'Subject', 'Finding']);
  expect(rows.map((row) => row.Finding)).toContain('truth-1');
  const table = await sechub(['alerts']);
  expect(table.stdout).toMatch(/^\| +Alerts +\|$/m);
});
