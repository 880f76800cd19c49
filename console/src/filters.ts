/**
 * The filter bar's language: Security Hub's `AwsSecurityFindingFilters`, edited one condition at a
 * time (field, comparison, value) and carried in the URL. Fields and their kinds come from the
 * API's own registry (lambdas/filters/fields.ts), so the console offers exactly what
 * GetFindings accepts. Pure: no DOM, tested in test/unit/console/.
 */
import { FILTER_FIELDS } from '../../lambdas/filters/fields';
import type { AwsSecurityFindingFilters, FilterKey, FilterKind } from '../../lambdas/filters/types';
import { GROUP_BY_ATTRIBUTES } from '../../lambdas/triage/insights/group-by';

export type { AwsSecurityFindingFilters, FilterKey };

/** Every filter field, alphabetically. */
export const FILTER_KEYS: readonly FilterKey[] = (Object.keys(FILTER_FIELDS) as FilterKey[]).sort();

/** Every attribute the findings list (and insights) can group by. */
export const GROUP_BY_KEYS: readonly FilterKey[] = [...GROUP_BY_ATTRIBUTES].sort();

/** The kind of a field (string, number, date, boolean, map, ip, keyword). */
export function kindOfField(field: FilterKey): FilterKind {
  return FILTER_FIELDS[field][0] as FilterKind;
}

/** The comparisons the bar offers for a field's kind, as Security Hub's console names them. */
export function comparisonsFor(kind: FilterKind): readonly string[] {
  switch (kind) {
    case 'string':
      return ['EQUALS', 'NOT_EQUALS', 'PREFIX', 'PREFIX_NOT_EQUALS'];
    case 'map':
      return ['EQUALS', 'NOT_EQUALS'];
    case 'number':
      return ['Eq', 'Gte', 'Lte'];
    case 'date':
      return ['WITHIN_DAYS', 'OLDER_THAN_DAYS', 'Start', 'End'];
    case 'boolean':
      return ['EQUALS'];
    case 'ip':
      return ['Cidr'];
    default:
      return ['EQUALS'];
  }
}

/** One condition as the bar shows it. */
export interface ConditionView {
  field: FilterKey;
  index: number;
  text: string;
}

type Condition = Record<string, unknown>;

/** Adds one condition; `value` is what the user typed (for a map: `key=value`). Throws a message naming what is wrong. */
export function addCondition(filters: AwsSecurityFindingFilters, field: FilterKey, comparison: string, value: string): AwsSecurityFindingFilters {
  const kind = kindOfField(field);
  if (!comparisonsFor(kind).includes(comparison)) throw new Error(`${field}: '${comparison}' is not a comparison of a ${kind} field`);
  const text = value.trim();
  if (text === '') throw new Error(`${field}: a value is required`);
  let condition: Condition;
  switch (kind) {
    case 'number': {
      const number = Number(text);
      if (!Number.isFinite(number)) throw new Error(`${field}: '${text}' is not a number`);
      condition = { [comparison]: number };
      break;
    }
    case 'date':
      if (comparison === 'WITHIN_DAYS' || comparison === 'OLDER_THAN_DAYS') {
        const days = Number(text);
        if (!Number.isInteger(days) || days < 1) throw new Error(`${field}: '${text}' is not a whole number of days`);
        condition = { DateRange: { Value: days, Unit: 'DAYS', ...(comparison === 'OLDER_THAN_DAYS' && { Comparison: 'OLDER_THAN' }) } };
      } else {
        if (Number.isNaN(Date.parse(text))) throw new Error(`${field}: '${text}' is not a date (e.g. 2026-01-31T00:00:00Z)`);
        condition = { [comparison]: text };
      }
      break;
    case 'boolean':
      if (text !== 'true' && text !== 'false') throw new Error(`${field}: true or false`);
      condition = { Value: text === 'true' };
      break;
    case 'map': {
      const at = text.indexOf('=');
      if (at < 1) throw new Error(`${field}: write key=value`);
      condition = { Key: text.slice(0, at), Value: text.slice(at + 1), Comparison: comparison };
      break;
    }
    case 'ip':
      condition = { Cidr: text };
      break;
    default:
      condition = { Value: text, Comparison: comparison };
  }
  const existing = (filters[field] as Condition[] | undefined) ?? [];
  return { ...filters, [field]: [...existing, condition] };
}

