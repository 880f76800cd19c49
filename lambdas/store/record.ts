import type { AwsSecurityFinding } from '../asff';
import type { ChangeRecord } from './history';
import type { ProviderField } from './import-rules';
import { findingIndexAttributes, resourceLinkIndexAttributes } from './index-keys';
import { findingPartition, historySortKey, resourceLinkSortKey } from './keys';
import { historyExpiry } from './retention';
import { TABLE_KEYS } from './table-schema';
import { FINDING_SK } from './item-kinds';

/** A finding as the store keeps it: the document plus the bookkeeping Security Hub's rules need. */
export interface StoredFinding {
  key: string;
  /** Incremented on every write; conditional writes on it prevent lost updates. */
  version: number;
  finding: AwsSecurityFinding;
  customerOwned: ProviderField[];
  /** The change that produced this version (crash-safe history: it lives on the item itself). */
  lastChange: ChangeRecord;
  expiresAt: number;
}

/** A DynamoDB item as the document client reads and writes it. */
export type Item = Record<string, unknown>;

/** The finding item: the document as JSON (one attribute, cheap to marshal) and its index keys. */
export function toFindingItem(stored: StoredFinding): Item {
  return {
    [TABLE_KEYS.partitionKey]: findingPartition(stored.key),
    [TABLE_KEYS.sortKey]: FINDING_SK,
    doc: JSON.stringify(stored.finding),
    ver: stored.version,
    owned: stored.customerOwned,
    change: JSON.stringify(stored.lastChange),
    [TABLE_KEYS.expiresAt]: stored.expiresAt,
    ...findingIndexAttributes(stored.key, stored.finding),
  };
}

/** Reads a finding item back. */
export function fromFindingItem(item: Item): StoredFinding {
  const partition = item[TABLE_KEYS.partitionKey] as string;
  return {
    key: partition.slice(2),
    version: item.ver as number,
    finding: JSON.parse(item.doc as string) as AwsSecurityFinding,
    customerOwned: (item.owned as ProviderField[] | undefined) ?? [],
    lastChange: JSON.parse(item.change as string) as ChangeRecord,
    expiresAt: item[TABLE_KEYS.expiresAt] as number,
  };
}

/** The history item for a superseded change. */
export function toHistoryItem(key: string, change: ChangeRecord): Item {
  return {
    [TABLE_KEYS.partitionKey]: findingPartition(key),
    [TABLE_KEYS.sortKey]: historySortKey(change.version),
    change: JSON.stringify(change),
    [TABLE_KEYS.expiresAt]: historyExpiry(new Date(change.time)),
  };
}

/** Link items that index Resources[1..] of a finding under ResourceId. */
export function toResourceLinkItems(stored: StoredFinding): Item[] {
  const resources = stored.finding.Resources ?? [];
  const links: Item[] = [];
  for (let index = 1; index < resources.length; index++) {
    links.push({
      [TABLE_KEYS.partitionKey]: findingPartition(stored.key),
      [TABLE_KEYS.sortKey]: resourceLinkSortKey(index),
      [TABLE_KEYS.expiresAt]: stored.expiresAt,
      ...resourceLinkIndexAttributes(stored.key, stored.finding, index),
    });
  }
  return links;
}
