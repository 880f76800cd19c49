/**
 * Child process of {@link synthesizeStack}: runs the CDK app (`bin/app.ts`) as the cdk CLI does
 * (`CDK_OUTDIR` and `CDK_CONTEXT_JSON` set by the parent; the App synthesizes on exit), then
 * writes the project source files it loaded to `SECHUB_SYNTH_SOURCES`: the files the template
 * depends on, which key the cached stack model.
 */
import { writeFileSync } from 'node:fs';
import { resolve, sep } from 'node:path';

const root = resolve(__dirname, '..', '..') + sep;
const sourcesFile = process.env.SECHUB_SYNTH_SOURCES;

// eslint-disable-next-line @typescript-eslint/no-require-imports
require('../../bin/app');

// Registered after the App's own `beforeExit` (synthesis), so it runs once the template is written.
process.once('beforeExit', () => {
  const sources = Object.keys(require.cache)
    .filter((file) => file.startsWith(root) && !file.includes(`${sep}node_modules${sep}`) && file !== __filename)
    .map((file) => file.slice(root.length));
  if (sourcesFile) writeFileSync(sourcesFile, JSON.stringify(sources.sort()));
});
