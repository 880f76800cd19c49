import type { AwsSecurityFinding, Severity, VerificationState, WorkflowStatus } from '../asff';
import { completeSeverity, SEVERITY_LABELS } from '../asff';
import { InvalidInputError } from '../shared/errors';
import type { ProviderField } from './import-rules';
import type { BatchUpdateFindingsRequest, FindingIdentifier } from './types';

/**
 * Security Hub's BatchUpdateFindings rules as pure functions: request validation (with field paths)
 * and applying the customer's fields to a stored finding. UpdatedAt never changes.
 */

/** Most findings one BatchUpdateFindings call may name. */
export const MAX_UPDATE_IDENTIFIERS = 100;

const WORKFLOW_STATUSES = ['NEW', 'NOTIFIED', 'RESOLVED', 'SUPPRESSED'];
const VERIFICATION_STATES = ['UNKNOWN', 'TRUE_POSITIVE', 'FALSE_POSITIVE', 'BENIGN_POSITIVE'];
const UPDATE_MEMBERS = new Set([
  'FindingIdentifiers',
  'Note',
  'Severity',
  'VerificationState',
  'Confidence',
  'Criticality',
  'Types',
  'UserDefinedFields',
  'Workflow',
  'RelatedFindings',
]);

function fail(path: string, message: string): never {
  throw new InvalidInputError(`${path}: ${message}`);
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

function requireString(value: unknown, path: string, maxLength: number): string {
  if (typeof value !== 'string' || value.length === 0) fail(path, 'must be a non-empty string');
  if (value.length > maxLength) fail(path, `must be at most ${maxLength} characters`);
  return value;
}

function requireInteger(value: unknown, path: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(path, `must be an integer from ${min} to ${max}`);
  }
  return value;
}

function validateIdentifiers(value: unknown, path: string, min: number, max: number): FindingIdentifier[] {
  if (!Array.isArray(value)) fail(path, 'must be a list');
  if (value.length < min || value.length > max) fail(path, `must hold ${min} to ${max} items`);
  return value.map((item, index) => {
    if (!isObject(item)) fail(`${path}[${index}]`, 'must be an object with Id and ProductArn');
    return {
      Id: requireString(item.Id, `${path}[${index}].Id`, 512),
      ProductArn: requireString(item.ProductArn, `${path}[${index}].ProductArn`, 2048),
    };
  });
}

