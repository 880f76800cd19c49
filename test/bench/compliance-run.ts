/**
 * The compliance benches alone: `npx tsx test/bench/compliance-run.ts` (also part of `npm run bench`).
 * Sizes: BENCH_SWEEP_ACCOUNTS (default 50), BENCH_SWEEP_RESOURCES (default 200 per account),
 * BENCH_EVALUATION_COPIES (default 20 copies of each fixture).
 */
import { benchEvaluation, benchSweep, sweepRows } from './compliance';
import { startDynaliteProcess } from './support';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const size = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

async function main(): Promise<void> {
  const evaluation = benchEvaluation(size('BENCH_EVALUATION_COPIES', 20));
  console.table([evaluation]);
  const dynamo = await startDynaliteProcess();
  try {
    const sweep = await benchSweep(dynamo, size('BENCH_SWEEP_ACCOUNTS', 50), size('BENCH_SWEEP_RESOURCES', 200));
    console.table(sweepRows(sweep));
    console.log(JSON.stringify({ complianceEvaluation: evaluation, complianceSweep: sweep }, null, 2));
  } finally {
    dynamo.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
