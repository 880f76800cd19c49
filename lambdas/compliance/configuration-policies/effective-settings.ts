/**
 * The settings each account's evaluation runs with: under central configuration, the configuration policy that applies to the
 * account (applied to it, else inherited from its nearest OU or the root), or — self-managed, or
 * with no policy anywhere on its path — the organization's own settings (the standards and
 * controls operations). Reads are cached for the life of one resolver (one evaluation batch or
 * change event): per account, one organization path lookup and one batch read of the path's
 * associations; per policy, one read.
 */
import type { ComplianceSettings } from '../settings';
import { resolveAssociation } from './inheritance';
import { policyComplianceSettings } from './policy-settings';
import type { ConfigurationPolicyRepository } from './state/policy-store';
import { SELF_MANAGED, type AccountOrgPath, type AppliedAssociation, type ConfigurationPolicy } from './types';

/** Settings of an account, for its evaluation. */
export type AccountSettingsResolver = (accountId: string) => Promise<ComplianceSettings>;

/** What the resolver reads. */
export interface EffectiveSettingsDeps {
  /** The self-managed settings (read once). */
  settings: () => Promise<ComplianceSettings>;
  policies: Pick<ConfigurationPolicyRepository, 'appliedTo' | 'get'>;
  orgPath: AccountOrgPath;
  /**
   * Whether the organization uses central configuration (read once). Policies apply only then:
   * under local configuration every account runs with the self-managed settings and no policy or
   * organization path is read. Without it, policies apply.
   */
  central?: () => Promise<boolean>;
}

/** A resolver of each account's effective settings, caching what it reads (build one per batch). */
export function effectiveSettingsResolver(deps: EffectiveSettingsDeps): AccountSettingsResolver {
  let self: Promise<ComplianceSettings> | undefined;
  const associations = new Map<string, AppliedAssociation | undefined>();
  const policies = new Map<string, Promise<ConfigurationPolicy | undefined>>();
  const byAccount = new Map<string, Promise<ComplianceSettings>>();
  const selfSettings = () => (self ??= deps.settings());
  let central: Promise<boolean> | undefined;

  const resolve = async (accountId: string): Promise<ComplianceSettings> => {
    if (deps.central !== undefined && !(await (central ??= deps.central()))) return selfSettings();
    const path = await deps.orgPath(accountId);
    const chain = [path.rootId, ...path.ouIds, accountId];
    const missing = chain.filter((id) => !associations.has(id));
    if (missing.length > 0) {
      const read = await deps.policies.appliedTo(missing);
      for (const id of missing) associations.set(id, read.get(id));
    }
    const { configurationPolicyId } = resolveAssociation({ type: 'ACCOUNT', id: accountId }, path, (id) => associations.get(id));
    if (configurationPolicyId === SELF_MANAGED) return selfSettings();
    let policy = policies.get(configurationPolicyId);
    if (policy === undefined) policies.set(configurationPolicyId, (policy = deps.policies.get(configurationPolicyId)));
    const found = await policy;
    // An association to a deleted policy cannot be made (deletion needs disassociation first); be safe: self-managed.
    return found ? policyComplianceSettings(found, await selfSettings()) : selfSettings();
  };

  return (accountId) => {
    let settings = byAccount.get(accountId);
    if (settings === undefined) byAccount.set(accountId, (settings = resolve(accountId)));
    return settings;
  };
}

/** The same settings for every account (no central configuration). */
export function sameSettingsForAll(settings: ComplianceSettings): AccountSettingsResolver {
  return async () => settings;
}
