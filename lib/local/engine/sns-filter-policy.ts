/**
 * SNS subscription filter policies on message attributes, the subset the embedded default keeps:
 * per attribute, a list of conditions (exact string or number, `{"numeric": [">=", 70, "<=", 100]}`
 * with `=`, `<`, `<=`, `>`, `>=`, and `{"anything-but": value | [values]}`); attributes are ANDed,
 * a list's conditions ORed. Anything else is refused when subscribing, naming the attribute. Pure.
 */

/** A message attribute as Publish carries it. */
export interface SnsMessageAttribute {
  DataType: string;
  StringValue?: string;
}

/** A filter policy the embedded default cannot evaluate. */
export class InvalidFilterPolicyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidFilterPolicyError';
  }
}

type Condition = string | number | { numeric: Array<string | number> } | { 'anything-but': unknown };
/** A parsed filter policy. */
export type FilterPolicy = Record<string, Condition[]>;

const OPERATORS = new Set(['=', '<', '<=', '>', '>=']);

/** Parses and checks a `FilterPolicy` attribute value. */
export function parseFilterPolicy(text: string): FilterPolicy {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InvalidFilterPolicyError('FilterPolicy: not valid JSON');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new InvalidFilterPolicyError('FilterPolicy: must be a JSON object');
  for (const [name, conditions] of Object.entries(value)) {
    if (!Array.isArray(conditions) || conditions.length === 0) throw new InvalidFilterPolicyError(`FilterPolicy.${name}: must be a non-empty array`);
    for (const condition of conditions) {
      if (typeof condition === 'string' || typeof condition === 'number') continue;
      if (condition !== null && typeof condition === 'object' && 'numeric' in condition) {
        const numeric = (condition as { numeric: unknown }).numeric;
        const ok =
          Array.isArray(numeric) && numeric.length % 2 === 0 && numeric.length > 0 && numeric.every((part, i) => (i % 2 === 0 ? OPERATORS.has(part as string) : typeof part === 'number'));
        if (!ok) throw new InvalidFilterPolicyError(`FilterPolicy.${name}: numeric takes operator/number pairs (${[...OPERATORS].join(' ')})`);
        continue;
      }
      if (condition !== null && typeof condition === 'object' && 'anything-but' in condition) continue;
      throw new InvalidFilterPolicyError(`FilterPolicy.${name}: only strings, numbers, "numeric" and "anything-but" are supported locally`);
    }
  }
  return value as FilterPolicy;
}

function numberOf(attribute: SnsMessageAttribute): number | undefined {
  if (!attribute.DataType.startsWith('Number') || attribute.StringValue === undefined) return undefined;
  const number = Number(attribute.StringValue);
  return Number.isFinite(number) ? number : undefined;
}

function compare(operator: string, left: number, right: number): boolean {
  switch (operator) {
    case '=':
      return left === right;
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '>':
      return left > right;
    default:
      return left >= right;
  }
}

function matchesCondition(condition: Condition, attribute: SnsMessageAttribute): boolean {
  const text = attribute.StringValue;
  if (typeof condition === 'string') return attribute.DataType.startsWith('String') && text === condition;
  if (typeof condition === 'number') return numberOf(attribute) === condition;
  if ('numeric' in condition) {
    const number = numberOf(attribute);
    if (number === undefined) return false;
    const parts = condition.numeric;
    for (let i = 0; i < parts.length; i += 2) if (!compare(String(parts[i]), number, Number(parts[i + 1]))) return false;
    return true;
  }
  const excluded = [condition['anything-but']].flat();
  const number = numberOf(attribute);
  return !excluded.some((value) => (typeof value === 'number' ? number === value : text === value));
}

/** True when the message's attributes pass the policy (a missing attribute passes nothing). */
export function matchesFilterPolicy(policy: FilterPolicy, attributes: Record<string, SnsMessageAttribute>): boolean {
  return Object.entries(policy).every(([name, conditions]) => {
    const attribute = attributes[name];
    return attribute !== undefined && conditions.some((condition) => matchesCondition(condition, attribute));
  });
}
