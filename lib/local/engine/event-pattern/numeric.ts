import { fail } from './fail';
import type { LeafTest } from './leaf';

const LOWER = new Set(['>', '>=']);
const UPPER = new Set(['<', '<=']);

function number(operand: unknown, operator: string, path: string): number {
  if (typeof operand !== 'number' || !Number.isFinite(operand)) fail(`value of ${operator} must be numeric`, path);
  return operand;
}

function bound(operator: string, limit: number): LeafTest {
  switch (operator) {
    case '>':
      return (leaf) => typeof leaf === 'number' && leaf > limit;
    case '>=':
      return (leaf) => typeof leaf === 'number' && leaf >= limit;
    case '<':
      return (leaf) => typeof leaf === 'number' && leaf < limit;
    default:
      return (leaf) => typeof leaf === 'number' && leaf <= limit;
  }
}

/**
 * Compiles `{ "numeric": [...] }`: `["=", x]`, one bound (`">" x`, `"<=" y`…), or a lower bound
 * followed by an upper bound (`[">", 0, "<=", 5]`) whose bottom is below its top. Only JSON
 * numbers in the event match (a numeric string does not).
 */
export function compileNumeric(operand: unknown, path: string): LeafTest {
  if (!Array.isArray(operand)) fail('value of numeric must be an array', path);
  const [operator, value, secondOperator, secondValue, ...extra] = operand as unknown[];
  if (typeof operator !== 'string') fail(`invalid member in numeric match: ${JSON.stringify(operator)}`, path);
  if (operator !== '=' && !LOWER.has(operator) && !UPPER.has(operator)) {
    fail(`unrecognized numeric range operator: ${operator}`, path);
  }
  const limit = number(value, operator, path);
  if (operand.length === 2) {
    return operator === '=' ? (leaf) => typeof leaf === 'number' && leaf === limit : bound(operator, limit);
  }
  if (!LOWER.has(operator) || extra.length > 0) fail('too many elements in numeric expression', path);
  if (typeof secondOperator !== 'string' || !UPPER.has(secondOperator)) {
    fail(`bad numeric range operator: ${JSON.stringify(secondOperator)}`, path);
  }
  const top = number(secondValue, secondOperator, path);
  if (!(limit < top)) fail('bottom must be less than top', path);
  const low = bound(operator, limit);
  const high = bound(secondOperator, top);
  return (leaf) => low(leaf) && high(leaf);
}
