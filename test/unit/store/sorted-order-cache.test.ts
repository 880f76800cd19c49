import { ORDER_ID_SHAPE, SortedOrderCache } from '../../../lambdas/store/sorted-order-cache';

const order = (digest: string, length: number) => ({ digest, keys: Array.from({ length }, (_, index) => `k${index}`), versions: Array.from({ length }, () => 1) });

describe('SortedOrderCache', () => {
  it('answers an order by its id for its own query only', () => {
    const cache = new SortedOrderCache();
    const id = cache.put(order('q1', 3))!;
    expect(id).toMatch(ORDER_ID_SHAPE);
    expect(cache.get(id, 'q1')?.keys).toEqual(['k0', 'k1', 'k2']);
    expect(cache.get(id, 'q2')).toBeUndefined();
    expect(cache.get('AAAAAAAAAAAAAAAAAAAAAA', 'q1')).toBeUndefined();
  });

  it('forgets an order after its time to live', () => {
    let now = 1_000;
    const cache = new SortedOrderCache({ ttlMs: 100, now: () => now });
    const id = cache.put(order('q', 2))!;
    now += 99;
    expect(cache.get(id, 'q')).toBeDefined();
    now += 1;
    expect(cache.get(id, 'q')).toBeUndefined();
    expect(cache.size).toEqual({ orders: 0, keys: 0 });
  });

  it('holds at most maxEntries orders and maxKeys keys, dropping the oldest first', () => {
    const cache = new SortedOrderCache({ maxEntries: 2, maxKeys: 10 });
    const first = cache.put(order('a', 4))!;
    const second = cache.put(order('b', 4))!;
    const third = cache.put(order('c', 4))!;
    expect(cache.get(first, 'a')).toBeUndefined();
    expect(cache.size).toEqual({ orders: 2, keys: 8 });
    const big = cache.put(order('d', 7))!; // 8 + 7 > 10: both older ones go
    expect([cache.get(second, 'b'), cache.get(third, 'c')]).toEqual([undefined, undefined]);
    expect(cache.get(big, 'd')).toBeDefined();
    expect(cache.size).toEqual({ orders: 1, keys: 7 });
    expect(cache.put(order('e', 11))).toBeUndefined(); // longer than the whole cache: not kept
    expect(cache.size).toEqual({ orders: 1, keys: 7 });
  });

  it('drops an order whose data changed', () => {
    const cache = new SortedOrderCache();
    const id = cache.put(order('q', 5))!;
    cache.drop(id);
    cache.drop(id);
    expect(cache.get(id, 'q')).toBeUndefined();
    expect(cache.size).toEqual({ orders: 0, keys: 0 });
  });
});
