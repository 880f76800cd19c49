/**
 * SNS subscription filter policies on message attributes, the subset the embedded default keeps:
 * per attribute, a list of conditions (exact string or number, `{"numeric": [">=", 70, "<=", 100]}`
 * with `=`, `<`, `<=`, `>`, `>=`, and `{"anything-but": value | [values]}`); attributes are ANDed,
 * a list's conditions ORed. Anything else is refused when subscribing, naming the attribute.
 * A policy is compiled by the EventBridge pattern matcher (SNS filter policies share its syntax),
 * over the attributes as values: `String` ones as strings, `Number` ones as numbers. Pure.
 */
import { compileEventPattern, type EventMatcher } from './event-pattern/event-pattern';

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

/** A parsed filter policy, compiled. */
export interface FilterPolicy {
  /** The policy as written. */
  readonly conditions: Record<string, unknown[]>;
  readonly matches: EventMatcher;
}

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
          Array.isArray(numeric) &&
          numeric.length % 2 === 0 &&
          numeric.length > 0 &&
          numeric.every((part, i) => (i % 2 === 0 ? OPERATORS.has(part as string) : typeof part === 'number'));
        if (!ok) throw new InvalidFilterPolicyError(`FilterPolicy.${name}: numeric takes operator/number pairs (${[...OPERATORS].join(' ')})`);
        continue;
      }
      if (condition !== null && typeof condition === 'object' && 'anything-but' in condition) continue;
      throw new InvalidFilterPolicyError(`FilterPolicy.${name}: only strings, numbers, "numeric" and "anything-but" are supported locally`);
    }
  }
  try {
    return { conditions: value as Record<string, unknown[]>, matches: compileEventPattern(value) };
  } catch (error) {
    throw new InvalidFilterPolicyError(`FilterPolicy: ${(error as Error).message}`);
  }
}

function numberOf(attribute: SnsMessageAttribute): number | undefined {
  if (!attribute.DataType.startsWith('Number') || attribute.StringValue === undefined) return undefined;
  const number = Number(attribute.StringValue);
  return Number.isFinite(number) ? number : undefined;
}

/** The attributes as the matcher's event: strings as strings, numbers as numbers (others match nothing). */
function attributeValues(attributes: Record<string, SnsMessageAttribute>): Record<string, string | number> {
  const values: Record<string, string | number> = {};
  for (const [name, attribute] of Object.entries(attributes)) {
    const value = attribute.DataType.startsWith('String') ? attribute.StringValue : numberOf(attribute);
    if (value !== undefined) values[name] = value;
  }
  return values;
}

/** True when the message's attributes pass the policy (a missing attribute passes nothing). */
export function matchesFilterPolicy(policy: FilterPolicy, attributes: Record<string, SnsMessageAttribute>): boolean {
  return policy.matches(attributeValues(attributes));
}
