import { ConfigServiceClient, ListAggregateDiscoveredResourcesCommand } from '@aws-sdk/client-config-service';
import { mockClient } from 'aws-sdk-client-mock';
import type { Context } from 'aws-lambda';
import { accountSettingsDetail, ACCOUNT_SETTINGS_DETAIL_TYPE, ACCOUNT_SETTINGS_SOURCE, type CollectedSettings } from '../../../lambdas/compliance/account-settings';
import { AggregatorConfigItems } from '../../../lambdas/compliance/config-items-api';
import { controlFindingId } from '../../../lambdas/compliance/control-finding';
import { RecordedSettingsSource } from '../../../lambdas/compliance/recorded-settings-source';
import { defaultComplianceSettings } from '../../../lambdas/compliance/settings';
import { AccountSettingsStore } from '../../../lambdas/compliance/state/account-settings-store';
import { ScoreSnapshotStore } from '../../../lambdas/compliance/state/score-snapshots';
import { ScoresDirtyStore } from '../../../lambdas/compliance/state/scores-dirty';
import { createEvaluateBatchHandler } from '../../../lambdas/functions/compliance-sweep-evaluate-batch/handler';
import { snapshotIfDirty } from '../../../lambdas/functions/compliance-sweep-snapshot-if-dirty/handler';
import type { SnapshotDeps } from '../../../lambdas/functions/compliance-sweep-snapshot/handler';
import { createChangeHandler } from '../../../lambdas/functions/evaluate-config-change/handler';
import type { AccountSettingsEvent, ChangeOutcome } from '../../../lambdas/compliance/evaluate-change';
import { FindingsStore } from '../../../lambdas/store/findings-store';
import { startDynalite, type LocalDynamo } from '../../support/dynalite';
import { simulateAggregator } from './support/simulated-aggregator';
import { configItem } from '../../support/fixtures';

const item = (file: string) => configItem(file);
const ctx = {} as Context;
const ACCOUNT = '111122223333';
const HOME = 'eu-west-1';
const TABLE = item('dynamodb/table-provisioned-unprotected.json'); // "sessions", provisioned
const accountKey = (awsRegion: string) => ({ accountId: ACCOUNT, awsRegion, resourceType: 'AWS::::Account', resourceId: ACCOUNT });

/** What a collector reads in a well-kept account (change what a test needs). */
const collected = (overrides: Partial<CollectedSettings> = {}): CollectedSettings => ({
  accountId: ACCOUNT,
  awsRegion: HOME,
  capturedAt: '2025-06-02T10:00:00.000Z',
  accountSummary: { AccountAccessKeysPresent: 0, AccountMFAEnabled: 1, AccountPasswordPresent: 1 },
  passwordPolicy: {
    MinimumPasswordLength: 14,
    RequireSymbols: true,
    RequireNumbers: true,
    RequireUppercaseCharacters: true,
    RequireLowercaseCharacters: true,
    PasswordReusePrevention: 24,
    MaxPasswordAge: 90,
  },
  virtualMfaDevices: [],
  ebsEncryptionByDefault: true,
  securityHub: { HubArn: `arn:aws:securityhub:${HOME}:${ACCOUNT}:hub/default` },
  recorders: [
    {
      name: 'default',
      roleARN: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
      recordingGroup: { allSupported: true },
      recording: true,
    },
  ],
  scalableTargets: [],
  ...overrides,
});
const settingsEvent = (settings: CollectedSettings): AccountSettingsEvent => ({
  id: `settings-${settings.capturedAt}`,
  source: ACCOUNT_SETTINGS_SOURCE,
  'detail-type': ACCOUNT_SETTINGS_DETAIL_TYPE,
  account: settings.accountId,
  detail: accountSettingsDetail(settings),
});

