type Compacted<T> = { [K in keyof T]: Exclude<T[K], undefined> };

/**
 * The object without its undefined members, empty arrays and empty objects; undefined when nothing
 * is left (ASFF rejects empty strings and objects are noise), so callers can nest it freely.
 */
export function compact<T extends Record<string, unknown>>(value: T): Partial<Compacted<T>> | undefined {
  const entries = Object.entries(value).filter(([, member]) => {
    if (member === undefined || member === null) return false;
    if (Array.isArray(member)) return member.length > 0;
    if (typeof member === 'object') return Object.keys(member).length > 0;
    return true;
  });
  return entries.length === 0 ? undefined : (Object.fromEntries(entries) as Partial<Compacted<T>>);
}
