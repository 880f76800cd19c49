/**
 * ASFF timestamps, as the Security Hub API reference documents them: RFC 3339 date-time with `T`,
 * seconds always present, 1–9 fractional digits, and `Z` or an offset `±hh`, `±hhmm` or `±hh:mm`
 * bounded by ±18:00. Security Hub keeps milliseconds and drops finer digits.
 */

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:Z|([+-])(\d{2})(?::?(\d{2}))?)$/;

const MAX_OFFSET_MINUTES = 18 * 60;
const FIRST_MS = -62_167_219_200_000; // 0000-01-01T00:00:00.000Z
const LAST_MS = 253_402_300_799_999; // 9999-12-31T23:59:59.999Z

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil), no Date object. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** An instant with nanosecond precision: UTC epoch milliseconds plus nanoseconds within that millisecond. */
export interface Instant {
  readonly ms: number;
  readonly ns: number;
}

/**
 * Parses an ASFF timestamp into an instant with all 9 fractional digits kept.
 * A leap second (`23:59:60`, which the documented pattern allows) counts as `23:59:59.999999999`.
 * Returns `undefined` when the string is not a valid ASFF timestamp, including impossible dates
 * (`2023-02-29`) and instants outside years 0000–9999 UTC (they would break fixed-width sorting).
 */
export function parseAsffInstant(s: string): Instant | undefined {
  const m = TIMESTAMP.exec(s);
  if (m === null) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  let second = Number(m[6]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59) return undefined;
  const leapSecond = second === 60 && hour === 23 && minute === 59;
  if (second > 59 && !leapSecond) return undefined;
  if (leapSecond) second = 59;

  let offsetMinutes = 0;
  if (m[8] !== undefined) {
    const offMinutes = m[10] === undefined ? 0 : Number(m[10]);
    if (offMinutes > 59) return undefined;
    offsetMinutes = Number(m[9]) * 60 + offMinutes;
    if (offsetMinutes > MAX_OFFSET_MINUTES) return undefined;
    if (m[8] === '-') offsetMinutes = -offsetMinutes;
  }

  const fraction = leapSecond ? '999999999' : (m[7] ?? '').padEnd(9, '0');
  const localSeconds = ((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute - offsetMinutes) * 60 + second;
  const millis = localSeconds * 1000 + Number(fraction.slice(0, 3));
  return millis < FIRST_MS || millis > LAST_MS ? undefined : { ms: millis, ns: Number(fraction.slice(3)) };
}

/**
 * Parses an ASFF timestamp into UTC epoch milliseconds (fraction truncated to milliseconds), or
 * `undefined` when it is not a valid ASFF timestamp (see {@link parseAsffInstant}).
 */
export function parseAsffTimestamp(s: string): number | undefined {
  return parseAsffInstant(s)?.ms;
}

/** True when `s` is a timestamp Security Hub accepts (the `asff-date-time` schema format). */
export function isAsffTimestamp(s: string): boolean {
  return parseAsffTimestamp(s) !== undefined;
}

/**
 * UTC epoch milliseconds of a valid ASFF timestamp.
 * @throws RangeError when `s` is not a valid ASFF timestamp.
 */
export function timestampMillis(s: string): number {
  const millis = parseAsffTimestamp(s);
  if (millis === undefined) throw new RangeError(`Not an ASFF timestamp: ${JSON.stringify(s)}`);
  return millis;
}

/**
 * Normalizes a valid ASFF timestamp to fixed-width UTC `YYYY-MM-DDTHH:mm:ss.sssZ`, so that the
 * lexicographic order of results is their chronological order (digits beyond milliseconds are
 * truncated, as Security Hub does).
 * @throws RangeError when `s` is not a valid ASFF timestamp.
 */
export function toSortableTimestamp(s: string): string {
  // Within years 0000–9999 (parseAsffTimestamp guarantees it) toISOString is exactly that form.
  return new Date(timestampMillis(s)).toISOString();
}
