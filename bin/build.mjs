// Builds the `sechub` bundle into bin/dist/: sechub.cjs, one CommonJS file holding the CLI and
// the AWS SDK modules a typical call uses (esbuild). What only some commands use stays unevaluated
// until they run: a module imported with `import()` (the Security Hub client, and for an SDK
// operation its own command's module alone) is initialized on first use. bin/sechub.js runs it
// through `vm.Script` with V8's code cache (see there), which wants one script; its first line
// names the bundle's hash, the key of that cache. What a typical call never runs stays out of it
// (its code would weigh on every call's cache): normalize.cjs (`sechub normalize`, a bundle of its
// own) and the packages listed in LOADED_FROM_NODE_MODULES. Also meta.json (what the bundle holds,
// for the start-up test) and build.json (the project files both were built from, for
// bin/sechub.js's freshness check).
// Run by `npm ci` / `npm install` (the `prepare` script) and `npm run build:cli`.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = dirname(fileURLToPath(import.meta.url));
const root = join(bin, '..');
const out = join(bin, 'dist');
const require = createRequire(import.meta.url);

/**
 * Packages a typical call never runs, loaded from node_modules (`require`) by the commands that do,
 * so the bundle (and so every call's code cache) does not carry them: EventBridge (`put-events`),
 * Step Functions (`remediate`, `start-compliance-evaluation`) and the SDK's default credential
 * chain beyond the environment (profiles, SSO, processes, web identity, container and instance
 * metadata: only a call to a deployed API without credentials in the environment reaches them).
 * None of them holds state the bundle shares.
 */
const LOADED_FROM_NODE_MODULES = /^@aws-sdk\/(client-eventbridge|client-sfn|credential-provider-(ini|sso|process|web-identity|http))$|^@smithy\/credential-provider-imds$/;

/**
 * What stays outside the bundle. The embedded default and tsx: loaded at run time, only when
 * needed, by bin/cli/embedded.ts, whose path to lib/local/server is written from the bundle's
 * folder (bin/dist, the bundle's `__dirname`). `sechub normalize` (the normalizers and the ASFF
 * validator): bin/dist/normalize.cjs, a bundle of its own (bin/cli/normalize.ts shares nothing with
 * the CLI). {@link LOADED_FROM_NODE_MODULES}. An `import()` of any of these, or of a Node built-in,
 * is a `require` here: the bundle runs as a `vm.Script`, which has no module loader for `import()`.
 */
