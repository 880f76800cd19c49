/**
 * Compliance benches (issue 4):
 * - {@link benchEvaluation}: configuration items evaluated per second (all applicable controls) by
 *   the pure core on one core, against the floor of JSON.parse + JSON.stringify of the same items.
 * - {@link benchSweep}: the compliance-evaluation ASL on aws-local-stepfunctions with the real
 *   sweep handlers, the store on dynalite (its own process) and a simulated Config aggregator
 *   (in-process fake client, calls counted per operation); wall time, Config calls, state
 *   transitions per resource, DynamoDB writes per evaluated control and requests per resource (by
 *   operation), first and second sweep.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ConfigServiceClient } from '@aws-sdk/client-config-service';
import type { Context } from 'aws-lambda';
import { summarizeHistory, sweepCounts } from '../../bin/cli/compliance-evaluation';
import { AggregatorConfigItems } from '../../lambdas/compliance/config-items-api';
import { controlsFor } from '../../lambdas/compliance/controls/registry';
import type { ConfigurationItem } from '../../lambdas/compliance/controls/types';
import { ACCOUNT_TYPE, assembleAccountItem, evaluateItem, type RelatedItems } from '../../lambdas/compliance/evaluate';
import { defaultComplianceSettings } from '../../lambdas/compliance/settings';
import { createArchiveStaleHandler } from '../../lambdas/functions/compliance-sweep-archive-stale/handler';
import { createEvaluateBatchHandler } from '../../lambdas/functions/compliance-sweep-evaluate-batch/handler';
import { createListHandler } from '../../lambdas/functions/compliance-sweep-list/handler';
import { createSnapshotHandler } from '../../lambdas/functions/compliance-sweep-snapshot/handler';
import { ScoreSnapshotStore } from '../../lambdas/compliance/state/score-snapshots';
import { SWEEP_TYPE_GROUPS } from '../../lambdas/compliance/sweep/sweep';
import type { SweepDeps } from '../../lambdas/wiring/sweep-task';
import { FindingsStore } from '../../lambdas/store/findings-store';
import { LocalStateMachines, type TaskFunction } from '../../lib/local/engine';
import type { BenchDynamo } from './support';

const ROOT = path.join(__dirname, '..', '..');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'config-items');
const DELETED = new Set(['ResourceDeleted', 'ResourceDeletedNotRecorded', 'ResourceNotRecorded']);

/** The admin Region of the bench: global resources' findings and the per-account IAM controls live there. */
const HOME_REGION = 'us-east-1';

/** Every configuration item fixture (test/fixtures/config-items/**). */
function fixtureItems(): ConfigurationItem[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.json')) files.push(full);
    }
  };
  walk(FIXTURES);
  return files.sort().map((file) => JSON.parse(fs.readFileSync(file, 'utf8')) as ConfigurationItem);
}

/** A copy of an item with another identity (resource id, ARN, account). */
function copyOf(item: ConfigurationItem, suffix: string, accountId = item.accountId, awsRegion = item.awsRegion): ConfigurationItem {
  const resourceId = item.resourceType === ACCOUNT_TYPE ? accountId : `${item.resourceId}-${suffix}`;
  return { ...item, accountId, awsRegion, resourceId, ...(item.arn && { arn: `${item.arn}-${suffix}` }) };
}

/** Items per second of `fn` over the items, for at least `seconds`. */
function rate<T>(items: T[], fn: (item: T) => void, seconds = 1): number {
  let count = 0;
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    for (const item of items) fn(item);
    count += items.length;
  }
  return count / ((performance.now() - started) / 1000);
}

/**
 * Configuration items evaluated per second by the pure core (every control of the item's type,
 * findings built), over the fixtures copied `copies` times with other ids; the account items are
 * assembled from the recorded account settings as the sweep does.
 */
