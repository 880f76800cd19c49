import {
  BatchGetAggregateResourceConfigCommand,
  ConfigServiceClient,
  DescribeConfigurationAggregatorSourcesStatusCommand,
  GetResourceConfigHistoryCommand,
  ListAggregateDiscoveredResourcesCommand,
} from '@aws-sdk/client-config-service';
import { mockClient } from 'aws-sdk-client-mock';
import type { Context } from 'aws-lambda';
import { AggregatorConfigItems } from '../../../lambdas/compliance/config-items-api';
import type { ConfigurationItem } from '../../../lambdas/compliance/controls/types';
import { controlFindingId } from '../../../lambdas/compliance/control-finding';
import { createChangeHandler } from '../../../lambdas/functions/evaluate-config-change/handler';
import type { ChangeOutcome, ConfigItemChangeEvent } from '../../../lambdas/compliance/evaluate-change';
import { FindingsStore } from '../../../lambdas/store/findings-store';
import { startDynalite, type LocalDynamo } from '../../support/dynalite';
import { configEvent, configItem } from '../../support/fixtures';

const event = (file: string) => configEvent(file);
const item = (file: string) => configItem(file);
const SG = item('ec2/sg-open-admin.json');
const EC2_19 = controlFindingId('EC2.19', SG);

/** An item as BatchGetAggregateResourceConfig returns it (configuration as a JSON string). */
const apiItem = (ci: ConfigurationItem, captureTime: string) => ({
  accountId: ci.accountId,
  awsRegion: ci.awsRegion,
  resourceType: ci.resourceType as never,
  resourceId: ci.resourceId,
  arn: ci.arn,
  configurationItemStatus: 'OK' as const,
  configurationItemCaptureTime: new Date(captureTime),
  configuration: JSON.stringify(ci.configuration),
  supplementaryConfiguration: Object.fromEntries(Object.entries(ci.supplementaryConfiguration ?? {}).map(([k, v]) => [k, JSON.stringify(v)])),
});

