/**
 * Central configuration's model: configuration policies and their associations with the root,
 * organizational units and accounts (Security Hub's CreateConfigurationPolicy and
 * StartConfigurationPolicyAssociation). The API's wire shapes map onto these; the evaluation reads
 * them through the effective settings of each account (./effective-settings.ts).
 */
import type { ParameterValue } from '../controls/types';
import type { StandardId } from '../standards';

/** The configuration id that means "the target configures itself" (Security Hub's self-managed behaviour). */
export const SELF_MANAGED = 'SELF_MANAGED_SECURITY_HUB';

/** What a policy decides (Security Hub's `Policy.SecurityHub`). */
export interface PolicySettings {
  /** False: Security Hub is off in the targets (nothing is evaluated there). */
  serviceEnabled: boolean;
  /** The standards enabled in the targets (every other standard is disabled). */
  enabledStandards: StandardId[];
  /**
   * Which controls run: `enabled` lists the only ones that run (all others, new ones included, are
   * off); `disabled` lists the ones that are off (all others, new ones included, run).
   */
  controls?: { mode: 'enabled' | 'disabled'; ids: string[] };
  /**
   * Per control, its parameters: a value (ValueType CUSTOM) or `null` (ValueType DEFAULT: the
   * control's default), as the policy states them.
   */
  parameters?: Record<string, Record<string, ParameterValue | null>>;
}

/** A stored configuration policy. */
export interface ConfigurationPolicy {
  /** The policy's UUID. */
  id: string;
  arn: string;
  name: string;
  description?: string;
  settings: PolicySettings;
  /** Tags (CreateConfigurationPolicy's Tags, TagResource). */
  tags?: Record<string, string>;
  createdAt: string;
  updatedAt: string;
}

/** What an association targets. */
export type TargetType = 'ACCOUNT' | 'ORGANIZATIONAL_UNIT' | 'ROOT';

/** An account, organizational unit or the root. */
export interface PolicyTarget {
  type: TargetType;
  id: string;
}

/** A configuration applied directly to a target (StartConfigurationPolicyAssociation). */
export interface AppliedAssociation {
  target: PolicyTarget;
  /** A policy's UUID or {@link SELF_MANAGED}. */
  configurationPolicyId: string;
  updatedAt: string;
}

/** A target's association as Security Hub reports it: applied to it, or inherited from its nearest ancestor. */
export interface ResolvedAssociation {
  target: PolicyTarget;
  /** A policy's UUID or {@link SELF_MANAGED}. */
  configurationPolicyId: string;
  associationType: 'APPLIED' | 'INHERITED';
  /** Where the configuration was applied; undefined when nothing on the path has one (self-managed by default). */
  from?: PolicyTarget;
  updatedAt?: string;
}

/**
 * Where a target sits in the organization: the root's id and the organizational units from the
 * root down to the target's parent (nearest last). An OU's own path lists its ancestors only.
 */
export interface OrgPath {
  rootId: string;
  ouIds: string[];
}

/**
 * The organization path of an account. The organization domain's reader of AWS Organizations
 * (ListParents) implements it deployed; {@link ./org-layout} implements it from a static layout.
 */
export type AccountOrgPath = (accountId: string) => Promise<OrgPath>;
