/** Object helpers for building ASFF: dropping empty members, and lookups that ignore Object.prototype. */

type Compacted<T> = { [K in keyof T]: Exclude<T[K], undefined> };

function isEmpty(member: unknown): boolean {
  if (member === undefined || member === null) return true;
  if (Array.isArray(member)) return member.length === 0;
  if (typeof member === 'object') return Object.keys(member).length === 0;
  return false;
}

/** The object without its undefined and null members, empty arrays and empty objects (keeps the object when nothing is left). */
export function withoutEmpty<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => !isEmpty(member))) as T;
}

/**
 * {@link withoutEmpty}, but undefined when nothing is left (ASFF rejects empty strings and empty
 * objects are noise), so callers can nest it freely.
 */
export function compact<T extends object>(value: T): Partial<Compacted<T>> | undefined {
  const kept = withoutEmpty(value);
  return Object.keys(kept).length === 0 ? undefined : (kept as Partial<Compacted<T>>);
}

/** A list, or undefined when empty. */
export function nonEmpty<T>(values: T[]): T[] | undefined {
  return values.length === 0 ? undefined : values;
}

/**
 * The table's own entry for a key taken from an event; undefined for any other key, so a value such
 * as `constructor`, `valueOf` or `__proto__` never reaches Object.prototype.
 */
export function lookup<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
