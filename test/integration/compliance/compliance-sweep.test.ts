import {
  BatchGetAggregateResourceConfigCommand,
  ConfigServiceClient,
  DescribeConfigurationAggregatorSourcesStatusCommand,
  ListAggregateDiscoveredResourcesCommand,
} from '@aws-sdk/client-config-service';
import { mockClient } from 'aws-sdk-client-mock';
import type { Context } from 'aws-lambda';
import type { ResourceKey } from '../../../lambdas/compliance/config-items';
import { AggregatorConfigItems } from '../../../lambdas/compliance/config-items-api';
import { controlFindingId } from '../../../lambdas/compliance/control-finding';
import type { ConfigurationItem } from '../../../lambdas/compliance/controls/types';
import { defaultComplianceSettings } from '../../../lambdas/compliance/settings';
import { createArchiveStaleHandler } from '../../../lambdas/functions/compliance-sweep-archive-stale/handler';
import { createEvaluateBatchHandler } from '../../../lambdas/functions/compliance-sweep-evaluate-batch/handler';
import { createListHandler } from '../../../lambdas/functions/compliance-sweep-list/handler';
import type { SweepDeps } from '../../../lambdas/wiring/sweep-task';
import { FindingsStore } from '../../../lambdas/store/findings-store';
import { startDynalite, type LocalDynamo } from '../../support/dynalite';
import { configItem } from '../../support/fixtures';

const item = (file: string) => configItem(file);
const ctx = {} as Context;

/** A simulated aggregator behind the mocked Config client: a mutable set of items. */
function simulateAggregator(config: ReturnType<typeof mockClient>, items: ConfigurationItem[]) {
  const matches = (ci: ConfigurationItem, type?: string, account?: string, region?: string) =>
    ci.resourceType === type && (!account || ci.accountId === account) && (!region || ci.awsRegion === region);
  config.on(ListAggregateDiscoveredResourcesCommand).callsFake((input) => {
    const all = items.filter((ci) => matches(ci, input.ResourceType, input.Filters?.AccountId, input.Filters?.Region));
    const start = Number(input.NextToken ?? 0);
    const page = all.slice(start, start + 2); // small pages: pagination is exercised
    return {
      ResourceIdentifiers: page.map((ci) => ({ SourceAccountId: ci.accountId, SourceRegion: ci.awsRegion, ResourceType: ci.resourceType, ResourceId: ci.resourceId })),
      NextToken: start + 2 < all.length ? String(start + 2) : undefined,
    };
  });
  config.on(BatchGetAggregateResourceConfigCommand).callsFake((input) => ({
    BaseConfigurationItems: input.ResourceIdentifiers.flatMap((id: { ResourceType: string; ResourceId: string; SourceAccountId: string }) =>
      items
        .filter((ci) => ci.resourceType === id.ResourceType && ci.resourceId === id.ResourceId && ci.accountId === id.SourceAccountId)
        .map((ci) => ({ ...ci, configuration: JSON.stringify(ci.configuration), supplementaryConfiguration: {} })),
    ),
  }));
  config.on(DescribeConfigurationAggregatorSourcesStatusCommand).resolves({
    AggregatedSourceStatusList: [{ SourceId: '111122223333', AwsRegion: 'eu-west-1', SourceType: 'ORGANIZATION', LastUpdateStatus: 'SUCCEEDED' }],
  });
}

