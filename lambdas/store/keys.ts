import { createHash } from 'node:crypto';
import { ITEM_KINDS } from './item-kinds';
import type { FindingIdentifier } from './types';

/**
 * A finding's storage key: base64url SHA-256 of its ProductArn and Id. Fixed length (43 chars)
 * whatever the Id's length (up to 512), and uniformly distributed, so it also picks write shards.
 */
export function findingKey(identifier: FindingIdentifier): string {
  return createHash('sha256').update(identifier.ProductArn).update('\n').update(identifier.Id).digest('base64url');
}

/** Partition key of every item that belongs to one finding. */
export function findingPartition(key: string): string {
  return ITEM_KINDS.finding.pk.build(key);
}

/** The finding key inside a partition key written by {@link findingPartition}. */
export function keyOfPartition(partition: string): string {
  return partition.slice(ITEM_KINDS.finding.pk.prefix.length);
}

/** Sort key of the history record for a finding version (zero-padded so records sort by version). */
export function historySortKey(version: number): string {
  return ITEM_KINDS.history.sk.build(String(version).padStart(10, '0'));
}

/** Sort key of the link item that indexes the finding's resource at `index` (1 and up). */
export function resourceLinkSortKey(index: number): string {
  return ITEM_KINDS.resourceLink.sk.build(String(index).padStart(2, '0'));
}

/** The write shard (0 … shards-1) a finding falls in, from its key. */
export function shardOf(key: string, shards: number): number {
  if (shards <= 1) return 0;
  const bytes = Buffer.from(key.slice(0, 8), 'base64url');
  return bytes.readUInt32BE(0) % shards;
}
