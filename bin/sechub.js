#!/usr/bin/env node
// The `sechub` bin. Runs the prebuilt bundle bin/dist/sechub.cjs (built by `npm ci` / `npm install`
// through the `prepare` script, or `npm run build:cli`) when it is newer than every project file it
// was built from; otherwise (no bundle, or a source edited since) the TypeScript sources through tsx,
// which is slower to start but always current.
//
// The bundle runs as a `vm.Script` with V8's code cache: the bytecode of every function a call
// compiled (not only the top level, as a cache made at compile time holds) is written when the call
// ends, and the next call of the same command deserializes it instead of parsing and compiling the
// bundle again. One cache per command (`bare` for none: `--version`, `--help`), so a call reads the
// code it runs and not every other command's. Caches live in node_modules/.cache/open-security-hub/,
// keyed by the bundle's hash, Node's version and the CPU architecture; V8 refuses one made by
// another V8 or with other flags (then the call compiles as without, and writes a new one). Node
// 22's `module.enableCompileCache()` does not apply to a `vm.Script`; it still serves the tsx path.
// biome-ignore lint/suspicious/noRedundantUseStrict: a CommonJS script (package.json sets no "type"), where the directive is not redundant.
'use strict';
const { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } = require('node:fs');

const root = `${__dirname}/..`;
const bundle = `${__dirname}/dist/sechub.cjs`;
/** The bundle's first line: `// sechub bundle <hash>` (bin/build.mjs). */
const HASH_LINE = '// sechub bundle ';

/** True when the bundle exists and no project file it was built from is newer. */
function bundleIsFresh() {
  try {
    const built = statSync(bundle).mtimeMs;
    const { inputs } = JSON.parse(readFileSync(`${__dirname}/dist/build.json`, 'utf8'));
    return inputs.every((file) => statSync(`${root}/${file}`).mtimeMs <= built);
  } catch {
    return false;
  }
}

/** What the command line names first (`get-findings`), or `bare` (`--version`, `--help`): each has a code cache of its own. */
function commandOf(argv) {
  return argv.find((arg) => /^[a-z][a-z0-9-]*$/.test(arg)) ?? 'bare';
}

/** Runs the bundle with its code cache; returns how the cache went (`used`, `rejected`, `none`, or `off`). */
function runBundle(argv) {
  const { Script } = require('node:vm');
  const source = readFileSync(bundle, 'utf8');
  const hash = source.startsWith(HASH_LINE) ? source.slice(HASH_LINE.length, source.indexOf('\n')) : undefined;
  const dir = `${root}/node_modules/.cache/open-security-hub`;
  const prefix = `sechub-${hash}-`;
  const cacheFile = `${dir}/${prefix}${commandOf(argv)}-${process.version}-${process.arch}.v8cache`;
  // V8 coverage (NODE_V8_COVERAGE, as tests collect it) instruments the bytecode: such a call neither reads nor writes a cache.
  const useCache = hash !== undefined && process.env.NODE_V8_COVERAGE === undefined;
  let cached;
  try {
    if (useCache) cached = readFileSync(cacheFile);
  } catch {}
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: bundle,
    ...(cached !== undefined && { cachedData: cached }),
  });
  const state = !useCache ? 'off' : cached === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'used';
  // Written when the call ends, with all it compiled, when there was none or V8 refused it.
  if (state === 'none' || state === 'rejected') {
    process.once('exit', () => {
      try {
        mkdirSync(dir, { recursive: true });
        const temporary = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(temporary, script.createCachedData());
        renameSync(temporary, cacheFile);
        // The caches of earlier bundles.
        for (const name of readdirSync(dir)) if (name.startsWith('sechub-') && !name.startsWith(prefix)) rmSync(`${dir}/${name}`, { force: true });
      } catch {
        // No cache (a read-only tree): the next call compiles again.
      }
    });
  }
  const module = { exports: {} };
  script.runInThisContext()(module.exports, require('node:module').createRequire(bundle), module, bundle, `${__dirname}/dist`);
  return state;
}

const fresh = bundleIsFresh();
if (fresh) {
  let state;
  try {
    state = runBundle(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 255;
  }
  // For tests and `npm run bench`: which path this start took.
  if (process.env.SECHUB_REPORT_START === '1') process.stderr.write(`sechub: started from bin/dist/sechub.cjs (bundle; code cache ${state})\n`);
} else {
  if (process.env.SECHUB_REPORT_START === '1') process.stderr.write('sechub: started from bin/sechub.ts (tsx)\n');
  // Node >= 22.1 keeps V8's compiled code of the sources on disk and reuses it on the next start.
  require('node:module').enableCompileCache?.();
  require('tsx/cjs');
  require('./sechub.ts');
}
