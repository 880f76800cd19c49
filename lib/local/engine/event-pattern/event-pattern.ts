import { InvalidEventPatternError } from './invalid-event-pattern-error';
import { isJsonObject } from './leaf';
import { compileNode, matchesNode } from './pattern-tree';

export { InvalidEventPatternError } from './invalid-event-pattern-error';

/** A compiled event pattern: true when the event matches. */
export type EventMatcher = (event: unknown) => boolean;

/**
 * Compiles an EventBridge event pattern once, for matching many events, with the documented
 * content-filtering semantics: fields AND, values in a field's array OR, nested objects descend,
 * `$or` at any level; exact, `prefix`, `suffix`, `equals-ignore-case`, `wildcard`,
 * `anything-but`, `numeric`, `cidr`, `exists`. An event array matches when any element does.
 *
 * @throws InvalidEventPatternError when EventBridge would reject the pattern.
 */
export function compileEventPattern(pattern: unknown): EventMatcher {
  if (!isJsonObject(pattern)) throw new InvalidEventPatternError('filter is not an object', '');
  const root = compileNode(pattern, '');
  return (event) => matchesNode(root, isJsonObject(event) ? event : undefined);
}

/**
 * Checks a pattern the way PutRule does.
 *
 * @throws InvalidEventPatternError with the reason and the member's path.
 */
export function validateEventPattern(pattern: unknown): void {
  compileEventPattern(pattern);
}

// Patterns are long-lived registry entries: compile each object once. Treat patterns as immutable.
const compiled = new WeakMap<object, EventMatcher>();

/**
 * True when the event matches the EventBridge event pattern (see {@link compileEventPattern}).
 * Compiled matchers are cached per pattern object.
 *
 * @throws InvalidEventPatternError when EventBridge would reject the pattern.
 */
export function matchesEventPattern(pattern: unknown, event: unknown): boolean {
  if (!isJsonObject(pattern)) return compileEventPattern(pattern)(event);
  let matcher = compiled.get(pattern);
  if (!matcher) {
    matcher = compileEventPattern(pattern);
    compiled.set(pattern, matcher);
  }
  return matcher(event);
}
