/**
 * `npm run cost [-- --scale N] [--sample N] [--json] [load flags]`: measures what each unit of work
 * costs on the embedded default (lib/cost/measure.ts), then prints the monthly bill of this stack
 * next to Security Hub CSPM's for the stated load and for N times it (default 10), as markdown.
 */
import prices from './prices.json';
import { DEFAULT_LOAD, LOAD_FLAGS, LoadFlagError, parseLoadFlags, scaleLoad } from './load';
import { DEFAULT_SAMPLE, measure } from './measure';
import type { PriceBook } from './pricing';
import { costTables, measuredTables } from './report';

const HELP = `npm run cost -- [--scale N] [--sample N] [--sample-changes N] [--sample-reads N] [--json] [${LOAD_FLAGS.join(' N] [')} N]
Measures the stack's requests per unit of work on the embedded default (about a minute), then
prints the monthly AWS cost of the stated load and of N times it (--scale, default 10) next to
Security Hub CSPM's. The measuring workload: --sample findings per import phase (default
${DEFAULT_SAMPLE.findings}), --sample-changes configuration changes (${DEFAULT_SAMPLE.changes}), --sample-reads API reads (${DEFAULT_SAMPLE.apiReads}).`;

async function main(args: string[]): Promise<void> {
  if (args.includes('--help')) {
    console.log(HELP);
    return;
  }
  const take = (flag: string, fallback: number) => {
    const at = args.indexOf(flag);
    if (at < 0) return fallback;
    const value = Number(args[at + 1]);
    if (!Number.isFinite(value) || value <= 0) throw new LoadFlagError(`${flag} needs a number > 0, got ${args[at + 1] ?? 'nothing'}`);
    args.splice(at, 2);
    return value;
  };
  const json = args.includes('--json');
  if (json) args.splice(args.indexOf('--json'), 1);
  const factor = take('--scale', 10);
  const findings = take('--sample', DEFAULT_SAMPLE.findings);
  const changes = take('--sample-changes', DEFAULT_SAMPLE.changes);
  const apiReads = take('--sample-reads', DEFAULT_SAMPLE.apiReads);
  const load = parseLoadFlags(args, DEFAULT_LOAD);
  const book = prices as PriceBook;
  const { measurement, detail } = await measure({ findings, changes, apiReads });
  const loads = [
    { label: 'stated load', load },
    { label: `${factor}× it`, load: scaleLoad(load, factor) },
  ];
  if (json) {
    console.log(JSON.stringify({ loads, measurement, detail, prices: book }, null, 1));
    return;
  }
  console.log(`${costTables(loads, measurement, book)}\n\n${measuredTables(measurement, detail, book)}`);
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof LoadFlagError ? error.message : error);
    process.exit(error instanceof LoadFlagError ? 2 : 1);
  },
);
