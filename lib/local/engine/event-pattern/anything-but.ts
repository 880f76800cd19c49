import { fail, soleEntry } from './fail';
import { isJsonObject, type Leaf, type LeafTest } from './leaf';
import { matchesWildcard, parseWildcard } from './wildcard';

type StringTest = (text: string) => boolean;

const FORMS = new Set(['prefix', 'suffix', 'equals-ignore-case', 'wildcard']);

/** The operand as a list of strings (a single string or an array of them). */
function strings(operand: unknown, form: string, path: string): string[] {
  const list = Array.isArray(operand) ? operand : [operand];
  if (!list.every((item): item is string => typeof item === 'string')) {
    fail(`anything-but/${form} match pattern must be a string or a list of strings`, path);
  }
  return list;
}

/** One exclusion of an `anything-but` object form, e.g. `{ "prefix": "init" }`. */
function exclusion(form: string, value: string, path: string): StringTest {
  switch (form) {
    case 'prefix':
    case 'suffix':
      if (value === '') fail('null prefix/suffix not allowed', path);
      return form === 'prefix' ? (text) => text.startsWith(value) : (text) => text.endsWith(value);
    case 'equals-ignore-case': {
      const lower = value.toLowerCase();
      return (text) => text.toLowerCase() === lower;
    }
    case 'wildcard': {
      const segments = parseWildcard(value);
      if (typeof segments === 'string') fail(segments, path);
      return (text) => matchesWildcard(text, segments);
    }
    default:
      return fail(`unsupported anything-but pattern: ${form}`, path);
  }
}

/** `{ "anything-but": "x" | 1 | ["x", "y"] | [1, 2] }`: strings only or numbers only. */
function compileValues(operand: unknown, path: string): LeafTest {
  const list = Array.isArray(operand) ? (operand as unknown[]) : [operand];
  const allStrings = list.length > 0 && list.every((item) => typeof item === 'string');
  const allNumbers = list.length > 0 && list.every((item) => typeof item === 'number' && Number.isFinite(item));
  if (!allStrings && !allNumbers) {
    fail('anything-but takes a string, a number, or a non-empty list of only strings or only numbers', path);
  }
  const excluded = new Set<Leaf>(list as Leaf[]);
  const kind = allStrings ? 'string' : 'number';
  // A leaf of another type (null, true, a number against strings) is not excluded, so it matches.
  return (leaf) => typeof leaf !== kind || !excluded.has(leaf);
}

/**
 * Compiles `{ "anything-but": ... }`: the plain value/list form, or an object form
 * (`prefix`, `suffix`, `equals-ignore-case`, `wildcard`, each with a string or list of strings).
 * The object forms exclude strings only; any other present leaf matches.
 */
export function compileAnythingBut(operand: unknown, path: string): LeafTest {
  if (!isJsonObject(operand)) return compileValues(operand, path);
  const [form, value] = soleEntry(operand, path);
  if (!FORMS.has(form)) fail(`unsupported anything-but pattern: ${form}`, path);
  const tests = strings(value, form, path).map((item) => exclusion(form, item, `${path}.${form}`));
  return (leaf) => typeof leaf !== 'string' || !tests.some((test) => test(leaf));
}
