/**
 * Validation of automation rules as Security Hub answers it: every error an `InvalidInputError`
 * naming the member path (`Actions[0].FindingFieldsUpdate.Severity.Label: …`).
 */
import { InvalidInputError } from '../../shared/errors';
import type { AwsSecurityFindingFilters } from '../../filters';
import { validateFilters } from '../../filters';
import { validateUpdateRequest } from '../../store';
import type { AutomationRuleChanges, AutomationRuleDefinition, AutomationRulesAction, FindingFieldsUpdate, RuleStatus } from './types';

/** The criteria fields of `AutomationRulesFindingFilters` (SDK model), all in our filter registry. */
export const CRITERIA_FIELDS = [
  'ProductArn',
  'AwsAccountId',
  'Id',
  'GeneratorId',
  'Type',
  'FirstObservedAt',
  'LastObservedAt',
  'CreatedAt',
  'UpdatedAt',
  'Confidence',
  'Criticality',
  'Title',
  'Description',
  'SourceUrl',
  'ProductName',
  'CompanyName',
  'SeverityLabel',
  'ResourceType',
  'ResourceId',
  'ResourcePartition',
  'ResourceRegion',
  'ResourceTags',
  'ResourceDetailsOther',
  'ComplianceStatus',
  'ComplianceSecurityControlId',
  'ComplianceAssociatedStandardsId',
  'VerificationState',
  'WorkflowStatus',
  'RecordState',
  'RelatedFindingsProductArn',
  'RelatedFindingsId',
  'NoteText',
  'NoteUpdatedAt',
  'NoteUpdatedBy',
  'UserDefinedFields',
  'ResourceApplicationArn',
  'ResourceApplicationName',
  'AwsAccountName',
  'ResourceProvider',
  'ResourceOwnerAccountId',
  'ResourceOwnerOrgId',
] as const;

/** Most values of one criteria field (Security Hub: 20). */
export const MAX_CRITERIA_VALUES = 20;
/** Our bounds on names and descriptions (Security Hub documents only "non-empty"), to keep rule items small. */
export const MAX_RULE_NAME = 256;
export const MAX_DESCRIPTION = 1024;

const CRITERIA = new Set<string>(CRITERIA_FIELDS);
const STATUSES: readonly RuleStatus[] = ['ENABLED', 'DISABLED'];
const DEFINITION_MEMBERS = new Set(['RuleName', 'Description', 'RuleOrder', 'RuleStatus', 'IsTerminal', 'Criteria', 'Actions', 'Tags']);
const CHANGE_MEMBERS = new Set(['RuleArn', 'RuleName', 'Description', 'RuleOrder', 'RuleStatus', 'IsTerminal', 'Criteria', 'Actions']);

function fail(path: string, message: string): never {
  throw new InvalidInputError(`${path}: ${message}`);
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function text(value: unknown, path: string, max: number): string {
  if (typeof value !== 'string' || !/\S/.test(value)) fail(path, 'must be a string with a non-whitespace character');
  if (value.length > max) fail(path, `must be at most ${max} characters`);
  return value;
}

function ruleOrder(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 1000) fail(path, 'must be an integer from 1 to 1000');
  return value;
}

function ruleStatus(value: unknown, path: string): RuleStatus {
  if (!STATUSES.includes(value as RuleStatus)) fail(path, `must be one of ${STATUSES.join(', ')}`);
  return value as RuleStatus;
}

function bool(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') fail(path, 'must be true or false');
  return value;
}

/** Checks rule criteria: only the automation-rule fields, CONTAINS / NOT_CONTAINS allowed, ≤ 20 values a field. */
export function validateCriteria(value: unknown, path = 'Criteria'): AwsSecurityFindingFilters {
  if (!isObject(value)) fail(path, 'must be an object of criteria fields');
  for (const field of Object.keys(value)) {
    if (!CRITERIA.has(field)) fail(`${path}.${field}`, 'is not a criteria field of automation rules');
  }
  return validateFilters(value, {
    allowContains: true,
    path,
    maxAttributes: CRITERIA_FIELDS.length,
    maxValuesPerAttribute: MAX_CRITERIA_VALUES,
  });
}

/** Checks the FindingFieldsUpdate of an action with BatchUpdateFindings' own rules. */
function validateFieldsUpdate(value: unknown, path: string): FindingFieldsUpdate {
  if (!isObject(value)) fail(path, 'must be an object');
  if ('FindingIdentifiers' in value) fail(`${path}.FindingIdentifiers`, 'is not a member of FindingFieldsUpdate');
  if (Object.values(value).every((member) => member === undefined || member === null)) fail(path, 'names no field to update');
  try {
    const { FindingIdentifiers: _ids, ...update } = validateUpdateRequest({ ...value, FindingIdentifiers: [{ Id: 'rule', ProductArn: 'rule' }] });
    return update;
  } catch (error) {
    if (error instanceof InvalidInputError) throw new InvalidInputError(`${path}.${error.message}`);
    throw error;
  }
}

