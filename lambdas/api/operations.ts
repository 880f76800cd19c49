/**
 * The operations registry of the Security Hub–compatible API. Methods, paths and member names are
 * those of `@aws-sdk/client-securityhub`'s restJson1 model; limits are Security Hub's documented ones.
 */
import type { BatchUpdateFindingsRequest, GetFindingHistoryRequest, GetFindingsRequest } from '../store';
import type { AwsSecurityFindingFilters, SortCriterion } from '../filters';
import {
  findingIdentifier,
  objectsOnly,
  optionalArray,
  optionalInteger,
  optionalObject,
  optionalString,
  optionalStringMap,
  optionalTimestamp,
  requiredArray,
  requiredString,
  stringsOnly,
} from './envelope';
import { ACTION_TARGET_OPERATIONS } from './action-target-operations';
import { AUTOMATION_RULE_OPERATIONS } from './automation-rule-operations';
import { COMPLIANCE_OPERATIONS } from './compliance-operations';
import { INSIGHT_OPERATIONS } from './insight-operations';
import { REMEDIATION_OPERATIONS } from './remediation-operations';
import { ALERT_OPERATIONS } from './alert-operations';
import { CONSOLE_OPERATIONS } from './console-operations';
import { REPORT_OPERATIONS } from './report-operations';
import { HUB_OPERATIONS } from './hub-operations';
import { PRODUCT_OPERATIONS } from './product-operations';
import { TAG_OPERATIONS } from './tag-operations';
import { AGGREGATION_OPERATIONS } from './aggregation-operations';
import { ORGANIZATION_OPERATIONS } from './organization-operations';
import { CONFIGURATION_POLICY_OPERATIONS } from './configuration-policy-operations';
import { defineOperation, type ApiOperation } from './operation';
import { InvalidInputError } from '../shared/errors';

/** Findings per BatchImportFindings / identifiers per BatchUpdateFindings call. */
export const MAX_BATCH = 100;
/** MaxResults of GetFindings and GetFindingHistory. */
export const MAX_RESULTS = 100;

const batchImportFindings = defineOperation<{ Findings: unknown[] }>({
  name: 'BatchImportFindings',
  method: 'POST',
  path: '/findings/import',
  parse: ({ body }) => ({ Findings: objectsOnly(requiredArray(body.Findings, 'Findings', 1, MAX_BATCH), 'Findings') }),
  async invoke(input, { findings }, caller) {
    const output = await findings.importFindings(input.Findings, caller);
    return { output, log: { received: input.Findings.length, successCount: output.SuccessCount, failedCount: output.FailedCount } };
  },
});

function parseFilters(value: unknown): AwsSecurityFindingFilters | undefined {
  const filters = optionalObject(value, 'Filters');
  if (filters === undefined) return undefined;
  for (const [field, conditions] of Object.entries(filters)) {
    const list = optionalArray(conditions, `Filters.${field}`, 0, Number.MAX_SAFE_INTEGER);
    if (list !== undefined) objectsOnly(list, `Filters.${field}`);
  }
  return filters as AwsSecurityFindingFilters;
}

function parseSortCriteria(value: unknown): SortCriterion[] | undefined {
  const list = optionalArray(value, 'SortCriteria', 0, Number.MAX_SAFE_INTEGER);
  if (list === undefined) return undefined;
  return objectsOnly(list, 'SortCriteria').map((criterion, index): SortCriterion => {
    const sortOrder = optionalString(criterion.SortOrder, `SortCriteria[${index}].SortOrder`);
    if (sortOrder !== undefined && sortOrder !== 'asc' && sortOrder !== 'desc') {
      throw new InvalidInputError(`Invalid parameter 'SortCriteria[${index}].SortOrder': must be 'asc' or 'desc'.`);
    }
    return dropUndefined({ Field: optionalString(criterion.Field, `SortCriteria[${index}].Field`), SortOrder: sortOrder as SortCriterion['SortOrder'] });
  });
}

const getFindings = defineOperation<GetFindingsRequest>({
  name: 'GetFindings',
  method: 'POST',
  path: '/findings',
  parse: ({ body }) =>
    dropUndefined({
      Filters: parseFilters(body.Filters),
      SortCriteria: parseSortCriteria(body.SortCriteria),
      MaxResults: optionalInteger(body.MaxResults, 'MaxResults', 1, MAX_RESULTS),
      NextToken: optionalString(body.NextToken, 'NextToken'),
    }),
  async invoke(input, { findings }) {
    const { plan, ...output } = await findings.getFindings(input);
    return { output, log: { plan, returned: output.Findings.length, hasNextToken: output.NextToken !== undefined } };
  },
});

