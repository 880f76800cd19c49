import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';
import { validateFinding } from '../../lambdas/asff/validate';
import { NORMALIZERS } from '../../lambdas/normalize/registry';
import type { SourceEvent } from '../../lambdas/normalize/types';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'events');

function eventsOf(id: string): SourceEvent[] {
  const folder = path.join(FIXTURES, id);
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder)
    .filter((file) => file.endsWith('.json'))
    .map((file) => JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8')));
}

/** Events per second of `fn` over the events, for at least `seconds`. */
function rate(events: SourceEvent[], fn: (event: SourceEvent) => void, seconds = 1): number {
  let count = 0;
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    for (const event of events) fn(event);
    count += events.length;
  }
  return count / ((performance.now() - started) / 1000);
}

/**
 * Throughput per source on one core, against the floor of JSON.parse + JSON.stringify of the same
 * events (what any handler pays to receive and store them), measured in the same run: the pure
 * mapper alone (`mapperTimesFloor`, target ≤ 3) and mapper + ASFF validation (`costTimesFloor`).
 */
export function benchNormalizers() {
  return NORMALIZERS.filter((normalizer) => eventsOf(normalizer.id).length > 0).map((normalizer) => {
    const texts = eventsOf(normalizer.id).map((event) => JSON.stringify(event));
    const events = texts.map((text) => JSON.parse(text) as SourceEvent);
    const roundTrip = (event: SourceEvent) => JSON.stringify(JSON.parse(JSON.stringify(event)));
    const normalizeOnly = (event: SourceEvent) => {
      normalizer.normalize(event);
    };
    const normalizeValidate = (event: SourceEvent) => {
      for (const finding of normalizer.normalize(event)) validateFinding(finding);
    };
    // Warm up exactly what is measured: warming normalize alone left the first source measured
    // paying for compiling the schema validator (GuardDuty read ~7× in a first pass, ~4× in a second).
    rate(events, roundTrip, 0.3);
    rate(events, normalizeOnly, 0.3);
    rate(events, normalizeValidate, 0.3);
    const floor = rate(events, roundTrip);
    const mapperOnly = rate(events, normalizeOnly);
    const mapped = rate(events, normalizeValidate);
    return {
      source: normalizer.id,
      fixtures: events.length,
      floorEventsPerSecond: Math.round(floor),
      mapperPerSecond: Math.round(mapperOnly),
      mapperTimesFloor: +(floor / mapperOnly).toFixed(2),
      normalizeValidatePerSecond: Math.round(mapped),
      costTimesFloor: +(floor / mapped).toFixed(2),
    };
  });
}

/** Each normalizer's Lambda bundle (minified, as the stack builds it) and its cold load in a fresh Node. */
export async function benchBundles() {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'sechub-bundles-'));
  const rows = [];
  for (const normalizer of NORMALIZERS) {
    const outfile = path.join(out, `${normalizer.id}.js`);
    await build({
      entryPoints: [path.join(__dirname, '..', '..', 'lambdas', 'functions', `normalize-${normalizer.id}`, 'handler.ts')],
      bundle: true,
      minify: true,
      platform: 'node',
      target: 'node22',
      format: 'cjs',
      outfile,
      logLevel: 'silent',
    });
    const loads = [0, 1, 2].map(() => {
      const script = `const t=process.hrtime.bigint();require(${JSON.stringify(outfile)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
      return Number(execFileSync(process.execPath, ['-e', script], { env: { ...process.env, FINDINGS_TABLE: 'bench' } }).toString());
    });
    rows.push({ normalizer: normalizer.id, bundleKiB: Math.round(fs.statSync(outfile).size / 1024), coldLoadMs: +Math.min(...loads).toFixed(1) });
  }
  fs.rmSync(out, { recursive: true, force: true });
  return rows;
}