describe('account settings on the admin side (Config mocked as AWS answers, store on dynalite)', () => {
  let dynamo: LocalDynamo;
  let tableName: string;
  let store: FindingsStore;
  let accountSettings: AccountSettingsStore;
  let dirty: ScoresDirtyStore;
  let source: RecordedSettingsSource;
  let now: Date;
  const config = mockClient(ConfigServiceClient);
  let run: (e: AccountSettingsEvent) => Promise<ChangeOutcome>;

  beforeAll(async () => {
    dynamo = await startDynalite();
  });
  afterAll(() => dynamo.stop());

  beforeEach(async () => {
    config.reset();
    simulateAggregator(config, [TABLE]);
    // As AWS: the aggregator refuses the types only the collector records.
    for (const type of ['AWS::::Account', 'AWS::Config::ConfigurationRecorder', 'AWS::ApplicationAutoScaling::ScalableTarget']) {
      config
        .on(ListAggregateDiscoveredResourcesCommand, { ResourceType: type as never })
        .rejects(Object.assign(new Error(`Value '${type}' at 'resourceType' failed to satisfy constraint`), { name: 'ValidationException' }));
    }
    tableName = await dynamo.newFindingsTable();
    store = new FindingsStore({ client: dynamo.client, tableName });
    accountSettings = new AccountSettingsStore({ client: dynamo.client, tableName });
    dirty = new ScoresDirtyStore({ client: dynamo.client, tableName });
    source = new RecordedSettingsSource(new AggregatorConfigItems(new ConfigServiceClient({ region: HOME }), 'org-aggregator'), accountSettings);
    now = new Date('2025-06-02T12:00:00.000Z');
    const handler = createChangeHandler(() => ({ source, store, accountSettings, scoresDirty: dirty, now: () => now, homeRegion: HOME }));
    run = (e) => handler(e, ctx);
  });

  const status = async (control: string, key: { accountId: string; awsRegion: string; resourceType: string; resourceId: string }) =>
    (await store.getFindings({ Filters: { Id: [{ Value: controlFindingId(control, key), Comparison: 'EQUALS' }] } })).Findings[0]?.Compliance?.Status;

  it('stores the settings and evaluates the account-level controls on them', async () => {
    const outcome = await run(settingsEvent(collected({ ebsEncryptionByDefault: false })));

    expect(outcome.written).toBeGreaterThan(0);
    expect(await accountSettings.get(ACCOUNT, HOME)).toMatchObject({ capturedAt: '2025-06-02T10:00:00.000Z' });
    expect(await status('EC2.7', accountKey(HOME))).toBe('FAILED');
    expect(await status('IAM.15', accountKey(HOME))).toBe('PASSED');
    expect(await status('Config.1', accountKey(HOME))).toBe('PASSED');
    expect(await status('OSH.SecurityHub.1', accountKey(HOME))).toBe('PASSED');
  });

  it('refuses settings of one account sent by another (dead-lettered), storing nothing', async () => {
    const spoofed = { ...settingsEvent(collected()), account: '444455556666' };

    await expect(run(spoofed)).rejects.toThrow(/event came from account 444455556666/);
    expect(await accountSettings.get(ACCOUNT, HOME)).toBeUndefined();
  });

  it('ignores settings older than the stored ones', async () => {
    await run(settingsEvent(collected({ capturedAt: '2025-06-02T10:00:00.000Z' })));

    const stale = await run(settingsEvent(collected({ capturedAt: '2025-06-01T10:00:00.000Z', ebsEncryptionByDefault: false })));

    expect(stale).toMatchObject({ written: 0, evaluated: 0, skipped: expect.stringMatching(/not newer/) });
    expect(await status('EC2.7', accountKey(HOME))).toBe('PASSED');
  });

  it('evaluates the per-account IAM controls only for the home Region', async () => {
    await run(settingsEvent(collected({ awsRegion: 'us-east-1' })));

    expect(await status('EC2.7', accountKey('us-east-1'))).toBe('PASSED');
    expect(await status('IAM.15', accountKey('us-east-1'))).toBeUndefined();
  });

  it('re-evaluates DynamoDB.1 on the table whose scalable targets changed', async () => {
    await run(settingsEvent(collected()));
    const tableId = { accountId: ACCOUNT, awsRegion: HOME, resourceType: 'AWS::DynamoDB::Table', resourceId: TABLE.resourceId };
    const scaled = ['dynamodb:table:ReadCapacityUnits', 'dynamodb:table:WriteCapacityUnits'].map((scalableDimension) => ({ resourceId: 'table/sessions', scalableDimension }));

    const outcome = await run(settingsEvent(collected({ capturedAt: '2025-06-02T11:00:00.000Z', scalableTargets: scaled })));

    expect(outcome.dependents).toBeGreaterThan(0);
    expect(await status('DynamoDB.1', tableId)).toBe('PASSED');
  });

  it('lets the sweep read the account item and recorders from the stored settings, not the aggregator', async () => {
    await accountSettings.putIfNewer({ accountId: ACCOUNT, awsRegion: HOME, capturedAt: '2025-06-02T10:00:00.000Z', items: [] });
    await run(settingsEvent(collected({ capturedAt: '2025-06-02T11:00:00.000Z', passwordPolicy: null })));
    const freshStore = new FindingsStore({ client: dynamo.client, tableName: await dynamo.newFindingsTable() });
    const evaluate = createEvaluateBatchHandler(() => ({ source, store: freshStore, settings: async () => defaultComplianceSettings(), now: () => now, homeRegion: HOME }));

    const output = await evaluate({ resources: [accountKey(HOME)] }, ctx);

    store = freshStore;
    expect(output.errorCount).toBe(0);
    expect(await status('IAM.15', accountKey(HOME))).toBe('FAILED'); // no password policy, as stored
    expect(await status('Config.1', accountKey(HOME))).toBe('PASSED'); // the stored recorder
  });

  it('marks the scores dirty when an evaluation wrote a finding, and not when nothing changed', async () => {
    await run(settingsEvent(collected()));
    const marked = await dirty.dirtySince();
    await dirty.clear(marked!);
    now = new Date('2025-06-02T13:00:00.000Z');

    await run(settingsEvent(collected({ capturedAt: '2025-06-02T12:30:00.000Z' })));

    expect(marked).toBe(new Date('2025-06-02T12:00:00.000Z').getTime());
    expect(await dirty.dirtySince()).toBeUndefined();
  });

  describe('scheduled snapshot after changes', () => {
    const snapshotDeps = () => {
      const put = jest.fn(async (entries: unknown[]) => ({ FailedEntryCount: 0, Entries: entries.map(() => ({}) as { ErrorCode?: string }) }));
      const deps: SnapshotDeps & { dirty: ScoresDirtyStore } = {
        findings: store,
        snapshots: new ScoreSnapshotStore({ client: dynamo.client, tableName }),
        putEvents: put,
        eventBusName: 'bus',
        region: HOME,
        dirty,
      };
      return { put, deps };
    };

    it('takes nothing while the scores are clean', async () => {
      const { deps, put } = snapshotDeps();

      const output = await snapshotIfDirty(deps, async () => defaultComplianceSettings(), now);

      expect(output).toEqual({ dirty: false });
      expect(put).not.toHaveBeenCalled();
    });

    it('snapshots once after a change marked them dirty, then clears the mark', async () => {
      await run(settingsEvent(collected({ ebsEncryptionByDefault: false })));
      const { deps, put } = snapshotDeps();

      const first = await snapshotIfDirty(deps, async () => defaultComplianceSettings(), new Date('2025-06-02T12:15:00.000Z'));
      const second = await snapshotIfDirty(deps, async () => defaultComplianceSettings(), new Date('2025-06-02T12:30:00.000Z'));

      expect(first).toMatchObject({ dirty: true, cleared: true, snapshot: { controlChanges: expect.any(Number) } });
      expect(first.snapshot!.eventsPut).toBeGreaterThan(0);
      expect(put).toHaveBeenCalled();
      expect(second).toEqual({ dirty: false });
      expect(await new ScoreSnapshotStore({ client: dynamo.client, tableName }).latest(new Date('2025-06-02T13:00:00.000Z'))).toMatchObject({
        takenAt: '2025-06-02T12:15:00.000Z',
      });
    });

    it('keeps the mark when a change comes in during the snapshot, so the next run takes another', async () => {
      await run(settingsEvent(collected({ ebsEncryptionByDefault: false })));
      const { deps } = snapshotDeps();
      const seen = await dirty.dirtySince();
      const racing: typeof deps = {
        ...deps,
        putEvents: async (entries) => {
          await dirty.mark(new Date(seen! + 60_000)); // another change evaluation wrote meanwhile
          return deps.putEvents(entries);
        },
      };

      const first = await snapshotIfDirty(racing, async () => defaultComplianceSettings(), new Date('2025-06-02T12:15:00.000Z'));
      const next = await snapshotIfDirty(deps, async () => defaultComplianceSettings(), new Date('2025-06-02T12:30:00.000Z'));

      expect(first).toMatchObject({ dirty: true, cleared: false });
      expect(next).toMatchObject({ dirty: true, cleared: true });
      expect(await dirty.dirtySince()).toBeUndefined();
    });
  });
});
