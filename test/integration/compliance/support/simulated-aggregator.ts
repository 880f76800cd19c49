import {
  BatchGetAggregateResourceConfigCommand,
  DescribeConfigurationAggregatorSourcesStatusCommand,
  ListAggregateDiscoveredResourcesCommand,
} from '@aws-sdk/client-config-service';
import type { mockClient } from 'aws-sdk-client-mock';
import type { ConfigurationItem } from '../../../../lambdas/compliance/controls/types';

/**
 * A Config aggregator behind a mocked ConfigServiceClient, over a mutable list of items: lists in
 * pages of 2 (pagination is exercised), batch-gets as the API returns items (configuration and
 * supplementary values as JSON strings). `sourceRegion` says under which Region the aggregator
 * lists an item (a global IAM item is listed under the Region that recorded it).
 */
export function simulateAggregator(
  config: ReturnType<typeof mockClient>,
  items: ConfigurationItem[],
  options: { sources?: Array<{ accountId: string; awsRegion: string }>; sourceRegion?: (item: ConfigurationItem) => string } = {},
): void {
  const sourceRegion = options.sourceRegion ?? ((item: ConfigurationItem) => item.awsRegion);
  const matches = (ci: ConfigurationItem, type?: string, account?: string, region?: string) =>
    ci.resourceType === type && (!account || ci.accountId === account) && (!region || sourceRegion(ci) === region);
  config.on(ListAggregateDiscoveredResourcesCommand).callsFake((input) => {
    const all = items.filter((ci) => matches(ci, input.ResourceType, input.Filters?.AccountId, input.Filters?.Region));
    const start = Number(input.NextToken ?? 0);
    const page = all.slice(start, start + 2);
    return {
      ResourceIdentifiers: page.map((ci) => ({ SourceAccountId: ci.accountId, SourceRegion: sourceRegion(ci), ResourceType: ci.resourceType, ResourceId: ci.resourceId })),
      NextToken: start + 2 < all.length ? String(start + 2) : undefined,
    };
  });
  config.on(BatchGetAggregateResourceConfigCommand).callsFake((input) => ({
    BaseConfigurationItems: input.ResourceIdentifiers.flatMap((id: { ResourceType: string; ResourceId: string; SourceAccountId: string; SourceRegion: string }) =>
      items
        .filter((ci) => ci.resourceType === id.ResourceType && ci.resourceId === id.ResourceId && ci.accountId === id.SourceAccountId && sourceRegion(ci) === id.SourceRegion)
        .map((ci) => ({
          ...ci,
          configuration: JSON.stringify(ci.configuration),
          supplementaryConfiguration: Object.fromEntries(Object.entries(ci.supplementaryConfiguration ?? {}).map(([key, value]) => [key, JSON.stringify(value)])),
        })),
    ),
  }));
  config.on(DescribeConfigurationAggregatorSourcesStatusCommand).resolves({
    AggregatedSourceStatusList: (options.sources ?? [{ accountId: '111122223333', awsRegion: 'eu-west-1' }]).map((source) => ({
      SourceId: source.accountId,
      AwsRegion: source.awsRegion,
      SourceType: 'ORGANIZATION',
      LastUpdateStatus: 'SUCCEEDED',
    })),
  });
}

/** AWS Config's `Config Configuration Item Change` event for an item (ConfigurationItemChangeNotification). */
export function changeEvent(item: ConfigurationItem, region = item.awsRegion === 'global' ? 'us-east-1' : item.awsRegion) {
  return {
    id: `event-${item.resourceId}`,
    source: 'aws.config',
    'detail-type': 'Config Configuration Item Change',
    account: item.accountId,
    region,
    detail: {
      messageType: 'ConfigurationItemChangeNotification',
      configurationItem: {
        awsAccountId: item.accountId,
        awsRegion: item.awsRegion,
        resourceType: item.resourceType,
        resourceId: item.resourceId,
        resourceName: item.resourceName,
        ARN: item.arn,
        configurationItemStatus: item.configurationItemStatus ?? 'OK',
        configurationItemCaptureTime: item.configurationItemCaptureTime,
        configuration: item.configuration,
        supplementaryConfiguration: item.supplementaryConfiguration ?? {},
        tags: item.tags ?? {},
      },
    },
  };
}