const external = {
  name: 'sechub-external',
  setup(builder) {
    builder.onResolve({ filter: /\/lib\/local\/server$/ }, (args) => {
      if (!args.importer.endsWith(join('bin', 'cli', 'embedded.ts'))) throw new Error(`lib/local/server may only be loaded by bin/cli/embedded.ts, not ${args.importer}`);
      return { path: '../../lib/local/server', external: true };
    });
    builder.onResolve({ filter: /^tsx(\/|$)/ }, (args) => ({ path: args.path, external: true }));
    // The local engine bundles functions with esbuild at run time: never part of the CLI.
    builder.onResolve({ filter: /^esbuild$/ }, (args) => ({ path: args.path, external: true }));
    builder.onResolve({ filter: /^\.\/normalize$/ }, (args) => (args.importer.endsWith(join('bin', 'cli', 'run.ts')) ? externalModule(args, './normalize.cjs') : undefined));
    builder.onResolve({ filter: /^node:/ }, (args) => externalModule(args, args.path));
    builder.onResolve({ filter: /^@(aws-sdk|smithy)\// }, (args) => (LOADED_FROM_NODE_MODULES.test(args.path) ? externalModule(args, args.path) : undefined));
    builder.onResolve({ filter: /.*/, namespace: 'required' }, (args) => ({ path: args.path, external: true }));
    builder.onLoad({ filter: /.*/, namespace: 'required' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
  },
};

/** An external module: a `require` of `path` as it is (`import()` becomes a module that requires it). */
function externalModule(args, path) {
  return args.kind === 'dynamic-import' ? { path, namespace: 'required' } : { path, external: true };
}

/**
 * bin/cli/sdk-operations.ts, written for the bundle: per operation, an `import()` of the SDK's
 * module of that command alone (and one of the client class), so a call of `get-findings`
 * initializes GetFindings's command, not every operation's, the aggregated `SecurityHub` class or
 * the enums (bin/cli/sdk.ts `loadSdk`).
 */
const perCommandSdk = {
  name: 'sechub-sdk-per-command',
  setup(builder) {
    const distEs = join(dirname(require.resolve('@aws-sdk/client-securityhub/package.json')), 'dist-es');
    builder.onLoad({ filter: /[\\/]bin[\\/]cli[\\/]sdk-operations\.ts$/ }, () => ({
      loader: 'js',
      contents: [
        'export const OPERATION_LOADERS = {',
        ...securityHubOperations().map((operation) => `  ${operation}: () => import(${JSON.stringify(join(distEs, 'commands', `${operation}Command.js`))}),`),
        '};',
        `export const CLIENT_LOADER = () => import(${JSON.stringify(join(distEs, 'SecurityHubClient.js'))});`,
      ].join('\n'),
    }));
  },
};

/**
 * The Security Hub operations of the SDK this bundle is built with, so `sechub --help` lists them
 * without loading the SDK (bin/cli/sdk.ts `operationsOf`: an `<Operation>$` schema with an
 * `<Operation>Command` class; test/integration/cli/startup.test.ts compares the two).
 */
function securityHubOperations() {
  const sdk = require('@aws-sdk/client-securityhub');
  return Object.entries(sdk)
    .filter(([key, value]) => key.endsWith('$') && Array.isArray(value) && value[0] === 9 && value.length >= 6 && typeof sdk[`${value[2]}Command`] === 'function')
    .map(([, value]) => value[2])
    .sort();
}

/** What both bundles are built with. */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // The packages' ES module builds: what is imported with `import()` is initialized on first use.
  mainFields: ['module', 'main'],
  metafile: true,
  write: false,
  legalComments: 'none',
  // Smaller to read; identifiers are kept, so a stack trace still names the functions.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
  absWorkingDir: root,
};
const bundle = join(out, 'sechub.cjs');
const [result, normalize] = await Promise.all([
  build({
    ...common,
    entryPoints: [join(bin, 'sechub.ts')],
    outfile: bundle,
    define: { SECHUB_BUNDLED: 'true', SECHUB_SDK_OPERATIONS: JSON.stringify(securityHubOperations()) },
    plugins: [external, perCommandSdk],
  }),
  build({ ...common, entryPoints: [join(bin, 'cli', 'normalize.ts')], outfile: join(out, 'normalize.cjs') }),
]);
// `import()` in a `vm.Script` has no module loader to go to: every one must be bundled or a `require`.
const dynamicImports = result.metafile.outputs['bin/dist/sechub.cjs'].imports.filter((imported) => imported.kind === 'dynamic-import');
if (dynamicImports.length > 0) throw new Error(`the bundle may not import() at run time: ${dynamicImports.map((imported) => imported.path).join(', ')}`);

/** Writes through a temporary file and a rename, so a `sechub` starting meanwhile reads an old or a new file, never half of one. */
function writeAtomically(path, contents) {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}
// A clean clone has no bin/dist yet (esbuild's own writing is off: `write: false`).
mkdirSync(out, { recursive: true });
writeAtomically(join(out, 'normalize.cjs'), normalize.outputFiles[0].contents);
// The first line names the bundle's hash: bin/sechub.js keys its code cache with it (read from the same file, so it always fits the code).
const [output] = result.outputFiles;
const hash = createHash('sha256').update(output.contents).digest('hex').slice(0, 16);
writeAtomically(bundle, `// sechub bundle ${hash}\n${output.text}`);
// What earlier builds wrote (an ES module entry with chunks): bin/sechub.js no longer reads them.
for (const old of ['sechub.mjs', 'chunks', 'inputs.json', 'sechub.js', 'normalize.js']) rmSync(join(out, old), { recursive: true, force: true });
const inputs = [...new Set([...Object.keys(result.metafile.inputs), ...Object.keys(normalize.metafile.inputs)])]
  .map((path) => path.replace(/\\/g, '/'))
  // Project files only: not packages, defines (`<define:…>`) or the modules written in their place (`required:…`).
  .filter((path) => !path.includes('node_modules/') && !path.startsWith('<') && !path.startsWith('required:'));
writeAtomically(join(out, 'meta.json'), `${JSON.stringify(result.metafile.outputs)}\n`);
// A changed lockfile means other SDK versions: rebuild.
writeAtomically(join(out, 'build.json'), `${JSON.stringify({ inputs: [...inputs, 'package-lock.json'] }, null, 1)}\n`);
console.log(
  `sechub bundle: bin/dist/sechub.cjs ${(output.contents.length / 1e6).toFixed(1)} MB, normalize.cjs ${(normalize.outputFiles[0].contents.length / 1e6).toFixed(1)} MB (${inputs.length} project files)`,
);
