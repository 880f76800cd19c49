import {
  BatchGetAggregateResourceConfigCommand,
  type ConfigServiceClient,
  DescribeConfigurationAggregatorSourcesStatusCommand,
  GetResourceConfigHistoryCommand,
  ListAggregateDiscoveredResourcesCommand,
  type ResourceType,
} from '@aws-sdk/client-config-service';
import type { ConfigurationItem } from './controls/types';
import { fromApiItem, type ConfigItemsSource, type ResourceKey } from './config-items';

const ACCOUNT_TYPE = 'AWS::::Account';

/**
 * {@link ConfigItemsSource} on an AWS Config aggregator (`ListAggregateDiscoveredResources`,
 * `BatchGetAggregateResourceConfig`, `DescribeConfigurationAggregatorSourcesStatus`). The client
 * finds its endpoint as the SDK does (`AWS_ENDPOINT_URL_CONFIG_SERVICE` on the embedded default).
 * `calls` counts the Config API calls made, by operation.
 */
export class AggregatorConfigItems implements ConfigItemsSource {
  readonly calls: Record<string, number> = {};

  constructor(
    private readonly client: ConfigServiceClient,
    private readonly aggregatorName: string,
  ) {}

  private count(operation: string): void {
    this.calls[operation] = (this.calls[operation] ?? 0) + 1;
  }

  async listResources(resourceType: string, scope: { accountId?: string; awsRegion?: string }, nextToken?: string) {
    this.count('ListAggregateDiscoveredResources');
    try {
      const response = await this.client.send(
        new ListAggregateDiscoveredResourcesCommand({
          ConfigurationAggregatorName: this.aggregatorName,
          ResourceType: resourceType as ResourceType,
          Filters: { AccountId: scope.accountId, Region: scope.awsRegion },
          Limit: 100,
          NextToken: nextToken,
        }),
      );
      const keys: ResourceKey[] = (response.ResourceIdentifiers ?? []).flatMap((identifier) =>
        identifier.SourceAccountId && identifier.SourceRegion && identifier.ResourceType && identifier.ResourceId
          ? [{ accountId: identifier.SourceAccountId, awsRegion: identifier.SourceRegion, resourceType: identifier.ResourceType, resourceId: identifier.ResourceId }]
          : [],
      );
      return { keys, nextToken: response.NextToken || undefined };
    } catch (error) {
      // AWS Config has no AWS::::Account type: only a recorder of account settings (the simulated
      // member account) serves it; AWS's API refuses the type, which means "none recorded".
      if (resourceType === ACCOUNT_TYPE && (error as { name?: string }).name === 'ValidationException') return { keys: [] };
      throw error;
    }
  }

  async listAccountRegions(nextToken?: string) {
    this.count('DescribeConfigurationAggregatorSourcesStatus');
    const response = await this.client.send(
      new DescribeConfigurationAggregatorSourcesStatusCommand({ ConfigurationAggregatorName: this.aggregatorName, Limit: 100, NextToken: nextToken }),
    );
    const sources = (response.AggregatedSourceStatusList ?? []).flatMap((status) =>
      status.SourceId && status.AwsRegion && /^\d{12}$/.test(status.SourceId) ? [{ accountId: status.SourceId, awsRegion: status.AwsRegion }] : [],
    );
    return { sources, nextToken: response.NextToken || undefined };
  }

  async getItems(keys: ResourceKey[]): Promise<ConfigurationItem[]> {
    if (keys.length === 0) return [];
    this.count('BatchGetAggregateResourceConfig');
    const response = await this.client.send(
      new BatchGetAggregateResourceConfigCommand({
        ConfigurationAggregatorName: this.aggregatorName,
        ResourceIdentifiers: keys.map((key) => ({
          SourceAccountId: key.accountId,
          SourceRegion: key.awsRegion,
          ResourceType: key.resourceType as ResourceType,
          ResourceId: key.resourceId,
        })),
      }),
    );
    return (response.BaseConfigurationItems ?? []).map((item) => fromApiItem(item));
  }

  /**
   * The latest item of a resource in the caller's own account (`GetResourceConfigHistory`, limit 1):
   * the fallback when the aggregator has not caught up with a change yet.
   */
  async getOwnItem(key: ResourceKey): Promise<ConfigurationItem | undefined> {
    this.count('GetResourceConfigHistory');
    try {
      const response = await this.client.send(new GetResourceConfigHistoryCommand({ resourceType: key.resourceType as ResourceType, resourceId: key.resourceId, limit: 1 }));
      const [item] = response.configurationItems ?? [];
      return item ? fromApiItem({ ...item, configurationItemCaptureTime: item.configurationItemCaptureTime }) : undefined;
    } catch (error) {
      if ((error as { name?: string }).name === 'ResourceNotDiscoveredException') return undefined;
      throw error;
    }
  }
}
