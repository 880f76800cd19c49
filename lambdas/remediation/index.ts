/**
 * The remediation domain's front door: everything other code (functions, other domains, lib, bin) may use.
 * Inside the domain, files import each other directly.
 */
export { sendDueReminders } from './approval-reminders';
export type { SweepOutcome } from './approval-reminders';
export { durationText } from './approval-settings';
export { approveRemediation, rejectRemediation, requestApproval } from './approvals';
export type { AwaitingApprovalDetail, TaskTokenClient } from './approvals';
export { REMEDIATION_IDENTITY, runCheck } from './check';
export type { CheckInput } from './check';
export { MEMBER_REMEDIATION_ROLE_NAME, REMEDIATE_ACTION_ID, REMEDIATION_EVENTS, REMEDIATION_STATE_MACHINES_ENV } from './contract';
export type { ApprovalRequestInput, CheckResult, PlaybookExecutionInput, RecordInput } from './contract';
export { dispatchCustomAction, dispatchImported } from './dispatch';
export type { DispatchDependencies, DispatchOutcome } from './dispatch';
export { FLOW_LOGS_DELIVERY_ROLE_NAME, FLOW_LOGS_LOG_GROUP_NAME, PLAYBOOKS, playbookById, playbookDefinitionFile } from './playbooks';
export { runRecord } from './record';
export { findingRegionOf, placePlaybook, playbookRegionsFrom, regionalPlaybookName, REMEDIATION_PLAYBOOK_REGIONS_ENV, stepFunctionsRegionOf } from './regions';
export type { PlaybookPlacement } from './regions';
export type { RecordResult } from './record';
export { selectPlaybook } from './selection';
export { validateRemediationSettings } from './settings';
export { DynamoAwaitingApprovals } from './state/awaiting-store';
export type { AwaitingApprovals } from './state/awaiting-store';
export { DynamoRateLimiter } from './state/rate-limit';
export { DynamoRemediationRecordStore } from './state/record-store';
export type { RemediationRecordRepository, StoredRemediationRecord } from './state/record-store';
export { DynamoRemediationSettingsStore } from './state/settings-store';
export type { RemediationSettingsRepository } from './state/settings-store';
export { REMEDIATION_FINDING_PATTERN, remediateActionPattern } from './trigger-patterns';
