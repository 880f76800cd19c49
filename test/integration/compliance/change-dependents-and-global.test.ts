import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { mockClient } from 'aws-sdk-client-mock';
import type { Context } from 'aws-lambda';
import { AggregatorConfigItems } from '../../../lambdas/compliance/config-items-api';
import { controlFindingId } from '../../../lambdas/compliance/control-finding';
import type { ConfigurationItem } from '../../../lambdas/compliance/controls/types';
import { defaultComplianceSettings } from '../../../lambdas/compliance/settings';
import { createArchiveStaleHandler } from '../../../lambdas/functions/compliance-sweep-archive-stale/handler';
import { createEvaluateBatchHandler } from '../../../lambdas/functions/compliance-sweep-evaluate-batch/handler';
import { createListHandler } from '../../../lambdas/functions/compliance-sweep-list/handler';
import type { SweepDeps } from '../../../lambdas/wiring/sweep-task';
import { createChangeHandler } from '../../../lambdas/functions/evaluate-config-change/handler';
import type { ChangeOutcome, ConfigItemChangeEvent } from '../../../lambdas/compliance/evaluate-change';
import { FindingsStore } from '../../../lambdas/store/findings-store';
import { startDynalite, type LocalDynamo } from '../../support/dynalite';
import { changeEvent, simulateAggregator } from './support/simulated-aggregator';
import { configItem } from '../../support/fixtures';

const item = (file: string) => configItem(file);
const ctx = {} as Context;
const HOME = 'eu-west-1';
const VPC = item('ec2/vpc.json');
const TRAIL = item('cloudtrail/trail-bare.json'); // delivers to legacy-trail-logs
const TRAIL_BUCKET = item('cloudtrail/bucket-without-access-logging.json'); // legacy-trail-logs
const USER = item('iam/user-neglected.json'); // awsRegion "global", as Config records IAM users

describe('change evaluation: dependents and global resources (Config mocked, store on dynalite)', () => {
  let dynamo: LocalDynamo;
  let store: FindingsStore;
  let items: ConfigurationItem[];
  let now: Date;
  const config = mockClient(ConfigServiceClient);
  let run: (e: ReturnType<typeof changeEvent>) => Promise<ChangeOutcome>;

  beforeAll(async () => {
    dynamo = await startDynalite();
  });
  afterAll(() => dynamo.stop());

  beforeEach(async () => {
    config.reset();
    items = [VPC, TRAIL, TRAIL_BUCKET];
    simulateAggregator(config, items, { sourceRegion: (ci) => (ci.awsRegion === 'global' ? 'us-east-1' : ci.awsRegion) });
    store = new FindingsStore({ client: dynamo.client, tableName: await dynamo.newFindingsTable() });
    now = new Date('2025-06-02T12:00:00.000Z');
    const source = new AggregatorConfigItems(new ConfigServiceClient({ region: HOME }), 'org-aggregator');
    const handler = createChangeHandler(() => ({ source, store, now: () => now, homeRegion: HOME }));
    run = (e) => handler(e as ConfigItemChangeEvent, ctx);
  });

  const status = async (id: string) => (await store.getFindings({ Filters: { Id: [{ Value: id, Comparison: 'EQUALS' }] } })).Findings[0]?.Compliance?.Status;
  const later = () => (now = new Date(now.getTime() + 3_600_000));

  it('re-evaluates EC2.6 on the VPC when a flow log of that VPC is created', async () => {
    await run(changeEvent(VPC));
    const before = await status(controlFindingId('EC2.6', VPC));
    later();

    const outcome = await run(changeEvent(item('ec2/flow-log-reject.json')));

    expect(before).toBe('FAILED');
    expect(outcome.dependents).toBe(1);
    expect(await status(controlFindingId('EC2.6', VPC))).toBe('PASSED');
  });

  it('leaves the VPC alone when the flow log belongs to another VPC', async () => {
    const elsewhere = item('ec2/flow-log-reject.json');
    elsewhere.configuration = { ...elsewhere.configuration, resourceId: 'vpc-0ffffffffffffffff' };

    const outcome = await run(changeEvent(elsewhere));

    expect(outcome).toMatchObject({ dependents: 0, evaluated: 0 });
  });

  it('re-evaluates every VPC of the place when a flow log is deleted (its VPC is no longer known)', async () => {
    const log = item('ec2/flow-log-reject.json');
    await run(changeEvent(log));
    later();

    const outcome = await run(changeEvent({ ...log, configurationItemStatus: 'ResourceDeleted', configuration: null, configurationItemCaptureTime: now.toISOString() }));

    expect(outcome.dependents).toBe(1);
    expect(await status(controlFindingId('EC2.6', VPC))).toBe('FAILED');
  });

  it('re-evaluates CloudTrail.7 on the trail whose bucket changed', async () => {
    await run(changeEvent(TRAIL));
    const before = await status(controlFindingId('CloudTrail.7', TRAIL));
    later();
    const logged = {
      ...TRAIL_BUCKET,
      supplementaryConfiguration: { ...TRAIL_BUCKET.supplementaryConfiguration, BucketLoggingConfiguration: { destinationBucketName: 'access-logs' } },
    };
    items.splice(items.indexOf(TRAIL_BUCKET), 1, logged);

    const outcome = await run(changeEvent(logged));

    expect(before).toBe('FAILED');
    expect(outcome.dependents).toBe(1);
    expect(await status(controlFindingId('CloudTrail.7', TRAIL))).toBe('PASSED');
  });

  it('does not touch trails when a bucket no trail uses changes', async () => {
    const outcome = await run(changeEvent(item('cloudtrail/bucket-with-access-logging.json')));

    expect(outcome.dependents).toBe(0);
  });

  it('puts an IAM user\'s findings (awsRegion "global") in the home Region, once however many Regions notify it', async () => {
    const first = await run(changeEvent(USER, 'us-east-1'));
    later();

    const second = await run(changeEvent(USER, 'ap-southeast-2'));

    const home = { ...USER, awsRegion: HOME };
    expect(first.written).toBeGreaterThan(0);
    expect(second.written).toBe(0);
    expect(await status(controlFindingId('IAM.2', home))).toBe('FAILED');
    expect(await status(controlFindingId('IAM.2', USER))).toBeUndefined();
  });
});

