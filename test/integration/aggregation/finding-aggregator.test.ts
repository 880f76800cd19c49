import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import {
  CreateFindingAggregatorCommand,
  DeleteFindingAggregatorCommand,
  GetFindingAggregatorCommand,
  GetFindingsCommand,
  InvalidInputException,
  LimitExceededException,
  ListFindingAggregatorsCommand,
  ResourceNotFoundException,
  SecurityHubClient,
  UpdateFindingAggregatorCommand,
} from '@aws-sdk/client-securityhub';
import { GetQueueUrlCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCAL_ACCOUNT_ID } from '../../../lib/local/defaults';
import { startEmbeddedDefault, type EmbeddedDefault } from '../../../lib/local/server';
import { aFinding } from '../../support/findings';
import { sourceEvent } from '../../support/fixtures';

process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const ARN_PATTERN = /^arn:aws:securityhub:us-east-1:000000000000:finding-aggregator\/[0-9a-f-]{36}$/;

/**
 * One embedded default, in order: the ALL_REGIONS aggregator a fresh data dir starts with, an
 * update to SPECIFIED_REGIONS, no aggregator, a new one. Each phase sends its events through a
 * normalizer that has not read the aggregator yet (each function caches it for 30 s, as deployed).
 */
describe('cross-Region aggregation on the embedded default, through @aws-sdk/client-securityhub', () => {
  let local: EmbeddedDefault;
  let hub: SecurityHubClient;
  let events: EventBridgeClient;
  let sqs: SQSClient;

  beforeAll(async () => {
    local = await startEmbeddedDefault({ port: 0, dataDir: mkdtempSync(join(tmpdir(), 'sechub-regions-')), retryBackoffMs: 5 });
    const config = { endpoint: local.endpoint, region: 'us-east-1', credentials };
    hub = new SecurityHubClient(config);
    events = new EventBridgeClient(config);
    sqs = new SQSClient(config);
  }, 120_000);

  afterAll(async () => {
    for (const client of [hub, events, sqs]) client?.destroy();
    await local?.stop();
  });

  async function put(entries: Array<{ Source: string; DetailType: string; Detail: unknown; EventBusName?: string }>) {
    const answer = await events.send(new PutEventsCommand({ Entries: entries.map((entry) => ({ ...entry, Detail: JSON.stringify(entry.Detail) })) }));
    expect(answer.FailedEntryCount).toBe(0);
    await local.idle();
  }

  async function regionsOf(productName: string) {
    const { Findings = [] } = await hub.send(new GetFindingsCommand({ Filters: { ProductName: [{ Value: productName, Comparison: 'EQUALS' }] }, MaxResults: 100 }));
    return Findings.map((finding) => finding.Region).sort();
  }

  async function deadLetterCount(): Promise<number> {
    let count = 0;
    for (const queue of Object.values(local.model.queues).filter((candidate) => /DeadLetters/.test(candidate.name))) {
      const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: queue.name }));
      const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
      count += Messages.length;
    }
    return count;
  }

  let arn: string;

  it('starts with one ALL_REGIONS aggregator, home Region us-east-1 (ListFindingAggregators, GetFindingAggregator)', async () => {
    const list = await hub.send(new ListFindingAggregatorsCommand({ MaxResults: 10 }));
    expect(list.FindingAggregators).toHaveLength(1);
    arn = list.FindingAggregators![0].FindingAggregatorArn!;

    const got = await hub.send(new GetFindingAggregatorCommand({ FindingAggregatorArn: arn }));

    expect(got).toMatchObject({ FindingAggregatorArn: arn, FindingAggregationRegion: 'us-east-1', RegionLinkingMode: 'ALL_REGIONS' });
    expect(got.Regions).toBeUndefined();
  });

  it('stores linked Regions’ GuardDuty findings with their own Region, from the default bus and from the organization bus member stacks forward to', async () => {
    const [delegated, forwarded] = ['eu-west-1', 'ap-south-1'].map((region, i) => {
      const event = sourceEvent<{ region: string; id: string }>('guardduty/ec2-ssh-brute-force');
      event.detail.region = region;
      event.detail.id = `${event.detail.id}${i}`;
      return event;
    });
    const ingestionBus = local.model.buses.find((bus) => bus.endsWith('-ingestion'))!;

    await put([
      { Source: delegated.source, DetailType: delegated['detail-type'], Detail: delegated.detail },
      { Source: forwarded.source, DetailType: forwarded['detail-type'], Detail: forwarded.detail, EventBusName: ingestionBus },
    ]);

    expect(await regionsOf('GuardDuty')).toEqual(['ap-south-1', 'eu-west-1']);
  });

  it('refuses a second CreateFindingAggregator: one per account', async () => {
    await expect(hub.send(new CreateFindingAggregatorCommand({ RegionLinkingMode: 'ALL_REGIONS' }))).rejects.toThrow(LimitExceededException);
  });

  it.each([
    ['an unknown RegionLinkingMode', { RegionLinkingMode: 'SOME_REGIONS' }, /RegionLinkingMode/],
    ['Regions with NO_REGIONS', { RegionLinkingMode: 'NO_REGIONS', Regions: ['eu-west-1'] }, /'Regions': must be empty/],
    ['an invalid Region name', { RegionLinkingMode: 'SPECIFIED_REGIONS', Regions: ['eu-west-1', 'moon-base-1'] }, /'Regions\[1\]': 'moon-base-1' is not a Region name/],
    ['SPECIFIED_REGIONS without Regions', { RegionLinkingMode: 'SPECIFIED_REGIONS' }, /needs 1 to 50 Regions/],
  ])('answers UpdateFindingAggregator with %s with InvalidInputException naming the field', async (_what, input, message) => {
    const attempt = hub.send(new UpdateFindingAggregatorCommand({ FindingAggregatorArn: arn, ...input }));
    await expect(attempt).rejects.toThrow(InvalidInputException);
    await expect(attempt).rejects.toThrow(message);
  });

  it('answers a malformed ARN with InvalidInputException and another aggregator with ResourceNotFoundException', async () => {
    await expect(hub.send(new GetFindingAggregatorCommand({ FindingAggregatorArn: 'not-an-arn' }))).rejects.toThrow(InvalidInputException);
    const other = 'arn:aws:securityhub:us-east-1:000000000000:finding-aggregator/00000000-0000-4000-8000-00000000abcd';
    await expect(hub.send(new GetFindingAggregatorCommand({ FindingAggregatorArn: other }))).rejects.toThrow(ResourceNotFoundException);
    await expect(hub.send(new DeleteFindingAggregatorCommand({ FindingAggregatorArn: other }))).rejects.toThrow(ResourceNotFoundException);
    await expect(hub.send(new ListFindingAggregatorsCommand({ MaxResults: 0 }))).rejects.toThrow(InvalidInputException);
  });

  it('after UpdateFindingAggregator to SPECIFIED_REGIONS, stores the listed Region’s findings and refuses the others without dead-lettering them', async () => {
    const updated = await hub.send(new UpdateFindingAggregatorCommand({ FindingAggregatorArn: arn, RegionLinkingMode: 'SPECIFIED_REGIONS', Regions: ['us-west-2'] }));
    expect(updated).toMatchObject({ FindingAggregatorArn: arn, FindingAggregationRegion: 'us-east-1', RegionLinkingMode: 'SPECIFIED_REGIONS', Regions: ['us-west-2'] });
    const productArn = `arn:aws:securityhub:us-east-1:${LOCAL_ACCOUNT_ID}:product/${LOCAL_ACCOUNT_ID}/default`;
    const findings = ['us-west-2', 'eu-west-1', 'us-east-1'].map((region) =>
      aFinding({ Id: `regions-${region}`, ProductArn: productArn, AwsAccountId: LOCAL_ACCOUNT_ID, Region: region }),
    );

    await put([{ Source: 'com.example.scanner', DetailType: 'Findings Import', Detail: { findings } }]);

    expect(await regionsOf('Default')).toEqual(['us-east-1', 'us-west-2']);
    expect(await deadLetterCount()).toBe(0);
  });

  it('without an aggregator (DeleteFindingAggregator), stores only the home Region’s findings', async () => {
    await hub.send(new DeleteFindingAggregatorCommand({ FindingAggregatorArn: arn }));
    expect((await hub.send(new ListFindingAggregatorsCommand({}))).FindingAggregators).toEqual([]);
    await expect(hub.send(new GetFindingAggregatorCommand({ FindingAggregatorArn: arn }))).rejects.toThrow(ResourceNotFoundException);
    const elsewhere = sourceEvent('inspector/package-ec2'); // eu-central-1
    const home = sourceEvent('macie/policy-block-public-access-disabled'); // us-east-1

    await put([elsewhere, home].map((event) => ({ Source: event.source, DetailType: event['detail-type'], Detail: event.detail })));

    expect(await regionsOf('Inspector')).toEqual([]);
    expect(await regionsOf('Macie')).toEqual(['us-east-1']);
    expect(await deadLetterCount()).toBe(0);
  });

  it('creates a new aggregator (CreateFindingAggregator) with a new ARN of this account and home Region', async () => {
    const created = await hub.send(new CreateFindingAggregatorCommand({ RegionLinkingMode: 'ALL_REGIONS_EXCEPT_SPECIFIED', Regions: ['ap-south-1'] }));

    expect(created).toMatchObject({ FindingAggregationRegion: 'us-east-1', RegionLinkingMode: 'ALL_REGIONS_EXCEPT_SPECIFIED', Regions: ['ap-south-1'] });
    expect(created.FindingAggregatorArn).toMatch(ARN_PATTERN);
    expect(created.FindingAggregatorArn).not.toBe(arn);
  });
});
