import { EVALUATED_TYPES, RELATED_TYPES } from '../../../lambdas/compliance/evaluate';
import { COLLECTOR_RECORDED_TYPES, configOperations } from '../../../lib/local/config-api';
import { ConfigItemStore, readSeed, type StoredConfigurationItem } from '../../../lib/local/config-store';
import type { EdgeRequest } from '../../../lib/local/engine';
import { JsonServiceError, type JsonOperations } from '../../../lib/local/engine';

const AGGREGATOR = 'open-security-hub';
const MEMBER = '123456789012';
const request = {} as EdgeRequest;

function bucket(accountId: string, awsRegion: string, name: string, extra: Partial<StoredConfigurationItem> = {}): StoredConfigurationItem {
  return {
    version: '1.3',
    accountId,
    awsRegion,
    resourceType: 'AWS::S3::Bucket',
    resourceId: name,
    resourceName: name,
    arn: `arn:aws:s3:::${name}`,
    configurationItemStatus: 'OK',
    configurationItemCaptureTime: '2025-06-01T00:00:00.000Z',
    configuration: { name },
    supplementaryConfiguration: { BucketVersioningConfiguration: { status: 'Enabled' }, AccessControlList: '{"grantList":[]}' },
    tags: { team: 'data' },
    ...extra,
  };
}

async function operationsWith(items: StoredConfigurationItem[], account = '000000000000'): Promise<JsonOperations> {
  const store = await ConfigItemStore.open({ seed: async () => items });
  return configOperations({ store, aggregatorName: AGGREGATOR, account, region: 'us-east-1', tokenSecret: 'test' });
}

async function failure(call: Promise<unknown>): Promise<JsonServiceError> {
  const error = await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(JsonServiceError);
  return error as JsonServiceError;
}

