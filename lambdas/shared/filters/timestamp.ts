/** An instant with nanosecond precision: epoch milliseconds plus nanoseconds within that millisecond. */
export interface Instant {
  readonly ms: number;
  readonly ns: number;
}

// Security Hub's timestamp formats: RFC 3339 date-time, up to 9 fractional digits, offset `Z`,
// `±HH`, `±HH:MM` or `±HHMM`, bounded by ±18:00.
const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)$/;

const MS_PER_DAY = 86_400_000;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeap(year) ? 29 : DAYS_IN_MONTH[month - 1];
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function parse(text: string): Instant | undefined {
  const m = TIMESTAMP.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetMinutes = 0;
  if (!m[8]) {
    const hours = Number(m[10]);
    const minutes = Number(m[11] ?? '0');
    if (minutes > 59 || hours * 60 + minutes > 18 * 60) return undefined;
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  const fraction = (m[7] ?? '').padEnd(9, '0');
  const seconds = daysFromCivil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second - offsetMinutes * 60;
  return { ms: seconds * 1000 + Number(fraction.slice(0, 3)), ns: Number(fraction.slice(3)) };
}

// Parsing is pure, and sorting parses each timestamp many times: remember recent answers.
const CACHE_LIMIT = 100_000;
const cache = new Map<string, Instant | null>();

/** Parses a Security Hub timestamp into an instant, or `undefined` when it is not one. */
export function parseTimestamp(text: unknown): Instant | undefined {
  if (typeof text !== 'string') return undefined;
  const known = cache.get(text);
  if (known !== undefined) return known ?? undefined;
  const instant = parse(text);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, instant ?? null);
  return instant;
}

/** Negative, zero or positive as `a` is before, at or after `b`. */
export function compareInstants(a: Instant, b: Instant): number {
  return a.ms - b.ms || a.ns - b.ns;
}

/** The instant of a `Date`. */
export function instantOf(date: Date): Instant {
  return { ms: date.getTime(), ns: 0 };
}

/** The instant `days` days before `instant`. */
export function daysBefore(instant: Instant, days: number): Instant {
  return { ms: instant.ms - days * MS_PER_DAY, ns: instant.ns };
}