/** Checks Actions: exactly one action of Type FINDING_FIELDS_UPDATE. */
export function validateActions(value: unknown, path = 'Actions'): [AutomationRulesAction] {
  if (!Array.isArray(value) || value.length !== 1) fail(path, 'must hold exactly 1 action');
  const action = value[0];
  if (!isObject(action)) fail(`${path}[0]`, 'must be an object');
  if (action.Type !== 'FINDING_FIELDS_UPDATE') fail(`${path}[0].Type`, 'must be FINDING_FIELDS_UPDATE');
  return [{ Type: 'FINDING_FIELDS_UPDATE', FindingFieldsUpdate: validateFieldsUpdate(action.FindingFieldsUpdate, `${path}[0].FindingFieldsUpdate`) }];
}

function validateTags(value: unknown, path: string): Record<string, string> {
  if (!isObject(value) || Object.keys(value).length > 50) fail(path, 'must be a map of at most 50 tags');
  for (const [key, tag] of Object.entries(value)) {
    text(key, `${path} (key)`, 128);
    if (typeof tag !== 'string' || tag.length > 256) fail(`${path}.${key}`, 'must be a string of at most 256 characters');
  }
  return value as Record<string, string>;
}

/**
 * Checks a CreateAutomationRule request (or a rules-as-code entry, `path` naming it) and returns
 * the definition with defaults (RuleStatus ENABLED, IsTerminal false).
 */
export function validateRuleDefinition(input: unknown, path = ''): AutomationRuleDefinition {
  const at = (member: string) => (path ? `${path}.${member}` : member);
  if (!isObject(input)) fail(path || 'CreateAutomationRule', 'must be an object');
  for (const member of Object.keys(input)) {
    if (!DEFINITION_MEMBERS.has(member)) fail(at(member), 'is not a member of an automation rule');
  }
  for (const member of ['RuleName', 'Description', 'RuleOrder', 'Criteria', 'Actions']) {
    if (input[member] === undefined || input[member] === null) fail(at(member), 'is required');
  }
  return {
    RuleName: text(input.RuleName, at('RuleName'), MAX_RULE_NAME),
    Description: text(input.Description, at('Description'), MAX_DESCRIPTION),
    RuleOrder: ruleOrder(input.RuleOrder, at('RuleOrder')),
    RuleStatus: input.RuleStatus === undefined ? 'ENABLED' : ruleStatus(input.RuleStatus, at('RuleStatus')),
    IsTerminal: input.IsTerminal === undefined ? false : bool(input.IsTerminal, at('IsTerminal')),
    Criteria: validateCriteria(input.Criteria, at('Criteria')),
    Actions: validateActions(input.Actions, at('Actions')),
    ...(input.Tags !== undefined && { Tags: validateTags(input.Tags, at('Tags')) }),
  };
}

/** Checks one BatchUpdateAutomationRules item (`path` e.g. `UpdateAutomationRulesRequestItems[2]`): only the members given. */
export function validateRuleChanges(input: unknown, path: string): { RuleArn: string; changes: AutomationRuleChanges } {
  if (!isObject(input)) fail(path, 'must be an object');
  for (const member of Object.keys(input)) {
    if (!CHANGE_MEMBERS.has(member)) fail(`${path}.${member}`, 'is not a member of UpdateAutomationRulesRequestItem');
  }
  const RuleArn = text(input.RuleArn, `${path}.RuleArn`, 2048);
  const changes: AutomationRuleChanges = {};
  if (input.RuleName !== undefined) changes.RuleName = text(input.RuleName, `${path}.RuleName`, MAX_RULE_NAME);
  if (input.Description !== undefined) changes.Description = text(input.Description, `${path}.Description`, MAX_DESCRIPTION);
  if (input.RuleOrder !== undefined) changes.RuleOrder = ruleOrder(input.RuleOrder, `${path}.RuleOrder`);
  if (input.RuleStatus !== undefined) changes.RuleStatus = ruleStatus(input.RuleStatus, `${path}.RuleStatus`);
  if (input.IsTerminal !== undefined) changes.IsTerminal = bool(input.IsTerminal, `${path}.IsTerminal`);
  if (input.Criteria !== undefined) changes.Criteria = validateCriteria(input.Criteria, `${path}.Criteria`);
  if (input.Actions !== undefined) changes.Actions = validateActions(input.Actions, `${path}.Actions`);
  return { RuleArn, changes };
}
