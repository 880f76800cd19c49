import { truncate } from './fields';
import { setMember } from './objects';

/** ASFF's ProductFields limits (schemas/asff.schema.json): keys, key length, value length. */
export const PRODUCT_FIELDS_LIMITS = { maxKeys: 50, maxKeyLength: 128, maxValueLength: 2048 } as const;

/**
 * ProductFields within ASFF's limits, from `[key, value]` pairs in priority order: blank values and
 * blank or over-long keys are left out (a cut key could collide), the first 50 keys are kept (the
 * first value of a repeated key wins), and long values are cut ending with `marker`. Undefined when
 * nothing is left.
 */
export function productFields(entries: Iterable<readonly [string, string | undefined]>, marker?: string): Record<string, string> | undefined {
  const { maxKeys, maxKeyLength, maxValueLength } = PRODUCT_FIELDS_LIMITS;
  // A plain object, not a Map turned into one by Object.fromEntries: that copy cost more than the rest.
  const fields: Record<string, string> = {};
  let count = 0;
  for (const [key, value] of entries) {
    if (count === maxKeys) break;
    if (value === undefined || value.trim() === '' || key.trim() === '' || key.length > maxKeyLength || Object.hasOwn(fields, key)) continue;
    setMember(fields, key, truncate(value, maxValueLength, marker));
    count += 1;
  }
  return count === 0 ? undefined : fields;
}
