import { defaultComplianceSettings, type ComplianceSettings } from '../../../../lambdas/compliance';
import { controlParameters, disabledBecause } from '../../../../lambdas/compliance/evaluate';
import { findControl } from '../../../../lambdas/compliance/state/settings-validation';
import { effectiveSettingsResolver } from '../../../../lambdas/compliance/configuration-policies/effective-settings';
import { resolveAssociation } from '../../../../lambdas/compliance/configuration-policies/inheritance';
import { accountOrgPath, layoutOrganization } from '../../../../lambdas/compliance/configuration-policies/org-layout';
import { policyComplianceSettings } from '../../../../lambdas/compliance/configuration-policies/policy-settings';
import { SELF_MANAGED, type AppliedAssociation, type ConfigurationPolicy, type PolicySettings } from '../../../../lambdas/compliance/configuration-policies/types';

const FSBP = 'aws-foundational-security-best-practices/v/1.0.0' as const;
const CIS3 = 'cis-aws-foundations-benchmark/v/3.0.0' as const;
const ROOT = 'r-demo';
const WORKLOADS = 'ou-demo-workload';
const PROD = 'ou-demo-prodapps';
const PAYMENTS = '111122223333';
const WEB = '444455556666';
const SANDBOX = '222233334444';

// root → Workloads → Prod → {payments, web}; the sandbox sits directly under the root.
const organization = layoutOrganization({ rootId: ROOT, organizationalUnits: { [WORKLOADS]: ROOT, [PROD]: WORKLOADS }, accounts: { [PAYMENTS]: PROD, [WEB]: PROD } });

function policy(id: string, settings: Partial<PolicySettings> = {}): ConfigurationPolicy {
  return {
    id,
    arn: `arn:aws:securityhub:us-east-1:000000000000:configuration-policy/${id}`,
    name: `policy ${id}`,
    settings: { serviceEnabled: true, enabledStandards: [FSBP], controls: { mode: 'disabled', ids: [] }, ...settings },
    createdAt: '2026-12-01T00:00:00.000Z',
    updatedAt: '2026-12-01T00:00:00.000Z',
  };
}

const applied =
  (entries: Record<string, string>) =>
  (id: string): AppliedAssociation | undefined =>
    entries[id] === undefined ? undefined : { target: { type: 'ACCOUNT', id }, configurationPolicyId: entries[id], updatedAt: '2026-12-01T00:00:00.000Z' };

