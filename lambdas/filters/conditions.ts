import { cidrContains, parseCidr, parseIp } from '../shared/net/ip';
import { compareInstants, daysBefore, instantOf, parseTimestamp, type Instant } from './timestamp';
import type { BooleanFilter, DateFilter, FilterByKind, FilterKind, IpFilter, KeywordFilter, MapFilter, NumberFilter, StringFilter } from './types';

/** A compiled condition of one attribute over all of a finding's values of it. */
export type ValuesTest = (values: readonly unknown[]) => boolean;

type Hit = (value: string) => boolean;

const NEGATIVE = new Set(['NOT_EQUALS', 'PREFIX_NOT_EQUALS', 'NOT_CONTAINS']);

/** True for the comparisons that exclude (`NOT_EQUALS`, `PREFIX_NOT_EQUALS`, `NOT_CONTAINS`). */
export function isNegative(comparison: string | undefined): boolean {
  return NEGATIVE.has(comparison ?? '');
}

function stringHit(comparison: string | undefined, target: string): Hit {
  switch (comparison) {
    case 'PREFIX':
    case 'PREFIX_NOT_EQUALS':
      return (value) => value.startsWith(target);
    case 'CONTAINS':
    case 'NOT_CONTAINS':
      return (value) => value.includes(target);
    default:
      return (value) => value === target;
  }
}

/**
 * Positive conditions are ORed, negative ones ANDed, positives first: a finding passes when some
 * value hits some positive condition (if there is any) and no value hits any negative condition.
 */
function combine<T>(positive: ((value: T) => boolean)[], negative: ((value: T) => boolean)[], pick: (value: unknown) => value is T): ValuesTest {
  return (values) => {
    const candidates = values.filter(pick);
    if (positive.length > 0 && !candidates.some((value) => positive.some((hit) => hit(value)))) return false;
    return !candidates.some((value) => negative.some((hit) => hit(value)));
  };
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isMap = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function stringTest(filters: readonly StringFilter[]): ValuesTest {
  const equals = new Set<string>();
  const positive: Hit[] = [];
  const negative: Hit[] = [];
  for (const { Value = '', Comparison } of filters) {
    if (Comparison === 'EQUALS') equals.add(Value);
    else (isNegative(Comparison) ? negative : positive).push(stringHit(Comparison, Value));
  }
  if (equals.size > 0) positive.push((value) => equals.has(value));
  return combine(positive, negative, isString);
}

function mapTest(filters: readonly MapFilter[]): ValuesTest {
  const positive: ((map: Record<string, unknown>) => boolean)[] = [];
  const negative: ((map: Record<string, unknown>) => boolean)[] = [];
  for (const { Key = '', Value = '', Comparison } of filters) {
    const hit = stringHit(Comparison, Value);
    const onMap = (map: Record<string, unknown>) => Object.hasOwn(map, Key) && isString(map[Key]) && hit(map[Key]);
    (isNegative(Comparison) ? negative : positive).push(onMap);
  }
  return combine(positive, negative, isMap);
}

/** Entries are ORed: some value, as parsed, passes some entry. */
function anyEntry<F, V>(filters: readonly F[], compile: (filter: F) => (value: V) => boolean, parse: (value: unknown) => V | undefined): ValuesTest {
  const tests = filters.map(compile);
  return (values) => {
    for (const raw of values) {
      const value = parse(raw);
      if (value !== undefined && tests.some((test) => test(value))) return true;
    }
    return false;
  };
}

function numberEntry({ Gte, Lte, Eq, Gt, Lt }: NumberFilter): (value: number) => boolean {
  return (value) =>
    (Gte === undefined || value >= Gte) &&
    (Lte === undefined || value <= Lte) &&
    (Eq === undefined || value === Eq) &&
    (Gt === undefined || value > Gt) &&
    (Lt === undefined || value < Lt);
}

function dateEntry(now: Instant): (filter: DateFilter) => (value: Instant) => boolean {
  return ({ Start, End, DateRange }) => {
    const start = parseTimestamp(Start);
    const end = parseTimestamp(End);
    const edge = DateRange ? daysBefore(now, DateRange.Value ?? 0) : undefined;
    const olderThan = DateRange?.Comparison === 'OLDER_THAN';
    return (value) =>
      (!start || compareInstants(value, start) >= 0) &&
      (!end || compareInstants(value, end) <= 0) &&
      (!edge || (olderThan ? compareInstants(value, edge) < 0 : compareInstants(value, edge) >= 0));
  };
}

const asNumber = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
const asString = (value: unknown) => (isString(value) ? value : undefined);
const asBoolean = (value: unknown) => (typeof value === 'boolean' ? value : undefined);

type Compilers = { [K in FilterKind]: (filters: readonly FilterByKind[K][], now: Instant) => ValuesTest };

const COMPILERS: Compilers = {
  string: stringTest,
  map: mapTest,
  number: (filters) => anyEntry(filters, numberEntry, asNumber),
  date: (filters, now) => anyEntry(filters, dateEntry(now), parseTimestamp),
  ip: (filters: readonly IpFilter[]) =>
    anyEntry(
      filters,
      ({ Cidr: text = '' }) => {
        const cidr = parseCidr(text);
        return (address) => cidr !== undefined && cidrContains(cidr, address);
      },
      parseIp,
    ),
  // An absent boolean (only `Sample`) reads as false: a finding that is not marked a sample is not one.
  boolean: (filters: readonly BooleanFilter[]) => {
    const test = anyEntry(
      filters,
      ({ Value }) =>
        (value: boolean) =>
          value === Value,
      asBoolean,
    );
    return (values) => test(values.length > 0 ? values : [false]);
  },
  keyword: (filters: readonly KeywordFilter[]) =>
    anyEntry(
      filters,
      ({ Value }) =>
        (value: string) =>
          value === Value,
      asString,
    ),
};

/** Compiles the conditions of one attribute of kind `kind` (assumed valid) into a test of its values. */
export function compileCondition<K extends FilterKind>(kind: K, filters: readonly FilterByKind[K][], now: Date): ValuesTest {
  const compile = COMPILERS[kind] as (filters: readonly FilterByKind[K][], now: Instant) => ValuesTest;
  return compile(filters, instantOf(now));
}
