/**
 * The compliance domain's front door: everything other code (functions, other domains, lib, bin) may use.
 * Inside the domain, files import each other directly.
 */
export { ACCOUNT_SETTINGS_DETAIL_TYPE, ACCOUNT_SETTINGS_SOURCE, RECORDED_SETTINGS_TYPES, RECORDER_TYPE, SCALABLE_TARGET_TYPE, accountSettingsDetail } from './account-settings';
export type { AccountSettingsDetail, CollectedSettings } from './account-settings';
export { collectAccountSettings } from './collector/collect';
export type { CollectorClients } from './collector/collect';
export { AggregatorConfigItems } from './config-items-api';
export type { ConfigItemsSource, ResourceKey } from './config-items';
export { controlIdOf, controlsOfStandard, countsTowardsStatus, isControlEnabled } from './control-status';
export type { ControlStatus } from './control-status';
export { CONTROLS } from './controls/registry';
export type { ControlDefinition, ControlParameter, ParameterValue } from './controls/types';
export { evaluateAccountSettings, evaluateConfigChange, isAccountSettingsEvent } from './evaluate-change';
export type { AccountSettingsEvent, ChangeItemsSource, ChangeOutcome, ConfigItemChangeEvent } from './evaluate-change';
export type { ControlFindingsStore } from './evaluate-import';
export { CHANGE_TRIGGER_TYPES } from './evaluate';
export { RecordedSettingsSource } from './recorded-settings-source';
export type { ScopeScore } from './scoped-scores';
export { putScoreEvents, scoreChangeEntries } from './score-events';
export type { PutEventsBatch } from './score-events';
export type { ScoreChanges, ScoreCounts } from './scores';
export { defaultComplianceSettings, knownControlsOf, withAutoEnableControls, withStandardsEnabled } from './settings';
export type { AssociationSettings, ComplianceSettings } from './settings';
export { STANDARDS, standardsArn } from './standards';
export type { StandardDefinition, StandardId } from './standards';
export { activeStandardsOf, associationState, awaitsEnabling, NOT_AUTO_ENABLED, withAssociation } from './standards-associations';
export type { AssociationState } from './standards-associations';
export { controlByStandardsControlId, isInStandard, mappingIn, mappingsOf } from './standards-membership';
export type { ResolvedMapping } from './standards-membership';
export { AccountSettingsStore } from './state/account-settings-store';
export type { AccountSettingsRepository } from './state/account-settings-store';
export { SNAPSHOT_RETENTION_DAYS, ScoreSnapshotStore, currentScores, readControlFindings, takeScoreSnapshot } from './state/score-snapshots';
export type { ScoreSnapshot, ScoreSnapshotRepository, ScoresAt } from './state/score-snapshots';
export { ScoresDirtyStore } from './state/scores-dirty';
export type { ScoresDirtyMarker } from './state/scores-dirty';
export { DynamoComplianceSettingsStore, complianceSettingsFromEnv } from './state/settings-store';
export { effectiveParameters, findControl, isStandardId } from './state/settings-validation';
export { SWEPT_TYPES, SWEEP_TYPE_GROUPS, archiveStale, evaluateBatch, listResources } from './sweep/sweep';
export type { ArchiveStaleInput, ArchiveStaleOutput, EvaluateBatchOutput, ListInput, ListOutput } from './sweep/sweep';
export { HIGH_RISK_PORTS } from './controls/ec2-network';
export { CentralConfiguration, MAX_POLICIES } from './configuration-policies/central-configuration';
export type { CentralConfigurationDeps, PolicyChange } from './configuration-policies/central-configuration';
export { effectiveSettingsResolver, sameSettingsForAll } from './configuration-policies/effective-settings';
export type { AccountSettingsResolver, EffectiveSettingsDeps } from './configuration-policies/effective-settings';
export { chainOf, resolveAssociation } from './configuration-policies/inheritance';
export { accountOrgPath, layoutOrganization } from './configuration-policies/org-layout';
export type { OrganizationLayout, OrganizationView } from './configuration-policies/org-layout';
export { policyComplianceSettings } from './configuration-policies/policy-settings';
export { DynamoConfigurationPolicyStore } from './configuration-policies/state/policy-store';
export type { ConfigurationPolicyRepository } from './configuration-policies/state/policy-store';
export { SELF_MANAGED } from './configuration-policies/types';
export type {
  AccountOrgPath,
  AppliedAssociation,
  ConfigurationPolicy,
  OrgPath,
  PolicySettings,
  PolicyTarget,
  ResolvedAssociation,
  TargetType,
} from './configuration-policies/types';
export type { SettingsSource } from './evaluate-import';