describe('inheritance of configurations: root → OU → account', () => {
  it('gives every account the root’s policy when only the root has one', async () => {
    const path = await organization.pathOf({ type: 'ACCOUNT', id: PAYMENTS });
    expect(path).toEqual({ rootId: ROOT, ouIds: [WORKLOADS, PROD] });
    expect(resolveAssociation({ type: 'ACCOUNT', id: PAYMENTS }, path, applied({ [ROOT]: 'p-root' }))).toMatchObject({
      configurationPolicyId: 'p-root',
      associationType: 'INHERITED',
      from: { type: 'ROOT', id: ROOT },
    });
  });

  it('lets the nearest OU override the root, for the accounts below it only', async () => {
    const associations = applied({ [ROOT]: 'p-root', [WORKLOADS]: 'p-workloads' });
    const payments = resolveAssociation({ type: 'ACCOUNT', id: PAYMENTS }, await organization.pathOf({ type: 'ACCOUNT', id: PAYMENTS }), associations);
    const sandbox = resolveAssociation({ type: 'ACCOUNT', id: SANDBOX }, await organization.pathOf({ type: 'ACCOUNT', id: SANDBOX }), associations);
    expect(payments).toMatchObject({ configurationPolicyId: 'p-workloads', associationType: 'INHERITED', from: { type: 'ORGANIZATIONAL_UNIT', id: WORKLOADS } });
    expect(sandbox).toMatchObject({ configurationPolicyId: 'p-root', from: { type: 'ROOT', id: ROOT } });
  });

  it('lets a policy applied to an account override what its OUs and the root have (APPLIED)', async () => {
    const path = await organization.pathOf({ type: 'ACCOUNT', id: WEB });
    const web = resolveAssociation({ type: 'ACCOUNT', id: WEB }, path, applied({ [ROOT]: 'p-root', [PROD]: 'p-prod', [WEB]: 'p-web' }));
    expect(web).toMatchObject({ configurationPolicyId: 'p-web', associationType: 'APPLIED', from: { type: 'ACCOUNT', id: WEB } });
  });

  it('falls back to what the account inherits once its own association is removed', async () => {
    const path = await organization.pathOf({ type: 'ACCOUNT', id: WEB });
    const after = resolveAssociation({ type: 'ACCOUNT', id: WEB }, path, applied({ [ROOT]: 'p-root', [PROD]: 'p-prod' }));
    expect(after).toMatchObject({ configurationPolicyId: 'p-prod', associationType: 'INHERITED' });
  });

  it('makes an account self-managed when nothing on its path has a configuration, or an OU is set self-managed', async () => {
    const path = await organization.pathOf({ type: 'ACCOUNT', id: PAYMENTS });
    expect(resolveAssociation({ type: 'ACCOUNT', id: PAYMENTS }, path, applied({}))).toEqual({
      target: { type: 'ACCOUNT', id: PAYMENTS },
      configurationPolicyId: SELF_MANAGED,
      associationType: 'INHERITED',
    });
    expect(resolveAssociation({ type: 'ACCOUNT', id: PAYMENTS }, path, applied({ [ROOT]: 'p-root', [PROD]: SELF_MANAGED }))).toMatchObject({
      configurationPolicyId: SELF_MANAGED,
      from: { id: PROD },
    });
  });

  it('resolves an OU from its ancestors and the root from itself', async () => {
    const associations = applied({ [ROOT]: 'p-root', [WORKLOADS]: 'p-workloads' });
    expect(resolveAssociation({ type: 'ORGANIZATIONAL_UNIT', id: PROD }, await organization.pathOf({ type: 'ORGANIZATIONAL_UNIT', id: PROD }), associations)).toMatchObject({
      configurationPolicyId: 'p-workloads',
      associationType: 'INHERITED',
    });
    expect(resolveAssociation({ type: 'ROOT', id: ROOT }, await organization.pathOf({ type: 'ROOT', id: ROOT }), associations)).toMatchObject({
      configurationPolicyId: 'p-root',
      associationType: 'APPLIED',
    });
  });

  it('refuses a layout whose OUs nest in a cycle', async () => {
    const cyclic = layoutOrganization({
      rootId: ROOT,
      organizationalUnits: { 'ou-aaaa-11111111': 'ou-bbbb-22222222', 'ou-bbbb-22222222': 'ou-aaaa-11111111' },
      accounts: { [WEB]: 'ou-aaaa-11111111' },
    });
    await expect(cyclic.pathOf({ type: 'ACCOUNT', id: WEB })).rejects.toThrow(/nested deeper than 5 levels/);
  });
});

describe('a configuration policy as the settings an account is evaluated with', () => {
  it('enables only the policy’s standards and turns off the controls it disables, naming the policy', () => {
    const settings = policyComplianceSettings(policy('p1', { enabledStandards: [CIS3], controls: { mode: 'disabled', ids: ['S3.1'] } }));
    expect(settings.enabledStandards).toEqual([CIS3]);
    expect(disabledBecause(findControl('S3.1')!, settings)).toBe("Control S3.1 is disabled: Disabled by configuration policy 'policy p1' (p1).");
    expect(disabledBecause(findControl('KMS.4')!, settings)).toBeUndefined();
  });

  it('runs only the listed controls of an enabled list (new controls stay off)', () => {
    const settings = policyComplianceSettings(policy('p2', { enabledStandards: [FSBP, CIS3], controls: { mode: 'enabled', ids: ['KMS.4'] } }));
    expect(disabledBecause(findControl('KMS.4')!, settings)).toBeUndefined();
    expect(disabledBecause(findControl('S3.1')!, settings)).toMatch(/Disabled by configuration policy/);
  });

  it('evaluates with the policy’s custom parameters, and the defaults for DEFAULT ones', () => {
    const settings = policyComplianceSettings(policy('p3', { parameters: { 'IAM.7': { MinimumPasswordLength: 20, RequireSymbols: null } } }));
    expect(controlParameters(findControl('IAM.7')!, settings)).toMatchObject({ MinimumPasswordLength: 20, RequireSymbols: true });
  });

  it('turns every control off when the policy disables Security Hub', () => {
    const settings = policyComplianceSettings(policy('p4', { serviceEnabled: false }));
    expect(settings.enabledStandards).toEqual([]);
    expect(disabledBecause(findControl('KMS.4')!, settings)).toMatch(/Security Hub is disabled by configuration policy/);
  });
});

