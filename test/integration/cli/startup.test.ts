/**
 * `sechub` start-up: the bundle `npm ci` builds (bin/dist/sechub.cjs) runs with V8's code cache,
 * initializes no AWS SDK module for a call that names no command (`--version`, `--help`), and for
 * `get-findings` only the Security Hub client and GetFindings's command, loading nothing from
 * node_modules (no credential chain beyond the environment for a loopback endpoint, no EventBridge
 * or Step Functions). Checked statically (what the bundle holds, from the build's metafile) and at
 * run time: the modules a call initializes are read from V8's coverage of the call (each module of
 * the bundle is initialized by a function named after its path; with NODE_V8_COVERAGE, bin/sechub.js
 * leaves the cache alone). Start-up time itself is measured by the bench (test/bench/cli.ts), not
 * asserted here.
 */
import { execFile, execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { helpText } from '../../../bin/cli/args';
import { PROJECT_ROOT, spawnSechub } from '../../support/cli';

jest.setTimeout(180_000);

interface OutputMeta {
  imports: Array<{ path: string; kind: string; external?: boolean }>;
  inputs: Record<string, { bytesInOutput: number }>;
}
const BUNDLE = 'bin/dist/sechub.cjs';
const CACHE_DIR = join(PROJECT_ROOT, 'node_modules/.cache/open-security-hub');
/** What a typical call never runs: not in the bundle (bin/build.mjs LOADED_FROM_NODE_MODULES, normalize.cjs). */
const NOT_BUNDLED = [
  '@aws-sdk/client-eventbridge/',
  '@aws-sdk/client-sfn/',
  '@aws-sdk/credential-provider-ini/',
  '@aws-sdk/credential-provider-sso/',
  '@aws-sdk/credential-provider-process/',
  '@aws-sdk/credential-provider-web-identity/',
  '@aws-sdk/credential-provider-http/',
  '@smithy/credential-provider-imds/',
  '@aws-sdk/nested-clients/',
  'lambdas/normalize/',
  'lambdas/asff/',
];
/** A script in a NODE_V8_COVERAGE file: its functions, each with how often it ran. */
interface CoveredScript {
  url: string;
  functions: Array<{ functionName: string; ranges: Array<{ count: number }> }>;
}
let meta: Record<string, OutputMeta>;
let server: Server | undefined;
let endpoint: string;
const requests: string[] = [];

/** Runs the package bin under V8 coverage; resolves to what it printed and the bundle's modules it initialized, and every script it ran from node_modules. */
function traced(args: string[]): Promise<{ code: number; stdout: string; stderr: string; initialized: string[]; fromNodeModules: string[] }> {
  const coverage = mkdtempSync(join(tmpdir(), 'sechub-coverage-'));
  return new Promise((done) => {
    execFile(
      process.execPath,
      [join(PROJECT_ROOT, 'bin/sechub.js'), ...args],
      { cwd: PROJECT_ROOT, env: { ...process.env, NODE_V8_COVERAGE: coverage, SECHUB_REPORT_START: '1' } },
      (error, stdout, stderr) => {
        const scripts = readdirSync(coverage).flatMap((file) => (JSON.parse(readFileSync(join(coverage, file), 'utf8')) as { result: CoveredScript[] }).result);
        const bundle = scripts.filter((script) => script.url.endsWith(BUNDLE));
        done({
          code: error ? Number((error as { code?: number }).code ?? 1) : 0,
          stdout,
          stderr,
          initialized: bundle.flatMap((script) =>
            script.functions.filter((fn) => /\.(ts|js|mjs|json)$/.test(fn.functionName) && fn.ranges[0]!.count > 0).map((fn) => fn.functionName),
          ),
          fromNodeModules: scripts.map((script) => script.url).filter((url) => url.includes('/node_modules/')),
        });
      },
    );
  });
}

beforeAll(async () => {
  // What `npm ci` runs (the prepare script), when this tree's sources changed since the last build.
  const start = await spawnSechub(['--version'], { SECHUB_REPORT_START: '1' });
  if (!start.stderr.includes('(bundle;')) execFileSync(process.execPath, [join(PROJECT_ROOT, 'bin/build.mjs')], { stdio: 'ignore' });
  meta = JSON.parse(readFileSync(join(PROJECT_ROOT, 'bin/dist/meta.json'), 'utf8')) as Record<string, OutputMeta>;
  // What is loaded is the question here, not what the API answers: a loopback endpoint answers GetFindings.
  server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    request.resume().on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end('{"Findings":[]}'));
  });
  await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((done) => (server ? server.close(done) : done(undefined)));
});

