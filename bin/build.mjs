// Builds the `sechub` bundle into bin/dist/: sechub.mjs, a small entry (argument parsing, help,
// the command table) that starts without the AWS SDK, and the chunks it imports on demand
// (bin/dist/chunks/: the Security Hub client and schemas when a command is named — for an SDK
// operation, its command's chunk alone —, EventBridge /
// Step Functions when a command uses them, `normalize` with the normalizers), split by esbuild
// (ESM, code splitting), so
// a call parses only what it runs; meta.json (what each output holds, for the start-up test) and
// inputs.json (the project files it was built from, for bin/sechub.js's freshness check).
// Run by `npm ci` / `npm install` (the `prepare` script) and `npm run build:cli`.
import { build } from 'esbuild';
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = dirname(fileURLToPath(import.meta.url));
const root = join(bin, '..');
const out = join(bin, 'dist');
const require = createRequire(import.meta.url);

/**
 * The embedded default and tsx stay outside the bundle: loaded at run time, only when needed. The
 * embedded default's loader (bin/cli/embedded.ts) is only imported dynamically, so it is a chunk of
 * its own in bin/dist/chunks/: its path to lib/local/server is written from there.
 */
const external = {
  name: 'sechub-external',
  setup(builder) {
    builder.onResolve({ filter: /\/lib\/local\/server$/ }, (args) => {
      if (!args.importer.endsWith(join('bin', 'cli', 'embedded.ts'))) throw new Error(`lib/local/server may only be loaded by bin/cli/embedded.ts, not ${args.importer}`);
      return { path: '../../../lib/local/server', external: true };
    });
    builder.onResolve({ filter: /^tsx(\/|$)/ }, (args) => ({ path: args.path, external: true }));
    // The local engine bundles functions with esbuild at run time: never part of the CLI.
    builder.onResolve({ filter: /^esbuild$/ }, (args) => ({ path: args.path, external: true }));
  },
};

/**
 * bin/cli/sdk-operations.ts, written for the bundle: per operation, an `import()` of the SDK's
 * module of that command alone (and one of the client class), so esbuild splits the Security Hub
 * SDK per command and a call of `get-findings` parses GetFindings's command and the schemas it
 * reaches, not every operation's (bin/cli/sdk.ts `loadSdk`).
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

const result = await build({
  entryPoints: { sechub: join(bin, 'sechub.ts') },
  outdir: out,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // The packages' ES module builds: `import()` of them gives their named exports.
  mainFields: ['module', 'main'],
  // What the bundled CommonJS packages and the external `require`s need in an ES module, and
  // `__dirname` as bin/dist for every file (chunks too): two levels below the root, as the sources
  // in lib/local and bin/cli are, so a source's `resolve(__dirname, '..', '..')` is the root here too.
  banner: {
    js: [
      "import { createRequire as __sechubCreateRequire } from 'node:module';",
      "import { fileURLToPath as __sechubFileURLToPath } from 'node:url';",
      'const require = __sechubCreateRequire(import.meta.url);',
      "const __dirname = __sechubFileURLToPath(new URL(import.meta.url.includes('/dist/chunks/') ? '..' : '.', import.meta.url));",
    ].join(' '),
  },
  define: { SECHUB_BUNDLED: 'true', SECHUB_SDK_OPERATIONS: JSON.stringify(securityHubOperations()) },
  plugins: [external, perCommandSdk],
  metafile: true,
  write: false,
  legalComments: 'none',
  // Smaller to read and parse; identifiers are kept, so a stack trace still names the functions.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
  absWorkingDir: root,
});
mkdirSync(join(out, 'chunks'), { recursive: true });
/** Writes through a temporary file and a rename, so a `sechub` starting meanwhile reads an old or a new file, never half of one. */
function writeAtomically(path, contents) {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}
// Chunks are named by content hash: new ones are written before the entry that imports them, and
// old ones stay (a `sechub` started from the old entry may still import them) until the next build.
const written = new Set(result.outputFiles.map((file) => file.path));
const entries = result.outputFiles.filter((file) => !file.path.includes(`${join('dist', 'chunks')}`));
for (const file of result.outputFiles.filter((candidate) => !entries.includes(candidate))) writeAtomically(file.path, file.contents);
for (const file of entries) writeAtomically(file.path, file.contents);
for (const name of readdirSync(join(out, 'chunks'))) {
  const path = join(out, 'chunks', name);
  if (!written.has(path) && name.endsWith('.mjs')) rmSync(path, { force: true });
}
// The CommonJS bundle of earlier builds (bin/dist/sechub.js): bin/sechub.js no longer reads it.
rmSync(join(out, 'sechub.js'), { force: true });
rmSync(join(out, 'normalize.js'), { force: true });
const inputs = Object.keys(result.metafile.inputs)
  .map((path) => path.replace(/\\/g, '/'))
  .filter((path) => !path.includes('node_modules/') && !path.startsWith('<'));
writeAtomically(join(out, 'meta.json'), `${JSON.stringify(result.metafile.outputs)}\n`);
// A changed lockfile means other SDK versions: rebuild.
writeAtomically(join(out, 'inputs.json'), `${JSON.stringify([...inputs, 'package-lock.json'], null, 1)}\n`);
const entrySize = result.metafile.outputs['bin/dist/sechub.mjs'].bytes;
const total = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
console.log(
  `sechub bundle: bin/dist/sechub.mjs ${(entrySize / 1e3).toFixed(0)} kB and ${Object.keys(result.metafile.outputs).length - 1} chunks, ${(total / 1e6).toFixed(1)} MB in all (${inputs.length} project files)`,
);
