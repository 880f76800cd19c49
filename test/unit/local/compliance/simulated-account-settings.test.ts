import { ACCOUNT_SETTINGS_DETAIL_TYPE, ACCOUNT_SETTINGS_SOURCE, parseAccountSettings } from '../../../../lambdas/compliance/account-settings';
import { CONFIG_PATHS, configService, DEFAULT_AGGREGATOR_NAME, publishAccountSettings, type LocalConfig } from '../../../../lib/local/config-service';
import { ConfigItemStore, readSeed, type StoredConfigurationItem } from '../../../../lib/local/config-store';
import type { EdgeRequest } from '../../../../lib/local/engine';
import type { PutEventsRequestEntry } from '../../../../lib/local/engine';

const MEMBER = '123456789012';

async function simulated(items: StoredConfigurationItem[]) {
  const events: PutEventsRequestEntry[] = [];
  const store = await ConfigItemStore.open({ seed: async () => items });
  const config: LocalConfig = { store, aggregatorName: DEFAULT_AGGREGATOR_NAME, account: '000000000000', region: 'us-east-1' };
  const bus = {
    putEvents(input: { Entries: PutEventsRequestEntry[] }) {
      events.push(...input.Entries);
      return { FailedEntryCount: 0, Entries: input.Entries.map((_, i) => ({ EventId: `event-${events.length}-${i}` })) };
    },
  };
  return { config, bus, events, service: configService(config, bus) };
}

const post = (path: string, body: unknown): EdgeRequest => ({
  method: 'POST',
  path,
  query: new URLSearchParams(),
  headers: {},
  rawHeaders: [],
  body: Buffer.from(JSON.stringify(body)),
  sourceIp: '127.0.0.1',
});

describe('the simulated member account delivers its account settings as the member collector does', () => {
  it('puts ONE Account Settings Recorded event per account and Region at start, with the seeded settings', async () => {
    const { config, bus, events } = await simulated(await readSeed());

    const put = publishAccountSettings(config, bus);

    expect(put).toBe(1);
    expect(events).toEqual([expect.objectContaining({ Source: ACCOUNT_SETTINGS_SOURCE, DetailType: ACCOUNT_SETTINGS_DETAIL_TYPE })]);
    const snapshot = parseAccountSettings(JSON.parse(events[0].Detail!));
    expect(snapshot).toMatchObject({ accountId: MEMBER, awsRegion: 'us-east-1' });
    expect(snapshot.items.map((item) => item.resourceType).sort()).toEqual(['AWS::::Account', 'AWS::ApplicationAutoScaling::ScalableTarget', 'AWS::Config::ConfigurationRecorder']);
    expect(snapshot.items[0].supplementaryConfiguration).toHaveProperty('AccountPasswordPolicy.MinimumPasswordLength', 6);
  });

  it('answers `sechub simulate-change` of the account settings with a newer settings event, not a Config change', async () => {
    const { service, events, bus, config } = await simulated(await readSeed());
    publishAccountSettings(config, bus);
    const before = parseAccountSettings(JSON.parse(events[0].Detail!)).capturedAt;

    const answer = await service.handle(
      post(CONFIG_PATHS.simulateChange, { ResourceType: 'AWS::::Account', ResourceId: MEMBER, Set: ['supplementaryConfiguration.AccountPasswordPolicy.MinimumPasswordLength=14'] }),
    );

    expect(answer.statusCode).toBe(200);
    expect(JSON.parse(answer.body.toString())).toMatchObject({ MessageType: ACCOUNT_SETTINGS_DETAIL_TYPE });
    expect(events.map((event) => event.DetailType)).toEqual([ACCOUNT_SETTINGS_DETAIL_TYPE, ACCOUNT_SETTINGS_DETAIL_TYPE]);
    const after = parseAccountSettings(JSON.parse(events[1].Detail!));
    expect(Date.parse(after.capturedAt)).toBeGreaterThan(Date.parse(before));
    expect(after.items[0].supplementaryConfiguration).toHaveProperty('AccountPasswordPolicy.MinimumPasswordLength', 14);
  });

  it('sends a recorder change in the settings event too, with a newer capture time', async () => {
    const { service, events } = await simulated(await readSeed());

    await service.handle(post(CONFIG_PATHS.simulateChange, { ResourceType: 'AWS::Config::ConfigurationRecorder', ResourceId: 'default', Set: ['Recording=false'] }));

    expect(events).toHaveLength(1);
    const snapshot = parseAccountSettings(JSON.parse(events[0].Detail!));
    expect(snapshot.items.find((item) => item.resourceType === 'AWS::Config::ConfigurationRecorder')?.configuration).toMatchObject({ Recording: false });
    expect(Date.parse(snapshot.capturedAt)).toBeGreaterThan(Date.parse('2025-06-01T00:00:00.000Z'));
  });
});
