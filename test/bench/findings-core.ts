import { BatchWriteItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { AwsSecurityFindingFilters, SortCriterion } from '../../lambdas/filters/types';
import { FindingsStore } from '../../lambdas/store/findings-store';
import type { Item } from '../../lambdas/store/record';
import { chunks, inParallel, percentile, type BenchDynamo } from './support';
import { createdItem, ORG, syntheticFindings } from './synthetic';

/** Batches in flight at once, as concurrent Lambda invocations would send them. */
const CONCURRENCY = 8;
const NOW = new Date('2026-11-20T00:00:00Z');

export async function batchWrite(dynamo: BenchDynamo, table: string, items: Item[]): Promise<void> {
  await inParallel(chunks(items, 25), CONCURRENCY, async (batch) => {
    let pending: Record<string, unknown[]> | undefined = {
      [table]: batch.map((item) => ({ PutRequest: { Item: marshall(item, { removeUndefinedValues: true }) } })),
    };
    while (pending && Object.keys(pending).length > 0) {
      const response = await dynamo.client.send(new BatchWriteItemCommand({ RequestItems: pending as never }));
      pending = response.UnprocessedItems as typeof pending;
    }
  });
}

/** Import throughput through the store's rules vs raw BatchWriteItem of the same items. */
export async function benchImport(dynamo: BenchDynamo, count: number) {
  const findings = syntheticFindings(count, 11);
  const floorTable = await dynamo.newTable('bench-floor');
  const storeTable = await dynamo.newTable('bench-import');
  const store = new FindingsStore({ client: dynamo.client, tableName: storeTable, now: () => NOW });

  let started = performance.now();
  await batchWrite(
    dynamo,
    floorTable,
    findings.map((finding) => createdItem(finding, NOW)),
  );
  const floorSeconds = (performance.now() - started) / 1000;

  started = performance.now();
  await inParallel(chunks(findings, 100), CONCURRENCY, async (batch) => {
    const response = await store.importFindings(batch, { identity: 'bench' });
    if (response.FailedCount > 0) throw new Error(JSON.stringify(response.FailedFindings[0]));
  });
  const importSeconds = (performance.now() - started) / 1000;

  // Re-importing newer versions exercises the update path (read, rules, history, conditional write).
  const newer = findings.map((finding) => ({ ...finding, UpdatedAt: NOW.toISOString() }));
  started = performance.now();
  await inParallel(chunks(newer, 100), CONCURRENCY, async (batch) => {
    await store.importFindings(batch, { identity: 'bench' });
  });
  const updateSeconds = (performance.now() - started) / 1000;

  const floorRate = count / floorSeconds;
  return {
    findings: count,
    floorBatchWritePerSecond: Math.round(floorRate),
    importCreatePerSecond: Math.round(count / importSeconds),
    importUpdatePerSecond: Math.round(count / updateSeconds),
    createRatioToFloor: +(count / importSeconds / floorRate).toFixed(2),
    updateRatioToFloor: +(count / updateSeconds / floorRate).toFixed(2),
  };
}

const eq = (...values: string[]) => values.map((Value) => ({ Value, Comparison: 'EQUALS' }));

/** Ten queries responders and dashboards run most, and whether they name an indexed attribute. */
export function typicalQueries(sampleResource: string): Array<{ name: string; indexed: boolean; filters: object; sort?: SortCriterion[] }> {
  return [
    {
      name: 'console default: active, new/notified, by severity',
      indexed: true,
      filters: { RecordState: eq('ACTIVE'), WorkflowStatus: eq('NEW', 'NOTIFIED') },
      sort: [{ Field: 'SeverityLabel', SortOrder: 'desc' }],
    },
    { name: 'active critical, newest first', indexed: true, filters: { RecordState: eq('ACTIVE'), SeverityLabel: eq('CRITICAL') } },
    { name: 'one account, active, high+critical', indexed: true, filters: { AwsAccountId: eq(ORG.accounts[3]), RecordState: eq('ACTIVE'), SeverityLabel: eq('HIGH', 'CRITICAL') } },
    { name: 'one resource', indexed: true, filters: { ResourceId: eq(sampleResource) } },
    { name: 'one control, failed', indexed: true, filters: { ComplianceSecurityControlId: eq(ORG.controls[4]), ComplianceStatus: eq('FAILED'), RecordState: eq('ACTIVE') } },
    { name: 'failed controls, active', indexed: true, filters: { ComplianceStatus: eq('FAILED'), RecordState: eq('ACTIVE') } },
    { name: 'GuardDuty high, active', indexed: true, filters: { ProductName: eq('GuardDuty'), SeverityLabel: eq('HIGH'), RecordState: eq('ACTIVE') } },
    { name: 'updated in the last 7 days', indexed: true, filters: { UpdatedAt: [{ DateRange: { Value: 7, Unit: 'DAYS' } }] } },
    { name: 'one Region, new', indexed: true, filters: { Region: eq('eu-west-1'), WorkflowStatus: eq('NEW'), RecordState: eq('ACTIVE') } },
    {
      name: 'title prefix (no index applies)',
      indexed: false,
      filters: { Title: [{ Value: 'macie finding 1', Comparison: 'PREFIX' }] },
      sort: [{ Field: 'Title', SortOrder: 'asc' }],
    },
  ];
}

/** Items read per item returned, and latency, of the typical queries over `count` findings. */
export async function benchQueries(dynamo: BenchDynamo, count: number, repeats: number) {
  const findings = syntheticFindings(count, 23);
  const table = await dynamo.newTable('bench-queries');
  let started = performance.now();
  await batchWrite(
    dynamo,
    table,
    findings.map((finding) => createdItem(finding, NOW)),
  );
  const loadSeconds = (performance.now() - started) / 1000;
  const store = new FindingsStore({ client: dynamo.client, tableName: table, now: () => NOW });

  const rows = [];
  for (const query of typicalQueries(findings[42].Resources[0].Id)) {
    const latencies: number[] = [];
    let plan: Awaited<ReturnType<FindingsStore['getFindings']>>['plan'] | undefined;
    let returned = 0;
    for (let run = 0; run < repeats; run++) {
      started = performance.now();
      const page = await store.getFindings({ Filters: query.filters as AwsSecurityFindingFilters, SortCriteria: query.sort, MaxResults: 100 });
      latencies.push(performance.now() - started);
      plan = page.plan;
      returned = page.Findings.length;
    }
    rows.push({
      query: query.name,
      indexed: query.indexed,
      access: plan?.access,
      partitions: plan?.partitions,
      returned,
      itemsRead: plan?.itemsRead,
      readPerReturned: returned ? +((plan?.itemsRead ?? 0) / returned).toFixed(2) : null,
      p50ms: +percentile(latencies, 50).toFixed(1),
      p99ms: +percentile(latencies, 99).toFixed(1),
    });
  }
  return { findings: count, loadSeconds: +loadSeconds.toFixed(1), queries: rows };
}
