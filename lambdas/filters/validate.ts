import { InvalidInputError } from '../shared/errors';
import { isFilterKey, kindOf } from './fields';
import type { AwsSecurityFindingFilters, FilterKey } from './types';
import { validateEntry } from './validate-entries';

/** Security Hub's documented limits: up to 10 finding attributes, up to 20 values for each. */
export const MAX_FILTER_ATTRIBUTES = 10;
export const MAX_FILTER_VALUES = 20;

/** Options of `validateFilters`. */
export interface ValidateFiltersOptions {
  /** Accept `CONTAINS` / `NOT_CONTAINS` (automation-rule criteria only). Default false. */
  allowContains?: boolean;
  /** Path of the filters in the request, prefixed to error messages. Default `Filters`. */
  path?: string;
  /** Most non-empty attributes. Default `MAX_FILTER_ATTRIBUTES`. */
  maxAttributes?: number;
  /** Most conditions in one attribute. Default `MAX_FILTER_VALUES`. */
  maxValuesPerAttribute?: number;
}

const EXCLUSIVE = ['CONTAINS', 'NOT_CONTAINS'];
const EXCLUDING_EQUALS = ['NOT_EQUALS', 'PREFIX_NOT_EQUALS'];

/** Why `comparison` cannot join the comparisons already `seen` on the same field, if it cannot. */
function conflict(comparison: string, seen: ReadonlySet<string>): string | undefined {
  for (const only of EXCLUSIVE) {
    const mixed = comparison === only ? [...seen].some((other) => other !== only) : seen.has(only);
    if (mixed) return `${only} filters can only be combined with other ${only} filters`;
  }
  const equalsWithExclusion = (comparison === 'EQUALS' && EXCLUDING_EQUALS.some((other) => seen.has(other))) || (EXCLUDING_EQUALS.includes(comparison) && seen.has('EQUALS'));
  if (equalsWithExclusion) {
    return 'EQUALS filters cannot be combined with NOT_EQUALS or PREFIX_NOT_EQUALS filters on the same field';
  }
  return undefined;
}

/**
 * Enforces the documented combination rules on one string or map attribute. A map "field" is one
 * `Key` of the map (`ResourceTags` `Env` and `Team` are separate fields): the documentation's map
 * examples name the key as the field, and the looser reading rejects fewer valid requests.
 */
function checkCombinations(entries: readonly { Comparison?: string; Key?: string }[], path: string): void {
  const seenByField = new Map<string, Set<string>>();
  entries.forEach(({ Comparison = '', Key = '' }, index) => {
    const seen = seenByField.get(Key) ?? new Set<string>();
    const why = conflict(Comparison, seen);
    if (why) throw new InvalidInputError(`${path}[${index}].Comparison ${Comparison} is invalid here: ${why}`);
    seen.add(Comparison);
    seenByField.set(Key, seen);
  });
}

/**
 * Checks GetFindings / insight / automation-rule filters and returns them with only known members,
 * dropping `null` and empty attributes (an empty list is no condition). Throws `InvalidInputError`
 * naming the field path (`Filters.SeverityLabel[1].Comparison`) for an unknown attribute, a wrong
 * type, a missing member, a comparison the kind does not have, a bad timestamp, CIDR or date range,
 * a number filter without a bound, a documented invalid combination (CONTAINS or NOT_CONTAINS with
 * any other comparison; EQUALS with NOT_EQUALS or PREFIX_NOT_EQUALS; PREFIX may join NOT_EQUALS and
 * PREFIX_NOT_EQUALS), or more than 10 attributes or 20 values in one (Security Hub documents the
 * limits but not their exception; `InvalidInputException` is used).
 */
export function validateFilters(filters: unknown, options: ValidateFiltersOptions = {}): AwsSecurityFindingFilters {
  const path = options.path ?? 'Filters';
  const maxAttributes = options.maxAttributes ?? MAX_FILTER_ATTRIBUTES;
  const maxValues = options.maxValuesPerAttribute ?? MAX_FILTER_VALUES;
  if (filters === undefined || filters === null) return {};
  if (typeof filters !== 'object' || Array.isArray(filters)) throw new InvalidInputError(`${path} must be an object`);
  const attributes = Object.values(filters).filter((value) => value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0));
  if (attributes.length > maxAttributes) {
    throw new InvalidInputError(`${path} has ${attributes.length} attributes; at most ${maxAttributes} are allowed`);
  }
  const result: Record<string, unknown[]> = {};
  for (const [key, value] of Object.entries(filters)) {
    const at = `${path}.${key}`;
    if (!isFilterKey(key)) throw new InvalidInputError(`${at} is not a filter attribute`);
    if (value === null || value === undefined) continue;
    if (!Array.isArray(value)) throw new InvalidInputError(`${at} must be a list`);
    if (value.length > maxValues) {
      throw new InvalidInputError(`${at} has ${value.length} values; at most ${maxValues} are allowed`);
    }
    if (value.length === 0) continue;
    const kind = kindOf(key as FilterKey);
    const context = { allowContains: options.allowContains ?? false };
    const entries = value.map((entry, index) => validateEntry(kind, entry, `${at}[${index}]`, context));
    if (kind === 'string' || kind === 'map') checkCombinations(entries as { Comparison?: string }[], at);
    result[key] = entries;
  }
  return result as AwsSecurityFindingFilters;
}
