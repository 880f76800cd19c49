#!/usr/bin/env node
// The `sechub` bin. Runs the prebuilt bundle bin/dist/sechub.mjs (built by `npm ci` / `npm install`
// through the `prepare` script, or `npm run build:cli`) when it is newer than every project file it
// was built from; otherwise (no bundle, or a source edited since) the TypeScript sources through tsx,
// which is slower to start but always current.
// biome-ignore lint/suspicious/noRedundantUseStrict: a CommonJS script (package.json sets no "type"), where the directive is not redundant.
'use strict';
const { readFileSync, statSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

const bundle = join(__dirname, 'dist', 'sechub.mjs');

function bundleIsFresh() {
  try {
    const built = statSync(bundle).mtimeMs;
    const inputs = JSON.parse(readFileSync(join(__dirname, 'dist', 'inputs.json'), 'utf8'));
    return inputs.every((file) => statSync(join(__dirname, '..', file)).mtimeMs <= built);
  } catch {
    return false;
  }
}

const fresh = bundleIsFresh();
// For tests and `npm run bench`: which path this start took.
if (process.env.SECHUB_REPORT_START === '1') process.stderr.write(`sechub: started from ${fresh ? 'bin/dist/sechub.mjs (bundle)' : 'bin/sechub.ts (tsx)'}\n`);
// Node >= 22.1 keeps V8's compiled code of the bundle's modules on disk (its temporary directory,
// or NODE_COMPILE_CACHE) and reuses it on the next start; Node 20 has no such cache (a no-op there).
require('node:module').enableCompileCache?.();
if (fresh) {
  import(pathToFileURL(bundle).href).catch((error) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 255;
  });
} else {
  require('tsx/cjs');
  require('./sechub.ts');
}
