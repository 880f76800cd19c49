/** A JSON value that is not an object or an array: what event-pattern match values compare. */
export type Leaf = string | number | boolean | null;

/** One compiled match value: true when the event's leaf satisfies it. */
export type LeafTest = (leaf: Leaf) => boolean;

/** True for a JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True for a leaf a JSON document can hold (finite numbers only). */
export function isLeaf(value: unknown): value is Leaf {
  return value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

/**
 * The leaves an event holds at one field: the value itself when it is a leaf, the leaves of an
 * array (nested arrays flattened, objects skipped), none for an object or a missing field. An
 * object is not a leaf, so for matching purposes a field holding one is absent (as EventBridge
 * documents for `exists`).
 */
export function leavesOf(value: unknown, into: Leaf[] = []): Leaf[] {
  if (Array.isArray(value)) {
    for (const element of value) leavesOf(element, into);
  } else if (isLeaf(value)) {
    into.push(value);
  }
  return into;
}
