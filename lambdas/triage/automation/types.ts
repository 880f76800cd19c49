/**
 * Security Hub's automation rules (v1 API) as this app keeps them: the wire shapes of
 * CreateAutomationRule / BatchGetAutomationRules (member names as in `@aws-sdk/client-securityhub`),
 * timestamps as ISO 8601 strings.
 */
import type { AwsSecurityFindingFilters } from '../../filters';
import type { BatchUpdateFindingsRequest } from '../../store';

/** Whether a rule applies at import. */
export type RuleStatus = 'ENABLED' | 'DISABLED';

/** The finding fields an action sets: BatchUpdateFindings' members without FindingIdentifiers. */
export type FindingFieldsUpdate = Omit<BatchUpdateFindingsRequest, 'FindingIdentifiers'>;

/** The one action type of v1 automation rules. */
export interface AutomationRulesAction {
  Type: 'FINDING_FIELDS_UPDATE';
  FindingFieldsUpdate: FindingFieldsUpdate;
}

/** What defines a rule's behaviour: the members of CreateAutomationRule (and of a rules-as-code entry). */
export interface AutomationRuleDefinition {
  RuleName: string;
  Description: string;
  RuleOrder: number;
  RuleStatus: RuleStatus;
  IsTerminal: boolean;
  Criteria: AwsSecurityFindingFilters;
  Actions: [AutomationRulesAction];
  Tags?: Record<string, string>;
}

/** A rule as stored and returned (`AutomationRulesConfig`). */
export interface AutomationRule extends AutomationRuleDefinition {
  RuleArn: string;
  CreatedAt: string;
  UpdatedAt: string;
  CreatedBy: string;
}

/** The members a BatchUpdateAutomationRules item may change. */
export type AutomationRuleChanges = Partial<Omit<AutomationRuleDefinition, 'Tags'>>;

/** Most automation rules per account (Security Hub: 100; rules-as-code count towards it). */
export const MAX_AUTOMATION_RULES = 100;

/** `CreatedBy` of the rules from the rules-as-code file: the marker that lists them as read-only. */
export const RULES_AS_CODE_CREATOR = 'opensecurityhub:rules-as-code';

/**
 * ProductFields key where the store records the ARNs of the automation rules applied to a finding
 * (space-separated, oldest first; at most 1,024 characters, the oldest dropped first).
 */
export const APPLIED_RULES_FIELD = 'opensecurityhub/AutomationRules';