function parseIdentifiers(value: unknown, path: string, min: number): BatchUpdateFindingsRequest['FindingIdentifiers'] {
  return requiredArray(value, path, min, MAX_BATCH).map((item, index) => findingIdentifier(item, `${path}[${index}]`));
}

const batchUpdateFindings = defineOperation<BatchUpdateFindingsRequest>({
  name: 'BatchUpdateFindings',
  method: 'PATCH',
  path: '/findings/batchupdate',
  parse: ({ body }) => {
    const note = optionalObject(body.Note, 'Note');
    const severity = optionalObject(body.Severity, 'Severity');
    const workflow = optionalObject(body.Workflow, 'Workflow');
    const types = optionalArray(body.Types, 'Types', 0, Number.MAX_SAFE_INTEGER);
    const related = body.RelatedFindings === undefined ? undefined : parseIdentifiers(body.RelatedFindings, 'RelatedFindings', 0);
    return dropUndefined({
      FindingIdentifiers: parseIdentifiers(body.FindingIdentifiers, 'FindingIdentifiers', 1),
      Note: note && {
        Text: requiredString(note.Text, 'Note.Text'),
        UpdatedBy: requiredString(note.UpdatedBy, 'Note.UpdatedBy'),
      },
      Severity:
        severity &&
        dropUndefined({
          Label: optionalString(severity.Label, 'Severity.Label'),
          Normalized: optionalInteger(severity.Normalized, 'Severity.Normalized', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
          Product: optionalNumber(severity.Product, 'Severity.Product'),
        }),
      VerificationState: optionalString(body.VerificationState, 'VerificationState'),
      Confidence: optionalInteger(body.Confidence, 'Confidence', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
      Criticality: optionalInteger(body.Criticality, 'Criticality', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
      Types: types && stringsOnly(types, 'Types'),
      UserDefinedFields: optionalStringMap(body.UserDefinedFields, 'UserDefinedFields'),
      Workflow: workflow && dropUndefined({ Status: optionalString(workflow.Status, 'Workflow.Status') }),
      RelatedFindings: related,
    }) as BatchUpdateFindingsRequest;
  },
  async invoke(input, { findings }, caller) {
    const output = await findings.updateFindings(input, caller);
    return {
      output,
      log: { requested: input.FindingIdentifiers.length, processed: output.ProcessedFindings.length, unprocessed: output.UnprocessedFindings.length },
    };
  },
});

const getFindingHistory = defineOperation<GetFindingHistoryRequest>({
  name: 'GetFindingHistory',
  method: 'POST',
  path: '/findingHistory/get',
  parse: ({ body }) =>
    dropUndefined({
      FindingIdentifier: findingIdentifier(body.FindingIdentifier, 'FindingIdentifier'),
      StartTime: optionalTimestamp(body.StartTime, 'StartTime'),
      EndTime: optionalTimestamp(body.EndTime, 'EndTime'),
      MaxResults: optionalInteger(body.MaxResults, 'MaxResults', 1, MAX_RESULTS),
      NextToken: optionalString(body.NextToken, 'NextToken'),
    }) as GetFindingHistoryRequest,
  async invoke(input, { findings }) {
    const output = await findings.getFindingHistory(input);
    return { output, log: { returned: output.Records.length } };
  },
});

/** Every operation the API serves. */
export const OPERATIONS: readonly ApiOperation[] = [
  batchImportFindings,
  getFindings,
  batchUpdateFindings,
  getFindingHistory,
  ...COMPLIANCE_OPERATIONS,
  ...INSIGHT_OPERATIONS,
  ...AUTOMATION_RULE_OPERATIONS,
  ...ACTION_TARGET_OPERATIONS,
  ...REMEDIATION_OPERATIONS,
  ...CONSOLE_OPERATIONS,
  ...REPORT_OPERATIONS,
  ...HUB_OPERATIONS,
  ...PRODUCT_OPERATIONS,
  ...TAG_OPERATIONS,
  ...ALERT_OPERATIONS,
  ...CONFIGURATION_POLICY_OPERATIONS,
  ...ORGANIZATION_OPERATIONS,
  ...AGGREGATION_OPERATIONS,
];

function optionalNumber(value: unknown, path: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InvalidInputError(`Invalid parameter '${path}': expected a number.`);
  }
  return value;
}

/** Removes absent members, so the core sees exactly what the caller sent. */
function dropUndefined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined)) as T;
}
