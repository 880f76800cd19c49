import { InvalidInputError } from '../shared/errors';
import { parseCidr } from '../shared/net/ip';
import { parseTimestamp } from './timestamp';
import type { FilterByKind, FilterKind } from './types';

/** What an entry validator needs to know besides the entry. */
export interface EntryContext {
  readonly allowContains: boolean;
}

type Entry = Record<string, unknown>;

const STRING_COMPARISONS = ['EQUALS', 'PREFIX', 'NOT_EQUALS', 'PREFIX_NOT_EQUALS'];
const MAP_COMPARISONS = ['EQUALS', 'NOT_EQUALS'];
const CONTAINS_COMPARISONS = ['CONTAINS', 'NOT_CONTAINS'];
const NUMBER_BOUNDS = ['Gte', 'Lte', 'Eq', 'Gt', 'Lt'] as const;

function fail(message: string): never {
  throw new InvalidInputError(message);
}

function present(entry: Entry, member: string): boolean {
  return entry[member] !== undefined && entry[member] !== null;
}

/** A required string matching Security Hub's NonEmptyString (`.*\S.*`). */
function nonEmptyString(entry: Entry, member: string, path: string): string {
  const value = entry[member];
  if (!present(entry, member)) fail(`${path}.${member} is required`);
  if (typeof value !== 'string') fail(`${path}.${member} must be a string`);
  if (!/\S/.test(value)) fail(`${path}.${member} must contain a non-whitespace character`);
  return value;
}

function comparison(entry: Entry, path: string, allowed: readonly string[], context: EntryContext): string {
  const value = nonEmptyString(entry, 'Comparison', path);
  if (CONTAINS_COMPARISONS.includes(value)) {
    if (context.allowContains) return value;
    fail(`${path}.Comparison ${value} is allowed only in automation rule criteria`);
  }
  if (!allowed.includes(value)) {
    const all = context.allowContains ? [...allowed, ...CONTAINS_COMPARISONS] : allowed;
    fail(`${path}.Comparison must be one of ${all.join(', ')}`);
  }
  return value;
}

function timestamp(entry: Entry, member: string, path: string): string | undefined {
  if (!present(entry, member)) return undefined;
  const value = nonEmptyString(entry, member, path);
  if (!parseTimestamp(value)) fail(`${path}.${member} is not a valid timestamp: ${value}`);
  return value;
}

function dateRange(value: unknown, path: string): FilterByKind['date']['DateRange'] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(`${path} must be an object`);
  const range = value as Entry;
  const days = range.Value;
  if (!present(range, 'Value')) fail(`${path}.Value is required`);
  if (typeof days !== 'number' || !Number.isInteger(days) || days < 0) {
    fail(`${path}.Value must be a non-negative integer`);
  }
  if (range.Unit !== 'DAYS') fail(`${path}.Unit must be DAYS`);
  const rangeComparison = range.Comparison ?? 'WITHIN';
  if (rangeComparison !== 'WITHIN' && rangeComparison !== 'OLDER_THAN') {
    fail(`${path}.Comparison must be WITHIN or OLDER_THAN`);
  }
  return { Value: days, Unit: 'DAYS', Comparison: rangeComparison };
}

type EntryValidators = { [K in FilterKind]: (entry: Entry, path: string, context: EntryContext) => FilterByKind[K] };

const VALIDATORS: EntryValidators = {
  string: (entry, path, context) => ({
    Comparison: comparison(entry, path, STRING_COMPARISONS, context) as FilterByKind['string']['Comparison'],
    Value: nonEmptyString(entry, 'Value', path),
  }),
  map: (entry, path, context) => ({
    Key: nonEmptyString(entry, 'Key', path),
    Comparison: comparison(entry, path, MAP_COMPARISONS, context) as FilterByKind['map']['Comparison'],
    Value: nonEmptyString(entry, 'Value', path),
  }),
  number: (entry, path) => {
    const result: FilterByKind['number'] = {};
    for (const bound of NUMBER_BOUNDS) {
      if (!present(entry, bound)) continue;
      const value = entry[bound];
      if (typeof value !== 'number' || !Number.isFinite(value)) fail(`${path}.${bound} must be a number`);
      result[bound] = value;
    }
    if (Object.keys(result).length === 0) fail(`${path} needs at least one of ${NUMBER_BOUNDS.join(', ')}`);
    return result;
  },
  date: (entry, path) => {
    const result: FilterByKind['date'] = {};
    const start = timestamp(entry, 'Start', path);
    const end = timestamp(entry, 'End', path);
    if (start !== undefined) result.Start = start;
    if (end !== undefined) result.End = end;
    if (present(entry, 'DateRange')) result.DateRange = dateRange(entry.DateRange, `${path}.DateRange`);
    if (Object.keys(result).length === 0) fail(`${path} needs Start, End or DateRange`);
    return result;
  },
  boolean: (entry, path) => {
    if (!present(entry, 'Value')) fail(`${path}.Value is required`);
    if (typeof entry.Value !== 'boolean') fail(`${path}.Value must be a boolean`);
    return { Value: entry.Value };
  },
  ip: (entry, path) => {
    const cidr = nonEmptyString(entry, 'Cidr', path);
    if (!parseCidr(cidr)) fail(`${path}.Cidr is not a valid IPv4 or IPv6 CIDR: ${cidr}`);
    return { Cidr: cidr };
  },
  keyword: (entry, path) => ({ Value: nonEmptyString(entry, 'Value', path) }),
};

/** Checks one condition of an attribute of kind `kind`; returns it with only its known members. */
export function validateEntry<K extends FilterKind>(kind: K, entry: unknown, path: string, context: EntryContext): FilterByKind[K] {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) fail(`${path} must be an object`);
  const validate = VALIDATORS[kind] as (entry: Entry, path: string, context: EntryContext) => FilterByKind[K];
  return validate(entry as Entry, path, context);
}
