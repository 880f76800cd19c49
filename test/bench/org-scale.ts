/**
 * A synthetic organization at scale (generated, never committed): `count` findings written raw into
 * dynalite, then p50/p99 of the ten typical queries, of insight results (managed insights, counted
 * page by page) and of the console's summary counts (open findings per severity and per account),
 * with the largest page held and the heap growth, to show the aggregates' memory stays bounded.
 * `BENCH_ORG_FINDINGS` sets the size (default 10,000; 1,000,000 is the target
 * size, opt-in — `--million` when run alone: dynalite holds it all in its process's memory). The
 * maximum resident set of this process and of the dynalite child is reported (bounded memory).
 */
import { readFileSync } from 'node:fs';
import type { AwsSecurityFindingFilters } from '../../lambdas/filters/types';
import { FindingsStore } from '../../lambdas/store/findings-store';
import { GroupCounter, type GroupByAttribute } from '../../lambdas/triage/insights/group-by';
import { managedInsightArn } from '../../lambdas/triage/insights/insight';
import { Insights } from '../../lambdas/triage/insights/insights';
import { MANAGED_INSIGHTS } from '../../lambdas/triage/insights/managed-insights';
import { batchWrite, typicalQueries } from './findings-core';
import { percentile, startDynaliteProcess, type BenchDynamo } from './support';
import { createdItem, syntheticFindings } from './synthetic';

const NOW = new Date('2026-11-20T00:00:00Z');
const LOCATION = { accountId: '111122223333', region: 'us-east-1', partition: 'aws' };
const OPEN: AwsSecurityFindingFilters = {
  RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' }],
  WorkflowStatus: [
    { Value: 'NEW', Comparison: 'EQUALS' },
    { Value: 'NOTIFIED', Comparison: 'EQUALS' },
  ],
};

/** Peak resident set (VmHWM) of a process in MiB, from /proc (Linux); undefined elsewhere. */
function peakRssMiB(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1024) : undefined;
  } catch {
    return undefined;
  }
}

async function timed(repeats: number, run: () => Promise<unknown>): Promise<{ p50ms: number; p99ms: number; heapGrowthMiB: number }> {
  const latencies: number[] = [];
  let heapGrowth = 0;
  for (let attempt = 0; attempt < repeats; attempt++) {
    const heap = process.memoryUsage().heapUsed;
    const started = performance.now();
    await run();
    latencies.push(performance.now() - started);
    heapGrowth = Math.max(heapGrowth, process.memoryUsage().heapUsed - heap);
  }
  return { p50ms: Math.round(percentile(latencies, 50)), p99ms: Math.round(percentile(latencies, 99)), heapGrowthMiB: +(heapGrowth / 2 ** 20).toFixed(1) };
}

/** Loads the organization and measures queries, insights and summary counts over it. */
export async function benchOrgScale(dynamo: BenchDynamo, count: number, repeats: number) {
  const table = await dynamo.newTable(`bench-org-${count}`);
  const started = performance.now();
  for (let start = 0; start < count; start += 50_000) {
    const findings = syntheticFindings(Math.min(50_000, count - start), 31 + start);
    await batchWrite(
      dynamo,
      table,
      findings.map((finding, index) => createdItem({ ...finding, Id: `${finding.Id}-${start + index}` }, NOW)),
    );
  }
  const loadSeconds = (performance.now() - started) / 1000;
  const loadedRss = { benchMiB: peakRssMiB(process.pid), dynaliteMiB: peakRssMiB(dynamo.pid) };
  const store = new FindingsStore({ client: dynamo.client, tableName: table, now: () => NOW });
  const sample = (await store.getFindings({ MaxResults: 1 })).Findings[0].Resources[0].Id;

  const queries = [];
  for (const query of typicalQueries(sample)) {
    let returned = 0;
    const figures = await timed(repeats, async () => {
      returned = (await store.getFindings({ Filters: query.filters as AwsSecurityFindingFilters, SortCriteria: query.sort, MaxResults: 100 })).Findings.length;
    });
    queries.push({ query: query.name, returned, ...figures });
  }

  // Managed insights only: the repository of custom insights is never read.
  const insights = new Insights({ repository: { list: async () => [] } as never, findings: store });
  const insightRows = [];
  for (const managed of MANAGED_INSIGHTS.filter((insight) => ['ResourceId', 'AwsAccountId', 'SeverityLabel'].includes(insight.groupBy)).slice(0, 3)) {
    let matched = 0;
    const figures = await timed(Math.min(repeats, 3), async () => {
      matched = (await insights.results(managedInsightArn('aws', managed.owner, managed.number), LOCATION)).matched;
    });
    insightRows.push({ insight: managed.name, groupBy: managed.groupBy, matched, ...figures });
  }

  const summaries = [];
  for (const by of ['SeverityLabel', 'AwsAccountId'] as GroupByAttribute[]) {
    let counted = 0;
    let maxPage = 0;
    const figures = await timed(Math.min(repeats, 3), async () => {
      const counter = new GroupCounter(by);
      maxPage = (await store.forEachFindingPage(OPEN, (page) => counter.add(page))).maxPage;
      counted = counter.seen;
    });
    summaries.push({ summary: `open findings per ${by}`, counted, maxPageHeld: maxPage, ...figures });
  }
  const maxRss = { afterLoad: loadedRss, atEnd: { benchMiB: peakRssMiB(process.pid), dynaliteMiB: peakRssMiB(dynamo.pid) } };
  return { findings: count, loadSeconds: Math.round(loadSeconds), queries, insights: insightRows, summaries, maxRss };
}

if (require.main === module) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  (async () => {
    const dynamo = await startDynaliteProcess();
    try {
      const size = process.argv.includes('--million') ? 1_000_000 : Number(process.env.BENCH_ORG_FINDINGS ?? 10_000);
      const figures = await benchOrgScale(dynamo, size, Number(process.env.BENCH_ORG_REPEATS ?? 5));
      console.table(figures.queries);
      console.table(figures.insights);
      console.table(figures.summaries);
      console.log('max RSS (MiB)', figures.maxRss);
      console.log(JSON.stringify(figures, null, 2));
    } finally {
      dynamo.stop();
    }
  })().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
