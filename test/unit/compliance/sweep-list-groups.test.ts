import { listResources, PAGES_PER_LIST, SWEEP_TYPE_GROUPS, SWEPT_TYPES, TYPES_PER_LIST_TASK } from '../../../lambdas/compliance/sweep/sweep';
import type { ConfigItemsSource, ResourceKey } from '../../../lambdas/compliance/config-items';

/** A source with `counts[type]` resources per type, pages of 100, calls counted. */
function source(counts: Record<string, number>) {
  const calls: string[] = [];
  const page = (all: ResourceKey[], token?: string) => {
    const start = Number(token ?? 0);
    return { slice: all.slice(start, start + 100), nextToken: start + 100 < all.length ? String(start + 100) : undefined };
  };
  const keysOf = (type: string) =>
    Array.from({ length: counts[type] ?? 0 }, (_, i) => ({
      accountId: '111122223333',
      awsRegion: 'eu-west-1',
      resourceType: type,
      resourceId: `${type}-${String(i).padStart(4, '0')}`,
    }));
  const fake: ConfigItemsSource = {
    async listResources(type, _scope, token) {
      calls.push(type);
      const { slice, nextToken } = page(keysOf(type), token);
      return { keys: slice, ...(nextToken && { nextToken }) };
    },
    async listAccountRegions() {
      calls.push('AWS::::Account');
      return { sources: [{ accountId: '111122223333', awsRegion: 'eu-west-1' }] };
    },
    async getItems() {
      return [];
    },
  };
  return { fake, calls };
}

/** Runs the list task as the state machine does: again with the nextToken until there is none. */
async function listGroup(fake: ConfigItemsSource, group: string) {
  const outputs = [];
  let nextToken: string | undefined;
  do {
    const output = await listResources(fake, { resourceType: group, ...(nextToken && { nextToken }) });
    outputs.push(output);
    nextToken = output.nextToken;
  } while (nextToken);
  return outputs;
}

describe('the sweep lists resource types in groups', () => {
  it('groups every swept type once, at most TYPES_PER_LIST_TASK per group', () => {
    expect(SWEEP_TYPE_GROUPS.flatMap((group) => group.split(' '))).toEqual(SWEPT_TYPES);
    expect(SWEEP_TYPE_GROUPS.every((group) => group.split(' ').length <= TYPES_PER_LIST_TASK)).toBe(true);
  });

  it('walks a group in order in as few tasks as the page budget allows, empty types costing one call and no task', async () => {
    const { fake, calls } = source({ A: 250, B: 0, C: 30, D: 420 });
    const outputs = await listGroup(fake, 'AWS::::Account A B C D');
    const keys = outputs.flatMap((output) => output.batches.flat());

    // 1 + 3 + 1 + 1 + 5 pages = 11 pages: 3 tasks of at most 5 pages.
    expect(outputs.map((output) => output.count)).toEqual([1 + 250, 30 + 400, 20]);
    expect(outputs).toHaveLength(Math.ceil(11 / PAGES_PER_LIST));
    expect(calls).toEqual(['AWS::::Account', 'A', 'A', 'A', 'B', 'C', 'D', 'D', 'D', 'D', 'D']);
    expect(keys).toHaveLength(1 + 250 + 30 + 420);
    expect(new Set(keys.map((key) => `${key.resourceType}/${key.resourceId}`)).size).toBe(keys.length);
    expect(outputs.every((output) => output.batches.every((batch) => batch.length <= 100))).toBe(true);
  });

  it('lists a single type as before', async () => {
    const { fake } = source({ A: 130 });
    const [only] = await listGroup(fake, 'A');
    expect(only).toEqual({ resourceType: 'A', batches: [expect.any(Array), expect.any(Array)], count: 130 });
  });

  it('refuses a token it did not hand out, naming it', async () => {
    const { fake } = source({ A: 1 });
    await expect(listResources(fake, { resourceType: 'A B', nextToken: '7|x' })).rejects.toThrow(/Invalid list nextToken for A, B: 7\|x/);
  });
});
