import { InvalidInputError } from '../shared/errors';
import { isFilterKey, keyOfPath, kindOf, valuesOf } from './fields';
import { compareInstants, parseTimestamp } from './timestamp';
import type { FilterKey, FilterKind, SortCriterion } from './types';
import { PRIORITY_KEY, PRIORITY_SORT_FIELD, storedPriority } from './priority-field';

/** GetFindings' order when the request gives none: most recently updated first. */
export const DEFAULT_SORT: SortCriterion[] = [{ Field: 'UpdatedAt', SortOrder: 'desc' }];

const SORTABLE_KINDS: readonly FilterKind[] = ['string', 'number', 'date', 'boolean', 'ip'];
const SEVERITY_KEYS: readonly string[] = ['SeverityLabel', 'SeverityNormalized'];
const SEVERITY_RANK: Readonly<Record<string, number>> = { INFORMATIONAL: 0, LOW: 1, MEDIUM: 2, HIGH: 3, CRITICAL: 4 };
/** Names of the app's priority (a number in ProductFields, not a filter attribute): `Priority` or its ProductFields path. */
const PRIORITY_NAMES: ReadonlySet<string> = new Set([PRIORITY_SORT_FIELD, `ProductFields.${PRIORITY_KEY}`]);

type Finding = object;

/** The sortable filter key a sort field names, as a key (`SeverityLabel`) or a path (`Severity.Label`). */
function sortKeyOf(field: string): FilterKey | undefined {
  const key = isFilterKey(field) ? field : keyOfPath(field);
  return key !== undefined && SORTABLE_KINDS.includes(kindOf(key)) ? key : undefined;
}

/**
 * Checks GetFindings' `SortCriteria` and normalizes each `Field` to its filter key (or `Priority`, the
 * app's priority score, also spelled `ProductFields.opensecurityhub/Priority`). `SortOrder`
 * defaults to `desc` (Security Hub documents no default; `desc` is also `DEFAULT_SORT`'s order).
 * Absent or empty criteria yield `DEFAULT_SORT`. Throws `InvalidInputError` naming the path
 * (`SortCriteria[0].Field`).
 */
export function validateSortCriteria(criteria: unknown, path = 'SortCriteria'): SortCriterion[] {
  if (criteria === undefined || criteria === null) return [...DEFAULT_SORT];
  if (!Array.isArray(criteria)) throw new InvalidInputError(`${path} must be a list`);
  if (criteria.length === 0) return [...DEFAULT_SORT];
  return criteria.map((criterion: unknown, index) => {
    const at = `${path}[${index}]`;
    if (typeof criterion !== 'object' || criterion === null || Array.isArray(criterion)) {
      throw new InvalidInputError(`${at} must be an object`);
    }
    const { Field, SortOrder } = criterion as Record<string, unknown>;
    if (typeof Field !== 'string') throw new InvalidInputError(`${at}.Field is required and must be a string`);
    const key = PRIORITY_NAMES.has(Field) ? PRIORITY_SORT_FIELD : sortKeyOf(Field);
    if (!key) throw new InvalidInputError(`${at}.Field ${Field} is not a sortable finding attribute`);
    if (SortOrder !== undefined && SortOrder !== null && SortOrder !== 'asc' && SortOrder !== 'desc') {
      throw new InvalidInputError(`${at}.SortOrder must be asc or desc`);
    }
    return { Field: key, SortOrder: SortOrder ?? 'desc' };
  });
}

