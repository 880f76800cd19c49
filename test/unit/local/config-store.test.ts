import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigItemStore, HISTORY_LIMIT, InvalidSeedItemError, checkItem, type StoredConfigurationItem } from '../../../lib/local/config-store';

function key(version: number): StoredConfigurationItem {
  return {
    accountId: '123456789012',
    awsRegion: 'us-east-1',
    resourceType: 'AWS::KMS::Key',
    resourceId: 'key-1',
    configurationItemStatus: 'OK',
    configurationItemCaptureTime: new Date(Date.UTC(2025, 0, 1, 0, version)).toISOString(),
    configuration: { version },
  };
}

describe('ConfigItemStore', () => {
  it('seeds on first start, then keeps what was recorded across restarts instead of the seed', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sechub-config-store-')), 'config', 'items.json');
    const seeded = await ConfigItemStore.open({ file, seed: async () => [key(1)] });
    await seeded.record(key(2));

    const reopened = await ConfigItemStore.open({ file, seed: async () => [key(99)] });

    expect(reopened.get(key(0))?.configuration).toEqual({ version: 2 });
    expect(reopened.history(key(0)).map((item) => item.configuration)).toEqual([{ version: 2 }, { version: 1 }]);
  });

  it(`keeps the newest ${HISTORY_LIMIT} versions of a resource`, async () => {
    const store = await ConfigItemStore.open({ seed: async () => [key(0)] });

    for (let version = 1; version <= HISTORY_LIMIT + 5; version += 1) await store.record(key(version));

    const history = store.history(key(0));
    expect(history).toHaveLength(HISTORY_LIMIT);
    expect(history[0].configuration).toEqual({ version: HISTORY_LIMIT + 5 });
  });

  it('refuses a seed item without an account id of 12 digits', () => {
    expect(() => checkItem({ ...key(1), accountId: '42' }, 'seed[0]')).toThrow(InvalidSeedItemError);
  });
});