it('builds one bundle with the Security Hub client, without what a typical call never runs, and no import() left', () => {
  expect(Object.keys(meta)).toEqual([BUNDLE]);
  const inputs = Object.keys(meta[BUNDLE]!.inputs);
  expect(inputs.some((input) => input.includes('@aws-sdk/client-securityhub/dist-es/commands/GetFindingsCommand.js'))).toBe(true);
  expect(NOT_BUNDLED.filter((path) => inputs.some((input) => input.includes(path)))).toEqual([]);
  // A vm.Script has no module loader for import(): every one is bundled or a require.
  expect(meta[BUNDLE]!.imports.filter((imported) => imported.kind === 'dynamic-import')).toEqual([]);
});

it('answers --version and --help initializing no AWS SDK module and loading nothing from node_modules', async () => {
  const version = await traced(['--version']);
  expect(version.code).toBe(0);
  expect(version.stdout).toMatch(/^sechub \d+\.\d+\.\d+ \(Node /);
  expect(version.stderr).toContain('started from bin/dist/sechub.cjs (bundle; code cache off)');
  expect(version.initialized.filter((module) => /@aws-sdk|@smithy/.test(module))).toEqual([]);
  expect(version.fromNodeModules).toEqual([]);

  const help = await traced(['--help']);
  expect(help.code).toBe(0);
  // The bundle lists the SDK's operations from its build, exactly as the SDK itself does.
  expect(help.stdout).toBe(helpText());
  expect(help.initialized.filter((module) => /@aws-sdk|@smithy/.test(module))).toEqual([]);
});

it('initializes GetFindings alone of the Security Hub commands for get-findings, and loads no credential chain, EventBridge or Step Functions', async () => {
  const run = await traced(['get-findings', '--endpoint-url', endpoint, '--max-results', '1']);

  expect(run.code).toBe(0);
  expect(JSON.parse(run.stdout)).toEqual({ Findings: [] });
  expect(requests).toEqual(['POST /findings']);
  const sdk = run.initialized.filter((module) => module.includes('@aws-sdk/client-securityhub/'));
  expect(sdk).toEqual(expect.arrayContaining([expect.stringContaining('dist-es/SecurityHubClient.js'), expect.stringContaining('dist-es/commands/GetFindingsCommand.js')]));
  // Not another command's module, the aggregated `SecurityHub` class that imports them all, or the enums.
  expect(sdk.filter((module) => /dist-es\/(commands\/(?!GetFindingsCommand)|SecurityHub\.js|models\/enums)/.test(module))).toEqual([]);
  // Everything it runs comes from the bundle: nothing from node_modules (the credential providers
  // beyond the environment, EventBridge and Step Functions would be loaded from there).
  expect(run.fromNodeModules).toEqual([]);
  expect(run.initialized.filter((module) => /credential-provider-(ini|sso|process|web-identity|http)|credential-provider-imds|client-eventbridge|client-sfn/.test(module))).toEqual(
    [],
  );
});

it('keeps a V8 code cache per command, uses it on the next call, and recompiles when V8 refuses one', async () => {
  // Twice each: the first call may write the cache (none yet), the second uses it.
  for (const args of [['--version'], ['get-findings', '--endpoint-url', endpoint, '--max-results', '1']]) {
    await spawnSechub(args);
    const again = await spawnSechub(args, { SECHUB_REPORT_START: '1' });
    expect([args[0], again.code, again.stderr]).toEqual([args[0], 0, expect.stringContaining('(bundle; code cache used)')]);
  }
  const caches = readdirSync(CACHE_DIR).filter((name) => name.startsWith('sechub-'));
  const bare = caches.find((name) => name.endsWith(`-bare-${process.version}-${process.arch}.v8cache`));
  expect(bare).toBeDefined();
  expect(caches.find((name) => name.endsWith(`-get-findings-${process.version}-${process.arch}.v8cache`))).toBeDefined();

  // A cache V8 refuses (here: damaged) is not used: the call compiles as without, answers, and writes a good one.
  const file = join(CACHE_DIR, bare!);
  writeFileSync(file, Buffer.alloc(readFileSync(file).length, 7));
  const refused = await spawnSechub(['--version'], { SECHUB_REPORT_START: '1' });
  expect([refused.code, refused.stdout]).toEqual([0, expect.stringMatching(/^sechub \d/)]);
  expect(refused.stderr).toContain('(bundle; code cache rejected)');
  expect((await spawnSechub(['--version'], { SECHUB_REPORT_START: '1' })).stderr).toContain('(bundle; code cache used)');
});
