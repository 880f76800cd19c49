import { optionalArray, optionalObject, optionalString, truncate } from './fields';

/** Resource tag limits Security Hub applies (AWS tag keys ≤ 128, values ≤ 256). */
const MAX_KEY = 128;
const MAX_VALUE = 256;

function tagsOf(pairs: Array<[string, string | undefined]>): Record<string, string> | undefined {
  const tags = new Map<string, string>();
  for (const [key, value] of pairs) {
    if (key.trim() !== '' && value !== undefined && value.trim() !== '') tags.set(truncate(key, MAX_KEY), truncate(value, MAX_VALUE));
  }
  return tags.size === 0 ? undefined : Object.fromEntries(tags);
}

/** ASFF Tags of a `[{ key, value }]` list (GuardDuty, Macie); pairs with a blank key or value are left out. */
export function tagsFromPairs(root: unknown, path: string): Record<string, string> | undefined {
  return tagsOf(
    optionalArray(root, path).flatMap((_, index) => {
      const key = optionalString(root, `${path}[${index}].key`);
      return key === undefined ? [] : [[key, optionalString(root, `${path}[${index}].value`)] as [string, string | undefined]];
    }),
  );
}

/** ASFF Tags of a `{ key: value }` object (Inspector); blank keys and values are left out. */
export function tagsFromObject(root: unknown, path: string): Record<string, string> | undefined {
  const source = optionalObject(root, path) ?? {};
  // Entries, not paths: a key holding `.` or `[` is not a path.
  return tagsOf(Object.entries(source).map(([key, value]) => [key, typeof value === 'string' || typeof value === 'number' ? String(value) : undefined]));
}