export function benchEvaluation(copies = 20) {
  const fixtures = fixtureItems();
  const byType = new Map<string, ConfigurationItem[]>();
  for (const item of fixtures) byType.set(item.resourceType, [...(byType.get(item.resourceType) ?? []), item]);
  const related: RelatedItems = (type) => byType.get(type) ?? [];
  const items: ConfigurationItem[] = [];
  for (let copy = 0; copy < copies; copy++) {
    for (const item of fixtures) {
      if (item.resourceType === ACCOUNT_TYPE) {
        const settings = copyOf(item, String(copy));
        items.push(assembleAccountItem(item.accountId, item.awsRegion, (type) => (type === ACCOUNT_TYPE ? [settings] : related(type))));
      } else {
        items.push(copyOf(item, String(copy)));
      }
    }
  }
  const settings = defaultComplianceSettings();
  const now = new Date('2026-11-20T00:00:00Z');
  const controlsPerPass = items.reduce((sum, item) => sum + controlsFor(item.resourceType).length, 0);
  let errors = 0;
  const evaluate = (item: ConfigurationItem) => {
    for (const outcome of evaluateItem({ item, related, settings, now, homeRegion: HOME_REGION })) if (outcome.error) errors++;
  };
  const roundTrip = (item: ConfigurationItem) => JSON.stringify(JSON.parse(JSON.stringify(item)));
  rate(items, roundTrip, 0.3);
  rate(items, evaluate, 0.3);
  errors = 0;
  const floor = rate(items, roundTrip);
  const evaluated = rate(items, evaluate);
  return {
    fixtures: fixtures.length,
    items: items.length,
    controlsPerItem: +(controlsPerPass / items.length).toFixed(2),
    floorItemsPerSecond: Math.round(floor),
    itemsPerSecond: Math.round(evaluated),
    controlsPerSecond: Math.round((evaluated * controlsPerPass) / items.length),
    costTimesFloor: +(floor / evaluated).toFixed(2),
    evaluatorErrors: errors,
  };
}

/** An item as BatchGetAggregateResourceConfig returns it (configuration and supplementary values as JSON text). */
function apiItem(item: ConfigurationItem) {
  return {
    ...item,
    configuration: JSON.stringify(item.configuration),
    supplementaryConfiguration: Object.fromEntries(
      Object.entries(item.supplementaryConfiguration ?? {}).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]),
    ),
  };
}

/** The simulated organization: `accounts` accounts (one Region each) × `resources` resources cycled from the fixtures, plus each account's recorded settings. */
export function simulatedOrganization(accounts: number, resources: number): ConfigurationItem[] {
  const fixtures = fixtureItems().filter((item) => !DELETED.has(item.configurationItemStatus ?? 'OK'));
  const settings = fixtures.filter((item) => item.resourceType === ACCOUNT_TYPE);
  const others = fixtures.filter((item) => item.resourceType !== ACCOUNT_TYPE);
  const items: ConfigurationItem[] = [];
  for (let a = 0; a < accounts; a++) {
    const accountId = String(200000000000 + a);
    const awsRegion = ['us-east-1', 'eu-west-1', 'ap-southeast-2'][a % 3];
    items.push(copyOf(settings[a % settings.length], '', accountId, awsRegion));
    for (let r = 0; r < resources; r++) items.push(copyOf(others[(a + r) % others.length], `${a}-${r}`, accountId, awsRegion));
  }
  return items;
}

interface CommandLike {
  input: Record<string, unknown>;
  constructor: { name: string };
}

/**
 * A Config aggregator in process: the calls the sweep tasks make (ListAggregateDiscoveredResources,
 * BatchGetAggregateResourceConfig, DescribeConfigurationAggregatorSourcesStatus), pages of 100 as
 * AWS's, calls counted per operation.
 */