describe('ListAggregateDiscoveredResources', () => {
  it('pages through every resource of a type with the NextToken it returns', async () => {
    const ops = await operationsWith(Array.from({ length: 7 }, (_, index) => bucket(MEMBER, 'us-east-1', `bucket-${index}`)));
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = (await ops.ListAggregateDiscoveredResources(
        { ConfigurationAggregatorName: AGGREGATOR, ResourceType: 'AWS::S3::Bucket', Limit: 3, NextToken: token },
        request,
      )) as {
        ResourceIdentifiers: Array<{ ResourceId: string }>;
        NextToken?: string;
      };
      seen.push(...page.ResourceIdentifiers.map((identifier) => identifier.ResourceId));
      token = page.NextToken;
      pages += 1;
    } while (token);

    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 7 }, (_, index) => `bucket-${index}`));
  });

  it('filters by account and Region and names each resource as the aggregator does', async () => {
    const ops = await operationsWith([bucket(MEMBER, 'us-east-1', 'a'), bucket(MEMBER, 'eu-west-1', 'b'), bucket('210987654321', 'us-east-1', 'c')]);

    const page = await ops.ListAggregateDiscoveredResources(
      { ConfigurationAggregatorName: AGGREGATOR, ResourceType: 'AWS::S3::Bucket', Filters: { AccountId: MEMBER, Region: 'us-east-1' } },
      request,
    );

    expect(page).toEqual({ ResourceIdentifiers: [{ SourceAccountId: MEMBER, SourceRegion: 'us-east-1', ResourceId: 'a', ResourceType: 'AWS::S3::Bucket', ResourceName: 'a' }] });
  });

  it('leaves deleted resources out', async () => {
    const ops = await operationsWith([bucket(MEMBER, 'us-east-1', 'gone', { configurationItemStatus: 'ResourceDeleted', configuration: null })]);

    const page = await ops.ListAggregateDiscoveredResources({ ConfigurationAggregatorName: AGGREGATOR, ResourceType: 'AWS::S3::Bucket' }, request);

    expect(page).toEqual({ ResourceIdentifiers: [] });
  });

  it('refuses a NextToken issued for other filters', async () => {
    const ops = await operationsWith(Array.from({ length: 3 }, (_, index) => bucket(MEMBER, 'us-east-1', `bucket-${index}`)));
    const first = (await ops.ListAggregateDiscoveredResources({ ConfigurationAggregatorName: AGGREGATOR, ResourceType: 'AWS::S3::Bucket', Limit: 1 }, request)) as {
      NextToken: string;
    };

    const error = await failure(
      ops.ListAggregateDiscoveredResources(
        { ConfigurationAggregatorName: AGGREGATOR, ResourceType: 'AWS::S3::Bucket', Filters: { Region: 'us-east-1' }, NextToken: first.NextToken },
        request,
      ),
    );

    expect(error.type).toBe('InvalidNextTokenException');
  });

  it('accepts every resource type the compliance functions list from the aggregator (a refused one would fail a sweep)', async () => {
    const ops = await operationsWith([]);
    const types = [...new Set([...EVALUATED_TYPES, ...Object.values(RELATED_TYPES).flat()])].filter((type) => !COLLECTOR_RECORDED_TYPES.includes(type));

    const pages = await Promise.all(types.map((type) => ops.ListAggregateDiscoveredResources({ ConfigurationAggregatorName: AGGREGATOR, ResourceType: type }, request)));

    expect(pages).toEqual(types.map(() => ({ ResourceIdentifiers: [] })));
  });

  it('refuses the types only the member collector records, as AWS Config does, even though the simulated account has them', async () => {
    const ops = await operationsWith(await readSeed());

    for (const type of COLLECTOR_RECORDED_TYPES) {
      const error = await ops.ListAggregateDiscoveredResources({ ConfigurationAggregatorName: AGGREGATOR, ResourceType: type }, request).catch((e: JsonServiceError) => e);
      expect(error).toMatchObject({ type: 'ValidationException' });
    }
  });

  it('answers NoSuchConfigurationAggregatorException for another aggregator', async () => {
    const ops = await operationsWith([]);

    const error = await failure(ops.ListAggregateDiscoveredResources({ ConfigurationAggregatorName: 'other', ResourceType: 'AWS::S3::Bucket' }, request));

    expect(error.type).toBe('NoSuchConfigurationAggregatorException');
  });

  it('answers ValidationException for a resource type Config does not know, and InvalidLimitException above 100', async () => {
    const ops = await operationsWith([]);

    const unknownType = await failure(ops.ListAggregateDiscoveredResources({ ConfigurationAggregatorName: AGGREGATOR, ResourceType: 'AWS::Nope::Thing' }, request));
    const overLimit = await failure(ops.ListAggregateDiscoveredResources({ ConfigurationAggregatorName: AGGREGATOR, ResourceType: 'AWS::S3::Bucket', Limit: 101 }, request));

    expect(unknownType.type).toBe('ValidationException');
    expect(unknownType.message).toContain("at 'ResourceType' failed to satisfy constraint");
    expect(overLimit.type).toBe('InvalidLimitException');
  });
});

describe('BatchGetAggregateResourceConfig', () => {
  it('returns base configuration items with configuration and supplementary values as JSON strings', async () => {
    const ops = await operationsWith([bucket(MEMBER, 'us-east-1', 'logs')]);

    const answer = (await ops.BatchGetAggregateResourceConfig(
      {
        ConfigurationAggregatorName: AGGREGATOR,
        ResourceIdentifiers: [{ SourceAccountId: MEMBER, SourceRegion: 'us-east-1', ResourceType: 'AWS::S3::Bucket', ResourceId: 'logs' }],
      },
      request,
    )) as { BaseConfigurationItems: Array<Record<string, unknown>>; UnprocessedResourceIdentifiers: unknown[] };

    expect(answer.UnprocessedResourceIdentifiers).toEqual([]);
    expect(answer.BaseConfigurationItems).toEqual([
      {
        version: '1.3',
        accountId: MEMBER,
        awsRegion: 'us-east-1',
        resourceType: 'AWS::S3::Bucket',
        resourceId: 'logs',
        resourceName: 'logs',
        arn: 'arn:aws:s3:::logs',
        configurationItemStatus: 'OK',
        configurationItemCaptureTime: Date.parse('2025-06-01T00:00:00.000Z') / 1000,
        configuration: '{"name":"logs"}',
        supplementaryConfiguration: { BucketVersioningConfiguration: '{"status":"Enabled"}', AccessControlList: '{"grantList":[]}' },
      },
    ]);
  });

  it('leaves out resources the aggregator does not have', async () => {
    const ops = await operationsWith([bucket(MEMBER, 'us-east-1', 'logs')]);

    const answer = await ops.BatchGetAggregateResourceConfig(
      {
        ConfigurationAggregatorName: AGGREGATOR,
        ResourceIdentifiers: [{ SourceAccountId: MEMBER, SourceRegion: 'us-east-1', ResourceType: 'AWS::S3::Bucket', ResourceId: 'missing' }],
      },
      request,
    );

    expect(answer).toEqual({ BaseConfigurationItems: [], UnprocessedResourceIdentifiers: [] });
  });

  it('refuses more than 100 identifiers', async () => {
    const ops = await operationsWith([]);
    const identifiers = Array.from({ length: 101 }, (_, index) => ({
      SourceAccountId: MEMBER,
      SourceRegion: 'us-east-1',
      ResourceType: 'AWS::S3::Bucket',
      ResourceId: `b${index}`,
    }));

    const error = await failure(ops.BatchGetAggregateResourceConfig({ ConfigurationAggregatorName: AGGREGATOR, ResourceIdentifiers: identifiers }, request));

    expect(error.type).toBe('ValidationException');
  });
});

