/**
 * DynamoDB's capacity arithmetic that dynalite does not do: the write request units a write
 * consumes on the table's global secondary indexes, from the item before and after it (a stream
 * record's OldImage and NewImage), and item sizes by DynamoDB's rules. Pure.
 *
 * The rules (DynamoDB Developer Guide, "Provisioned throughput considerations for Global Secondary
 * Indexes"): an item enters an index when it has every key attribute of the index (one write of the
 * new entry); a change of an index key value is a delete and a put (two writes); an item leaving
 * the index is one write (a delete of the old entry); an item staying with the same key costs a
 * write only when an attribute the index projects changed. A write costs one unit per 1 KB of the
 * index entry (rounded up), the entry being the index key, the table key, the projected attributes
 * and 100 bytes of overhead.
 */

/** A DynamoDB item in the wire form (`{ name: { S: 'x' } }`). */
export type AttributeMap = Record<string, AttributeValue>;
/** One attribute value in the wire form. */
export type AttributeValue = Record<string, unknown>;

/** What the arithmetic needs of an index. */
export interface IndexShape {
  name: string;
  /** The index's hash and (optional) range attribute names. */
  keys: readonly string[];
  projection: 'KEYS_ONLY' | 'ALL' | 'INCLUDE';
  /** Non-key attributes of an `INCLUDE` projection. */
  include?: readonly string[];
}

const INDEX_ENTRY_OVERHEAD = 100;

function numberSize(text: string): number {
  const digits = text.replace(/^-/, '').replace(/e.*$/i, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return Math.ceil(Math.max(1, digits.length) / 2) + 1;
}

/** The size DynamoDB counts for one value. */
export function valueSize(value: AttributeValue): number {
  const [type, inner] = Object.entries(value)[0] ?? ['NULL', true];
  switch (type) {
    case 'S':
      return Buffer.byteLength(String(inner));
    case 'N':
      return numberSize(String(inner));
    case 'B':
      return Buffer.from(String(inner), 'base64').length;
    case 'BOOL':
    case 'NULL':
      return 1;
    case 'SS':
      return (inner as string[]).reduce((sum, entry) => sum + Buffer.byteLength(entry), 0);
    case 'NS':
      return (inner as string[]).reduce((sum, entry) => sum + numberSize(entry), 0);
    case 'BS':
      return (inner as string[]).reduce((sum, entry) => sum + Buffer.from(entry, 'base64').length, 0);
    case 'L':
      return 3 + (inner as AttributeValue[]).reduce((sum, entry) => sum + 1 + valueSize(entry), 0);
    case 'M':
      return 3 + Object.entries(inner as AttributeMap).reduce((sum, [name, entry]) => sum + 1 + Buffer.byteLength(name) + valueSize(entry), 0);
    default:
      throw new Error(`Unknown DynamoDB attribute type ${type}`);
  }
}

/** An item's size: every attribute's name and value. */
export function itemSize(item: AttributeMap): number {
  return Object.entries(item).reduce((sum, [name, value]) => sum + Buffer.byteLength(name) + valueSize(value), 0);
}

/** Write units of a write of `bytes`: one per KB, at least one. */
export function writeUnitsOf(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / 1024));
}

function inIndex(item: AttributeMap | undefined, index: IndexShape): item is AttributeMap {
  return item !== undefined && index.keys.every((key) => item[key] !== undefined);
}

function projected(item: AttributeMap, index: IndexShape, tableKeys: readonly string[]): AttributeMap {
  if (index.projection === 'ALL') return item;
  const names = new Set([...tableKeys, ...index.keys, ...(index.projection === 'INCLUDE' ? (index.include ?? []) : [])]);
  return Object.fromEntries(Object.entries(item).filter(([name]) => names.has(name)));
}

/** The size of an item's entry in an index (projected attributes + 100 bytes). */
export function indexEntrySize(item: AttributeMap, index: IndexShape, tableKeys: readonly string[]): number {
  return itemSize(projected(item, index, tableKeys)) + INDEX_ENTRY_OVERHEAD;
}

const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, inner) =>
    inner && typeof inner === 'object' && !Array.isArray(inner) ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b))) : inner,
  );

/** The write units one item write costs on each index, from the item before and after (undefined: absent). */
export function indexWriteUnits(
  before: AttributeMap | undefined,
  after: AttributeMap | undefined,
  indexes: readonly IndexShape[],
  tableKeys: readonly string[],
): Record<string, number> {
  const units: Record<string, number> = {};
  for (const index of indexes) {
    const was = inIndex(before, index);
    const is = inIndex(after, index);
    let cost = 0;
    if (was && is) {
      const sameKey = index.keys.every((key) => canonical(before[key]) === canonical(after[key]));
      if (!sameKey) cost = writeUnitsOf(indexEntrySize(before, index, tableKeys)) + writeUnitsOf(indexEntrySize(after, index, tableKeys));
      else if (canonical(projected(before, index, tableKeys)) !== canonical(projected(after, index, tableKeys))) cost = writeUnitsOf(indexEntrySize(after, index, tableKeys));
    } else if (is) cost = writeUnitsOf(indexEntrySize(after, index, tableKeys));
    else if (was) cost = writeUnitsOf(indexEntrySize(before, index, tableKeys));
    if (cost > 0) units[index.name] = cost;
  }
  return units;
}

/** Bytes an item write adds to storage (the item and its index entries; negative when it shrinks). */
export function storedBytesDelta(before: AttributeMap | undefined, after: AttributeMap | undefined, indexes: readonly IndexShape[], tableKeys: readonly string[]): number {
  const stored = (item: AttributeMap | undefined) =>
    item === undefined
      ? 0
      : itemSize(item) + INDEX_ENTRY_OVERHEAD + indexes.filter((index) => inIndex(item, index)).reduce((sum, index) => sum + indexEntrySize(item, index, tableKeys), 0);
  return stored(after) - stored(before);
}