/** Validates a BatchUpdateFindings request as Security Hub does, naming the offending member. */
export function validateUpdateRequest(input: unknown): BatchUpdateFindingsRequest {
  if (!isObject(input)) fail('BatchUpdateFindings', 'request must be an object');
  for (const member of Object.keys(input)) {
    if (!UPDATE_MEMBERS.has(member)) fail(member, 'is not a BatchUpdateFindings member');
  }
  const request: BatchUpdateFindingsRequest = {
    FindingIdentifiers: validateIdentifiers(input.FindingIdentifiers, 'FindingIdentifiers', 1, MAX_UPDATE_IDENTIFIERS),
  };
  if (input.Note !== undefined) {
    if (!isObject(input.Note)) fail('Note', 'must be an object with Text and UpdatedBy');
    request.Note = {
      Text: requireString(input.Note.Text, 'Note.Text', 512),
      UpdatedBy: requireString(input.Note.UpdatedBy, 'Note.UpdatedBy', 512),
    };
  }
  if (input.Severity !== undefined) {
    const severity = input.Severity;
    if (!isObject(severity)) fail('Severity', 'must be an object');
    if (severity.Label === undefined && severity.Normalized === undefined) fail('Severity', 'needs Label or Normalized');
    if (severity.Label !== undefined && !SEVERITY_LABELS.includes(severity.Label as never)) {
      fail('Severity.Label', `must be one of ${SEVERITY_LABELS.join(', ')}`);
    }
    if (severity.Normalized !== undefined) requireInteger(severity.Normalized, 'Severity.Normalized', 0, 100);
    if (severity.Product !== undefined && typeof severity.Product !== 'number') fail('Severity.Product', 'must be a number');
    request.Severity = severity as BatchUpdateFindingsRequest['Severity'];
  }
  if (input.VerificationState !== undefined) {
    if (!VERIFICATION_STATES.includes(input.VerificationState as string)) {
      fail('VerificationState', `must be one of ${VERIFICATION_STATES.join(', ')}`);
    }
    request.VerificationState = input.VerificationState as string;
  }
  if (input.Confidence !== undefined) request.Confidence = requireInteger(input.Confidence, 'Confidence', 0, 100);
  if (input.Criticality !== undefined) request.Criticality = requireInteger(input.Criticality, 'Criticality', 0, 100);
  if (input.Types !== undefined) {
    if (!Array.isArray(input.Types) || input.Types.length > 50) fail('Types', 'must be a list of at most 50 types');
    request.Types = input.Types.map((type, index) => {
      const value = requireString(type, `Types[${index}]`, 128);
      if (value.split('/').length > 3) fail(`Types[${index}]`, 'must be namespace/category/classifier');
      return value;
    });
  }
  if (input.UserDefinedFields !== undefined) {
    const fields = input.UserDefinedFields;
    if (!isObject(fields)) fail('UserDefinedFields', 'must be a map of strings');
    if (Object.keys(fields).length > 50) fail('UserDefinedFields', 'must hold at most 50 entries');
    for (const [name, value] of Object.entries(fields)) {
      requireString(name, 'UserDefinedFields (key)', 128);
      if (typeof value !== 'string' || value.length > 1024) {
        fail(`UserDefinedFields.${name}`, 'must be a string of at most 1024 characters');
      }
    }
    request.UserDefinedFields = fields as Record<string, string>;
  }
  if (input.Workflow !== undefined) {
    if (!isObject(input.Workflow) || !WORKFLOW_STATUSES.includes(input.Workflow.Status as string)) {
      fail('Workflow.Status', `must be one of ${WORKFLOW_STATUSES.join(', ')}`);
    }
    request.Workflow = { Status: input.Workflow.Status as string };
  }
  if (input.RelatedFindings !== undefined) {
    request.RelatedFindings = validateIdentifiers(input.RelatedFindings, 'RelatedFindings', 0, 10);
  }
  const changes = Object.keys(request).filter((member) => member !== 'FindingIdentifiers');
  if (changes.length === 0) fail('BatchUpdateFindings', 'names no field to update');
  return request;
}

/** The result of applying an update to one stored finding. */
export interface UpdateOutcome {
  finding: AwsSecurityFinding;
  customerOwned: ProviderField[];
}

/** Applies a validated update to a finding. `now` stamps Note.UpdatedAt; UpdatedAt is left alone. */
export function applyUpdate(finding: AwsSecurityFinding, customerOwned: readonly ProviderField[], request: BatchUpdateFindingsRequest, now: string): UpdateOutcome {
  const next = structuredClone(finding) as AwsSecurityFinding & Record<string, unknown>;
  const owned = new Set(customerOwned);
  const own = (field: ProviderField, value: unknown) => {
    (next as Record<string, unknown>)[field] = structuredClone(value);
    owned.add(field);
  };
  if (request.Note) next.Note = { ...request.Note, UpdatedAt: now };
  if (request.Severity) {
    const { Label, Normalized, Product } = request.Severity;
    own('Severity', {
      ...completeSeverity(<Severity>{ Label, Normalized: Label === undefined ? Normalized : undefined }),
      ...(Product !== undefined && { Product }),
      ...(finding.Severity?.Original !== undefined && { Original: finding.Severity.Original }),
    });
  }
  if (request.VerificationState) next.VerificationState = request.VerificationState as VerificationState;
  if (request.Confidence !== undefined) own('Confidence', request.Confidence);
  if (request.Criticality !== undefined) own('Criticality', request.Criticality);
  if (request.Types) own('Types', request.Types);
  if (request.UserDefinedFields) {
    // Merged into the finding's fields (other tools' keys survive); an empty value removes a key.
    const merged: Record<string, string> = { ...next.UserDefinedFields, ...request.UserDefinedFields };
    for (const [name, value] of Object.entries(merged)) if (value === '') delete merged[name];
    next.UserDefinedFields = merged;
  }
  if (request.Workflow?.Status) next.Workflow = { ...next.Workflow, Status: request.Workflow.Status as WorkflowStatus };
  if (request.RelatedFindings) own('RelatedFindings', request.RelatedFindings);
  return { finding: next, customerOwned: [...owned] };
}
