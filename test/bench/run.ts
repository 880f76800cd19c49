/**
 * `npm run bench`: prints figures as JSON and as tables. Throughputs are reported as ratios to a
 * floor measured in the same run on the same dynalite (these machines are shared and noisy).
 *
 * Sizes: BENCH_IMPORT_FINDINGS (default 2000), BENCH_QUERY_FINDINGS (default 100000),
 * BENCH_QUERY_REPEATS (default 15), BENCH_EVALUATION_COPIES (default 20),
 * BENCH_SWEEP_ACCOUNTS (default 50), BENCH_SWEEP_RESOURCES (default 200 per account),
 * BENCH_ALERT_ACCOUNTS (default 8: ~1,070 imported findings), BENCH_SCALE_FINDINGS (default 300 per
 * shape, distinct and hot), BENCH_ORG_FINDINGS (default 10,000; 1,000,000 is the opt-in target size),
 * BENCH_ORG_REPEATS (default 5), BENCH_CLI_RUNS (default 20: `sechub` start-up p50),
 * BENCH_CLI_FINDINGS (default 1000: imported through `sechub batch-import-findings`).
 */
import { benchAlerts } from './alerts';
import { benchCli } from './cli';
import { benchEvaluation, benchSweep, sweepRows } from './compliance';
import { benchImport, benchQueries } from './findings-core';
import { benchBundles, benchNormalizers } from './ingestion';
import { benchOrgScale } from './org-scale';
import { benchPriority } from './priority';
import { benchClosedLoop, benchPlaybooks } from './remediation';
import { benchScaleInChild, scaleRows } from './scale';
import { startDynaliteProcess } from './support';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const size = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

async function main(): Promise<void> {
  const normalizers = benchNormalizers();
  console.table(normalizers);
  const bundles = await benchBundles();
  console.table(bundles);
  const endToEnd = await benchScaleInChild(size('BENCH_SCALE_FINDINGS', 300));
  console.table(scaleRows(endToEnd));
  const complianceEvaluation = benchEvaluation(size('BENCH_EVALUATION_COPIES', 20));
  console.table([complianceEvaluation]);
  const dynamo = await startDynaliteProcess();
  try {
    const importFigures = await benchImport(dynamo, size('BENCH_IMPORT_FINDINGS', 2000));
    console.table([importFigures]);
    const queryFigures = await benchQueries(dynamo, size('BENCH_QUERY_FINDINGS', 100_000), size('BENCH_QUERY_REPEATS', 15));
    console.table(queryFigures.queries);
    const organization = await benchOrgScale(dynamo, size('BENCH_ORG_FINDINGS', 10_000), size('BENCH_ORG_REPEATS', 5));
    console.table(organization.queries);
    console.table(organization.insights);
    console.table(organization.summaries);
    const complianceSweep = await benchSweep(dynamo, size('BENCH_SWEEP_ACCOUNTS', 50), size('BENCH_SWEEP_RESOURCES', 200));
    console.table(sweepRows(complianceSweep));
    const priority = await benchPriority(dynamo, size('BENCH_PRIORITY_FINDINGS', 600));
    console.table([priority]);
    const alerts = await benchAlerts(dynamo, size('BENCH_ALERT_ACCOUNTS', 8));
    console.table([alerts.replay]);
    console.table(alerts.rows);
    const remediation = { playbooks: await benchPlaybooks(dynamo), closedLoop: await benchClosedLoop() };
    console.table(remediation.playbooks);
    console.table([remediation.closedLoop]);
    const cli = await benchCli(size('BENCH_CLI_RUNS', 20), size('BENCH_CLI_FINDINGS', 1000));
    console.table([cli]);
    console.log(
      JSON.stringify(
        { normalizers, bundles, endToEnd, import: importFigures, queries: queryFigures, organization, complianceEvaluation, complianceSweep, priority, alerts, remediation, cli },
        null,
        2,
      ),
    );
  } finally {
    dynamo.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
