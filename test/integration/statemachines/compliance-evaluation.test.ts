import * as path from 'node:path';
import {
  BatchGetAggregateResourceConfigCommand,
  ConfigServiceClient,
  DescribeConfigurationAggregatorSourcesStatusCommand,
  ListAggregateDiscoveredResourcesCommand,
} from '@aws-sdk/client-config-service';
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { Template } from 'aws-cdk-lib/assertions';
import * as events from 'aws-cdk-lib/aws-events';
import * as kms from 'aws-cdk-lib/aws-kms';
import { mockClient } from 'aws-sdk-client-mock';
import type { AddressInfo } from 'node:net';
import { SFNClient } from '@aws-sdk/client-sfn';
import { startComplianceEvaluation, summarizeHistory, sweepCounts } from '../../../bin/cli/compliance-evaluation';
import { controlFindingId } from '../../../lambdas/compliance/control-finding';
import type { ConfigurationItem } from '../../../lambdas/compliance/controls/types';
import { CONTROL_STATUS_CHANGED, SCORE_CHANGED, type ControlStatusChangedDetail } from '../../../lambdas/compliance/score-events';
import { ScoreSnapshotStore } from '../../../lambdas/compliance/state/score-snapshots';
import { FindingsStore } from '../../../lambdas/store/findings-store';
import { Compliance } from '../../../lib/constructs/compliance';
import { FindingsStore as FindingsStoreConstruct } from '../../../lib/constructs/findings-store';
import { lambdaContext } from '../../../lib/local/engine';
import { extractStackModel, type CfnTemplate, type LocalFunction } from '../../../lib/local/engine';
import { createEdgeServer } from '../../../lib/local/engine';
import { extractStateMachines, LocalStateMachines, localFunctionArn, type TaskFunction } from '../../../lib/local/engine';
import { stepFunctionsService } from '../../../lib/local/engine';
import { testStack } from '../../cdk/synth';
import { startDynalite, type LocalDynamo } from '../../support/dynalite';
import { configItem } from '../../support/fixtures';

const ROOT = path.join(__dirname, '../../..');
const item = (file: string) => configItem(file);
const NAMES = { stackName: 'Test', account: '000000000000', region: 'us-east-1' };
const ACCOUNT = { accountId: '111122223333', awsRegion: 'eu-west-1' };

/**
 * The functions in this test's process (not in isolates, as the embedded default runs them): the
 * test mocks their AWS SDK clients with aws-sdk-client-mock, which reaches only this module
 * registry. They share this process's environment: it gets every variable of theirs on which no two
 * disagree (what the sweep handlers read; each function's own POWERTOOLS_SERVICE_NAME is left out).
 */
function inProcessFunctions(functions: readonly LocalFunction[], names: typeof NAMES): Map<string, TaskFunction> {
  for (const fn of functions) {
    for (const [key, value] of Object.entries(fn.environment)) {
      if (functions.every((other) => other.environment[key] === undefined || other.environment[key] === value)) process.env[key] = value;
    }
  }
  return new Map(
    functions.map((fn): [string, TaskFunction] => [
      localFunctionArn(names, fn.name),
      async (input) => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { handler } = require(path.join(ROOT, fn.entry)) as { handler: (event: unknown, context: unknown) => Promise<unknown> };
        const context = lambdaContext({
          functionName: fn.name,
          awsRequestId: `test-${Date.now()}`,
          invokedFunctionArn: localFunctionArn(names, fn.name),
          memoryLimitInMB: '1024',
          deadlineMs: Date.now() + fn.timeoutSeconds * 1000,
        });
        return handler(input, context);
      },
    ]),
  );
}

