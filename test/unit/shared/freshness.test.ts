import { FreshCache, isFresh } from '../../../lambdas/shared/freshness';

/** A load that resolves when told to, counting its calls. */
function deferredLoads<V>() {
  const pending: Array<{ resolve: (value: V) => void; reject: (error: Error) => void }> = [];
  let calls = 0;
  return {
    load: () =>
      new Promise<V>((resolve, reject) => {
        calls++;
        pending.push({ resolve, reject });
      }),
    resolve: (value: V) => pending.shift()!.resolve(value),
    reject: (error: Error) => pending.shift()!.reject(error),
    get calls() {
      return calls;
    },
  };
}

describe('isFresh', () => {
  it('is fresh younger than the age, never at age 0 or from the future', () => {
    expect(isFresh(1000, 1500, 1000)).toBe(true);
    expect(isFresh(1000, 2000, 1000)).toBe(false);
    expect(isFresh(1000, 1000, 0)).toBe(false);
    expect(isFresh(1000, 999, 1000)).toBe(false);
  });
});

describe('FreshCache', () => {
  it('shares one load among the callers that ask while it runs, then reuses it until it is stale', async () => {
    const cache = new FreshCache<string>();
    const loads = deferredLoads<string>();
    const asked = Array.from({ length: 16 }, (_, index) => cache.get('t', 1000 + index, 30_000, loads.load));
    expect(loads.calls).toBe(1);
    loads.resolve('v1');
    expect(await Promise.all(asked)).toEqual(Array(16).fill('v1'));
    expect(await cache.get('t', 20_000, 30_000, loads.load)).toBe('v1');
    expect(loads.calls).toBe(1);
    const stale = cache.get('t', 31_000, 30_000, loads.load);
    expect(loads.calls).toBe(2);
    loads.resolve('v2');
    expect(await stale).toBe('v2');
  });

  it('never reuses with age 0 (every caller reads)', async () => {
    const cache = new FreshCache<number>();
    let calls = 0;
    const load = async () => ++calls;
    expect(await Promise.all([cache.get('t', 1, 0, load), cache.get('t', 1, 0, load)])).toEqual([1, 2]);
    expect(await cache.get('t', 1, 0, load)).toBe(3);
  });

  it('forgets a failed load, so the next caller reads again', async () => {
    const cache = new FreshCache<string>();
    const loads = deferredLoads<string>();
    const first = cache.get('t', 1, 30_000, loads.load);
    loads.reject(new Error('throttled'));
    await expect(first).rejects.toThrow('throttled');
    const second = cache.get('t', 2, 30_000, loads.load);
    expect(loads.calls).toBe(2);
    loads.resolve('ok');
    expect(await second).toBe('ok');
  });

  it('after delete, a load in flight is not reused and keys are separate', async () => {
    const cache = new FreshCache<string>();
    const loads = deferredLoads<string>();
    const before = cache.get('t', 1, 30_000, loads.load);
    cache.delete('t');
    const after = cache.get('t', 2, 30_000, loads.load);
    const other = cache.get('u', 2, 30_000, loads.load);
    expect(loads.calls).toBe(3);
    loads.resolve('old');
    loads.resolve('new');
    loads.resolve('u');
    expect([await before, await after, await other]).toEqual(['old', 'new', 'u']);
    expect(await cache.get('t', 3, 30_000, loads.load)).toBe('new');
    cache.set('t', 'written', 4);
    expect(await cache.get('t', 5, 30_000, loads.load)).toBe('written');
    cache.clear();
    void cache.get('t', 6, 30_000, loads.load);
    expect(loads.calls).toBe(4);
  });
});
