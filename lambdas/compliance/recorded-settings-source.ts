import { RECORDED_SETTINGS_TYPES } from './account-settings';
import type { ConfigItemsSource, ResourceKey } from './config-items';
import type { ConfigurationItem } from './controls/types';
import type { AccountSettingsRepository } from './state/account-settings-store';

/**
 * A {@link ConfigItemsSource} that reads the types only the member collector records (the account
 * settings item, configuration recorders, DynamoDB scalable targets: RECORDED_SETTINGS_TYPES) from
 * the stored account settings, and everything else from the Config aggregator. The aggregator
 * refuses those types, so the sweep and the change path read them here.
 */
export class RecordedSettingsSource implements ConfigItemsSource {
  constructor(
    private readonly aggregator: ConfigItemsSource & { getOwnItem?(key: ResourceKey): Promise<ConfigurationItem | undefined> },
    private readonly settings: AccountSettingsRepository,
  ) {}

  /** The aggregator's fallback for an oversized notification of the caller's own account, if it has one. */
  async getOwnItem(key: ResourceKey): Promise<ConfigurationItem | undefined> {
    return this.aggregator.getOwnItem?.(key);
  }

  private async recorded(accountId: string, awsRegion: string, resourceType: string): Promise<ConfigurationItem[]> {
    const snapshot = await this.settings.get(accountId, awsRegion);
    return (snapshot?.items ?? []).filter((item) => item.resourceType === resourceType);
  }

  async listResources(resourceType: string, scope: { accountId?: string; awsRegion?: string }, nextToken?: string) {
    if (!RECORDED_SETTINGS_TYPES.includes(resourceType)) return this.aggregator.listResources(resourceType, scope, nextToken);
    if (!scope.accountId || !scope.awsRegion) throw new Error(`${resourceType} is read from the recorded account settings: give an account and a Region`);
    const items = await this.recorded(scope.accountId, scope.awsRegion, resourceType);
    return { keys: items.map(({ accountId, awsRegion, resourceType: type, resourceId }) => ({ accountId, awsRegion, resourceType: type, resourceId })) };
  }

  listAccountRegions(nextToken?: string) {
    return this.aggregator.listAccountRegions(nextToken);
  }

  async getItems(keys: ResourceKey[]): Promise<ConfigurationItem[]> {
    const fromAggregator = keys.filter((key) => !RECORDED_SETTINGS_TYPES.includes(key.resourceType));
    const items = fromAggregator.length > 0 ? await this.aggregator.getItems(fromAggregator) : [];
    const places = new Map<string, ResourceKey[]>();
    for (const key of keys.filter((key) => RECORDED_SETTINGS_TYPES.includes(key.resourceType))) {
      const place = `${key.accountId}|${key.awsRegion}`;
      places.set(place, [...(places.get(place) ?? []), key]);
    }
    for (const wanted of places.values()) {
      const snapshot = await this.settings.get(wanted[0].accountId, wanted[0].awsRegion);
      items.push(...(snapshot?.items ?? []).filter((item) => wanted.some((key) => key.resourceType === item.resourceType && key.resourceId === item.resourceId)));
    }
    return items;
  }
}