/** Orders two optional values, an absent one first. */
function withMissingFirst<T>(a: T | undefined, b: T | undefined, compare: (a: T, b: T) => number): number {
  if (a === undefined || b === undefined) return (a === undefined ? 0 : 1) - (b === undefined ? 0 : 1);
  return compare(a, b);
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const numeric = (a: number, b: number) => a - b;

function first<T>(values: unknown[], pick: (value: unknown) => T | undefined): T | undefined {
  for (const value of values) {
    const picked = pick(value);
    if (picked !== undefined) return picked;
  }
  return undefined;
}

const asString = (value: unknown) => (typeof value === 'string' ? value : undefined);
const asNumber = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
const asBoolean = (value: unknown) => (typeof value === 'boolean' ? Number(value) : undefined);

/** How one sort field reads its value from a finding and orders two read values (missing ones first). */
interface SortField {
  readonly read: (finding: Finding) => unknown;
  readonly compare: (a: unknown, b: unknown) => number;
}

function field<T>(read: (finding: Finding) => T | undefined, compare: (a: T, b: T) => number): SortField {
  return { read, compare: (a, b) => withMissingFirst(a as T | undefined, b as T | undefined, compare) };
}

function firstOf<T>(key: FilterKey, pick: (value: unknown) => T | undefined): (finding: Finding) => T | undefined {
  return (finding) => first(valuesOf(finding, key), pick);
}

interface Severity {
  readonly rank?: number;
  readonly normalized?: number;
}

function severity(finding: Finding): Severity {
  const label = first(valuesOf(finding, 'SeverityLabel'), asString);
  const rank = label !== undefined && Object.hasOwn(SEVERITY_RANK, label) ? SEVERITY_RANK[label] : undefined;
  return { rank, normalized: first(valuesOf(finding, 'SeverityNormalized'), asNumber) };
}

const bySeverity = (x: Severity, y: Severity) => withMissingFirst(x.rank, y.rank, numeric) || withMissingFirst(x.normalized, y.normalized, numeric);

function buildField(key: FilterKey): SortField {
  if (SEVERITY_KEYS.includes(key)) return field(severity, bySeverity);
  switch (kindOf(key)) {
    case 'date':
      return field(firstOf(key, parseTimestamp), compareInstants);
    case 'number':
      return field(firstOf(key, asNumber), numeric);
    case 'boolean':
      return field(firstOf(key, asBoolean), numeric);
    default:
      return field(firstOf(key, asString), byCodeUnit);
  }
}

const FIELDS = new Map<string, SortField | null>();

/** The sort field a criterion's `Field` names (a key or a dotted path), or `undefined`. */
function sortFieldOf(name: string): SortField | undefined {
  let sortField = FIELDS.get(name);
  if (sortField === undefined) {
    const key = sortKeyOf(name);
    const priority = PRIORITY_NAMES.has(name) ? field((finding) => storedPriority(finding), numeric) : undefined;
    FIELDS.set(name, (sortField = priority ?? (key ? buildField(key) : null)));
  }
  return sortField ?? undefined;
}

function fieldsOf(criteria: readonly SortCriterion[]): { field: SortField; sign: number }[] {
  return criteria.flatMap(({ Field = '', SortOrder }) => {
    const sortField = sortFieldOf(Field);
    return sortField ? [{ field: sortField, sign: SortOrder === 'asc' ? 1 : -1 }] : [];
  });
}

/**
 * Compiles criteria into a comparator that reads each finding's sort values once and remembers them
 * for its own lifetime (use one per sort; do not change findings while it is in use). Same order
 * as `compareFindings`.
 */
export function compileComparator(criteria: readonly SortCriterion[]): (a: Finding, b: Finding) => number {
  const fields = fieldsOf(criteria);
  const memo = new WeakMap<Finding, unknown[]>();
  const valuesFor = (finding: Finding) => {
    let values = memo.get(finding);
    if (!values) memo.set(finding, (values = fields.map(({ field }) => field.read(finding))));
    return values;
  };
  return (a, b) => {
    const x = valuesFor(a);
    const y = valuesFor(b);
    for (let i = 0; i < fields.length; i++) {
      const order = fields[i].field.compare(x[i], y[i]);
      if (order !== 0) return fields[i].sign * order;
    }
    return 0;
  };
}

/**
 * Compares two findings by the criteria in order (ascending or descending each): dates as instants,
 * numbers numerically, strings by UTF-16 code unit, booleans false before true; `SeverityLabel` and
 * `SeverityNormalized` both order by label rank (INFORMATIONAL < LOW < MEDIUM < HIGH < CRITICAL), then
 * `Severity.Normalized`. A missing value is the smallest; a multi-valued field uses its first value.
 * `SortOrder` defaults to `desc`. No final tie-break: equal findings compare 0 and the caller breaks
 * ties. For sorting many findings, `compileComparator` is faster.
 */
export function compareFindings(a: Finding, b: Finding, criteria: readonly SortCriterion[]): number {
  for (const { Field = '', SortOrder } of criteria) {
    const sortField = sortFieldOf(Field);
    if (!sortField) continue;
    const order = sortField.compare(sortField.read(a), sortField.read(b));
    if (order !== 0) return SortOrder === 'asc' ? order : -order;
  }
  return 0;
}