export function fakeAggregator(items: ConfigurationItem[]) {
  const calls: Record<string, number> = {};
  const byType = new Map<string, ConfigurationItem[]>();
  const byKey = new Map<string, ReturnType<typeof apiItem>>();
  const keyOf = (account: string, region: string, type: string, id: string) => `${account}|${region}|${type}|${id}`;
  const places = new Map<string, { SourceId: string; AwsRegion: string }>();
  for (const item of [...items].sort((a, b) => a.accountId.localeCompare(b.accountId) || a.resourceId.localeCompare(b.resourceId))) {
    byType.set(item.resourceType, [...(byType.get(item.resourceType) ?? []), item]);
    byKey.set(keyOf(item.accountId, item.awsRegion, item.resourceType, item.resourceId), apiItem(item));
    places.set(`${item.accountId}|${item.awsRegion}`, { SourceId: item.accountId, AwsRegion: item.awsRegion });
  }
  const page = <T>(all: T[], token: unknown, limit: number) => {
    const start = Number(token ?? 0);
    return { slice: all.slice(start, start + limit), NextToken: start + limit < all.length ? String(start + limit) : undefined };
  };
  const operations: Record<string, (input: Record<string, unknown>) => unknown> = {
    ListAggregateDiscoveredResources: (input) => {
      const filters = (input.Filters ?? {}) as { AccountId?: string; Region?: string };
      const all = (byType.get(input.ResourceType as string) ?? []).filter(
        (item) => (!filters.AccountId || item.accountId === filters.AccountId) && (!filters.Region || item.awsRegion === filters.Region),
      );
      const { slice, NextToken } = page(all, input.NextToken, Math.min(100, Number(input.Limit ?? 100)));
      return {
        ResourceIdentifiers: slice.map((item) => ({ SourceAccountId: item.accountId, SourceRegion: item.awsRegion, ResourceType: item.resourceType, ResourceId: item.resourceId })),
        NextToken,
      };
    },
    BatchGetAggregateResourceConfig: (input) => {
      const ids = input.ResourceIdentifiers as Array<{ SourceAccountId: string; SourceRegion: string; ResourceType: string; ResourceId: string }>;
      if (ids.length > 100) throw Object.assign(new Error('At most 100 resource identifiers'), { name: 'ValidationException' });
      return {
        BaseConfigurationItems: ids.flatMap((id) => byKey.get(keyOf(id.SourceAccountId, id.SourceRegion, id.ResourceType, id.ResourceId)) ?? []),
        UnprocessedResourceIdentifiers: [],
      };
    },
    DescribeConfigurationAggregatorSourcesStatus: (input) => {
      const { slice, NextToken } = page([...places.values()], input.NextToken, Math.min(100, Number(input.Limit ?? 100)));
      return { AggregatedSourceStatusList: slice.map((place) => ({ ...place, SourceType: 'ORGANIZATION', LastUpdateStatus: 'SUCCEEDED' })), NextToken };
    },
  };
  const client = {
    async send(command: CommandLike) {
      const operation = command.constructor.name.replace(/Command$/, '');
      calls[operation] = (calls[operation] ?? 0) + 1;
      const handler = operations[operation];
      if (!handler) throw new Error(`The simulated aggregator does not serve ${operation}`);
      await Promise.resolve(); // an SDK call never answers synchronously
      return handler(command.input);
    },
  };
  return { client: client as unknown as ConfigServiceClient, calls };
}

/** Items a DynamoDB request writes (PutItem, BatchWriteItem put/delete requests, TransactWriteItems, Update/DeleteItem). */
function writesOf(commandName: string, input: Record<string, unknown>): number {
  switch (commandName) {
    case 'PutItemCommand':
    case 'UpdateItemCommand':
    case 'DeleteItemCommand':
      return 1;
    case 'BatchWriteItemCommand':
      return Object.values((input.RequestItems ?? {}) as Record<string, unknown[]>).reduce((sum, requests) => sum + requests.length, 0);
    case 'TransactWriteItemsCommand':
      return ((input.TransactItems ?? []) as unknown[]).length;
    default:
      return 0;
  }
}

