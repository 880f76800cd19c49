/**
 * The embedded default's finding aggregator: a fresh data dir starts with one linking ALL_REGIONS to
 * the local home Region (us-east-1), as the demo organization's administrator sets it up, so the
 * simulated accounts' two Regions flow into one store. `DeleteFindingAggregator` (or
 * `UpdateFindingAggregator`) turns it off or narrows it, and from then on only linked Regions'
 * findings are stored, as Security Hub does; a restart does not put it back.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoAggregatorStore, aggregatorArn } from '../../lambdas/aggregation';
import { partitionOf } from '../../lambdas/normalize';

/** Creates the ALL_REGIONS aggregator of a fresh local data dir (nothing when one exists). */
export async function seedLocalFindingAggregator(client: DynamoDBClient, tableName: string, location: { accountId: string; region: string }): Promise<void> {
  const store = new DynamoAggregatorStore({ client, tableName });
  const arn = aggregatorArn({ ...location, partition: partitionOf(location.region) }, '00000000-0000-4000-8000-000000000000');
  await store.create({ arn, homeRegion: location.region, mode: 'ALL_REGIONS', regions: [] });
}
