/**
 * Parameter values as the AWS CLI takes them: JSON, `file://path` (the file's text, then parsed),
 * or shorthand syntax (`Status=RESOLVED`, `Id=a,ProductArn=b`, `Key={A=1}`, `Key=[a,b]`).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** A usage error: bad flags or values (exit code 252, as the AWS CLI). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * A failure the command found on the service side (e.g. no finding with that id): exit code 254,
 * printed as the AWS CLI prints service errors. `name` is the error code.
 */
export class ServiceError extends Error {
  constructor(code: string, message: string) {
    super(message);
    this.name = code;
  }
}

/** Objects and arrays built from AWS CLI shorthand: their string leaves take the model's type (numbers, booleans). */
const SHORTHAND = new WeakSet<object>();

/** Marks a value parsed from shorthand, deeply. */
export function markShorthand<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    SHORTHAND.add(value);
    for (const inner of Object.values(value)) markShorthand(inner);
  }
  return value;
}

/** True for an object or array parsed from shorthand. */
export function isShorthand(value: unknown): boolean {
  return typeof value === 'object' && value !== null && SHORTHAND.has(value);
}

/** Replaces `file://path` by the file's contents (relative paths from the working directory). */
export function readValue(text: string, cwd: string = process.cwd()): string {
  if (!text.startsWith('file://')) return text;
  const path = resolve(cwd, text.slice('file://'.length));
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`Error parsing parameter: unable to load paramfile ${text}: ${(error as Error).message}`);
  }
}

/** Parses AWS CLI shorthand into a structure of strings (and lists/structures of strings). */
export function parseShorthand(text: string): Record<string, unknown> {
  let position = 0;
  const peek = (): string => text[position] ?? '';
  const fail = (what: string): never => {
    throw new UsageError(`Error parsing shorthand '${text}' at position ${position}: ${what}`);
  };

  function scalar(stop: string): string {
    const quote = peek();
    if (quote === '"' || quote === "'") {
      const end = text.indexOf(quote, position + 1);
      if (end < 0) fail('unterminated quote');
      const value = text.slice(position + 1, end);
      position = end + 1;
      return value;
    }
    const start = position;
    while (position < text.length && !stop.includes(peek())) position += 1;
    return text.slice(start, position).trim();
  }

  function value(stop: string): unknown {
    if (peek() === '{') {
      position += 1;
      const inner = structure('}');
      if (peek() !== '}') fail("expected '}'");
      position += 1;
      return inner;
    }
    if (peek() === '[') {
      position += 1;
      const items: unknown[] = [];
      while (peek() !== ']') {
        if (position >= text.length) fail("expected ']'");
        items.push(value(',]'));
        if (peek() === ',') position += 1;
      }
      position += 1;
      return items;
    }
    return scalar(stop);
  }

  function structure(end: string): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    while (position < text.length && peek() !== end) {
      const key = scalar(`=,${end}`);
      if (key === '' || peek() !== '=') fail(`expected 'Key=Value'`);
      position += 1;
      result[key] = value(`,${end}`);
      if (peek() === ',') position += 1;
    }
    return result;
  }

  const parsed = structure('');
  if (position < text.length) fail('unexpected character');
  return parsed;
}

function looksLikeJson(text: string): boolean {
  return /^\s*[[{"]/.test(text);
}

function parseJson(text: string, flag: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`Error parsing parameter '${flag}': Invalid JSON: ${(error as Error).message}`);
  }
}

/** Members given as shorthand whose values are numbers in the API model. */
const NUMERIC_MEMBERS = new Set(['Normalized', 'Product', 'Confidence', 'Criticality', 'Gte', 'Lte', 'Gt', 'Lt', 'Eq']);

function coerceNumbers(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) return value.map((item) => coerceNumbers(item, key));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([member, inner]) => [member, coerceNumbers(inner, member)]));
  }
  if (typeof value === 'string' && key !== undefined && NUMERIC_MEMBERS.has(key) && /^-?\d+(\.\d+)?$/.test(value)) {
    return Number(value);
  }
  return value;
}

/** A structure (or map): JSON, `file://`, or shorthand. */
export function parseStructure(text: string, flag: string): Record<string, unknown> {
  const raw = readValue(text);
  const parsed = looksLikeJson(raw) ? parseJson(raw, flag) : markShorthand(coerceNumbers(parseShorthand(raw)));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UsageError(`Error parsing parameter '${flag}': expected a structure`);
  }
  return parsed as Record<string, unknown>;
}

/** A map of strings (shorthand values stay strings). */
export function parseMap(text: string, flag: string): Record<string, string> {
  const raw = readValue(text);
  const parsed = looksLikeJson(raw) ? parseJson(raw, flag) : markShorthand(parseShorthand(raw));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UsageError(`Error parsing parameter '${flag}': expected a map`);
  }
  return parsed as Record<string, string>;
}

/**
 * A list, from the values following the flag: one JSON array (inline or `file://`), or one
 * element per value (JSON or shorthand structures, or plain strings).
 */
export function parseList(texts: string[], flag: string, elements: 'structure' | 'string'): unknown[] {
  if (texts.length === 1) {
    const raw = readValue(texts[0]);
    if (/^\s*\[/.test(raw)) {
      const parsed = parseJson(raw, flag);
      if (!Array.isArray(parsed)) throw new UsageError(`Error parsing parameter '${flag}': expected a list`);
      return parsed;
    }
  }
  return texts.map((text) => (elements === 'structure' ? parseStructure(text, flag) : readValue(text)));
}

/** An integer. */
export function parseInteger(text: string, flag: string): number {
  const value = Number(readValue(text).trim());
  if (!Number.isInteger(value)) throw new UsageError(`Error parsing parameter '${flag}': expected an integer, got '${text}'`);
  return value;
}

/** A timestamp: ISO 8601, or seconds since the epoch (both as the AWS CLI accepts them). */
export function parseTimestamp(text: string, flag: string): Date {
  const raw = readValue(text).trim();
  const date = /^\d+(\.\d+)?$/.test(raw) ? new Date(Number(raw) * 1000) : new Date(raw);
  if (Number.isNaN(date.getTime())) throw new UsageError(`Error parsing parameter '${flag}': invalid timestamp '${text}'`);
  return date;
}
