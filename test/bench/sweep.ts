/**
 * `npx tsx test/bench/sweep.ts`: only the compliance sweep bench ({@link benchSweep}), as JSON, for
 * before/after comparisons of the control catalogue. Sizes: BENCH_SWEEP_ACCOUNTS (default 50),
 * BENCH_SWEEP_RESOURCES (default 200 per account).
 */
import { benchSweep, sweepRows } from './compliance';
import { startDynaliteProcess } from './support';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

async function main(): Promise<void> {
  const dynamo = await startDynaliteProcess();
  try {
    const result = await benchSweep(dynamo, Number(process.env.BENCH_SWEEP_ACCOUNTS ?? 50), Number(process.env.BENCH_SWEEP_RESOURCES ?? 200));
    console.log(JSON.stringify({ ...result, sweeps: sweepRows(result) }, null, 1));
  } finally {
    dynamo.stop();
  }
}

void main();
