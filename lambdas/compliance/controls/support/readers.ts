/**
 * Tolerant readers of AWS Config's JSON. Config writes the same document as an object or as a
 * JSON string (the API does for supplementary documents), booleans and numbers as strings, and
 * spells some fields in camelCase or PascalCase: every reader here accepts all of these and
 * answers `undefined` (or `[]`) rather than throwing. Pure: no I/O, no clock.
 */
import type { ConfigurationItem } from '../types';

/** One step of a {@link field} path: a key, or the spellings one key may have (the first present wins). */
export type FieldKey = string | readonly string[];

/** Whether a value is a plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A JSON object, parsing it first when delivered as a JSON string; `undefined` for anything else. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  const parsed = parseIfJson(value);
  return isRecord(parsed) ? parsed : undefined;
}

/**
 * A list, parsing it first when delivered as a JSON string: `[]` for nothing (`undefined`, `null`),
 * a one-element list for a single value (policy `Statement`, `Action`… may be one value or a list).
 */
export function asArray(value: unknown): unknown[] {
  const parsed = parseIfJson(value);
  if (parsed === undefined || parsed === null) return [];
  return Array.isArray(parsed) ? parsed : [parsed];
}

/**
 * Reads a nested field, stepping into JSON-string documents as into objects; a step may list the
 * spellings of its key (`field(configuration, ['vpcConfig', 'VpcConfig'], ['subnetIds', 'SubnetIds'])`).
 * `undefined` when any step is missing or not an object.
 */
export function field(source: unknown, ...path: FieldKey[]): unknown {
  let current: unknown = source;
  for (const step of path) {
    const record = asRecord(current);
    if (!record) return undefined;
    const key = (typeof step === 'string' ? [step] : step).find((name) => Object.hasOwn(record, name) && record[name] !== undefined);
    if (key === undefined) return undefined;
    current = record[key];
  }
  return current;
}

/** A supplementary configuration document of the item (or a field of it), parsed when a JSON string. */
export function supplementary(item: ConfigurationItem, ...path: FieldKey[]): unknown {
  return parseIfJson(field(item.supplementaryConfiguration, ...path));
}

/** A boolean, accepting Config's `"true"`/`"false"` strings; `undefined` otherwise. */
export function asBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
  return undefined;
}

/** A finite number, accepting numeric strings; `undefined` otherwise. */
export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

/** A non-blank string; `undefined` otherwise. */
export function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

const DAY_MS = 86_400_000;

/** Whole days from an ISO timestamp to `now`; `undefined` for a missing or unparsable timestamp. */
export function daysSince(timestamp: unknown, now: Date): number | undefined {
  if (typeof timestamp !== 'string' && !(timestamp instanceof Date)) return undefined;
  const time = new Date(timestamp).getTime();
  return Number.isNaN(time) ? undefined : Math.floor((now.getTime() - time) / DAY_MS);
}

function parseIfJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (!text.startsWith('{') && !text.startsWith('[')) return value;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return value;
  }
}
