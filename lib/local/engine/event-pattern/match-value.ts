import { compileAnythingBut } from './anything-but';
import { fail, soleEntry } from './fail';
import { parseCidr, parseIp, sameIp } from './ip';
import { isJsonObject, isLeaf, type Leaf, type LeafTest } from './leaf';
import { compileNumeric } from './numeric';
import { matchesWildcard, parseWildcard } from './wildcard';

/** A compiled match value: a test on present leaves, or `absent` for `{ "exists": false }`. */
export type MatchValue = LeafTest | 'absent';

const isString = (leaf: Leaf): leaf is string => typeof leaf === 'string';

function stringOperand(operand: unknown, name: string, path: string): string {
  if (typeof operand !== 'string') fail(`${name} match pattern must be a string`, path);
  return operand;
}

/** `"prefix"`/`"suffix"`: a string, or `{ "equals-ignore-case": string }` to ignore case. */
function compileAffix(operand: unknown, name: 'prefix' | 'suffix', path: string): LeafTest {
  const ignoreCase = isJsonObject(operand);
  let affix: string;
  if (ignoreCase) {
    const [inner, value] = soleEntry(operand, path);
    if (inner !== 'equals-ignore-case') fail(`unsupported ${name} pattern: ${inner}`, path);
    affix = stringOperand(value, 'equals-ignore-case', `${path}.${inner}`).toLowerCase();
  } else {
    affix = stringOperand(operand, name, path);
  }
  const fold = ignoreCase ? (text: string) => text.toLowerCase() : (text: string) => text;
  return name === 'prefix' ? (leaf) => isString(leaf) && fold(leaf).startsWith(affix) : (leaf) => isString(leaf) && fold(leaf).endsWith(affix);
}

/** An exact value. A string that is an IP address also matches other spellings of that address. */
function compileExact(value: Leaf): LeafTest {
  if (typeof value !== 'string') return (leaf) => leaf === value;
  const address = parseIp(value);
  if (!address) return (leaf) => leaf === value;
  return (leaf) => {
    if (leaf === value) return true;
    const other = isString(leaf) ? parseIp(leaf) : undefined;
    return other !== undefined && sameIp(address, other);
  };
}

function compileExpression(expression: Record<string, unknown>, path: string): MatchValue {
  const [name, operand] = soleEntry(expression, path);
  const at = `${path}.${name}`;
  switch (name) {
    case 'prefix':
    case 'suffix':
      return compileAffix(operand, name, at);
    case 'equals-ignore-case': {
      const lower = stringOperand(operand, name, at).toLowerCase();
      return (leaf) => isString(leaf) && leaf.toLowerCase() === lower;
    }
    case 'exactly':
      return compileExact(stringOperand(operand, name, at));
    case 'wildcard': {
      const segments = parseWildcard(stringOperand(operand, name, at));
      if (typeof segments === 'string') fail(segments, at);
      return (leaf) => isString(leaf) && matchesWildcard(leaf, segments);
    }
    case 'cidr': {
      const contains = parseCidr(stringOperand(operand, name, at));
      if (!contains) fail(`malformed CIDR: ${String(operand)}`, at);
      return (leaf) => {
        const address = isString(leaf) ? parseIp(leaf) : undefined;
        return address !== undefined && contains(address);
      };
    }
    case 'exists':
      if (typeof operand !== 'boolean') fail('exists match pattern must be either true or false', at);
      return operand ? () => true : 'absent';
    case 'numeric':
      return compileNumeric(operand, at);
    case 'anything-but':
      return compileAnythingBut(operand, at);
    default:
      return fail(`unrecognized match type ${name}`, path);
  }
}

/**
 * Compiles one element of a field's match array: a JSON leaf (exact match; numbers compare
 * numerically, strings case-sensitively, `null` only matches `null`) or a match expression.
 */
export function compileMatchValue(value: unknown, path: string): MatchValue {
  if (isJsonObject(value)) return compileExpression(value, path);
  if (isLeaf(value)) return compileExact(value);
  return fail('match value must be string, number, true, false, or null', path);
}
