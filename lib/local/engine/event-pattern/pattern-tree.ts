import { fail } from './fail';
import { isJsonObject, isLeaf, type Leaf, type LeafTest, leavesOf } from './leaf';
import { compileMatchValue } from './match-value';

/** A field whose pattern is an array of match values (any may match). */
interface LeafField {
  readonly key: string;
  readonly tests: readonly LeafTest[];
  /** Whether `{ "exists": false }` is among the values: matches when the field has no leaf. */
  readonly matchesAbsent: boolean;
}

/** A compiled pattern object: every field and every `$or` group must match. */
export interface PatternNode {
  readonly leaves: readonly LeafField[];
  readonly children: readonly { readonly key: string; readonly node: PatternNode }[];
  readonly anyOf: readonly (readonly PatternNode[])[];
}

/** Names Event Ruler reserves: not allowed as field names inside `$or`. */
const RESERVED_IN_OR = new Set([
  'exactly',
  'equals-ignore-case',
  'prefix',
  'suffix',
  'anything-but',
  'exists',
  'wildcard',
  'numeric',
  'cidr',
  '=',
  '<',
  '<=',
  '>',
  '>=',
  'regex',
  'not-wildcard',
  'not-equals-ignore-case',
  'date-after',
  'date-on-or-after',
  'date-before',
  'date-on-or-before',
  'in-date-range',
  'ip-address-in-range',
  'ip-address-not-in-range',
]);

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

function compileLeafField(key: string, values: unknown[], path: string): LeafField {
  if (values.length === 0) fail('empty arrays are not allowed', path);
  const tests: LeafTest[] = [];
  let matchesAbsent = false;
  values.forEach((value, index) => {
    const compiled = compileMatchValue(value, `${path}[${index}]`);
    if (compiled === 'absent') matchesAbsent = true;
    else tests.push(compiled);
  });
  return { key, tests, matchesAbsent };
}

function compileOr(alternatives: unknown, path: string): PatternNode[] {
  if (!Array.isArray(alternatives)) fail('$or must be followed by an array', path);
  if (alternatives.length < 2) fail('there must be at least 2 objects in $or', path);
  return alternatives.map((alternative: unknown, index) => {
    if (!isJsonObject(alternative)) fail('only JSON objects are allowed in $or', `${path}[${index}]`);
    return compileNode(alternative, `${path}[${index}]`, true);
  });
}

/**
 * Compiles (and so validates) one pattern object. Rejections follow Event Ruler's JSON rule
 * compiler, which EventBridge runs: empty objects and arrays, scalar field values, nested arrays,
 * unknown or malformed match expressions, `$or` with fewer than two objects.
 */
export function compileNode(pattern: Record<string, unknown>, path: string, insideOr = false): PatternNode {
  const entries = Object.entries(pattern);
  if (entries.length === 0) fail('empty objects are not allowed', path);
  const node = { leaves: [] as LeafField[], children: [] as PatternNode['children'][number][], anyOf: [] as PatternNode[][] };
  for (const [key, value] of entries) {
    const at = join(path, key);
    if (key === '$or') node.anyOf.push(compileOr(value, at));
    else if (insideOr && RESERVED_IN_OR.has(key)) fail(`${key} is a reserved field name inside $or`, at);
    else if (Array.isArray(value)) node.leaves.push(compileLeafField(key, value, at));
    else if (isJsonObject(value)) node.children.push({ key, node: compileNode(value, at, insideOr) });
    else fail(`"${key}" must be an object or an array`, at);
  }
  return node;
}

const own = (object: Record<string, unknown> | undefined, key: string): unknown => (object !== undefined && Object.hasOwn(object, key) ? object[key] : undefined);

function matchesLeafField(field: LeafField, value: unknown): boolean {
  if (isLeaf(value)) return field.tests.some((test) => test(value)); // the common case: no allocation
  const leaves: Leaf[] = Array.isArray(value) ? leavesOf(value) : [];
  if (leaves.length === 0) return field.matchesAbsent;
  return leaves.some((leaf) => field.tests.some((test) => test(leaf)));
}

/** Object elements of an array, nested arrays flattened. */
function objectsIn(values: unknown[], into: Record<string, unknown>[] = []): Record<string, unknown>[] {
  for (const value of values) {
    if (Array.isArray(value)) objectsIn(value, into);
    else if (isJsonObject(value)) into.push(value);
  }
  return into;
}

/**
 * Descends into a nested pattern. An array in the event matches when one of its objects matches
 * the whole nested pattern (so two conditions are never satisfied by different elements); a
 * missing field, a leaf, or an array without objects is matched as an empty object, which only
 * `exists: false` conditions accept.
 */
function matchesChild(node: PatternNode, value: unknown): boolean {
  if (isJsonObject(value)) return matchesNode(node, value);
  const objects = Array.isArray(value) ? objectsIn(value) : [];
  if (objects.length === 0) return matchesNode(node, undefined);
  return objects.some((object) => matchesNode(node, object));
}

/** True when the event object (undefined: nothing there) satisfies the compiled pattern. */
export function matchesNode(node: PatternNode, event: Record<string, unknown> | undefined): boolean {
  for (const field of node.leaves) if (!matchesLeafField(field, own(event, field.key))) return false;
  for (const child of node.children) if (!matchesChild(child.node, own(event, child.key))) return false;
  for (const group of node.anyOf) if (!group.some((alternative) => matchesNode(alternative, event))) return false;
  return true;
}
