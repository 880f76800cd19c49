/**
 * Request-envelope checks for the Security Hub–compatible API: the shape of a request body
 * (members, their JSON types, batch sizes), with the failing member's path in the message.
 * What the values mean (ASFF rules, filter semantics, update rules) is the store's business.
 */
import { InvalidInputError } from '../shared/errors';

/** A JSON object (not an array, not null). */
export type JsonObject = Record<string, unknown>;

/** True for a plain JSON object. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function fail(path: string, expected: string, value: unknown): never {
  throw new InvalidInputError(`Invalid parameter '${path}': expected ${expected}, got ${describe(value)}.`);
}

/** The member at `path` must be present. */
export function required<T>(value: T | undefined, path: string): T {
  if (value === undefined || value === null) throw new InvalidInputError(`Missing required parameter '${path}'.`);
  return value;
}

/** An object, or `undefined` when absent. */
export function optionalObject(value: unknown, path: string): JsonObject | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) fail(path, 'an object', value);
  return value;
}

/** A string, or `undefined` when absent. */
export function optionalString(value: unknown, path: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') fail(path, 'a string', value);
  return value;
}

/** A non-empty string. */
export function requiredString(value: unknown, path: string): string {
  const text = optionalString(required(value, path), path) as string;
  if (text.length === 0) throw new InvalidInputError(`Invalid parameter '${path}': must not be empty.`);
  return text;
}

/** An integer within `[min, max]`, or `undefined` when absent. */
export function optionalInteger(value: unknown, path: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) fail(path, 'an integer', value);
  if (value < min || value > max) {
    throw new InvalidInputError(`Invalid parameter '${path}': ${value} is outside the range ${min}..${max}.`);
  }
  return value;
}

/** An ISO 8601 timestamp string (restJson1's date-time format), or `undefined` when absent. */
export function optionalTimestamp(value: unknown, path: string): string | undefined {
  const text = optionalString(value, path);
  if (text !== undefined && Number.isNaN(Date.parse(text))) {
    throw new InvalidInputError(`Invalid parameter '${path}': '${text}' is not an ISO 8601 timestamp.`);
  }
  return text;
}

/**
 * An array whose length is within `[min, max]`, or `undefined` when absent. A batch above `max`
 * is an `InvalidInputException`, as Security Hub answers it.
 */
export function optionalArray(value: unknown, path: string, min: number, max: number): unknown[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) fail(path, 'an array', value);
  if (value.length < min || value.length > max) {
    throw new InvalidInputError(`Invalid parameter '${path}': has ${value.length} element(s); it must have between ${min} and ${max}.`);
  }
  return value;
}

/** A required array of `[min, max]` elements. */
export function requiredArray(value: unknown, path: string, min: number, max: number): unknown[] {
  return optionalArray(required(value, path), path, min, max) as unknown[];
}

/** Every element of `items` must be an object. */
export function objectsOnly(items: unknown[], path: string): JsonObject[] {
  items.forEach((item, index) => {
    if (!isObject(item)) fail(`${path}[${index}]`, 'an object', item);
  });
  return items as JsonObject[];
}

/** Every element of `items` must be a string. */
export function stringsOnly(items: unknown[], path: string): string[] {
  items.forEach((item, index) => {
    if (typeof item !== 'string') fail(`${path}[${index}]`, 'a string', item);
  });
  return items as string[];
}

/** A map of string values, or `undefined` when absent. */
export function optionalStringMap(value: unknown, path: string): Record<string, string> | undefined {
  const map = optionalObject(value, path);
  if (map === undefined) return undefined;
  for (const [key, entry] of Object.entries(map)) {
    if (typeof entry !== 'string') fail(`${path}.${key}`, 'a string', entry);
  }
  return map as Record<string, string>;
}

/** A finding identifier: `{ Id, ProductArn }`, both non-empty strings. */
export function findingIdentifier(value: unknown, path: string): { Id: string; ProductArn: string } {
  const identifier = optionalObject(required(value, path), path) as JsonObject;
  return {
    Id: requiredString(identifier.Id, `${path}.Id`),
    ProductArn: requiredString(identifier.ProductArn, `${path}.ProductArn`),
  };
}