describe('sweep: global resources (Config mocked, store on dynalite)', () => {
  let dynamo: LocalDynamo;
  let store: FindingsStore;
  const config = mockClient(ConfigServiceClient);
  const now = new Date('2025-06-02T12:00:00.000Z');

  beforeAll(async () => {
    dynamo = await startDynalite();
  });
  afterAll(() => dynamo.stop());

  beforeEach(async () => {
    config.reset();
    // Config records the user in two Regions (global recording on in both): the aggregator lists it twice.
    const recorded = [
      { ...USER, recordedIn: 'us-east-1' },
      { ...USER, recordedIn: 'eu-west-1' },
    ];
    simulateAggregator(config, recorded, { sourceRegion: (ci) => (ci as (typeof recorded)[number]).recordedIn });
    store = new FindingsStore({ client: dynamo.client, tableName: await dynamo.newFindingsTable() });
  });

  const deps = (): SweepDeps => ({
    source: new AggregatorConfigItems(new ConfigServiceClient({ region: HOME }), 'org-aggregator'),
    store,
    settings: async () => defaultComplianceSettings(),
    now: () => now,
    homeRegion: HOME,
  });

  it('evaluates a user listed under two Regions into one finding per control in the home Region, which archive-stale keeps', async () => {
    const listed = await createListHandler(deps)({ resourceType: 'AWS::IAM::User' }, ctx);
    const evaluated = await createEvaluateBatchHandler(deps)({ resources: listed.batches.flat() }, ctx);

    const archived = await createArchiveStaleHandler(deps)({ startedAt: now.toISOString() }, ctx);

    // Every control of the user (IAM.*, and KMS.2 on its inline policies).
    const findings = (await store.getFindings({ Filters: { GeneratorId: [{ Value: 'security-control/', Comparison: 'PREFIX' }] } })).Findings;
    expect(listed.count).toBe(2);
    expect(evaluated.items).toBe(2);
    expect(findings.length).toBe(evaluated.written);
    expect(new Set(findings.map((f) => f.Region))).toEqual(new Set([HOME]));
    expect(archived).toMatchObject({ stale: 0 });
  });
});
