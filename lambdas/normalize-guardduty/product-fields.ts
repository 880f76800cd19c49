/**
 * `ProductFields` as Security Hub fills them for GuardDuty: the finding's `service` object
 * flattened to `aws/guardduty/service/<path>` keys with string values (the User Guide's "Typical
 * finding from GuardDuty"). The summary keys come first, then the rest in document order, through
 * the shared builder that keeps ASFF's limits.
 */
import { productFields } from '../shared/normalize/product-fields';

const PREFIX = 'aws/guardduty/service';

/** Keys kept before any other (what an analyst filters on). */
const FIRST = ['serviceName', 'detectorId', 'archived', 'count', 'resourceRole', 'eventFirstSeen', 'eventLastSeen', 'featureName', 'action/actionType'];

function flatten(value: unknown, path: string, into: Array<[string, string]>): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    value.forEach((item, index) => flatten(item, `${path}/${index}`, into));
  } else if (typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) flatten(child, `${path}/${key}`, into);
  } else {
    into.push([path, String(value)]);
  }
}

/** The ProductFields of a GuardDuty finding's `service` object (undefined when there is nothing to keep). */
export function productFieldsOf(service: Record<string, unknown> | undefined): Record<string, string> | undefined {
  const pairs: Array<[string, string]> = [];
  flatten(service, PREFIX, pairs);
  const first = new Set(FIRST.map((key) => `${PREFIX}/${key}`));
  return productFields([...pairs.filter(([key]) => first.has(key)), ...pairs.filter(([key]) => !first.has(key))]);
}
