import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { CONFLICT, ITEM_KINDS, VersionedItems, ifCondition, itemKey, retryOnConflict } from '../../../lambdas/store';
import { startDynalite, type LocalDynamo } from '../../support/dynalite';

let dynamo: LocalDynamo;
let documents: DynamoDBDocumentClient;
let table: string;
let items: VersionedItems;
const KEY = itemKey(ITEM_KINDS.hubState, [], []);

beforeAll(async () => {
  dynamo = await startDynalite();
  documents = DynamoDBDocumentClient.from(dynamo.client);
});
afterAll(() => dynamo.stop());
beforeEach(async () => {
  table = await dynamo.newFindingsTable();
  items = new VersionedItems(documents, table, 'version');
});

describe('VersionedItems', () => {
  it('reads an absent item as version 0 and creates it only while absent', async () => {
    expect(await items.get(KEY)).toEqual({ item: undefined, version: 0 });
    expect(await items.putIfVersion({ ...KEY, value: 'a' }, 0)).toBe(true);
    expect(await items.putIfVersion({ ...KEY, value: 'b' }, 0)).toBe(false);
    const read = await items.get(KEY);
    expect(read.version).toBe(1);
    expect(read.item).toMatchObject({ ...KEY, value: 'a', version: 1 });
  });

  it('writes on the version read and refuses a stale version', async () => {
    await items.putIfVersion({ ...KEY, value: 'a' }, 0);
    expect(await items.putIfVersion({ ...KEY, value: 'b' }, 1)).toBe(true);
    expect(await items.putIfVersion({ ...KEY, value: 'stale' }, 1)).toBe(false);
    expect((await items.get(KEY)).item).toMatchObject({ value: 'b', version: 2 });
  });

  it('uses the kind’s own version attribute', async () => {
    const revisions = new VersionedItems(documents, table, 'rev');
    expect(await revisions.putIfVersion({ ...KEY, value: 'a' }, 0)).toBe(true);
    expect((await revisions.get(KEY)).item).toMatchObject({ rev: 1 });
    expect((await revisions.get(KEY)).item).not.toHaveProperty('version');
  });
});

describe('ifCondition', () => {
  it('answers false on a refused condition and rethrows any other error', async () => {
    const update = (condition: string) =>
      documents.send(new UpdateCommand({ TableName: table, Key: KEY, UpdateExpression: 'SET v = :v', ConditionExpression: condition, ExpressionAttributeValues: { ':v': 1 } }));
    expect(await ifCondition(update('attribute_exists(v)'))).toBe(false);
    expect(await ifCondition(update('attribute_not_exists(v)'))).toBe(true);
    await expect(ifCondition(update('this is not an expression'))).rejects.toThrow(/ExpressionAttribute|Syntax|Invalid/i);
  });
});

describe('retryOnConflict', () => {
  /** A counter incremented by read-modify-write rounds. */
  const increment = () =>
    retryOnConflict(
      async () => {
        const { item, version } = await items.get(KEY);
        const next = Number(item?.count ?? 0) + 1;
        return (await items.putIfVersion({ ...KEY, count: next }, version)) ? { done: next } : CONFLICT;
      },
      {
        attempts: 50,
        exhausted: () => {
          throw new Error('exhausted');
        },
      },
    );

  it('loses no update when 20 writers race on one item', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, increment));
    expect(new Set(results).size).toBe(20);
    expect((await items.get(KEY)).item).toMatchObject({ count: 20, version: 20 });
  });

  it('backs off between lost rounds and answers exhausted() after the last', async () => {
    const waits: number[] = [];
    let rounds = 0;
    const answer = await retryOnConflict(
      async () => {
        rounds += 1;
        return CONFLICT;
      },
      { attempts: 3, backoff: async (attempt) => void waits.push(attempt), exhausted: () => 'gave up' },
    );
    expect(answer).toBe('gave up');
    expect(rounds).toBe(3);
    expect(waits).toEqual([1, 2]);
  });

  it('ends at once when a round throws (a refusal is not a conflict)', async () => {
    let rounds = 0;
    await expect(
      retryOnConflict(
        async () => {
          rounds += 1;
          throw new Error('refused');
        },
        { attempts: 5, exhausted: () => 'never' },
      ),
    ).rejects.toThrow('refused');
    expect(rounds).toBe(1);
  });
});
