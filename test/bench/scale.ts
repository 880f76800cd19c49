/**
 * Ingest at organization scale, end to end on the embedded default (PutEvents of GuardDuty-shaped
 * events, 10 per call, 4 in flight → stored, correlated, published): findings per second as a
 * ratio of the raw BatchWriteItem floor measured in the same run on the same dynalite, for
 * findings on *distinct* instances and all on *one* (hot) instance; and the DynamoDB requests and
 * Lambda invocations per imported finding for a new finding, an identical re-delivery, a repeat
 * (newer UpdatedAt, nothing else changed) and an update (severity changed).
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CreateTableCommand, BatchWriteItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoRequestCounts } from '../../lib/local/engine';
import { startEmbeddedDefault, type EmbeddedDefault } from '../../lib/local/server';
import { normalizerFor } from '../../bin/cli/normalize';
import type { SourceEvent } from '../../lambdas/normalize/types';
import { findingKey, findingPartition } from '../../lambdas/store/keys';
import { chunks, inParallel } from './support';

const credentials = { accessKeyId: 'bench', secretAccessKey: 'bench' };
type Detail = Record<string, unknown> & { id: string; arn: string; updatedAt: string; severity: number; resource: { instanceDetails: { instanceId: string } } };

/** `count` GuardDuty SSH brute-force events, each its own finding, on distinct instances or all on one. */
export function scaleEvents(count: number, hot: boolean, prefix: string): Array<SourceEvent<Detail>> {
  const file = path.join(__dirname, '..', 'fixtures', 'events', 'guardduty', 'ec2-ssh-brute-force.json');
  const template = JSON.parse(fs.readFileSync(file, 'utf8')) as SourceEvent<Detail>;
  return Array.from({ length: count }, (_, index) => {
    const event = structuredClone(template);
    const id = `${prefix}${String(index).padStart(8, '0')}`;
    event.detail.id = id;
    event.detail.arn = String(template.detail.arn).replace(/finding\/[^/]+$/, `finding/${id}`);
    event.detail.resource.instanceDetails.instanceId = hot ? `i-${prefix}hot0000000` : `i-${prefix}${String(index).padStart(12, '0')}`;
    return event;
  });
}

/** Puts the events on the local bus (10 per call, 4 calls in flight) and waits until everything settled. */
async function putAll(local: EmbeddedDefault, events: Array<SourceEvent<Detail>>): Promise<number> {
  const client = new EventBridgeClient({ endpoint: local.endpoint, region: 'us-east-1', credentials });
  const started = performance.now();
  try {
    await inParallel(chunks(events, 10), 4, async (batch) => {
      const response = await client.send(
        new PutEventsCommand({
          Entries: batch.map((event) => ({ Source: event.source, DetailType: event['detail-type'], Detail: JSON.stringify(event.detail) })),
        }),
      );
      if (response.FailedEntryCount) throw new Error(JSON.stringify(response.Entries));
    });
    await local.idle();
  } finally {
    client.destroy();
  }
  return (performance.now() - started) / 1000;
}

/** Requests and invocations between two snapshots, per finding. */
function perFinding(before: ReturnType<EmbeddedDefault['counts']>, after: ReturnType<EmbeddedDefault['counts']>, findings: number) {
  const delta = (a: Record<string, number>, b: Record<string, number>) =>
    Object.fromEntries(
      Object.keys(b)
        .map((key) => [key, (b[key] ?? 0) - (a[key] ?? 0)])
        .filter(([, value]) => (value as number) > 0),
    ) as Record<string, number>;
  const ops = delta(before.dynamo.byOperation, after.dynamo.byOperation);
  const calls = delta(before.invocations, after.invocations);
  const sum = (values: Record<string, number>, keys?: string[]) =>
    Object.entries(values)
      .filter(([key]) => !keys || keys.includes(key))
      .reduce((total, [, value]) => total + value, 0);
  const round = (value: number) => Math.round((100 * value) / findings) / 100;
  const dynamo = (field: keyof Omit<DynamoRequestCounts, 'byOperation'>) => after.dynamo[field] - before.dynamo[field];
  return {
    dynamoRequests: round(sum(ops)),
    reads: round(sum(ops, ['GetItem', 'BatchGetItem', 'Query', 'Scan'])),
    writes: round(sum(ops, ['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem'])),
    itemsWritten: round(dynamo('itemsWritten')),
    conditionalFailures: round(dynamo('conditionalFailures')),
    kiBWritten: round(dynamo('writtenBytes') / 1024),
    kiBRead: round(dynamo('readBytes') / 1024),
    lambdaInvocations: round(sum(calls)),
    byOperation: Object.fromEntries(Object.entries(ops).map(([key, value]) => [key, round(value)])),
    byFunction: Object.fromEntries(Object.entries(calls).map(([key, value]) => [key.replace(/^.*?-/, ''), round(value)])),
  };
}

/** The floor: BatchWriteItem (25 per call, 4 in flight) of items of the findings' size into a plain table on the same dynalite. */
async function rawFloor(endpoint: string, count: number, itemBytes: number): Promise<number> {
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials, maxAttempts: 10 });
  const table = `bench-floor-${Date.now()}`;
  try {
    await client.send(
      new CreateTableCommand({
        TableName: table,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
      }),
    );
    const padding = 'x'.repeat(Math.max(0, itemBytes - 80));
    const items = Array.from({ length: count }, (_, index) => marshall({ pk: `F#${index}`, sk: '#FINDING', doc: padding }));
    const started = performance.now();
    await inParallel(chunks(items, 25), 4, async (batch) => {
      let pending: Record<string, never[]> | undefined = { [table]: batch.map((Item) => ({ PutRequest: { Item } })) as never[] };
      while (pending && Object.keys(pending).length > 0) {
        pending = (await client.send(new BatchWriteItemCommand({ RequestItems: pending }))).UnprocessedItems as typeof pending;
      }
    });
    return count / ((performance.now() - started) / 1000);
  } finally {
    client.destroy();
  }
}