describe('each account’s effective settings, cached per batch', () => {
  const self: ComplianceSettings = { ...defaultComplianceSettings(), controls: { 'KMS.4': { enabled: false, disabledReason: 'organization-wide' } } };
  const policies = new Map([['p-prod', policy('p-prod', { enabledStandards: [FSBP, CIS3], controls: { mode: 'disabled', ids: ['S3.1'] } })]]);

  function repository(associations: Record<string, string>) {
    const reads = { associations: 0, policies: 0 };
    return {
      reads,
      repo: {
        async appliedTo(ids: readonly string[]) {
          reads.associations++;
          return new Map(
            ids
              .filter((id) => associations[id] !== undefined)
              .map((id) => [id, { target: { type: 'ACCOUNT' as const, id }, configurationPolicyId: associations[id], updatedAt: '2026-12-01T00:00:00.000Z' }]),
          );
        },
        async get(id: string) {
          reads.policies++;
          return policies.get(id);
        },
      },
    };
  }

  it('gives accounts under a policy its settings and self-managed accounts the organization’s own', async () => {
    const { repo } = repository({ [PROD]: 'p-prod' });
    const resolve = effectiveSettingsResolver({ settings: async () => self, policies: repo, orgPath: accountOrgPath(organization) });
    const payments = await resolve(PAYMENTS);
    const sandbox = await resolve(SANDBOX);
    expect(disabledBecause(findControl('S3.1')!, payments)).toMatch(/policy p-prod/);
    expect(disabledBecause(findControl('KMS.4')!, payments)).toBeUndefined();
    expect(sandbox).toBe(self);
  });

  it('reads each account’s path once and each policy once, however many items it evaluates', async () => {
    const { repo, reads } = repository({ [PROD]: 'p-prod' });
    const resolve = effectiveSettingsResolver({ settings: async () => self, policies: repo, orgPath: accountOrgPath(organization) });
    for (let i = 0; i < 50; i++) await Promise.all([resolve(PAYMENTS), resolve(WEB)]);
    // payments reads root, Workloads, Prod and itself; web then only itself.
    expect(reads).toEqual({ associations: 2, policies: 1 });
  });

  it('applies no policy under local configuration: every account is self-managed, and no path or policy is read', async () => {
    const { repo, reads } = repository({ [PROD]: 'p-prod' });
    let paths = 0;
    let centralReads = 0;
    const orgPath = async (accountId: string) => {
      paths++;
      return accountOrgPath(organization)(accountId);
    };
    const resolve = effectiveSettingsResolver({
      settings: async () => self,
      policies: repo,
      orgPath,
      central: async () => {
        centralReads++;
        return false;
      },
    });
    expect(await resolve(PAYMENTS)).toBe(self);
    expect(await resolve(WEB)).toBe(self);
    expect({ ...reads, paths, centralReads }).toEqual({ associations: 0, policies: 0, paths: 0, centralReads: 1 });
  });

  it('applies the policies under central configuration', async () => {
    const { repo } = repository({ [PROD]: 'p-prod' });
    const resolve = effectiveSettingsResolver({ settings: async () => self, policies: repo, orgPath: accountOrgPath(organization), central: async () => true });
    expect(disabledBecause(findControl('S3.1')!, await resolve(PAYMENTS))).toMatch(/policy p-prod/);
  });
});
