import { indexEntrySize, indexWriteUnits, itemSize, storedBytesDelta, type IndexShape } from '../../../lib/cost/capacity';

const TABLE_KEYS = ['pk', 'sk'];
const keysOnly: IndexShape = { name: 'ByG', keys: ['gpk', 'gsk'], projection: 'KEYS_ONLY' };
const all: IndexShape = { name: 'ByAll', keys: ['gpk'], projection: 'ALL' };
const base = { pk: { S: 'F#1' }, sk: { S: '#F' }, gpk: { S: 'G' }, gsk: { S: '1' }, doc: { S: 'x' } };

describe("DynamoDB's item sizes", () => {
  it('counts names and values: strings in UTF-8 bytes, numbers by digits, maps and lists with their overhead', () => {
    expect(itemSize({ pk: { S: 'abc' } })).toBe(5);
    expect(itemSize({ n: { N: '123' } })).toBe(1 + 3);
    expect(itemSize({ é: { S: 'é' } })).toBe(4);
    expect(itemSize({ m: { M: { a: { S: 'x' } } } })).toBe(1 + 3 + 1 + 1 + 1);
    expect(itemSize({ l: { L: [{ BOOL: true }, { NULL: true }] } })).toBe(1 + 3 + 2 + 2);
  });
  it('sizes an index entry as its projected attributes plus 100 bytes', () => {
    expect(indexEntrySize(base, keysOnly, TABLE_KEYS)).toBe(itemSize({ pk: base.pk, sk: base.sk, gpk: base.gpk, gsk: base.gsk }) + 100);
    expect(indexEntrySize(base, all, TABLE_KEYS)).toBe(itemSize(base) + 100);
  });
});

describe('index write units of one item write', () => {
  it('a new item in the index: one write of its entry', () => {
    expect(indexWriteUnits(undefined, base, [keysOnly], TABLE_KEYS)).toEqual({ ByG: 1 });
  });
  it('an index key changed: a delete and a put', () => {
    expect(indexWriteUnits(base, { ...base, gsk: { S: '2' } }, [keysOnly], TABLE_KEYS)).toEqual({ ByG: 2 });
  });
  it('same key, a non-key attribute changed: nothing for KEYS_ONLY, one write for ALL', () => {
    const next = { ...base, doc: { S: 'y' } };
    expect(indexWriteUnits(base, next, [keysOnly, all], TABLE_KEYS)).toEqual({ ByAll: 1 });
  });
  it('leaving the index (key removed, or the item deleted): one write', () => {
    const { gsk: _removed, ...withoutKey } = base;
    expect(indexWriteUnits(base, withoutKey, [keysOnly], TABLE_KEYS)).toEqual({ ByG: 1 });
    expect(indexWriteUnits(base, undefined, [keysOnly, all], TABLE_KEYS)).toEqual({ ByG: 1, ByAll: 1 });
  });
  it('an item never in the index costs it nothing; a large entry a unit per KB', () => {
    expect(indexWriteUnits({ pk: base.pk, sk: base.sk }, { pk: base.pk, sk: base.sk, doc: { S: 'z' } }, [keysOnly], TABLE_KEYS)).toEqual({});
    expect(indexWriteUnits(undefined, { ...base, doc: { S: 'x'.repeat(2800) } }, [all], TABLE_KEYS)).toEqual({ ByAll: 3 }); // 2,800 + 22 + 100 bytes
  });
  it('stored bytes: the item and its entries, 100 bytes each, and their change', () => {
    const stored = itemSize(base) + 100 + indexEntrySize(base, keysOnly, TABLE_KEYS);
    expect(storedBytesDelta(undefined, base, [keysOnly], TABLE_KEYS)).toBe(stored);
    expect(storedBytesDelta(base, undefined, [keysOnly], TABLE_KEYS)).toBe(-stored);
  });
});
