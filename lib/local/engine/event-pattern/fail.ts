import { InvalidEventPatternError } from './invalid-event-pattern-error';

/** Throws the rejection for the member at `path`. */
export function fail(reason: string, path: string): never {
  throw new InvalidEventPatternError(reason, path);
}

/** The single `[name, operand]` of a match expression such as `{ "prefix": "eu-" }`. */
export function soleEntry(expression: Record<string, unknown>, path: string): [string, unknown] {
  const entries = Object.entries(expression);
  if (entries.length === 0) fail('match expression name not found', path);
  if (entries.length > 1) fail('only one key allowed in match expression', path);
  return entries[0];
}