/** The aggregator of a simulated member account: a mutable set of items behind the mocked Config client. */
function simulateAggregator(config: ReturnType<typeof mockClient>, items: ConfigurationItem[], pageSize = 2) {
  let calls = 0;
  const matches = (ci: ConfigurationItem, type?: string, account?: string, region?: string) =>
    ci.resourceType === type && (!account || ci.accountId === account) && (!region || ci.awsRegion === region);
  config.on(ListAggregateDiscoveredResourcesCommand).callsFake((input) => {
    calls++;
    const all = items.filter((ci) => matches(ci, input.ResourceType, input.Filters?.AccountId, input.Filters?.Region));
    const start = Number(input.NextToken ?? 0);
    const page = all.slice(start, start + pageSize); // small pages by default: the list loop is exercised
    return {
      ResourceIdentifiers: page.map((ci) => ({ SourceAccountId: ci.accountId, SourceRegion: ci.awsRegion, ResourceType: ci.resourceType, ResourceId: ci.resourceId })),
      NextToken: start + pageSize < all.length ? String(start + pageSize) : undefined,
    };
  });
  config.on(BatchGetAggregateResourceConfigCommand).callsFake((input) => {
    calls++;
    return {
      BaseConfigurationItems: input.ResourceIdentifiers.flatMap((id: { ResourceType: string; ResourceId: string; SourceAccountId: string }) =>
        items
          .filter((ci) => ci.resourceType === id.ResourceType && ci.resourceId === id.ResourceId && ci.accountId === id.SourceAccountId)
          .map((ci) => ({ ...ci, configuration: JSON.stringify(ci.configuration), supplementaryConfiguration: {} })),
      ),
    };
  });
  config.on(DescribeConfigurationAggregatorSourcesStatusCommand).callsFake(() => {
    calls++;
    return { AggregatedSourceStatusList: [{ SourceId: ACCOUNT.accountId, AwsRegion: ACCOUNT.awsRegion, SourceType: 'ORGANIZATION', LastUpdateStatus: 'SUCCEEDED' }] };
  });
  return { calls: () => calls };
}

