import { UnmappableEventError } from './errors';

/**
 * Reading untidy event JSON: each accessor takes a root and a path (`detail.service.count`,
 * `resources[0]`) and throws `UnmappableEventError` naming the path when a required value is
 * missing or has the wrong type. Numbers may arrive as numbers or numeric strings.
 */

const SEGMENT = /[^.[\]]+|\[(\d+)\]/g;

/**
 * Paths split into keys once: a normalizer reads the same few hundred paths for every event, so
 * parsing them again each time was most of its cost. Paths with list indices are as many as the
 * longest lists seen; past this many the cache starts over rather than grow with the data.
 */
const MAX_COMPILED_PATHS = 10_000;
const compiledPaths = new Map<string, readonly string[]>();

function keysOf(path: string): readonly string[] {
  let keys = compiledPaths.get(path);
  if (keys === undefined) {
    keys = Array.from(path.matchAll(SEGMENT), (match) => match[1] ?? match[0]);
    if (compiledPaths.size >= MAX_COMPILED_PATHS) compiledPaths.clear();
    compiledPaths.set(path, keys);
  }
  return keys;
}

/** The value at a path, or undefined where any step is missing. */
export function at(root: unknown, path: string): unknown {
  // One member (`name`, as reads `within` a block use): no path to split or look up.
  if (path !== '' && !path.includes('.') && !path.includes('[')) {
    return root !== null && typeof root === 'object' && Object.hasOwn(root, path) ? (root as Record<string, unknown>)[path] : undefined;
  }
  let value = root;
  for (const key of keysOf(path)) {
    if (value === null || typeof value !== 'object') return undefined;
    // Own members only: `constructor` or `__proto__` in an event must not reach Object.prototype.
    if (!Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/**
 * Reads within the object at `path`: `read` gets that value as its root and reads it with short
 * paths, and errors it throws name the full path from the outer root (`path.<member>`). Cheaper
 * than reading each member by its full path: the block is found once.
 */
export function within<T>(root: unknown, path: string, read: (block: unknown) => T): T {
  const block = at(root, path);
  try {
    return read(block);
  } catch (error) {
    if (error instanceof UnmappableEventError && error.path !== undefined) {
      throw new UnmappableEventError(error.reason, error.path === '' ? path : `${path}.${error.path}`);
    }
    throw error;
  }
}

/**
 * A string at the path (numbers are accepted and turned into strings); undefined when absent or
 * blank (ASFF rejects strings without a non-space character).
 */
export function optionalString(root: unknown, path: string): string | undefined {
  const value = at(root, path);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw new UnmappableEventError(`must be a string, got ${typeof value}`, path);
}

/** A non-empty string at the path. */
export function requireString(root: unknown, path: string): string {
  const value = optionalString(root, path);
  if (value === undefined) throw new UnmappableEventError('is required', path);
  return value;
}

/** A finite number at the path, from a number or a numeric string; undefined when absent. */
export function optionalNumber(root: unknown, path: string): number | undefined {
  const value = at(root, path);
  // A blank string is absent, not 0 (`Number('  ')` is 0).
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return undefined;
  const number = typeof value === 'string' ? Number(value.trim()) : value;
  if (typeof number !== 'number' || !Number.isFinite(number)) {
    throw new UnmappableEventError(`must be a number, got ${JSON.stringify(value)?.slice(0, 40)}`, path);
  }
  return number;
}

/** A number at the path. */
export function requireNumber(root: unknown, path: string): number {
  const value = optionalNumber(root, path);
  if (value === undefined) throw new UnmappableEventError('is required', path);
  return value;
}

/** A boolean at the path (also `"true"`/`"false"`); undefined when absent. */
export function optionalBoolean(root: unknown, path: string): boolean | undefined {
  const value = at(root, path);
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new UnmappableEventError(`must be a boolean, got ${JSON.stringify(value)?.slice(0, 40)}`, path);
}

/** An object at the path; undefined when absent. */
export function optionalObject(root: unknown, path: string): Record<string, unknown> | undefined {
  const value = at(root, path);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw new UnmappableEventError('must be an object', path);
  return value as Record<string, unknown>;
}

/** An object at the path. */
export function requireObject(root: unknown, path: string): Record<string, unknown> {
  const value = optionalObject(root, path);
  if (value === undefined) throw new UnmappableEventError('is required', path);
  return value;
}

/** An array at the path; empty when absent. */
export function optionalArray(root: unknown, path: string): unknown[] {
  const value = at(root, path);
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new UnmappableEventError('must be a list', path);
  return value;
}

/** An integer within `[min, max]` at the path; undefined when absent or out of range (counts, line numbers). */
export function optionalInteger(root: unknown, path: string, min = 0, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const value = optionalNumber(root, path);
  return value !== undefined && Number.isInteger(value) && value >= min && value <= max ? value : undefined;
}

/** The non-blank strings of a list at the path, or of member `key` of each item (`[{groupId}]`). */
export function stringList(root: unknown, path: string, key?: string): string[] {
  return optionalArray(root, path).flatMap((_, index) => {
    const value = optionalString(root, key === undefined ? `${path}[${index}]` : `${path}[${index}].${key}`);
    return value === undefined ? [] : [value];
  });
}

/** Cuts a string to at most `max` characters (ASFF limits), ending it with `marker`. */
export function truncate(value: string, max: number, marker = '…'): string {
  return value.length <= max ? value : `${value.slice(0, max - marker.length)}${marker}`;
}

/** Free text at the path cut to `max` characters (Title, Description, names); undefined when absent. */
export function optionalText(root: unknown, path: string, max: number): string | undefined {
  const value = optionalString(root, path);
  return value === undefined ? undefined : truncate(value, max);
}
