/**
 * `sechub` start-up: the bundle `npm ci` builds (bin/dist/) loads no AWS SDK module for a call that
 * names no command (`--version`, `--help`), and only the Security Hub client's for `get-findings`
 * (not EventBridge's or Step Functions'), and of it only GetFindings's command. Checked twice: statically (the entry chunk and what it
 * imports, from the build's metafile) and at run time (the bundle files Node actually loads,
 * recorded by a module hook). Start-up time itself is measured by the bench (test/bench/cli.ts),
 * not asserted here.
 */
import { execFile, execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { helpText } from '../../../bin/cli/args';
import { PROJECT_ROOT, spawnSechub } from '../../support/cli';

jest.setTimeout(180_000);

interface OutputMeta {
  imports: Array<{ path: string; kind: string; external?: boolean }>;
  inputs: Record<string, { bytesInOutput: number }>;
}
const ENTRY = 'bin/dist/sechub.mjs';
const SDK_PACKAGE = /node_modules\/(@aws-sdk|@smithy)\//;
const dir = mkdtempSync(join(tmpdir(), 'sechub-startup-'));
let meta: Record<string, OutputMeta>;
let server: Server | undefined;

/** The outputs holding a file of `pkg` (`@aws-sdk/client-eventbridge`). */
function outputsWith(pkg: string): string[] {
  return Object.entries(meta)
    .filter(([, output]) => Object.keys(output.inputs).some((input) => input.includes(`node_modules/${pkg}/`)))
    .map(([file]) => file);
}

/** The entry and every output it imports statically (what any start loads). */
function staticClosure(from: string, seen = new Set<string>()): Set<string> {
  if (seen.has(from)) return seen;
  seen.add(from);
  for (const imported of meta[from]!.imports) if (imported.kind === 'import-statement' && !imported.external) staticClosure(imported.path, seen);
  return seen;
}

/** Runs the package bin with a module hook that records every bundle file Node loads; resolves to those files (relative to the root). */
function loadedBy(args: string[]): Promise<{ code: number; stdout: string; loaded: string[] }> {
  const log = join(dir, `loaded-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(log, '');
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['--import', join(dir, 'register.mjs'), join(PROJECT_ROOT, 'bin/sechub.js'), ...args],
      { cwd: PROJECT_ROOT, env: { ...process.env, SECHUB_LOADED_LOG: log } },
      (error, stdout) => {
        const loaded = readFileSync(log, 'utf8')
          .split('\n')
          .filter((line) => line.startsWith('file:'))
          .map((url) => relative(PROJECT_ROOT, fileURLToPath(url)).replace(/\\/g, '/'));
        done({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, loaded: [...new Set(loaded)] });
      },
    );
  });
}

beforeAll(async () => {
  // What `npm ci` runs (the prepare script), when this tree's sources changed since the last build.
  const start = await spawnSechub(['--version'], { SECHUB_REPORT_START: '1' });
  if (!start.stderr.includes('(bundle)')) execFileSync(process.execPath, [join(PROJECT_ROOT, 'bin/build.mjs')], { stdio: 'ignore' });
  meta = JSON.parse(readFileSync(join(PROJECT_ROOT, 'bin/dist/meta.json'), 'utf8')) as Record<string, OutputMeta>;
  writeFileSync(
    join(dir, 'hooks.mjs'),
    [
      "import { appendFileSync } from 'node:fs';",
      'export async function load(url, context, next) {',
      "  if (url.includes('/bin/dist/')) appendFileSync(process.env.SECHUB_LOADED_LOG, `${url}\\n`);",
      '  return next(url, context);',
      '}',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'register.mjs'), "import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n");
});

afterAll(async () => {
  await new Promise((done) => (server ? server.close(done) : done(undefined)));
});

it('builds an entry chunk whose static imports hold no AWS SDK module', () => {
  const closure = [...staticClosure(ENTRY)];
  const sdkInputs = closure.flatMap((file) => Object.keys(meta[file]!.inputs).filter((input) => SDK_PACKAGE.test(input)));

  expect(sdkInputs).toEqual([]);
  // The SDK is in the bundle, in chunks of its own.
  expect(outputsWith('@aws-sdk/client-securityhub').length).toBeGreaterThan(0);
  expect(outputsWith('@aws-sdk/client-securityhub').filter((file) => closure.includes(file))).toEqual([]);
});

it('answers --version and --help loading only the entry chunk and its static imports', async () => {
  const closure = staticClosure(ENTRY);
  const sdkChunks = new Set(outputsWith('@aws-sdk/client-securityhub'));

  const version = await loadedBy(['--version']);
  expect(version.code).toBe(0);
  expect(version.stdout).toMatch(/^sechub \d+\.\d+\.\d+ \(Node /);
  expect(version.loaded).toContain(ENTRY);
  expect(version.loaded.filter((file) => !closure.has(file))).toEqual([]);

  const help = await loadedBy(['--help']);
  expect(help.code).toBe(0);
  // The bundle lists the SDK's operations from its build, exactly as the SDK itself does.
  expect(help.stdout).toBe(helpText());
  expect(help.loaded.filter((file) => !closure.has(file) || sdkChunks.has(file))).toEqual([]);
});

it('loads the Security Hub client for get-findings, not EventBridge or Step Functions', async () => {
  // What is loaded is the question here, not what the API answers: a loopback endpoint answers GetFindings.
  const paths: string[] = [];
  server = createServer((request, response) => {
    paths.push(`${request.method} ${request.url}`);
    request.resume().on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end('{"Findings":[]}'));
  });
  await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const run = await loadedBy(['get-findings', '--endpoint-url', endpoint, '--max-results', '1']);

  expect(run.code).toBe(0);
  expect(JSON.parse(run.stdout)).toEqual({ Findings: [] });
  expect(paths).toEqual(['POST /findings']);
  expect(run.loaded.filter((file) => outputsWith('@aws-sdk/client-securityhub').includes(file)).length).toBeGreaterThan(0);
  expect(run.loaded.filter((file) => outputsWith('@aws-sdk/client-eventbridge').includes(file) || outputsWith('@aws-sdk/client-sfn').includes(file))).toEqual([]);
  // Only GetFindings's command of the SDK's ~110 (bin/cli/sdk-operations.ts, written by the build): not
  // another command's module, not the aggregated `SecurityHub` class that imports them all, not the enums.
  const holding = (input: string) =>
    Object.entries(meta)
      .filter(([, output]) => Object.keys(output.inputs).some((path) => path.endsWith(input)))
      .map(([file]) => file);
  expect(holding('client-securityhub/dist-es/commands/GetFindingsCommand.js').filter((file) => run.loaded.includes(file)).length).toBe(1);
  for (const other of [
    'commands/DescribeHubCommand.js',
    'commands/BatchImportFindingsCommand.js',
    'commands/CreateAutomationRuleCommand.js',
    'dist-es/SecurityHub.js',
    'models/enums.js',
  ]) {
    expect([other, holding(`client-securityhub/dist-es/${other.replace(/^dist-es\//, '')}`).filter((file) => run.loaded.includes(file))]).toEqual([other, []]);
  }
});
