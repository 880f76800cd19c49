/**
 * The Region gate of ingestion: which findings' Regions are linked to this deployment's home Region.
 * The aggregator is read once per batch (and at most once per {@link AGGREGATOR_CACHE_MS} in a warm
 * Lambda; at once in the process that changed it), then each finding's question is a Set lookup.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { regionLinker, type FindingAggregator, type LinkDecision } from './linking';
import { DynamoAggregatorStore, type AggregatorRepository } from './state/aggregator-store';
import { FreshCache } from '../shared/freshness';

/** How long a warm Lambda reuses the aggregator it read: 30 s, as the hub state. */
export const AGGREGATOR_CACHE_MS = 30_000;

const cache = new FreshCache<FindingAggregator | undefined>();

/** Answers, per Region, whether it is linked to the home Region (prepared once per batch). */
export interface RegionGate {
  prepare(now: Date): Promise<(region: string) => LinkDecision>;
}

/** The gate over an aggregator repository; `cacheMs` 0 reads the aggregator for every batch. */
export function regionGate(repository: Pick<AggregatorRepository, 'get'>, homeRegion: string, cacheKey: string, cacheMs = AGGREGATOR_CACHE_MS): RegionGate {
  return {
    async prepare(now) {
      const aggregator = await cache.get(cacheKey, now.getTime(), cacheMs, () => repository.get());
      return regionLinker(aggregator, homeRegion);
    },
  };
}

/** The aggregator store on the findings table, invalidating this process's cached aggregator on every write. */
export function aggregatorStoreOn(client: DynamoDBClient, tableName: string): DynamoAggregatorStore {
  return new DynamoAggregatorStore({ client, tableName, onChange: () => cache.delete(tableName) });
}

/** The gate the normalizers are built with: this deployment's aggregator, home Region `homeRegion`. */
export function regionGateOn(client: DynamoDBClient, tableName: string, homeRegion: string): RegionGate {
  return regionGate(aggregatorStoreOn(client, tableName), homeRegion, tableName);
}