/** The size of a stored finding item of these events (its JSON document), for the floor. */
function itemBytesOf(event: SourceEvent<Detail>): number {
  const [finding] = normalizerFor(event)!.normalize(event);
  return Buffer.byteLength(JSON.stringify({ pk: findingPartition(findingKey(finding)), doc: JSON.stringify(finding) }));
}

/** One shape (distinct or hot): new, identical re-delivery, repeat and update, each measured. */
async function benchShape(local: EmbeddedDefault, count: number, hot: boolean) {
  const prefix = hot ? 'hot' : 'dst';
  const events = scaleEvents(count, hot, prefix);
  // CPU time of this process's threads (the edge, dynalite, the engine and every function isolate):
  // steadier than wall time on a busy machine. The new phase includes the isolates' cold starts.
  const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;
  let cpu = process.cpuUsage();
  const floor = await rawFloor(local.dynamoEndpoint, count, itemBytesOf(events[0]));
  const floorCpu = process.cpuUsage(cpu);
  let before = local.counts();
  cpu = process.cpuUsage();
  const seconds = await putAll(local, events);
  const createdCpu = process.cpuUsage(cpu);
  const created = { ...perFinding(before, local.counts(), count), cpuMs: +(cpuMs(createdCpu) / count).toFixed(2) };
  const findingsPerSecond = count / seconds;

  before = local.counts();
  cpu = process.cpuUsage();
  await putAll(local, events);
  const identical = { ...perFinding(before, local.counts(), count), cpuMs: +(cpuMs(process.cpuUsage(cpu)) / count).toFixed(2) };

  const later = (event: SourceEvent<Detail>, hours: number, severity?: number) => {
    const next = structuredClone(event);
    next.detail.updatedAt = new Date(Date.parse(event.detail.updatedAt) + hours * 3_600_000).toISOString();
    if (severity !== undefined) next.detail.severity = severity;
    return next;
  };
  before = local.counts();
  cpu = process.cpuUsage();
  await putAll(
    local,
    events.map((event) => later(event, 1)),
  );
  const repeat = { ...perFinding(before, local.counts(), count), cpuMs: +(cpuMs(process.cpuUsage(cpu)) / count).toFixed(2) };

  before = local.counts();
  cpu = process.cpuUsage();
  await putAll(
    local,
    events.map((event) => later(event, 2, 8)),
  );
  const update = { ...perFinding(before, local.counts(), count), cpuMs: +(cpuMs(process.cpuUsage(cpu)) / count).toFixed(2) };

  return {
    shape: hot ? 'hot (one instance)' : 'distinct instances',
    findings: count,
    endToEndFindingsPerSecond: Math.round(findingsPerSecond),
    floorBatchWritePerSecond: Math.round(floor),
    ratioToFloor: +(findingsPerSecond / floor).toFixed(3),
    cpuMsPerFinding: +(cpuMs(createdCpu) / count).toFixed(2),
    floorCpuMsPerItem: +(cpuMs(floorCpu) / count).toFixed(3),
    perFinding: { new: created, identicalRedelivery: identical, repeatNewerUpdatedAt: repeat, updateSeverity: update },
  };
}

/** Both shapes on one embedded default (it runs once per process). */
export async function benchScale(count: number) {
  const local = await startEmbeddedDefault({ port: 0, dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'sechub-scale-')), logLevel: 'SILENT', schedules: false });
  try {
    const distinct = await benchShape(local, count, false);
    const hot = await benchShape(local, count, true);
    return { distinct, hot, hotOverDistinctTime: +(distinct.endToEndFindingsPerSecond / hot.endToEndFindingsPerSecond).toFixed(2) };
  } finally {
    await local.stop();
  }
}

/** Rows for console.table: one per shape and phase. */
export function scaleRows(figures: Awaited<ReturnType<typeof benchScale>>) {
  return [figures.distinct, figures.hot].flatMap((shape) =>
    Object.entries(shape.perFinding).map(([phase, counts]) => ({
      shape: shape.shape,
      phase,
      ...(phase === 'new' && { findingsPerSecond: shape.endToEndFindingsPerSecond, floor: shape.floorBatchWritePerSecond, ratio: shape.ratioToFloor }),
      dynamoRequests: counts.dynamoRequests,
      reads: counts.reads,
      writes: counts.writes,
      conditionalFailures: counts.conditionalFailures,
      cpuMs: counts.cpuMs,
      lambdaInvocations: counts.lambdaInvocations,
    })),
  );
}

/**
 * {@link benchScale} in a child process (the embedded default runs once per process, and other
 * benches of `npm run bench` start their own).
 */
export function benchScaleInChild(count: number): Promise<Awaited<ReturnType<typeof benchScale>>> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', __filename],
      { env: { ...process.env, BENCH_SCALE_FINDINGS: String(count), BENCH_SCALE_JSON: '1' }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => (error ? reject(new Error(`bench/scale.ts failed: ${stderr.slice(-2000)}`)) : resolve(JSON.parse(stdout))),
    );
  });
}

if (require.main === module) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  benchScale(Number(process.env.BENCH_SCALE_FINDINGS ?? 300))
    .then((figures) => {
      if (process.env.BENCH_SCALE_JSON === '1') process.stdout.write(JSON.stringify(figures));
      else {
        console.table(scaleRows(figures));
        console.log(JSON.stringify(figures, null, 2));
      }
      process.exit(0);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
