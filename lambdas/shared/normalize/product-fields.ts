import { truncate } from './fields';

/** ASFF's ProductFields limits (schemas/asff.schema.json): keys, key length, value length. */
export const PRODUCT_FIELDS_LIMITS = { maxKeys: 50, maxKeyLength: 128, maxValueLength: 2048 } as const;

/**
 * ProductFields within ASFF's limits, from `[key, value]` pairs in priority order: blank values and
 * blank or over-long keys are left out (a cut key could collide), the first 50 keys are kept (the
 * first value of a repeated key wins), and long values are cut ending with `marker`. Undefined when
 * nothing is left.
 */
export function productFields(
  entries: Iterable<readonly [string, string | undefined]>,
  marker?: string,
): Record<string, string> | undefined {
  const { maxKeys, maxKeyLength, maxValueLength } = PRODUCT_FIELDS_LIMITS;
  const fields = new Map<string, string>();
  for (const [key, value] of entries) {
    if (fields.size === maxKeys) break;
    if (value === undefined || value.trim() === '' || key.trim() === '' || key.length > maxKeyLength || fields.has(key)) continue;
    fields.set(key, truncate(value, maxValueLength, marker));
  }
  return fields.size === 0 ? undefined : Object.fromEntries(fields);
}
