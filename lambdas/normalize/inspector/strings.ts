import { UnmappableEventError } from '../errors';
import { optionalString } from '../fields';

/**
 * The value at `path` (any case) when it is one of `allowed`; undefined when absent. An unknown
 * value is an error, or undefined when `lenient` (for optional flags a new Inspector value should
 * not send the whole finding to the dead-letter queue).
 */
export function optionalEnum<T extends string>(root: unknown, path: string, allowed: readonly T[], lenient = false): T | undefined {
  const value = optionalString(root, path);
  if (value === undefined) return undefined;
  const upper = value.toUpperCase();
  if (!(allowed as readonly string[]).includes(upper)) {
    if (lenient) return undefined;
    throw new UnmappableEventError(`must be one of ${allowed.join(', ')}, got ${JSON.stringify(value).slice(0, 40)}`, path);
  }
  return upper as T;
}
