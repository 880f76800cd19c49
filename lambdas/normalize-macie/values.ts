import { UnmappableEventError } from '../shared/normalize/errors';
import { at } from '../shared/normalize/fields';

/** An object without its undefined members, or undefined when nothing is left (ASFF rejects empty strings and objects are noise). */
export function compact<T extends Record<string, unknown>>(value: T): T | undefined {
  const entries = Object.entries(value).filter(([, member]) => member !== undefined);
  return entries.length === 0 ? undefined : (Object.fromEntries(entries) as T);
}

/** An object without its undefined members (keeps the object even when empty). */
export function withoutUndefined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined)) as T;
}

/** A list, or undefined when empty. */
export function nonEmpty<T>(values: T[]): T[] | undefined {
  return values.length === 0 ? undefined : values;
}

/**
 * A 12-digit AWS account id. Accepts a string or a number; a number loses leading zeros in JSON,
 * so it is padded back to 12 digits.
 */
export function requireAccountId(root: unknown, path: string): string {
  const value = at(root, path);
  if (value === undefined || value === null || value === '') throw new UnmappableEventError('is required', path);
  const text = typeof value === 'number' && Number.isInteger(value) && value >= 0 ? String(value).padStart(12, '0') : value;
  if (typeof text !== 'string' || !/^\d{12}$/.test(text.trim())) {
    throw new UnmappableEventError(`must be a 12-digit account id, got ${JSON.stringify(value)?.slice(0, 40)}`, path);
  }
  return text.trim();
}