const ARN = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:Bench-${name}`;

/**
 * Two identical sweeps of a simulated organization through the compliance-evaluation ASL on
 * aws-local-stepfunctions, with the real sweep handlers (their deps injected: the fake aggregator
 * behind the real AggregatorConfigItems, the real FindingsStore on dynalite).
 */
export async function benchSweep(dynamo: BenchDynamo, accounts: number, resources: number) {
  const savedLogLevel = process.env.POWERTOOLS_LOG_LEVEL;
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  const organization = simulatedOrganization(accounts, resources);
  const aggregator = fakeAggregator(organization);
  const tableName = await dynamo.newTable('bench-compliance-sweep');

  const dynamoCalls: Record<string, number> = {};
  let writes = 0;
  let eventsPut = 0; // score / control status change events the snapshot task puts on the bus
  const middlewareName = 'benchComplianceWriteCounter';
  dynamo.client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = context.commandName ?? 'unknown';
      dynamoCalls[name] = (dynamoCalls[name] ?? 0) + 1;
      writes += writesOf(name, (args.input ?? {}) as Record<string, unknown>);
      return next(args);
    },
    { step: 'initialize', name: middlewareName },
  );
  try {
    const deps: SweepDeps = {
      source: new AggregatorConfigItems(aggregator.client, 'bench-aggregator'),
      store: new FindingsStore({ client: dynamo.client, tableName }),
      settings: async () => defaultComplianceSettings(),
      now: () => new Date(),
      homeRegion: HOME_REGION,
    };
    const context = {} as Context;
    const wrap =
      (handler: (input: never, context: Context) => Promise<unknown>): TaskFunction =>
      (input) =>
        handler(input as never, context);
    const functions = new Map<string, TaskFunction>([
      [ARN('SweepList'), wrap(createListHandler(() => deps))],
      [ARN('SweepEvaluateBatch'), wrap(createEvaluateBatchHandler(() => deps))],
      [ARN('SweepArchiveStale'), wrap(createArchiveStaleHandler(() => deps))],
      [
        ARN('SweepSnapshot'),
        wrap(
          createSnapshotHandler(
            () => deps,
            () => ({
              findings: deps.store as FindingsStore,
              snapshots: new ScoreSnapshotStore({ client: dynamo.client, tableName }),
              putEvents: async (entries) => {
                eventsPut += entries.length;
                return { FailedEntryCount: 0, Entries: entries.map(() => ({})) };
              },
              eventBusName: 'bench-bus',
              region: 'us-east-1',
            }),
          ),
        ),
      ],
    ]);
    const stateMachineArn = 'arn:aws:states:us-east-1:000000000000:stateMachine:Bench-ComplianceEvaluation';
    const machines = new LocalStateMachines(
      [
        {
          logicalId: 'ComplianceEvaluation',
          name: 'Bench-ComplianceEvaluation',
          arn: stateMachineArn,
          definitionFile: 'statemachines/compliance-evaluation.asl.json',
          substitutions: {
            SweptTypes: SWEEP_TYPE_GROUPS.join(','),
            ListFunctionArn: ARN('SweepList'),
            EvaluateBatchFunctionArn: ARN('SweepEvaluateBatch'),
            ArchiveStaleFunctionArn: ARN('SweepArchiveStale'),
            SnapshotFunctionArn: ARN('SweepSnapshot'),
          },
        },
      ],
      { root: ROOT, functions },
    );

    const sweep = async (name: string) => {
      for (const key of Object.keys(aggregator.calls)) delete aggregator.calls[key];
      for (const key of Object.keys(dynamoCalls)) delete dynamoCalls[key];
      writes = 0;
      eventsPut = 0;
      const started = performance.now();
      const execution = machines.start(stateMachineArn, '{}', name)!;
      const done = (await machines.wait(execution.executionArn))!;
      const wallSeconds = (performance.now() - started) / 1000;
      if (done.status !== 'SUCCEEDED') throw new Error(`Sweep ${name} ${done.status}: ${done.error} ${done.cause}`);
      const counts = sweepCounts(summarizeHistory(machines.history(execution.executionArn)! as never));
      const configCalls = { ...aggregator.calls };
      const configTotal = Object.values(configCalls).reduce((sum, n) => sum + n, 0);
      return {
        sweep: name,
        wallSeconds: +wallSeconds.toFixed(1),
        resourcesListed: counts.resourcesListed,
        resourcesPerSecond: Math.round(counts.resourcesListed / wallSeconds),
        configApiCalls: configTotal,
        configCallsPerResource: +(configTotal / Math.max(1, counts.resourcesListed)).toFixed(3),
        configCalls,
        stateTransitions: counts.stateTransitions,
        stateTransitionsPerResource: counts.stateTransitionsPerResource,
        controlFindingsEvaluated: counts.controlFindingsEvaluated,
        findingsWritten: counts.findingsWritten,
        findingsUnchanged: counts.findingsUnchanged,
        findingsArchived: counts.findingsArchived,
        evaluationErrors: counts.evaluationErrors,
        dynamoWrites: writes, // includes the score snapshot the Snapshot Scores task stores each sweep
        scoreEventsPut: eventsPut,
        dynamoWritesPerEvaluatedControl: +(writes / Math.max(1, counts.controlFindingsEvaluated)).toFixed(3),
        dynamoRequestsPerResource: +(Object.values(dynamoCalls).reduce((sum, n) => sum + n, 0) / Math.max(1, counts.resourcesListed)).toFixed(3),
        dynamoCalls: { ...dynamoCalls },
      };
    };

    const first = await sweep('first');
    const second = await sweep('second');
    return { accounts, resourcesPerAccount: resources, configurationItems: organization.length, sweeps: [first, second] };
  } finally {
    dynamo.client.middlewareStack.remove(middlewareName);
    if (savedLogLevel === undefined) delete process.env.POWERTOOLS_LOG_LEVEL;
    else process.env.POWERTOOLS_LOG_LEVEL = savedLogLevel;
  }
}

/** The sweeps as table rows (per-operation counts flattened). */
export function sweepRows(result: Awaited<ReturnType<typeof benchSweep>>) {
  return result.sweeps.map(({ configCalls, dynamoCalls, ...row }) => ({
    ...row,
    ...Object.fromEntries(Object.entries(configCalls).map(([operation, n]) => [`config:${operation}`, n])),
    ...Object.fromEntries(Object.entries(dynamoCalls).map(([operation, n]) => [`ddb:${operation.replace(/Command$/, '')}`, n])),
  }));
}
