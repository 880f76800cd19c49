import { isAsffTimestamp } from '../asff';
import { UnmappableEventError } from './errors';
import { at } from './fields';

/**
 * Timestamps as products really send them, turned into ASFF timestamps (ISO-8601 UTC):
 * ISO strings (kept when already valid ASFF), epoch seconds or milliseconds (numbers or numeric
 * strings), Inspector's `Tue Feb 11 10:20:44.356 UTC 2025` and its older `Dec 3, 2021, 6:02:30 PM`,
 * and the RFC 1123 dates of AWS Health events (`Sat, 05 Jun 2023 15:10:09 GMT`).
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH = `(${MONTHS.join('|')})[a-z]*`;
/** `Tue Feb 11 10:20:44.356 UTC 2025` */
const UNIX_DATE = new RegExp(`^(?:[A-Z][a-z]{2} )?${MONTH} +(\\d{1,2}) (\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))? UTC (\\d{4})$`);
/** `Dec 3, 2021, 6:02:30 PM` (UTC) */
const US_DATE = new RegExp(`^${MONTH} (\\d{1,2}), (\\d{4}),? (\\d{1,2}):(\\d{2}):(\\d{2}) ?([AP]M)$`, 'i');
/** `Sat, 05 Jun 2023 15:10:09 GMT` (RFC 1123, as HTTP dates and AWS Health events carry them) */
const RFC_1123 = new RegExp(`^(?:[A-Z][a-z]{2}, )?(\\d{1,2}) ${MONTH} (\\d{4}) (\\d{2}):(\\d{2}):(\\d{2}) (?:GMT|UTC)$`);
const NUMERIC = /^\d+(\.\d+)?$/;
/** Epoch values at or above this are milliseconds (as seconds it would be the year 5138). */
const MILLISECONDS_FROM = 100_000_000_000;

function utc(year: number, month: number, day: number, hour: number, minute: number, second: number, fraction = ''): string | undefined {
  const millis = Date.UTC(year, month, day, hour, minute, second, Number(fraction.slice(0, 3).padEnd(3, '0')));
  const date = new Date(millis);
  if (Number.isNaN(millis) || date.getUTCDate() !== day || date.getUTCMonth() !== month) return undefined;
  return date.toISOString();
}

function fromEpoch(value: number): string | undefined {
  const millis = value >= MILLISECONDS_FROM ? value : value * 1000;
  const date = new Date(Math.round(millis));
  return Number.isNaN(date.getTime()) || date.getUTCFullYear() > 9999 ? undefined : date.toISOString();
}

function parse(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? fromEpoch(value) : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (isAsffTimestamp(text)) return text;
  if (NUMERIC.test(text)) return fromEpoch(Number(text));
  let match = UNIX_DATE.exec(text);
  if (match) {
    const [, month, day, hour, minute, second, fraction, year] = match;
    return utc(Number(year), MONTHS.indexOf(month.slice(0, 3)), Number(day), Number(hour), Number(minute), Number(second), fraction);
  }
  match = RFC_1123.exec(text);
  if (match) {
    const [, day, month, year, hour, minute, second] = match;
    return utc(Number(year), MONTHS.indexOf(month.slice(0, 3)), Number(day), Number(hour), Number(minute), Number(second));
  }
  match = US_DATE.exec(text);
  if (match) {
    const [, month, day, year, hour, minute, second, meridiem] = match;
    const hour12 = Number(hour) % 12;
    const hour24 = meridiem.toUpperCase() === 'PM' ? hour12 + 12 : hour12;
    const monthIndex = MONTHS.findIndex((name) => name.toLowerCase() === month.slice(0, 3).toLowerCase());
    return utc(Number(year), monthIndex, Number(day), hour24, Number(minute), Number(second));
  }
  // Other ISO-8601 variants Date understands (e.g. no seconds, space separator), normalized to UTC.
  const millis = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(text) ? Date.parse(text.replace(' ', 'T')) : Number.NaN;
  return Number.isNaN(millis) ? undefined : fromEpoch(millis);
}

/** The ASFF timestamp of a time value, or undefined when the value is absent. */
export function optionalTimestamp(root: unknown, path: string): string | undefined {
  const value = at(root, path);
  if (value === undefined || value === null || value === '') return undefined;
  const timestamp = parse(value);
  if (timestamp === undefined) {
    throw new UnmappableEventError(`is not a timestamp: ${JSON.stringify(value).slice(0, 60)}`, path);
  }
  return timestamp;
}

/** The ASFF timestamp of a required time value. */
export function requireTimestamp(root: unknown, path: string): string {
  const timestamp = optionalTimestamp(root, path);
  if (timestamp === undefined) throw new UnmappableEventError('is required', path);
  return timestamp;
}