describe('DescribeConfigurationAggregatorSourcesStatus', () => {
  it('lists one succeeded source per recorded account and Region', async () => {
    const ops = await operationsWith([bucket(MEMBER, 'us-east-1', 'a'), bucket(MEMBER, 'us-east-1', 'b'), bucket(MEMBER, 'eu-west-1', 'c')]);

    const answer = (await ops.DescribeConfigurationAggregatorSourcesStatus({ ConfigurationAggregatorName: AGGREGATOR }, request)) as { AggregatedSourceStatusList: unknown[] };

    expect(answer.AggregatedSourceStatusList).toEqual([
      expect.objectContaining({ SourceId: MEMBER, SourceType: 'ACCOUNT', AwsRegion: 'eu-west-1', LastUpdateStatus: 'SUCCEEDED' }),
      expect.objectContaining({ SourceId: MEMBER, SourceType: 'ACCOUNT', AwsRegion: 'us-east-1', LastUpdateStatus: 'SUCCEEDED' }),
    ]);
  });
});

describe('own-account operations', () => {
  it('GetResourceConfigHistory with limit 1 returns the newest item of the caller’s account with tags', async () => {
    const store = await ConfigItemStore.open({ seed: async () => [bucket('000000000000', 'us-east-1', 'own')] });
    await store.record(bucket('000000000000', 'us-east-1', 'own', { configurationItemCaptureTime: '2025-07-01T00:00:00.000Z', configuration: { name: 'own', v: 2 } }));
    const ops = configOperations({ store, aggregatorName: AGGREGATOR, account: '000000000000', region: 'us-east-1' });

    const answer = (await ops.GetResourceConfigHistory({ resourceType: 'AWS::S3::Bucket', resourceId: 'own', limit: 1 }, request)) as {
      configurationItems: Array<Record<string, unknown>>;
      nextToken?: string;
    };

    expect(answer.configurationItems).toHaveLength(1);
    expect(answer.configurationItems[0]).toMatchObject({ configuration: '{"name":"own","v":2}', tags: { team: 'data' } });
    expect(answer.nextToken).toEqual(expect.any(String));
  });

  it('GetResourceConfigHistory answers ResourceNotDiscoveredException for a resource of another account', async () => {
    const ops = await operationsWith([bucket(MEMBER, 'us-east-1', 'member-bucket')]);

    const error = await failure(ops.GetResourceConfigHistory({ resourceType: 'AWS::S3::Bucket', resourceId: 'member-bucket' }, request));

    expect(error.type).toBe('ResourceNotDiscoveredException');
  });

  it('ListDiscoveredResources lists the caller’s own resources only', async () => {
    const ops = await operationsWith([bucket('000000000000', 'us-east-1', 'own'), bucket(MEMBER, 'us-east-1', 'member-bucket')]);

    const answer = await ops.ListDiscoveredResources({ resourceType: 'AWS::S3::Bucket' }, request);

    expect(answer).toEqual({ resourceIdentifiers: [{ resourceType: 'AWS::S3::Bucket', resourceId: 'own', resourceName: 'own' }] });
  });
});