describe('compliance sweep tasks (Config mocked, store on dynalite)', () => {
  let dynamo: LocalDynamo;
  let store: FindingsStore;
  let items: ConfigurationItem[];
  let now: Date;
  const config = mockClient(ConfigServiceClient);

  beforeAll(async () => {
    dynamo = await startDynalite();
  });
  afterAll(() => dynamo.stop());

  beforeEach(async () => {
    config.reset();
    items = [item('ec2/sg-open-admin.json'), item('ec2/sg-web.json'), item('ec2/sg-default-closed.json'), item('account/guardduty-detector-enabled.json')];
    simulateAggregator(config, items);
    store = new FindingsStore({ client: dynamo.client, tableName: await dynamo.newFindingsTable() });
    now = new Date('2025-06-02T12:00:00.000Z');
  });

  const deps = (): SweepDeps => ({
    source: new AggregatorConfigItems(new ConfigServiceClient({ region: 'us-east-1' }), 'org-aggregator'),
    store,
    settings: async () => defaultComplianceSettings(),
    now: () => now,
  });

  async function sweep(types: string[]) {
    const list = createListHandler(deps);
    const evaluate = createEvaluateBatchHandler(deps);
    let written = 0;
    for (const resourceType of types) {
      let nextToken: string | undefined;
      do {
        const listed = await list({ resourceType, nextToken }, ctx);
        for (const resources of listed.batches) written += (await evaluate({ resources }, ctx)).written;
        nextToken = listed.nextToken;
      } while (nextToken);
    }
    return written;
  }

  it('lists identifiers (not items) of a type across pages, sorted by account and Region, in batches of ≤ 100', async () => {
    const listed = await createListHandler(deps)({ resourceType: 'AWS::EC2::SecurityGroup' }, ctx);

    expect(listed.count).toBe(3);
    expect(listed.batches).toHaveLength(1);
    expect(Object.keys(listed.batches[0][0]).sort()).toEqual(['accountId', 'awsRegion', 'resourceId', 'resourceType']);
  });

  it('lists the account/Region pairs of the aggregator for AWS::::Account', async () => {
    const listed = await createListHandler(deps)({ resourceType: 'AWS::::Account' }, ctx);

    expect(listed.batches).toEqual([[{ accountId: '111122223333', awsRegion: 'eu-west-1', resourceType: 'AWS::::Account', resourceId: '111122223333' }]]);
  });

  it('evaluates a batch and imports its control findings; a second identical sweep writes nothing', async () => {
    const first = await sweep(['AWS::EC2::SecurityGroup', 'AWS::::Account']);
    now = new Date('2025-06-03T12:00:00.000Z');

    const second = await sweep(['AWS::EC2::SecurityGroup', 'AWS::::Account']);

    expect(first).toBeGreaterThan(0);
    expect(second).toBe(0);
    const account = { accountId: '111122223333', awsRegion: 'eu-west-1', resourceType: 'AWS::::Account', resourceId: '111122223333' };
    const guardDuty = await store.getFindings({ Filters: { Id: [{ Value: controlFindingId('GuardDuty.1', account), Comparison: 'EQUALS' }] } });
    expect(guardDuty.Findings[0].Compliance?.Status).toBe('PASSED');
  });

  it('reads the stored control findings of a batch by key: DynamoDB requests grow with findings / 100, never with controls per resource or places per batch', async () => {
    const groups = items.filter((ci) => ci.resourceType === 'AWS::EC2::SecurityGroup');
    for (let copy = 0; copy < 40; copy++) {
      const source = groups[copy % groups.length];
      const place = copy % 2 === 0 ? {} : { accountId: '444455556666', awsRegion: 'eu-central-1' }; // two places in one batch
      items.push({ ...source, ...place, resourceId: `${source.resourceId}-${copy}`, ...(source.arn && { arn: `${source.arn}-${copy}` }) });
    }
    const resources: ResourceKey[] = items
      .filter((ci) => ci.resourceType === 'AWS::EC2::SecurityGroup')
      .map(({ accountId, awsRegion, resourceType, resourceId }) => ({ accountId, awsRegion, resourceType, resourceId }));
    const calls: Record<string, number> = {};
    const counter = 'sweepRequestCounter';
    dynamo.client.middlewareStack.add(
      (next, context) => async (args) => {
        const name = (context.commandName ?? 'unknown').replace(/Command$/, '');
        calls[name] = (calls[name] ?? 0) + 1;
        return next(args);
      },
      { step: 'initialize', name: counter },
    );
    const take = () => {
      const taken = { ...calls };
      for (const name of Object.keys(calls)) delete calls[name];
      return taken;
    };
    try {
      const evaluate = createEvaluateBatchHandler(deps);
      const first = await evaluate({ resources }, ctx);
      const firstCalls = take();
      now = new Date('2025-06-03T12:00:00.000Z');
      const second = await evaluate({ resources }, ctx);
      const secondCalls = take();

      const reads = Math.ceil(first.evaluated / 100);
      expect(first.evaluated).toBeGreaterThanOrEqual(2 * resources.length); // several controls per resource
      expect(first.findingReads).toBe(reads);
      // First sweep: the batch read, the store's own batch read of what it writes, one conditional write per written finding.
      expect(firstCalls).toEqual({ BatchGetItem: reads + Math.ceil(first.written / 100), PutItem: first.written });
      // Unchanged sweep: nothing but the batch read (no Query per Id, no Scan, no GetItem).
      expect(second).toMatchObject({ evaluated: first.evaluated, written: 0, unchanged: first.written });
      expect(secondCalls).toEqual({ BatchGetItem: reads });
    } finally {
      dynamo.client.middlewareStack.remove(counter);
    }
  });

  it('archives the findings of a resource deleted between sweeps, and only those', async () => {
    await sweep(['AWS::EC2::SecurityGroup', 'AWS::::Account']);
    const gone = items.shift()!;
    now = new Date('2025-06-03T12:00:00.000Z');

    const archived = await createArchiveStaleHandler(deps)({ startedAt: now.toISOString() }, ctx);

    expect(archived.stale).toBeGreaterThan(0);
    const goneId = controlFindingId('EC2.19', gone as ResourceKey);
    const kept = controlFindingId('EC2.19', items[0] as ResourceKey);
    const read = async (Id: string) => (await store.getFindings({ Filters: { Id: [{ Value: Id, Comparison: 'EQUALS' }] } })).Findings[0];
    expect((await read(goneId)).RecordState).toBe('ARCHIVED');
    expect((await read(kept)).RecordState).toBe('ACTIVE');
    const again = await createArchiveStaleHandler(deps)({ startedAt: now.toISOString() }, ctx);
    expect(again.stale).toBe(0);
  });
});
