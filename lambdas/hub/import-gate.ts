/**
 * The hub's import admission: every writer's store (API, normalizers, compliance) asks it, once per
 * batch, which findings the hub accepts (`admitFinding`). The hub state is read at most once per
 * {@link HUB_CACHE_MS} in each warm Lambda (a change reaches every importer within 30 s) and at once
 * in the process that made the change (the hub store invalidates on every write).
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ImportAdmission } from '../store';
import { admitFinding, type HubState } from './hub';
import { DynamoHubStore, type HubRepository } from './state/hub-store';
import { FreshCache } from '../shared/freshness';

/** How long a warm Lambda reuses the hub state it read: 30 s, as the automation rules. */
export const HUB_CACHE_MS = 30_000;

const cache = new FreshCache<HubState>();

/** Forgets the cached hub state of `table` (after the hub changed). */
export function invalidateHub(table: string): void {
  cache.delete(table);
}

/** The admission over a hub repository; `cacheMs` 0 reads the state for every batch. */
export function hubAdmission(repository: HubRepository, tableName: string, cacheMs = HUB_CACHE_MS): ImportAdmission {
  return {
    async prepare(now) {
      const current = await cache.get(tableName, now.getTime(), cacheMs, () => repository.get());
      return (finding) => admitFinding(current, finding);
    },
  };
}

/** The hub store on the findings table, invalidating this process's cached state on every write. */
export function hubStoreOn(client: DynamoDBClient, tableName: string): DynamoHubStore {
  return new DynamoHubStore({ client, tableName, onChange: () => invalidateHub(tableName) });
}

/** The admission every writer's store is built with (`findingsStoreFromEnv`). */
export function hubAdmissionOn(client: DynamoDBClient, tableName: string): ImportAdmission {
  return hubAdmission(hubStoreOn(client, tableName), tableName);
}
