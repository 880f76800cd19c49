/**
 * The triage domain's front door: everything other code (functions, other domains, lib, bin) may use.
 * Inside the domain, files import each other directly.
 */
export { DynamoActionTargetStore } from './action-targets/action-target-store';
export type { ActionTargetRepository } from './action-targets/action-target-store';
export { MAX_FINDINGS_PER_ACTION, actionTargetArn, actionTargetIdOf, customActionEntries, validateActionTargetId, validateActionTargetText } from './action-targets/action-targets';
export type { CustomActionEntry } from './action-targets/action-targets';
export { refuseBuiltInChange, withBuiltInActionTargets } from './action-targets/built-in';
export { approvalMessage, readAwaitingApproval } from './alerts/approval-message';
export { ALERT_ENV, alertConfigFrom } from './alerts/config';
export type { AlertConfig } from './alerts/config';
export { DynamoAlertDecisions } from './alerts/decision-store';
export type { AlertDecisions } from './alerts/decision-store';
export { explainAlert } from './alerts/explain';
export { DynamoAlertGroups } from './alerts/group-store';
export type { AlertGroups } from './alerts/group-store';
export { groupKeysOf } from './alerts/grouping';
export type { AlertMessage, MessageOptions } from './alerts/message';
export { severityLabelOf } from './alerts/policy';
export { priorityOf } from './alerts/priority';
export { snsPublisher } from './alerts/publish';
export { readRemediationFailed, remediationFailedMessage } from './alerts/remediation-failure';
export { routeFindingEvent } from './alerts/router';
export type { AlertRouterDeps, RouteOutcome } from './alerts/router';
export { DynamoCodeRuleStamps } from './automation/code-rule-stamps';
export type { CodeRuleStamps } from './automation/code-rule-stamps';
export { inApplicationOrder } from './automation/evaluate';
export { runRules } from './automation/rule-runs';
export type { RuleRunStore } from './automation/rule-runs';
export { RULES_AS_CODE, isRuleAsCode } from './automation/rules-as-code';
export { parseRulesAsCode } from './automation/rules-file';
export { automationRuleStore } from './automation/rules-store';
export type { AutomationRuleRepository } from './automation/rules-store';
export type { AutomationRule, AutomationRuleDefinition } from './automation/types';
export { validateCriteria, validateRuleChanges, validateRuleDefinition } from './automation/validate-rule';
export { correlateRecords } from './correlation/correlate';
export type { CorrelationStore } from './correlation/correlate';
export type { CorrelationStreamRecord } from './correlation/records';
export { DynamoSummaryStore } from './correlation/summary-store';
export type { SummaryStore } from './correlation/summary-store';
export { CORRELATION_STREAM_FILTER } from './correlation/trigger';
export { importStages } from './import-stages';
export { GroupCounter, validateGroupByAttribute } from './insights/group-by';
export type { GroupByAttribute, InsightResultValue } from './insights/group-by';
export { DynamoInsightStore } from './insights/insight-store';
export { Insights, MAX_INSIGHTS_PAGE } from './insights/insights';
export type { FindingsFinder, GetInsightsInput, InsightsApi, UpdateInsightInput } from './insights/insights';
