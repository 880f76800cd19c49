/**
 * `sechub` as a script runs it: start-up time (p50 and p95 of N runs of the package bin, `--version`,
 * `--help`, a `get-findings` and a `describe-hub` against a running embedded default, each after one
 * call that writes its code cache), with `node -e 0` measured alongside as the
 * floor of this machine, and 1,000 findings imported through the CLI (batch-import-findings, 100
 * per call, one process per call), next to the same batches sent by one in-process SDK client
 * (what the server takes; the difference is the CLI's share). Measured, not asserted.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchImportFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { LOCAL_ACCOUNT_ID } from '../../lib/local/defaults';
import { startEmbeddedDefault } from '../../lib/local/server';
import { chunks, percentile } from './support';
import { syntheticFindings } from './synthetic';

const ROOT = join(__dirname, '../..');
const BIN = join(ROOT, 'bin/sechub.js');

function run(args: string[], env: NodeJS.ProcessEnv = {}, program = process.execPath): Promise<{ ms: number; code: number; stderr: string }> {
  const started = performance.now();
  return new Promise((done) => {
    execFile(program, args, { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 }, (error, _stdout, stderr) => {
      done({ ms: performance.now() - started, code: error ? Number((error as { code?: number }).code ?? 1) : 0, stderr });
    });
  });
}

/** p50 and p95 of `runs` runs of `node args…` (or of `program args…`). */
async function timed(runs: number, args: string[], program?: string): Promise<{ p50: number; p95: number }> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const result = await run(args, {}, program);
    if (result.code !== 0) throw new Error(`${args.join(' ')} exited ${result.code}: ${result.stderr}`);
    times.push(result.ms);
  }
  return { p50: Math.round(percentile(times, 50)), p95: Math.round(percentile(times, 95)) };
}

/** A `node -e` script: load the Security Hub client (CommonJS, from node_modules) and send one GetFindings, exiting non-zero on failure. */
function sdkScript(endpoint: string): string {
  return [
    "process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';",
    "const { SecurityHubClient, GetFindingsCommand } = require('@aws-sdk/client-securityhub');",
    `const client = new SecurityHubClient({ endpoint: ${JSON.stringify(endpoint)}, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });`,
    'client.send(new GetFindingsCommand({ MaxResults: 1 })).then(() => client.destroy(), (error) => { console.error(error); process.exitCode = 1; });',
  ].join(' ');
}

/** The figures of `sechub` start-up and a 1,000-finding import through the CLI. */
export async function benchCli(runs = 20, findingCount = 1000) {
  // The path a user gets after `npm ci`: the bundle (built here if the sources changed since).
  let path = (await run([BIN, '--version'], { SECHUB_REPORT_START: '1' })).stderr.trim();
  if (!path.includes('(bundle;')) {
    execFileSync(process.execPath, [join(ROOT, 'bin/build.mjs')], { stdio: 'ignore' });
    path = (await run([BIN, '--version'], { SECHUB_REPORT_START: '1' })).stderr.trim();
  }
  const nodeFloor = await timed(runs, ['-e', '0']);
  await timed(1, [BIN, '--version']);
  const version = await timed(runs, [BIN, '--version']);
  const help = await timed(runs, [BIN, '--help']);
  // As the docs' examples run it: npm's start and its execution of the project's own bin come first (fewer runs: each costs seconds).
  const npxVersion = await timed(Math.min(runs, 5), ['sechub', '--version'], 'npx');

  const local = await startEmbeddedDefault({ port: 0, dataDir: mkdtempSync(join(tmpdir(), 'bench-cli-')), logLevel: 'SILENT', schedules: false });
  try {
    // Each once first: the call of a command its code cache does not hold yet writes it (bin/sechub.js).
    await timed(1, [BIN, 'get-findings', '--endpoint-url', local.endpoint, '--max-results', '1']);
    await timed(1, [BIN, 'describe-hub', '--endpoint-url', local.endpoint]);
    const getFindings = await timed(runs, [BIN, 'get-findings', '--endpoint-url', local.endpoint, '--max-results', '1']);
    const describeHub = await timed(runs, [BIN, 'describe-hub', '--endpoint-url', local.endpoint]);
    // What any SDK-based command pays: a bare script that loads @aws-sdk/client-securityhub and sends one GetFindings.
    const sdkGetFindings = await timed(runs, ['-e', sdkScript(local.endpoint)]);
    const productArn = `arn:aws:securityhub:us-east-1:${LOCAL_ACCOUNT_ID}:product/${LOCAL_ACCOUNT_ID}/default`;
    const findings = syntheticFindings(findingCount).map((finding, index) => ({ ...finding, Id: `bench-cli-${index}`, ProductArn: productArn, AwsAccountId: LOCAL_ACCOUNT_ID }));
    const dir = mkdtempSync(join(tmpdir(), 'bench-cli-batches-'));
    const files = chunks(findings, 100).map((batch, index) => {
      const file = join(dir, `batch-${index}.json`);
      writeFileSync(file, JSON.stringify(batch));
      return file;
    });
    const started = performance.now();
    for (const file of files) {
      const result = await run([BIN, 'batch-import-findings', '--endpoint-url', local.endpoint, '--findings', `file://${file}`]);
      if (result.code !== 0) throw new Error(`batch-import-findings exited ${result.code}: ${result.stderr}`);
    }
    const importMs = Math.round(performance.now() - started);
    await local.idle();
    const hub = new SecurityHubClient({ endpoint: local.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const sdkStarted = performance.now();
    for (const batch of chunks(
      findings.map((finding) => ({ ...finding, Id: `${finding.Id}-sdk` })),
      100,
    ))
      await hub.send(new BatchImportFindingsCommand({ Findings: batch as never }));
    const sdkImportMs = Math.round(performance.now() - sdkStarted);
    hub.destroy();
    await local.idle();
    return {
      startedFrom: path.replace(/^sechub: started from /, ''),
      runs,
      nodeFloorP50Ms: nodeFloor.p50,
      versionP50Ms: version.p50,
      versionP95Ms: version.p95,
      helpP50Ms: help.p50,
      helpP95Ms: help.p95,
      npxVersionP50Ms: npxVersion.p50,
      getFindingsP50Ms: getFindings.p50,
      getFindingsP95Ms: getFindings.p95,
      describeHubP50Ms: describeHub.p50,
      sdkGetFindingsP50Ms: sdkGetFindings.p50,
      importFindings: findingCount,
      importCalls: files.length,
      importMs,
      importFindingsPerSecond: Math.round((findingCount / importMs) * 1000),
      sdkImportMs,
    };
  } finally {
    await local.stop();
  }
}
