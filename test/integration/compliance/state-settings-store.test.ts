import { defaultComplianceSettings } from '../../../lambdas/compliance/settings';
import { DynamoComplianceSettingsStore, SettingsVersionConflictError } from '../../../lambdas/compliance/state/settings-store';
import { startDynalite, type LocalDynamo } from '../../support/dynalite';

describe('DynamoComplianceSettingsStore on dynalite', () => {
  let dynamo: LocalDynamo;
  let store: DynamoComplianceSettingsStore;

  beforeAll(async () => {
    dynamo = await startDynalite();
    store = new DynamoComplianceSettingsStore({ client: dynamo.client, tableName: await dynamo.newFindingsTable() });
  });
  afterAll(() => dynamo.stop());

  it('answers the defaults before anything is written', async () => {
    expect(await store.getVersioned()).toEqual({ settings: defaultComplianceSettings(), version: 0 });
  });

  it('refuses a write on a stale version', async () => {
    await store.put({ ...defaultComplianceSettings(), enabledStandards: ['pci-dss/v/3.2.1'] }, 0);
    await expect(store.put(defaultComplianceSettings(), 0)).rejects.toBeInstanceOf(SettingsVersionConflictError);
    expect((await store.getVersioned()).version).toBe(1);
  });

  it('lands every one of 10 concurrent read-modify-write updates', async () => {
    const ids = ['S3.1', 'S3.5', 'S3.8', 'S3.9', 'EC2.2', 'EC2.6', 'IAM.4', 'KMS.4', 'RDS.3', 'EKS.2'];
    await Promise.all(ids.map((id) => store.update((current) => ({ ...current, controls: { ...current.controls, [id]: { enabled: false, disabledReason: `off ${id}` } } }))));
    const { settings } = await store.getVersioned();
    expect(Object.keys(settings.controls).sort()).toEqual([...ids].sort());
  });
});