/** Removes the `index`-th condition of `field` (the field goes when it has none left). */
export function removeCondition(filters: AwsSecurityFindingFilters, field: FilterKey, index: number): AwsSecurityFindingFilters {
  const rest = ((filters[field] as Condition[] | undefined) ?? []).filter((_, at) => at !== index);
  const next: Record<string, unknown> = { ...filters };
  if (rest.length === 0) delete next[field];
  else next[field] = rest;
  return next as AwsSecurityFindingFilters;
}

function describe(condition: Condition): string {
  if (condition.DateRange !== undefined) {
    const range = condition.DateRange as { Value: number; Comparison?: string };
    return `${range.Comparison === 'OLDER_THAN' ? 'older than' : 'within'} ${range.Value} days`;
  }
  if (condition.Key !== undefined) return `${String(condition.Key)} ${condition.Comparison === 'NOT_EQUALS' ? '≠' : '='} ${String(condition.Value)}`;
  if (condition.Cidr !== undefined) return `in ${String(condition.Cidr)}`;
  const parts: string[] = [];
  if (condition.Eq !== undefined) parts.push(`= ${String(condition.Eq)}`);
  if (condition.Gte !== undefined) parts.push(`≥ ${String(condition.Gte)}`);
  if (condition.Lte !== undefined) parts.push(`≤ ${String(condition.Lte)}`);
  if (condition.Start !== undefined) parts.push(`from ${String(condition.Start)}`);
  if (condition.End !== undefined) parts.push(`until ${String(condition.End)}`);
  if (parts.length > 0) return parts.join(' ');
  const words: Record<string, string> = {
    EQUALS: 'is',
    NOT_EQUALS: 'is not',
    PREFIX: 'starts with',
    PREFIX_NOT_EQUALS: 'does not start with',
    CONTAINS: 'contains',
    NOT_CONTAINS: 'does not contain',
  };
  return `${words[String(condition.Comparison ?? 'EQUALS')] ?? String(condition.Comparison)} ${String(condition.Value)}`;
}

/** Every condition as a chip: `SeverityLabel is CRITICAL`. */
export function conditionViews(filters: AwsSecurityFindingFilters): ConditionView[] {
  return (Object.entries(filters) as Array<[FilterKey, Condition[]]>).flatMap(([field, conditions]) =>
    (conditions ?? []).map((condition, index) => ({ field, index, text: `${field} ${describe(condition)}` })),
  );
}

/** A string EQUALS condition on `field` (what clicking a group or a count adds). */
export function withEquals(filters: AwsSecurityFindingFilters, field: FilterKey, value: string): AwsSecurityFindingFilters {
  return addCondition(filters, field, 'EQUALS', value);
}

/** The findings list's default: active findings not yet resolved or suppressed (as Security Hub's console). */
export const DEFAULT_FILTERS: AwsSecurityFindingFilters = {
  RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' }],
  WorkflowStatus: [
    { Value: 'NEW', Comparison: 'EQUALS' },
    { Value: 'NOTIFIED', Comparison: 'EQUALS' },
  ],
};

/** Filters into the URL (compact JSON) and back; a malformed value is an error naming the parameter. */
export function encodeFilters(filters: AwsSecurityFindingFilters): string {
  return JSON.stringify(filters);
}

/** See {@link encodeFilters}. */
export function decodeFilters(text: string | null): AwsSecurityFindingFilters | undefined {
  if (text === null || text === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`The link's filter parameter 'f' is not JSON`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`The link's filter parameter 'f' must be an object of filter fields`);
  for (const [field, conditions] of Object.entries(parsed)) {
    if (!(field in FILTER_FIELDS)) throw new Error(`The link's filter names an unknown field '${field}'`);
    if (!Array.isArray(conditions)) throw new Error(`The link's filter field '${field}' must be a list of conditions`);
  }
  return parsed as AwsSecurityFindingFilters;
}
