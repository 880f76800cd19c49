/**
 * ASFF timestamps, as the Security Hub API reference documents them: RFC 3339 date-time with `T`,
 * seconds always present, 1–9 fractional digits, and `Z` or an offset `±hh`, `±hhmm` or `±hh:mm`
 * bounded by ±18:00. Security Hub keeps milliseconds and drops finer digits.
 */

const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:Z|([+-])(\d{2})(?::?(\d{2}))?)$/;

const MAX_OFFSET_MINUTES = 18 * 60;
const MINUTE_MS = 60_000;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** UTC milliseconds of a calendar instant; `Date.UTC` alone maps years 0–99 to 1900–1999. */
function utcMillis(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  return date.getTime();
}

/**
 * Parses an ASFF timestamp into UTC epoch milliseconds (fraction truncated to milliseconds).
 * A leap second (`23:59:60`, which the documented pattern allows) counts as `23:59:59.999`.
 * Returns `undefined` when the string is not a valid ASFF timestamp, including impossible dates
 * (`2023-02-29`) and instants outside years 0000–9999 UTC (they would break fixed-width sorting).
 */
export function parseAsffTimestamp(s: string): number | undefined {
  const m = TIMESTAMP.exec(s);
  if (m === null) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59) return undefined;
  const leapSecond = second === 60 && hour === 23 && minute === 59;
  if (second > 59 && !leapSecond) return undefined;

  let offsetMinutes = 0;
  if (m[8] !== undefined) {
    const offHours = Number(m[9]);
    const offMinutes = m[10] === undefined ? 0 : Number(m[10]);
    if (offMinutes > 59) return undefined;
    offsetMinutes = offHours * 60 + offMinutes;
    if (offsetMinutes > MAX_OFFSET_MINUTES) return undefined;
    if (m[8] === '-') offsetMinutes = -offsetMinutes;
  }

  const ms = leapSecond ? 999 : m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  const local = utcMillis(year, month, day, hour, minute, leapSecond ? 59 : second, ms);
  const millis = local - offsetMinutes * MINUTE_MS;
  const utcYear = new Date(millis).getUTCFullYear();
  return utcYear < 0 || utcYear > 9999 ? undefined : millis;
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

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * Normalizes a valid ASFF timestamp to fixed-width UTC `YYYY-MM-DDTHH:mm:ss.sssZ`, so that the
 * lexicographic order of results is their chronological order (digits beyond milliseconds are
 * truncated, as Security Hub does).
 * @throws RangeError when `s` is not a valid ASFF timestamp.
 */
export function toSortableTimestamp(s: string): string {
  const d = new Date(timestampMillis(s));
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}` +
    `T${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}` +
    `.${pad(d.getUTCMilliseconds(), 3)}Z`
  );
}
