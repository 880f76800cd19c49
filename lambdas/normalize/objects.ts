/** Object helpers for building ASFF: dropping empty members, and lookups that ignore Object.prototype. */

type Compacted<T> = { [K in keyof T]: Exclude<T[K], undefined> };

/** Whether an object has an own enumerable member (`Object.keys(value).length > 0` without the array). */
function hasOwnMembers(value: object): boolean {
  for (const key in value) if (Object.hasOwn(value, key)) return true;
  return false;
}

function isEmpty(member: unknown): boolean {
  if (member === undefined || member === null) return true;
  if (Array.isArray(member)) return member.length === 0;
  if (typeof member === 'object') return !hasOwnMembers(member);
  return false;
}

/**
 * Sets an own member, as Object.fromEntries would: also for a key `__proto__` taken from an event,
 * which plain assignment would turn into a prototype change (or ignore).
 */
export function setMember(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** The object without its undefined and null members, empty arrays and empty objects (keeps the object when nothing is left). */
export function withoutEmpty<T extends object>(value: T): T {
  const kept: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const member = (value as Record<string, unknown>)[key];
    if (!isEmpty(member)) setMember(kept, key, member);
  }
  return kept as T;
}

/**
 * {@link withoutEmpty}, but undefined when nothing is left (ASFF rejects empty strings and empty
 * objects are noise), so callers can nest it freely.
 */
export function compact<T extends object>(value: T): Partial<Compacted<T>> | undefined {
  const kept = withoutEmpty(value);
  return hasOwnMembers(kept) ? (kept as Partial<Compacted<T>>) : undefined;
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
