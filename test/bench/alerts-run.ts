/**
 * The alert-volume bench alone: `npx tsx test/bench/alerts-run.ts` (also part of `npm run bench`).
 * Size: BENCH_ALERT_ACCOUNTS (default 8 accounts: ~1,070 imported findings).
 */
import { benchAlerts } from './alerts';
import { startDynaliteProcess } from './support';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

async function main(): Promise<void> {
  const dynamo = await startDynaliteProcess();
  try {
    const alerts = await benchAlerts(dynamo, Number(process.env.BENCH_ALERT_ACCOUNTS ?? 8));
    console.table([alerts.replay]);
    console.table(alerts.rows);
    console.log(JSON.stringify({ alerts }, null, 2));
  } finally {
    dynamo.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