describe('evaluate-config-change handler (Config mocked, store on dynalite)', () => {
  let dynamo: LocalDynamo;
  let store: FindingsStore;
  let now: Date;
  const config = mockClient(ConfigServiceClient);
  let run: (e: ConfigItemChangeEvent) => Promise<ChangeOutcome>;

  beforeAll(async () => {
    dynamo = await startDynalite();
  });
  afterAll(() => dynamo.stop());

  beforeEach(async () => {
    config.reset();
    config.on(ListAggregateDiscoveredResourcesCommand).resolves({ ResourceIdentifiers: [] });
    config.on(BatchGetAggregateResourceConfigCommand).resolves({ BaseConfigurationItems: [] });
    config.on(DescribeConfigurationAggregatorSourcesStatusCommand).resolves({ AggregatedSourceStatusList: [] });
    store = new FindingsStore({ client: dynamo.client, tableName: await dynamo.newFindingsTable() });
    now = new Date('2025-06-02T12:00:00.000Z');
    const source = new AggregatorConfigItems(new ConfigServiceClient({ region: 'us-east-1' }), 'org-aggregator');
    const handler = createChangeHandler(() => ({ source, store, now: () => now }));
    run = (e) => handler(e, {} as Context);
  });

  const stored = async (id: string) => (await store.getFindings({ Filters: { Id: [{ Value: id, Comparison: 'EQUALS' }] } })).Findings[0];

  it('imports a FAILED control finding for a changed security group', async () => {
    const outcome = await run(event('security-group-open-admin.json'));

    expect(outcome.written).toBeGreaterThan(0);
    expect(await stored(EC2_19)).toMatchObject({ Compliance: { Status: 'FAILED', SecurityControlId: 'EC2.19' }, RecordState: 'ACTIVE', Workflow: { Status: 'NEW' } });
  });

  it('writes nothing when the same event comes twice', async () => {
    await run(event('security-group-open-admin.json'));
    now = new Date('2025-06-02T13:00:00.000Z');

    const second = await run(event('security-group-open-admin.json'));

    expect(second).toMatchObject({ written: 0, importCalls: 0 });
    expect(second.unchanged).toBe(second.evaluated - second.notApplicable);
    expect((await stored(EC2_19)).UpdatedAt).toBe('2025-06-02T12:00:00.000Z');
  });

  it('resolves a PASSED control finding and reopens it when it fails again', async () => {
    await run(event('security-group-open-admin.json'));
    now = new Date('2025-06-02T13:00:00.000Z');
    await run(event('security-group-closed.json'));
    const passed = await stored(EC2_19);
    now = new Date('2025-06-02T14:00:00.000Z');

    await run(event('security-group-open-admin.json'));

    expect(passed).toMatchObject({ Compliance: { Status: 'PASSED' }, Workflow: { Status: 'RESOLVED' } });
    expect(await stored(EC2_19)).toMatchObject({ Compliance: { Status: 'FAILED' }, Workflow: { Status: 'NEW' } });
  });

  it('archives the control findings of a deleted resource', async () => {
    await run(event('security-group-open-admin.json'));
    now = new Date('2025-06-03T11:00:00.000Z');

    const outcome = await run(event('security-group-deleted.json'));

    const findings = await store.getFindings({ Filters: { ResourceId: [{ Value: SG.arn!, Comparison: 'EQUALS' }] } });
    expect(outcome.written).toBeGreaterThan(0);
    expect(findings.Findings.length).toBeGreaterThan(0);
    expect(findings.Findings.every((finding) => finding.RecordState === 'ARCHIVED')).toBe(true);
  });

  it('resolves an oversized notification through BatchGetAggregateResourceConfig', async () => {
    const instance = item('ec2/instance-imdsv2-private.json');
    config.on(BatchGetAggregateResourceConfigCommand).resolves({ BaseConfigurationItems: [apiItem(instance, '2025-06-02T08:19:58.000Z')] });

    const outcome = await run(event('oversized-instance.json'));

    expect(config.commandCalls(BatchGetAggregateResourceConfigCommand)[0].args[0].input).toMatchObject({
      ConfigurationAggregatorName: 'org-aggregator',
      ResourceIdentifiers: [{ SourceAccountId: instance.accountId, SourceRegion: instance.awsRegion, ResourceType: 'AWS::EC2::Instance', ResourceId: instance.resourceId }],
    });
    expect(await stored(controlFindingId('EC2.8', instance))).toMatchObject({ Compliance: { Status: 'PASSED' } });
    expect(outcome.resourceType).toBe('AWS::EC2::Instance');
  });

  it('fails (to be retried) while the aggregator has only an older item than the notification', async () => {
    const instance = item('ec2/instance-imdsv2-private.json');
    config.on(BatchGetAggregateResourceConfigCommand).resolves({ BaseConfigurationItems: [apiItem(instance, '2025-05-01T00:00:00.000Z')] });
    config.on(GetResourceConfigHistoryCommand).rejects(Object.assign(new Error('not in this account'), { name: 'ResourceNotDiscoveredException' }));

    await expect(run(event('oversized-instance.json'))).rejects.toThrow(/StaleConfigurationItem|no item captured/);
  });

  it('re-evaluates the account-level controls when a detector changes, with the related items of the account', async () => {
    const detector = event('guardduty-detector-suspended.json');
    const account = detector.detail.configurationItem as { awsAccountId: string; awsRegion: string };

    await run(detector);

    const lists = config.commandCalls(ListAggregateDiscoveredResourcesCommand).map((call) => call.args[0].input);
    expect(lists.map((input) => input.ResourceType)).toEqual(expect.arrayContaining(['AWS::GuardDuty::Detector', 'AWS::Config::ConfigurationRecorder']));
    expect(lists.every((input) => input.Filters?.AccountId === account.awsAccountId && input.Filters?.Region === account.awsRegion)).toBe(true);
    const ids = { accountId: account.awsAccountId, awsRegion: account.awsRegion, resourceType: 'AWS::::Account', resourceId: account.awsAccountId };
    expect(await stored(controlFindingId('GuardDuty.1', ids))).toMatchObject({ Compliance: { Status: 'FAILED' } });
  });

  it('skips a resource type no control reads, without calling Config', async () => {
    const e = event('security-group-open-admin.json');
    (e.detail.configurationItem as { resourceType: string }).resourceType = 'AWS::SSM::Parameter';

    const outcome = await run(e);

    expect(outcome.skipped).toMatch(/AWS::SSM::Parameter/);
    expect(config.calls()).toHaveLength(0);
  });
});
