/**
 * `ProductFields` as Security Hub fills them for GuardDuty: the finding's `service` object
 * flattened to `aws/guardduty/service/<path>` keys with string values (the User Guide's "Typical
 * finding from GuardDuty"). ASFF allows 50 keys (≤ 128 chars) with non-empty values (≤ 2048 chars):
 * the summary keys come first, then the rest in document order until the limit; empty values and
 * over-long keys are left out.
 */

const PREFIX = 'aws/guardduty/service';
const MAX_KEYS = 50;
const MAX_KEY_LENGTH = 128;
const MAX_VALUE_LENGTH = 2048;

/** Keys kept before any other (what an analyst filters on). */
const FIRST = ['serviceName', 'detectorId', 'archived', 'count', 'resourceRole', 'eventFirstSeen', 'eventLastSeen', 'featureName', 'action/actionType'];

function flatten(value: unknown, path: string, into: Array<[string, string]>): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    value.forEach((item, index) => flatten(item, `${path}/${index}`, into));
  } else if (typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) flatten(child, `${path}/${key}`, into);
  } else {
    const text = String(value);
    if (text.trim() !== '') into.push([path, text.length > MAX_VALUE_LENGTH ? text.slice(0, MAX_VALUE_LENGTH) : text]);
  }
}

/** The ProductFields of a GuardDuty finding's `service` object (undefined when there is nothing to keep). */
export function productFieldsOf(service: Record<string, unknown> | undefined): Record<string, string> | undefined {
  const pairs: Array<[string, string]> = [];
  flatten(service, PREFIX, pairs);
  const first = new Set(FIRST.map((key) => `${PREFIX}/${key}`));
  const ordered = [...pairs.filter(([key]) => first.has(key)), ...pairs.filter(([key]) => !first.has(key))];
  const fields: Record<string, string> = {};
  let count = 0;
  for (const [key, value] of ordered) {
    if (count === MAX_KEYS) break;
    if (key.length > MAX_KEY_LENGTH) continue;
    fields[key] = value;
    count += 1;
  }
  return count === 0 ? undefined : fields;
}
