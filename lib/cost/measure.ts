/**
 * Measures what each unit of work costs on the embedded default (the stack's own handlers, rules,
 * stream and state machines, on dynalite): GuardDuty findings arriving through EventBridge (new,
 * identical redelivery, repeat with a newer UpdatedAt, severity update), configuration changes
 * evaluated as they happen, one sweep over the simulated resources, and API reads. Between phases
 * it waits until everything settled, so each phase's counts are its own (the stream, the finding
 * events, the alerts and correlation they cause included).
 */
import { SFNClient } from '@aws-sdk/client-sfn';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetFindingsCommand, SecurityHubClient, type GetFindingsCommandInput } from '@aws-sdk/client-securityhub';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startComplianceEvaluation } from '../../bin/cli/compliance-evaluation';
import { CONTROLS } from '../../lambdas/compliance';
import { CONFIG_PATHS } from '../local/config-service';
import { readSeed } from '../local/config-store';
import { LOCAL_REGION, LOCAL_TABLES } from '../local/defaults';
import { loadStackTemplate, PROJECT_ROOT } from '../local/engine/stack-source';
import { startEmbeddedDefault, type EmbeddedDefault } from '../local/server';
import { DynamoMeter, type DynamoMeterCounts } from './meter';
import type { Measurement, UnitCounts } from './pricing';
import { captureLogBytes, countPutEvents, countServiceCalls, countStateTransitions, fixedResourcesOf, memoryOf, tableShapeOf, type InvocationTimes } from './probes';

/** Bytes of Lambda's own START, END and REPORT lines per invocation (text format; our estimate, not measured). */
export const PLATFORM_LOG_BYTES_PER_INVOCATION = 300;

/** Sizes of the measuring workload. */
export interface SampleSizes {
  /** Findings per import phase. */
  findings: number;
  /** Configuration changes evaluated. */
  changes: number;
  apiReads: number;
}

/** The default workload: small enough for `npm run cost` to finish in about a minute. */
export const DEFAULT_SAMPLE: SampleSizes = { findings: 50, changes: 20, apiReads: 20 };

