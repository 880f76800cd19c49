// Builds the `sechub` bundle: bin/dist/sechub.js (one file: the CLI and the SDK clients it uses,
// so a call starts without transpiling TypeScript or resolving hundreds of modules), and
// bin/dist/inputs.json (the project files it was built from, for bin/sechub.js's freshness check).
// Run by `npm ci` / `npm install` (the `prepare` script) and `npm run build:cli`.
import { build } from 'esbuild';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = dirname(fileURLToPath(import.meta.url));
const root = join(bin, '..');
const out = join(bin, 'dist');

/** The embedded default and tsx stay outside the bundle: loaded at run time, only when needed. */
const external = {
  name: 'sechub-external',
  setup(builder) {
    builder.onResolve({ filter: /\/lib\/local\/server$/ }, (args) => ({ path: args.path, external: true }));
    builder.onResolve({ filter: /^tsx(\/|$)/ }, (args) => ({ path: args.path, external: true }));
    // The local engine bundles functions with esbuild at run time: never part of the CLI.
    builder.onResolve({ filter: /^esbuild$/ }, (args) => ({ path: args.path, external: true }));
    // `sechub normalize` (the normalizers and the ASFF validator, ~1 MB) is its own bundle, loaded only for that command.
    builder.onResolve({ filter: /^\.\/normalize$/ }, (args) => (args.importer.endsWith(join('cli', 'run.ts')) ? { path: './normalize.js', external: true } : undefined));
  },
};

const result = await build({
  entryPoints: { sechub: join(bin, 'sechub.ts'), normalize: join(bin, 'cli', 'normalize.ts') },
  outdir: out,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  define: { SECHUB_BUNDLED: 'true' },
  plugins: [external],
  metafile: true,
  write: false,
  legalComments: 'none',
  // Smaller to read and parse; identifiers are kept, so a stack trace still names the functions.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
  absWorkingDir: root,
});
mkdirSync(out, { recursive: true });
/** Writes through a temporary file and a rename, so a `sechub` starting meanwhile reads an old or a new file, never half of one. */
function writeAtomically(path, contents) {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}
for (const file of result.outputFiles) writeAtomically(file.path, file.contents);
const inputs = Object.keys(result.metafile.inputs)
  .map((path) => path.replace(/\\/g, '/'))
  .filter((path) => !path.includes('node_modules/'));
// A changed lockfile means other SDK versions: rebuild.
writeAtomically(join(out, 'inputs.json'), `${JSON.stringify([...inputs, 'package-lock.json'], null, 1)}\n`);
const sizes = Object.entries(result.metafile.outputs).map(([path, output]) => `${path.replace(/^.*\//, '')} ${(output.bytes / 1e6).toFixed(1)} MB`);
console.log(`sechub bundle: bin/dist/ ${sizes.join(', ')} (${inputs.length} project files)`);