describe('compliance-evaluation state machine on aws-local-stepfunctions (real sweep handlers, store on dynalite, Config simulated)', () => {
  const config = mockClient(ConfigServiceClient);
  const eventBridge = mockClient(EventBridgeClient);
  let putEntries: PutEventsRequestEntry[];
  let dynamo: LocalDynamo;
  let tableName: string;
  let store: FindingsStore;
  let machines: LocalStateMachines;
  let stateMachineArn: string;
  let items: ConfigurationItem[];
  const saved = { ...process.env };

  beforeAll(async () => {
    dynamo = await startDynalite();
    tableName = await dynamo.newFindingsTable();
    store = new FindingsStore({ client: dynamo.client, tableName });
    // What the embedded default sets for every handler: the SDK's endpoint override, a Region, dummy credentials.
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    });

    // The stack as the embedded default reads it: the synthesized template, functions by entry file.
    const stack = testStack();
    const table = new FindingsStoreConstruct(stack, 'FindingsStore');
    new Compliance(stack, 'Compliance', { table: table.table, bus: new events.EventBus(stack, 'OrganizationBus'), deadLetterKey: new kms.Key(stack, 'Key') });
    const template = Template.fromStack(stack).toJSON() as CfnTemplate;
    const names = { ...NAMES, tableName: () => tableName };
    const model = extractStackModel(template, names);
    machines = new LocalStateMachines(extractStateMachines(template, model, names), { root: ROOT, functions: inProcessFunctions(Object.values(model.functions), NAMES) });
    stateMachineArn = machines.list()[0].arn;
  });
  afterAll(async () => {
    process.env = saved;
    await dynamo.stop();
  });

  beforeEach(() => {
    config.reset();
    eventBridge.reset();
    putEntries = [];
    eventBridge.on(PutEventsCommand).callsFake((input: { Entries: PutEventsRequestEntry[] }) => {
      putEntries.push(...input.Entries);
      return { FailedEntryCount: 0, Entries: input.Entries.map((_, i) => ({ EventId: `e-${putEntries.length}-${i}` })) };
    });
    items = [item('ec2/sg-open-admin.json'), item('ec2/sg-web.json'), item('ec2/sg-default-closed.json'), item('account/guardduty-detector-enabled.json')];
  });

  async function sweep(name: string) {
    const started = machines.start(stateMachineArn, '{}', name)!;
    const execution = (await machines.wait(started.executionArn))!;
    const counts = sweepCounts(summarizeHistory(machines.history(started.executionArn)!));
    return { execution, counts };
  }
  const read = async (Id: string) => (await store.getFindings({ Filters: { Id: [{ Value: Id, Comparison: 'EQUALS' }] } })).Findings[0];

  it('sweeps a simulated account into control findings, loops over list pages, archives stale ones, and changes nothing the second time', async () => {
    simulateAggregator(config, items);

    const first = await sweep('first');

    expect(first.execution.status).toBe('SUCCEEDED');
    expect(first.counts.resourcesListed).toBe(4); // three security groups (two list pages) and the account
    expect(first.counts.findingsWritten).toBeGreaterThan(0);
    expect((await read(controlFindingId('EC2.19', items[0]))).Compliance?.Status).toBe('FAILED');
    expect((await read(controlFindingId('GuardDuty.1', { ...ACCOUNT, resourceType: 'AWS::::Account', resourceId: ACCOUNT.accountId }))).Compliance?.Status).toBe('PASSED');
    const output = JSON.parse(first.execution.output!) as { startedAt: string; archive: { archived: number } };
    expect(output.archive.archived).toBe(0);
    // The first snapshot: every control with findings left NO_DATA, and the scores appeared.
    expect(putEntries.filter((entry) => entry.DetailType === SCORE_CHANGED).length).toBeGreaterThan(0);
    expect(putEntries.map((entry) => JSON.parse(entry.Detail!))).toContainEqual(
      expect.objectContaining({ SecurityControlId: 'EC2.19', previousStatus: 'NO_DATA', status: 'FAILED' }),
    );
    putEntries = [];

    const second = await sweep('second');

    expect(second.execution.status).toBe('SUCCEEDED');
    expect(second.counts.findingsWritten).toBe(0);
    expect(second.counts.findingsArchived).toBe(0);
    expect(second.counts.controlFindingsEvaluated).toBe(first.counts.controlFindingsEvaluated);
    expect(putEntries).toEqual([]); // no score or control status changed
    console.log(`compliance-evaluation: ${JSON.stringify(second.counts)}`);
  });

  it('stores a score snapshot after each sweep and puts score / control-status change events on the bus, none when nothing changed', async () => {
    simulateAggregator(config, items);
    const snapshots = new ScoreSnapshotStore({ client: dynamo.client, tableName });
    const before = (await snapshots.list(new Date(0), new Date())).length;

    const first = await sweep('snapshot-first');

    expect(first.execution.status).toBe('SUCCEEDED');
    const firstOutput = JSON.parse(first.execution.output!) as { snapshot: { eventsPut: number; scoreChanges: number; controlChanges: number; summaryScore: number | null } };
    const stored = await snapshots.list(new Date(0), new Date());
    expect(stored).toHaveLength(before + 1);
    expect(firstOutput.snapshot.summaryScore).toBe(stored[0].scores.summary.score);
    // Earlier sweeps in this file took their own snapshots: only what changed since then is put.
    expect(firstOutput.snapshot.eventsPut).toBe(putEntries.length);
    expect(firstOutput.snapshot.eventsPut).toBe(firstOutput.snapshot.scoreChanges + firstOutput.snapshot.controlChanges);
    expect(eventBridge.commandCalls(PutEventsCommand).every((call) => call.args[0].input.Entries!.length <= 10)).toBe(true);
    for (const entry of putEntries) {
      expect(entry.Source).toBe('open-security-hub');
      expect([SCORE_CHANGED, CONTROL_STATUS_CHANGED]).toContain(entry.DetailType);
      expect(entry.EventBusName).toMatch(/OrganizationBus/);
    }

    // Deleting the open security group flips EC2.19 (and maybe others) — a change event for it.
    const open = items.shift()!;
    putEntries = [];
    const second = await sweep('snapshot-after-change');
    expect(second.execution.status).toBe('SUCCEEDED');
    expect(second.counts.findingsArchived).toBeGreaterThan(0);
    const changed = putEntries.filter((entry) => entry.DetailType === CONTROL_STATUS_CHANGED).map((entry) => JSON.parse(entry.Detail!) as ControlStatusChangedDetail);
    expect(changed).toContainEqual(expect.objectContaining({ SecurityControlId: 'EC2.19', previousStatus: 'FAILED' }));
    expect(changed.find((detail) => detail.SecurityControlId === 'EC2.19')!.StandardsArns.length).toBeGreaterThan(0);
    items.unshift(open);

    // Nothing changes between two identical sweeps: a snapshot each, no event.
    await sweep('snapshot-restored');
    putEntries = [];
    const identical = await sweep('snapshot-identical');

    expect(identical.execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(identical.execution.output!).snapshot).toMatchObject({ eventsPut: 0, scoreChanges: 0, controlChanges: 0 });
    expect(putEntries).toEqual([]);
    expect(await snapshots.list(new Date(0), new Date())).toHaveLength(before + 4);
  });

  it('fails the execution when the bus rejects the change events, after retrying', async () => {
    simulateAggregator(config, items.slice(1)); // a change since the last snapshot: events to put
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'boom' }] });

    const { execution } = await sweep('snapshot-rejected');

    expect(execution.status).toBe('FAILED');
    expect(execution.error).toBe('ScoreEventsRejectedError');
    expect(eventBridge.commandCalls(PutEventsCommand).length).toBeGreaterThanOrEqual(4); // the first attempt and 3 retries (2 s, 4 s, 8 s with full jitter)
  }, 120_000);

  it("archives a deleted resource's control findings on the next sweep, and only those", async () => {
    simulateAggregator(config, items);
    await sweep('before-delete');
    const [gone, kept] = items.splice(0, 2);

    const after = await sweep('after-delete');

    expect(after.execution.status).toBe('SUCCEEDED');
    expect(after.counts.findingsArchived).toBeGreaterThan(0);
    expect((await read(controlFindingId('EC2.19', gone))).RecordState).toBe('ARCHIVED');
    expect((await read(controlFindingId('EC2.19', kept))).RecordState).toBe('ARCHIVED');
    expect((await read(controlFindingId('EC2.19', items[0]))).RecordState).toBe('ACTIVE');
  });

  it('fails the execution with the error, after recording it, when a task fails', async () => {
    config
      .on(ListAggregateDiscoveredResourcesCommand)
      .rejects(Object.assign(new Error('User is not authorized to call ListAggregateDiscoveredResources'), { name: 'AccessDeniedException' }));
    config.on(DescribeConfigurationAggregatorSourcesStatusCommand).rejects(Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' }));

    const { execution } = await sweep('denied');

    expect(execution.status).toBe('FAILED');
    expect(execution.error).toBe('AccessDeniedException');
    expect(execution.cause).toMatch(/^Compliance sweep started .* failed: /);
  });

  it('serves the Step Functions API on the edge: the CLI starts a sweep, waits, and reads its counts from the history', async () => {
    simulateAggregator(config, items);
    const server = createEdgeServer([stepFunctionsService(machines)]);
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const client = new SFNClient({
      endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    try {
      const result = (await startComplianceEvaluation(client, { wait: true, pollMs: 20 })) as {
        status: string;
        executionArn: string;
        sweep: ReturnType<typeof sweepCounts>;
        output: { archive: object };
      };

      expect(result.status).toBe('SUCCEEDED');
      expect(result.executionArn).toMatch(/^arn:aws:states:us-east-1:000000000000:execution:Test-ComplianceComplianceEvaluation:/);
      expect(result.sweep.resourcesListed).toBe(4);
      expect(result.sweep.stateTransitions).toBeGreaterThan(0);
      expect(result.output.archive).toBeDefined();
    } finally {
      client.destroy();
      await new Promise<void>((done) => server.close(() => done()));
    }
  });

  // Last: it leaves 3,600 control findings of 900 resources that a later sweep of the 4 test resources
  // would archive (minutes of work under load, past the task's timeout), so no test runs after it.
  it('takes well below one state transition per resource at organization scale', async () => {
    // 3 accounts × 300 security groups, listed in Config's page size (100): each list task reads
    // 5 pages (500 identifiers, 5 batches), so the loop runs twice for 900 resources.
    const many: ConfigurationItem[] = [];
    const template = item('ec2/sg-web.json');
    for (let account = 0; account < 3; account++) {
      for (let n = 0; n < 300; n++) many.push({ ...template, accountId: `10000000000${account}`, resourceId: `sg-${account}-${n}`, arn: `${template.arn}-${account}-${n}` });
    }
    simulateAggregator(config, many, 100);

    const { execution, counts } = await sweep('scale');

    expect(execution.status).toBe('SUCCEEDED');
    expect(counts.resourcesListed).toBe(901); // and the simulated account's one account/Region pair
    console.log(`compliance-evaluation at scale: ${JSON.stringify(counts)}`);
    expect(counts.stateTransitionsPerResource).toBeLessThan(0.2); // 21 swept types cost ~4 transitions each, even when empty
  });
});
