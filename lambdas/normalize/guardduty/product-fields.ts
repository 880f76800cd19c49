/**
 * `ProductFields` as Security Hub fills them for GuardDuty: the finding's `service` object
 * flattened to `aws/guardduty/service/<path>` keys with string values (the User Guide's "Typical
 * finding from GuardDuty"). The summary keys come first, then the rest in document order, through
 * the shared builder that keeps ASFF's limits.
 */
import { productFields } from '../product-fields';

const PREFIX = 'aws/guardduty/service';

/** Keys kept before any other (what an analyst filters on). */
const FIRST: ReadonlySet<string> = new Set(
  ['serviceName', 'detectorId', 'archived', 'count', 'resourceRole', 'eventFirstSeen', 'eventLastSeen', 'featureName', 'action/actionType'].map((key) => `${PREFIX}/${key}`),
);

/**
 * Each `<path>/<member>` key built once: findings of a product carry the same few dozen keys, and a
 * key string built anew for every event cost more (hashing it into the Set and the object) than all
 * the rest of the flattening. Past this many keys the cache starts over rather than grow with the data.
 */
const MAX_CACHED_KEYS = 10_000;
const childKeys = new Map<string, Map<string, string>>();
let cachedKeys = 0;

function childKey(path: string, member: string): string {
  let children = childKeys.get(path);
  if (children === undefined) childKeys.set(path, (children = new Map()));
  let key = children.get(member);
  if (key === undefined) {
    if (cachedKeys >= MAX_CACHED_KEYS) {
      childKeys.clear();
      cachedKeys = 0;
    }
    key = `${path}/${member}`;
    children.set(member, key);
    cachedKeys += 1;
  }
  return key;
}

function flatten(value: unknown, path: string, into: Array<[string, string]>): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) flatten(value[index], childKey(path, String(index)), into);
  } else if (typeof value === 'object') {
    for (const key of Object.keys(value)) flatten((value as Record<string, unknown>)[key], childKey(path, key), into);
  } else {
    into.push([path, String(value)]);
  }
}

/** The ProductFields of a GuardDuty finding's `service` object (undefined when there is nothing to keep). */
export function productFieldsOf(service: Record<string, unknown> | undefined): Record<string, string> | undefined {
  const pairs: Array<[string, string]> = [];
  flatten(service, PREFIX, pairs);
  const first: Array<[string, string]> = [];
  const rest: Array<[string, string]> = [];
  for (const pair of pairs) (FIRST.has(pair[0]) ? first : rest).push(pair);
  return productFields(first.concat(rest));
}
