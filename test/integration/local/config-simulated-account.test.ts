import {
  BatchGetAggregateResourceConfigCommand,
  ConfigServiceClient,
  DescribeConfigurationAggregatorSourcesStatusCommand,
  ListAggregateDiscoveredResourcesCommand,
  NoSuchConfigurationAggregatorException,
} from '@aws-sdk/client-config-service';
import { GetFindingsCommand, SecurityHubClient, type AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { GetQueueUrlCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../bin/cli/run';
import { AggregatorConfigItems } from '../../../lambdas/compliance/config-items-api';
import { getAll, listAll } from '../../../lambdas/compliance/config-items';
import { EVALUATED_TYPES } from '../../../lambdas/compliance/evaluate';
import { aggregatorNameOf, CONFIG_PATHS } from '../../../lib/local/config-service';
import { startEmbeddedDefault, type EmbeddedDefault } from '../../../lib/local/server';
import { readSeed } from '../../../lib/local/config-store';
import { COLLECTOR_RECORDED_TYPES } from '../../../lib/local/config-api';

process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const MEMBER = '123456789012';
const REGION = 'us-east-1';
const OPEN_GROUP = 'sg-0f0e0d0c0b0a09080';
const OPEN_GROUP_ARN = `arn:aws:ec2:${REGION}:${MEMBER}:security-group/${OPEN_GROUP}`;

describe('the simulated member account on the embedded default', () => {
  let local: EmbeddedDefault;
  let config: ConfigServiceClient;
  let hub: SecurityHubClient;
  let sqs: SQSClient;
  let aggregator: string;

  beforeAll(async () => {
    local = await startEmbeddedDefault({ port: 0, dataDir: mkdtempSync(join(tmpdir(), 'sechub-config-')), retryBackoffMs: 5 });
    const clientConfig = { endpoint: local.endpoint, region: REGION, credentials };
    config = new ConfigServiceClient(clientConfig);
    hub = new SecurityHubClient(clientConfig);
    sqs = new SQSClient(clientConfig);
    aggregator = aggregatorNameOf(local.model);
  }, 120_000);

  afterAll(async () => {
    for (const client of [config, hub, sqs]) client?.destroy();
    await local?.stop();
  });

  async function post(path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(new URL(path, local.endpoint), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  async function controlFindings(resourceId: string, controlIds: string[]): Promise<Record<string, AwsSecurityFinding>> {
    const { Findings = [] } = await hub.send(
      new GetFindingsCommand({
        Filters: {
          ResourceId: [{ Value: resourceId, Comparison: 'EQUALS' }],
          ComplianceSecurityControlId: controlIds.map((id) => ({ Value: id, Comparison: 'EQUALS' as const })),
        },
      }),
    );
    return Object.fromEntries(Findings.map((finding) => [finding.Compliance!.SecurityControlId!, finding]));
  }

  async function deadLetters(): Promise<number> {
    const name = Object.values(local.model.queues).find((queue) => queue.name.includes('EvaluateConfigChangeDeadLetters'))!.name;
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: name }));
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 0 }));
    return Messages.length;
  }

  it('lists and batch-gets the simulated resources through the Config SDK client, as the evaluator calls it', async () => {
    const listed = await config.send(
      new ListAggregateDiscoveredResourcesCommand({
        ConfigurationAggregatorName: aggregator,
        ResourceType: 'AWS::EC2::SecurityGroup',
        Filters: { AccountId: MEMBER, Region: REGION },
      }),
    );
    const got = await config.send(new BatchGetAggregateResourceConfigCommand({ ConfigurationAggregatorName: aggregator, ResourceIdentifiers: listed.ResourceIdentifiers }));

    expect(listed.ResourceIdentifiers?.map((identifier) => identifier.ResourceId)).toContain(OPEN_GROUP);
    expect(got.BaseConfigurationItems).toHaveLength(listed.ResourceIdentifiers!.length);
    const open = got.BaseConfigurationItems!.find((item) => item.resourceId === OPEN_GROUP)!;
    expect(open).toMatchObject({ accountId: MEMBER, awsRegion: REGION, arn: OPEN_GROUP_ARN, configurationItemStatus: 'OK' });
    expect(open.configurationItemCaptureTime).toBeInstanceOf(Date);
    expect(JSON.parse(open.configuration!).ipPermissions[0].ipv4Ranges).toEqual([{ cidrIp: '0.0.0.0/0' }]);
  });

  it('serves every seeded resource through the evaluator’s own aggregator source, each item mapping cleanly', async () => {
    const source = new AggregatorConfigItems(config, aggregator);
    const { sources } = await source.listAccountRegions();

    const items = [];
    for (const type of EVALUATED_TYPES) items.push(...(await getAll(source, await listAll(source, type, { accountId: MEMBER, awsRegion: REGION }))));

    expect(sources).toEqual([{ accountId: MEMBER, awsRegion: REGION }]);
    // Every evaluated type the seed holds (not AWS::::Account: as on AWS, the aggregator refuses it; the settings come as the collector's event).
    const seeded = new Set((await readSeed()).map((item) => item.resourceType));
    expect(new Set(items.map((item) => item.resourceType))).toEqual(
      new Set(EVALUATED_TYPES.filter((type) => type !== 'AWS::::Account' && seeded.has(type) && !COLLECTOR_RECORDED_TYPES.includes(type))),
    );
    expect(items.every((item) => item.accountId === MEMBER && item.configuration !== null)).toBe(true);
  });

  it('names the member account and Region as the aggregator’s one source', async () => {
    const { AggregatedSourceStatusList } = await config.send(new DescribeConfigurationAggregatorSourcesStatusCommand({ ConfigurationAggregatorName: aggregator }));

    expect(AggregatedSourceStatusList).toEqual([expect.objectContaining({ SourceId: MEMBER, AwsRegion: REGION, SourceType: 'ACCOUNT', LastUpdateStatus: 'SUCCEEDED' })]);
  });

  it('answers NoSuchConfigurationAggregatorException for another aggregator', async () => {
    await expect(
      config.send(new ListAggregateDiscoveredResourcesCommand({ ConfigurationAggregatorName: 'someone-elses', ResourceType: 'AWS::S3::Bucket' })),
    ).rejects.toBeInstanceOf(NoSuchConfigurationAggregatorException);
  });

  it('evaluates a changed security group open to 0.0.0.0/0 on port 22 through the stack’s rule: EC2.19 and EC2.53 FAILED', async () => {
    const change = await post(CONFIG_PATHS.simulateChange, { ResourceType: 'AWS::EC2::SecurityGroup', ResourceId: OPEN_GROUP, Set: ['tags.owner=platform'] });
    await local.idle();

    expect(change.status).toBe(200);
    expect(change.body).toMatchObject({ ChangeType: 'UPDATE', MessageType: 'ConfigurationItemChangeNotification', EventId: expect.any(String) });
    const findings = await controlFindings(OPEN_GROUP_ARN, ['EC2.19', 'EC2.53']);
    expect(findings['EC2.19']).toMatchObject({ AwsAccountId: MEMBER, Compliance: { Status: 'FAILED' }, RecordState: 'ACTIVE', Workflow: { Status: 'NEW' } });
    expect(findings['EC2.53']).toMatchObject({ Compliance: { Status: 'FAILED' }, RecordState: 'ACTIVE' });
  });

  it('turns the same findings PASSED and RESOLVED once `sechub simulate-change` removes the 0.0.0.0/0 rule', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(
      [
        'simulate-change',
        '--endpoint-url',
        local.endpoint,
        '--resource-type',
        'AWS::EC2::SecurityGroup',
        '--resource-id',
        OPEN_GROUP,
        '--set',
        'ipPermissions[0].ipv4Ranges=[{"cidrIp":"10.0.0.0/8"}]',
        'ipPermissions[0].ipRanges=["10.0.0.0/8"]',
      ],
      { stdout: (text) => out.push(text), stderr: (text) => err.push(text), env: {} },
    );
    await local.idle();

    expect({ code, err: err.join('') }).toEqual({ code: 0, err: '' });
    expect(JSON.parse(out.join(''))).toMatchObject({ ChangeType: 'UPDATE', ConfigurationItem: { resourceId: OPEN_GROUP, configurationItemStatus: 'OK' } });
    const findings = await controlFindings(OPEN_GROUP_ARN, ['EC2.19', 'EC2.53']);
    expect(findings['EC2.19']).toMatchObject({ Compliance: { Status: 'PASSED' }, Workflow: { Status: 'RESOLVED' } });
    expect(findings['EC2.53']).toMatchObject({ Compliance: { Status: 'PASSED' }, Workflow: { Status: 'RESOLVED' } });
  });

  it('evaluates a trail change with its related items read from the aggregator on the edge (bucket logging, account-level controls)', async () => {
    await post(CONFIG_PATHS.simulateChange, { ResourceType: 'AWS::CloudTrail::Trail', ResourceId: 'org-trail', Set: ['logFileValidationEnabled=false'] });
    await local.idle();

    const trail = await controlFindings(`arn:aws:cloudtrail:${REGION}:${MEMBER}:trail/org-trail`, ['CloudTrail.4', 'CloudTrail.7']);
    const { Findings: account = [] } = await hub.send(
      new GetFindingsCommand({
        Filters: { AwsAccountId: [{ Value: MEMBER, Comparison: 'EQUALS' }], ComplianceSecurityControlId: [{ Value: 'CloudTrail.1', Comparison: 'EQUALS' }] },
      }),
    );
    expect(trail['CloudTrail.4']).toMatchObject({ Compliance: { Status: 'FAILED' } });
    expect(trail['CloudTrail.7']).toMatchObject({ Compliance: { Status: 'PASSED' } });
    expect(account).toHaveLength(1);
    expect(await deadLetters()).toBe(0);
  });

  it('evaluates the account settings the simulated account sends at start as the member collector would, and again after `simulate-change`', async () => {
    await local.idle();
    const accountFinding = async () =>
      (
        await hub.send(
          new GetFindingsCommand({
            Filters: { AwsAccountId: [{ Value: MEMBER, Comparison: 'EQUALS' }], ComplianceSecurityControlId: [{ Value: 'IAM.15', Comparison: 'EQUALS' }] },
          }),
        )
      ).Findings ?? [];
    const atStart = await accountFinding();

    await post(CONFIG_PATHS.simulateChange, {
      ResourceType: 'AWS::::Account',
      ResourceId: MEMBER,
      Set: ['supplementaryConfiguration.AccountPasswordPolicy.MinimumPasswordLength=14'],
    });
    await local.idle();

    expect(atStart).toEqual([expect.objectContaining({ Region: REGION, Compliance: expect.objectContaining({ Status: 'FAILED' }) })]);
    expect(await accountFinding()).toEqual([expect.objectContaining({ Compliance: expect.objectContaining({ Status: 'PASSED' }), Workflow: { Status: 'RESOLVED' } })]);
    expect(await deadLetters()).toBe(0);
  });

  it('answers ResourceNotDiscoveredException for a resource the account does not have', async () => {
    const change = await post(CONFIG_PATHS.simulateChange, { ResourceType: 'AWS::EC2::SecurityGroup', ResourceId: 'sg-nope', Set: ['description=x'] });

    expect(change).toEqual({ status: 404, body: { __type: 'ResourceNotDiscoveredException', message: expect.stringContaining('sg-nope') } });
  });
});
