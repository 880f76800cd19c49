/**
 * The normalizer benches alone: `npx tsx test/bench/ingestion-run.ts` (also part of `npm run bench`):
 * per source, the pure mapper and mapper + validation against the JSON floor, then each bundle's
 * size and cold load. `--no-bundles` skips the bundles.
 */
import { benchBundles, benchNormalizers } from './ingestion';

async function main(): Promise<void> {
  const normalizers = benchNormalizers();
  console.table(normalizers);
  const bundles = process.argv.includes('--no-bundles') ? [] : await benchBundles();
  if (bundles.length > 0) console.table(bundles);
  console.log(JSON.stringify({ normalizers, bundles }, null, 2));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