/** What the measurement saw, besides the per-unit counts: for the report's "where it came from". */
export interface MeasurementDetail {
  sample: SampleSizes;
  resourcesSwept: number;
  seconds: number;
  /** Of which: starting the embedded default, and the first (unmeasured) sweep. */
  startupSeconds: number;
  firstSweepSeconds: number;
  /** Per phase: DynamoDB requests by operation, invocations and mean duration by function. */
  phases: Record<
    string,
    {
      units: number;
      seconds?: number;
      dynamoRequests: Record<string, number>;
      functions: Record<string, { invocations: number; wallMs: number; billedMs: number; memoryMb: number }>;
    }
  >;
}

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** The controls of a resource type (the registry's, as the change evaluator picks them). */
const controlsFor = (resourceType: string) => CONTROLS.filter((control) => control.resourceTypes.includes(resourceType));

const HARNESS = { accessKeyId: 'cost-harness', secretAccessKey: 'cost-harness' };

interface Snapshot {
  dynamo: DynamoMeterCounts;
  times: InvocationTimes;
  events: number;
  calls: Record<string, number>;
  logBytes: number;
  transitions: number;
  /** This process's CPU time (user + system), ms. */
  cpuMs: number;
}

type Detail = Record<string, unknown> & { id: string; arn: string; updatedAt: string; severity: number; resource: { instanceDetails: { instanceId: string } } };
interface SourceEvent {
  source: string;
  'detail-type': string;
  detail: Detail;
}

/** `count` GuardDuty SSH brute-force events (the repository's fixture), each its own finding on its own instance. */
function guardDutyEvents(count: number): SourceEvent[] {
  const template = JSON.parse(readFileSync(join(PROJECT_ROOT, 'test', 'fixtures', 'events', 'guardduty', 'ec2-ssh-brute-force.json'), 'utf8')) as SourceEvent;
  return Array.from({ length: count }, (_, index) => {
    const event = structuredClone(template);
    const id = `cost${String(index).padStart(8, '0')}`;
    event.detail.id = id;
    event.detail.arn = String(template.detail.arn).replace(/finding\/[^/]+$/, `finding/${id}`);
    event.detail.resource.instanceDetails.instanceId = `i-cost${String(index).padStart(12, '0')}`;
    return event;
  });
}

function later(event: SourceEvent, hours: number, severity?: number): SourceEvent {
  const next = structuredClone(event);
  next.detail.updatedAt = new Date(Date.parse(event.detail.updatedAt) + hours * 3_600_000).toISOString();
  if (severity !== undefined) next.detail.severity = severity;
  return next;
}

/** Runs the workload on a fresh embedded default and returns the counts per unit of work. */
export async function measure(sample: SampleSizes = DEFAULT_SAMPLE): Promise<{ measurement: Measurement; detail: MeasurementDetail }> {
  const started = performance.now();
  const stack = await loadStackTemplate();
  const memory = memoryOf(stack.template);
  const shape = tableShapeOf(stack.template);
  const transitions = countStateTransitions();
  let meter: DynamoMeter | undefined;
  const dataDir = await mkdtemp(join(tmpdir(), 'sechub-cost-'));
  delete process.env.POWERTOOLS_LOG_LEVEL; // the handlers log at the level the stack gives them
  const logs = captureLogBytes();
  const calls = countServiceCalls('local');
  let local: EmbeddedDefault | undefined;
  const clients = { region: LOCAL_REGION, credentials: HARNESS };
  try {
    local = await startEmbeddedDefault({
      port: 0,
      dataDir,
      schedules: false,
      retryBackoffMs: 50,
      dynamoTap: async (endpoint) => {
        meter = await DynamoMeter.start(endpoint, { name: LOCAL_TABLES.findings, ...shape });
        return meter.endpoint;
      },
      onStreamRecords: (table, records) => meter?.onStreamRecords(table, records),
    });
    const running = local;
    const startupSeconds = +((performance.now() - started) / 1000).toFixed(1);
    const events = countPutEvents(running.eventBus);
    const bus = new EventBridgeClient({ ...clients, endpoint: running.endpoint });
    const hub = new SecurityHubClient({ ...clients, endpoint: running.endpoint });
    const sfn = new SFNClient({ ...clients, endpoint: running.endpoint });
    const memoryByName = Object.fromEntries(Object.values(running.model.functions).map((fn) => [fn.name, memory[fn.logicalId] ?? 128]));
    const snapshot = async (): Promise<Snapshot> => {
      await running.idle();
      return {
        dynamo: meter!.snapshot(),
        times: running.counts().invocationTimes,
        events: events(),
        calls: calls.counts(),
        logBytes: logs.bytes(),
        transitions: transitions(),
        cpuMs: cpuMs(),
      };
    };
    const phases: MeasurementDetail['phases'] = {};
    const perUnit = (name: string, before: Snapshot, after: Snapshot, units: number, apiRequests = 0): UnitCounts => {
      const delta = (key: string, from: Record<string, number>, to: Record<string, number>) => (to[key] ?? 0) - (from[key] ?? 0);
      const functions = Object.fromEntries(
        Object.entries(after.times)
          .map(([fn, now]) => [fn, { invocations: now.invocations - (before.times[fn]?.invocations ?? 0), ms: now.ms - (before.times[fn]?.ms ?? 0) }] as const)
          .filter(([, spent]) => spent.invocations > 0),
      );
      const invocations = Object.values(functions).reduce((sum, spent) => sum + spent.invocations, 0);
      // Invocations overlap in this one thread, and wait on a shared, loaded machine: their wall times
      // add up to more than the work done. The phase's CPU time (handlers, dynalite, the local
      // services) is split across its invocations by their wall times, at least 1 ms each.
      const wallMs = Object.values(functions).reduce((sum, spent) => sum + spent.ms, 0);
      const share = wallMs > 0 ? Math.min(1, (after.cpuMs - before.cpuMs) / wallMs) : 1;
      const billedMs = (spent: { invocations: number; ms: number }) => Math.max(spent.invocations, spent.ms * share);
      const gbSeconds = Object.entries(functions).reduce((sum, [fn, spent]) => sum + ((memoryByName[fn] ?? 128) / 1024) * (billedMs(spent) / 1000), 0);
      phases[name] = {
        units,
        dynamoRequests: Object.fromEntries(
          Object.keys(after.dynamo.requests)
            .map((op) => [op, +(delta(op, before.dynamo.requests, after.dynamo.requests) / units).toFixed(3)])
            .filter(([, n]) => Number(n) > 0),
        ),
        functions: Object.fromEntries(
          Object.entries(functions).map(([fn, spent]) => [
            fn,
            {
              invocations: +(spent.invocations / units).toFixed(3),
              wallMs: Math.round(spent.ms / spent.invocations),
              billedMs: Math.round(billedMs(spent) / spent.invocations),
              memoryMb: memoryByName[fn] ?? 128,
            },
          ]),
        ),
      };
      const per = (value: number) => value / units;
      return {
        readUnits: per(after.dynamo.readUnits - before.dynamo.readUnits),
        writeUnits: per(
          after.dynamo.tableWriteUnits -
            before.dynamo.tableWriteUnits +
            after.dynamo.indexWriteUnits -
            before.dynamo.indexWriteUnits +
            after.dynamo.conditionalFailures -
            before.dynamo.conditionalFailures,
        ),
        invocations: per(invocations),
        gbSeconds: per(gbSeconds),
        events: per(after.events - before.events),
        snsPublishes: per(delta('sns', before.calls, after.calls)),
        sqsRequests: per(delta('sqs', before.calls, after.calls)),
        s3Requests: per(delta('s3', before.calls, after.calls)),
        stateTransitions: per(after.transitions - before.transitions),
        apiRequests: per(apiRequests),
        logBytes: per(after.logBytes - before.logBytes + invocations * PLATFORM_LOG_BYTES_PER_INVOCATION),
        storedBytes: per(after.dynamo.storedBytes - before.dynamo.storedBytes),
      };
    };
    const put = async (batch: SourceEvent[]) => {
      for (let index = 0; index < batch.length; index += 10) {
        const entries = batch.slice(index, index + 10).map((event) => ({ Source: event.source, DetailType: event['detail-type'], Detail: JSON.stringify(event.detail) }));
        const answer = await bus.send(new PutEventsCommand({ Entries: entries }));
        if (answer.FailedEntryCount) throw new Error(`PutEvents failed: ${JSON.stringify(answer.Entries)}`);
      }
    };
    const imported = guardDutyEvents(sample.findings);
    const phase = async (name: string, units: number, work: () => Promise<unknown>, apiRequests = 0) => {
      const before = await snapshot();
      const began = performance.now();
      await work();
      const counts = perUnit(name, before, await snapshot(), units, apiRequests);
      phases[name].seconds = +((performance.now() - began) / 1000).toFixed(1);
      return counts;
    };
    const importNew = await phase('import: new finding', sample.findings, () => put(imported));
    const importIdentical = await phase('import: identical redelivery', sample.findings, () => put(imported));
    const importRepeat = await phase('import: repeat (newer UpdatedAt)', sample.findings, () => put(imported.map((event) => later(event, 1))));
    const importUpdate = await phase('import: update (severity)', sample.findings, () => put(imported.map((event) => later(event, 2, 8))));

    // A first sweep (not measured) writes the simulated resources' control findings; the measured
    // changes and the measured sweep then meet a steady state, as a daily sweep does.
    const sweepOnce = async () => {
      const result = (await startComplianceEvaluation(sfn, { wait: true, pollMs: 200 })) as {
        status?: string;
        sweep: { resourcesListed: number; controlFindingsEvaluated: number };
      };
      if (result.status !== 'SUCCEEDED') throw new Error(`The sweep ended ${result.status}`);
      await running.idle();
      return result.sweep;
    };
    const firstSweepBegan = performance.now();
    await sweepOnce();
    const firstSweepSeconds = +((performance.now() - firstSweepBegan) / 1000).toFixed(1);

    // Changes, one at a time as Config records them: every other one a new resource (a copy of one
    // of the simulated account's), the others a tag set on an existing one; each evaluated on change.
    const seed = (await readSeed()).filter((item) => controlsFor(item.resourceType).length > 0 && item.resourceType !== 'AWS::::Account');
    const changed = seed.slice(0, sample.changes).map((item, index) => ({ item, created: index % 2 === 0 }));
    const changeEvaluation = await phase('change: a resource created or changed, evaluated', changed.length, async () => {
      for (const [index, { item, created }] of changed.entries()) {
        const [path, body] = created
          ? [CONFIG_PATHS.resources, { ConfigurationItem: { ...item, resourceId: `${item.resourceId}-cost${index}`, ...(item.arn && { arn: `${item.arn}-cost${index}` }) } }]
          : [
              CONFIG_PATHS.simulateChange,
              { ResourceType: item.resourceType, ResourceId: item.resourceId, AccountId: item.accountId, AwsRegion: item.awsRegion, Set: [`tags.CostProbe=${index}`] },
            ];
        const response = await fetch(new URL(path, running.endpoint), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        if (!response.ok) throw new Error(`Recording ${item.resourceId} failed: ${await response.text()}`);
      }
    });
    const checksPerChange = changed.reduce((sum, { item }) => sum + controlsFor(item.resourceType).length, 0) / Math.max(1, changed.length);

    const beforeSweep = await snapshot();
    const sweepBegan = performance.now();
    const sweep = await sweepOnce();
    const sweepResource = perUnit('sweep: one resource (a second sweep)', beforeSweep, await snapshot(), Math.max(1, sweep.resourcesListed));
    phases['sweep: one resource (a second sweep)'].seconds = +((performance.now() - sweepBegan) / 1000).toFixed(1);

    const reads: GetFindingsCommandInput[] = [
      { MaxResults: 100 },
      { Filters: { SeverityLabel: [{ Value: 'HIGH', Comparison: 'EQUALS' }], RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' }] }, MaxResults: 100 },
      { Filters: { ResourceId: [{ Value: imported[0].detail.resource.instanceDetails.instanceId, Comparison: 'PREFIX' }] } },
      { Filters: { ComplianceStatus: [{ Value: 'FAILED', Comparison: 'EQUALS' }] }, MaxResults: 100 },
    ];
    const apiRead = await phase(
      'API read (GetFindings, four shapes)',
      sample.apiReads,
      async () => {
        for (let index = 0; index < sample.apiReads; index++) await hub.send(new GetFindingsCommand(reads[index % reads.length]));
      },
      sample.apiReads,
    );
    for (const client of [bus, hub, sfn]) client.destroy();
    return {
      measurement: {
        import: { new: importNew, identical: importIdentical, repeat: importRepeat, update: importUpdate },
        changeEvaluation,
        sweepResource,
        apiRead,
        checksPerResource: sweep.controlFindingsEvaluated / Math.max(1, sweep.resourcesListed),
        checksPerChange,
        fixed: fixedResourcesOf(stack.template),
      },
      detail: { sample, resourcesSwept: sweep.resourcesListed, seconds: Math.round((performance.now() - started) / 1000), startupSeconds, firstSweepSeconds, phases },
    };
  } finally {
    try {
      await local?.stop();
      await meter?.stop();
    } finally {
      calls.stop();
      logs.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  }
}