describe('the simulated account seed', () => {
  it('is one member account in one Region with the resources the controls need', async () => {
    const items = await readSeed();

    expect(new Set(items.map((item) => `${item.accountId}/${item.awsRegion}`))).toEqual(new Set([`${MEMBER}/us-east-1`]));
    expect(new Set(items.map((item) => item.resourceType))).toEqual(
      new Set([
        'AWS::::Account',
        'AWS::S3::Bucket',
        'AWS::S3::AccountPublicAccessBlock',
        'AWS::EC2::SecurityGroup',
        'AWS::EC2::Instance',
        'AWS::EC2::VPC',
        'AWS::EC2::FlowLog',
        'AWS::EC2::Volume',
        'AWS::IAM::User',
        'AWS::CloudTrail::Trail',
        'AWS::KMS::Key',
        'AWS::RDS::DBInstance',
        'AWS::Config::ConfigurationRecorder',
        'AWS::GuardDuty::Detector',
        // Issue 15 (F1): the types of the added controls and the items they read.
        ...['AWS::ACM::Certificate', 'AWS::SecretsManager::Secret', 'AWS::ApiGateway::Stage', 'AWS::ApiGatewayV2::Stage'],
        ...['AWS::AutoScaling::AutoScalingGroup', 'AWS::AutoScaling::LaunchConfiguration', 'AWS::CloudFront::Distribution', 'AWS::ECR::Repository', 'AWS::EKS::Cluster'],
        ...['AWS::DynamoDB::Table', 'AWS::ApplicationAutoScaling::ScalableTarget', 'AWS::EC2::VPCEndpoint', 'AWS::EC2::EIP', 'AWS::EC2::NetworkAcl'],
        ...['AWS::EC2::NetworkInterface', 'AWS::EC2::VPNConnection', 'AWS::EC2::TransitGateway', 'AWS::EC2::LaunchTemplate', 'AWS::EC2::Subnet'],
        ...['AWS::ElasticLoadBalancing::LoadBalancer', 'AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::ElasticLoadBalancingV2::Listener', 'AWS::IAM::Policy', 'AWS::IAM::Role'],
        ...['AWS::Lambda::Function', 'AWS::SNS::Topic', 'AWS::SQS::Queue', 'AWS::RDS::DBCluster', 'AWS::RDS::DBSnapshot', 'AWS::RDS::EventSubscription'],
        ...['AWS::SSM::ManagedInstanceInventory', 'AWS::SSM::PatchCompliance', 'AWS::SSM::AssociationCompliance', 'AWS::EFS::FileSystem', 'AWS::EFS::AccessPoint'],
        // Analytics, containers, networking and data services.
        'AWS::Athena::WorkGroup',
        'AWS::Backup::RecoveryPoint',
        'AWS::CodeBuild::Project',
        'AWS::CodeBuild::ReportGroup',
        'AWS::DMS::Endpoint',
        'AWS::ECS::Cluster',
        'AWS::ECS::Service',
        'AWS::ECS::TaskDefinition',
        'AWS::EMR::SecurityConfiguration',
        'AWS::ElasticBeanstalk::Environment',
        'AWS::Elasticsearch::Domain',
        'AWS::Events::EventBus',
        'AWS::Glue::Job',
        'AWS::Glue::MLTransform',
        'AWS::KafkaConnect::Connector',
        'AWS::Kinesis::Stream',
        'AWS::MSK::Cluster',
        'AWS::NetworkFirewall::Firewall',
        'AWS::NetworkFirewall::FirewallPolicy',
        'AWS::NetworkFirewall::RuleGroup',
        'AWS::OpenSearch::Domain',
        'AWS::RDS::DBCluster',
        'AWS::RDS::DBClusterSnapshot',
        'AWS::Redshift::Cluster',
        'AWS::Redshift::ClusterParameterGroup',
        'AWS::Route53::HostedZone',
        'AWS::SageMaker::Model',
        'AWS::StepFunctions::StateMachine',
        'AWS::WAF::Rule',
        'AWS::WAF::RuleGroup',
        'AWS::WAF::WebACL',
        'AWS::WAFRegional::Rule',
        'AWS::WAFRegional::RuleGroup',
        'AWS::WAFRegional::WebACL',
        'AWS::WAFv2::RuleGroup',
        'AWS::WAFv2::WebACL',
      ]),
    );
  });
});
