/**
 * Input shapes from the AWS SDK v3 clients' own schemas (`@aws-sdk/client-*` export each operation
 * as `<Operation>$` and each shape as `<Shape>$`): client-side validation as the AWS CLI does it
 * (unknown keys, wrong types, missing required members are usage errors naming the path), the
 * conversions the SDK needs (timestamps to `Date`, shorthand strings to numbers/booleans), and
 * `--generate-cli-skeleton`. Nothing here is written per operation: a new operation gets it all.
 */
import type { NormalizedSchema } from '@smithy/core/schema';
import { isOperationSchema, schemas, type OperationSchema } from './sdk';
import { UsageError, isShorthand } from './values';

export { isOperationSchema, type OperationSchema };

/** The normalized form of a schema (an operation's member, a `<Shape>$` export, a list schema literal). */
export function normalized(schema: unknown): NormalizedSchema {
  return schemas().NormalizedSchema.of(schema as never);
}

/** The operation's schema among a client module's exports (`GetFindings$`), if it has one. */
export function operationSchemaOf(clientModule: Record<string, unknown>, operation: string): OperationSchema | undefined {
  const schema = clientModule[`${operation}$`];
  return isOperationSchema(schema) ? schema : undefined;
}

/** The input (`which = 'input'`) or output shape of an operation. */
export function shapeOf(operation: OperationSchema, which: 'input' | 'output' = 'input'): NormalizedSchema {
  return normalized(which === 'input' ? operation[4] : operation[5]);
}

/** Members of a structure, in model order, with how many leading ones are required. */
export function membersOf(shape: NormalizedSchema): { members: Array<[string, NormalizedSchema]>; required: Set<string> } {
  const members = [...shape.structIterator()];
  const count = (shape.getSchema() as unknown as unknown[])[6];
  const required = new Set(members.slice(0, typeof count === 'number' ? count : 0).map(([name]) => name));
  return { members, required };
}

/** Where a value sits: `Filters.SeverityLabel[0].Value`. */
function join(path: string, key: string | number): string {
  return typeof key === 'number' ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a timestamp';
  if (typeof value === 'object') return 'a structure';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function kindOf(shape: NormalizedSchema): string {
  if (shape.isStructSchema()) return 'a structure';
  if (shape.isListSchema()) return 'a list';
  if (shape.isMapSchema()) return 'a map';
  if (shape.isBooleanSchema()) return 'a boolean';
  if (shape.isNumericSchema() || shape.isBigIntegerSchema() || shape.isBigDecimalSchema()) return 'a number';
  if (shape.isTimestampSchema()) return 'a timestamp';
  return 'a string';
}

/** Keys close to a typo: the same ignoring case, or one a prefix of the other (SeverityLabels → SeverityLabel). */
function lookalikes(key: string, known: readonly string[]): string[] {
  const lower = key.toLowerCase();
  return known.filter((name) => {
    const other = name.toLowerCase();
    return other === lower || (Math.min(other.length, lower.length) >= 4 && (other.startsWith(lower) || lower.startsWith(other)));
  });
}

/** What to call a path in messages: the flag it came from, then the member path. */
export type Describe = (path: string) => string;

class Checker {
  constructor(
    private readonly label: Describe,
    private readonly rootRequired: boolean,
  ) {}

  fail(path: string, message: string): never {
    throw new UsageError(`${this.label(path)}: ${message}`);
  }

  check(shape: NormalizedSchema, value: unknown, path: string, shorthand: boolean): unknown {
    if (value === null || value === undefined) this.fail(path, `invalid type for ${path}: expected ${kindOf(shape)}, got ${describe(value)}`);
    if (shape.isDocumentSchema()) return value;
    if (shape.isStructSchema()) return this.structure(shape, value, path);
    if (shape.isListSchema()) {
      if (!Array.isArray(value)) this.fail(path, `invalid type for ${path}: expected a list, got ${describe(value)}`);
      const inner = isShorthand(value);
      return value.map((item, index) => this.check(shape.getValueSchema(), item, join(path, index), inner));
    }
    if (shape.isMapSchema()) {
      if (typeof value !== 'object' || Array.isArray(value) || value instanceof Date) this.fail(path, `invalid type for ${path}: expected a map, got ${describe(value)}`);
      const inner = isShorthand(value);
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.check(shape.getValueSchema(), item, join(path, key), inner)]));
    }
    return this.scalar(shape, value, path, shorthand);
  }

  private structure(shape: NormalizedSchema, value: unknown, path: string): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Date) {
      this.fail(path, `invalid type for ${path || 'the input'}: expected a structure, got ${describe(value)}`);
    }
    const { members, required } = membersOf(shape);
    const byName = new Map(members);
    const names = members.map(([name]) => name);
    const inner = isShorthand(value);
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const member = byName.get(key);
      if (member === undefined) {
        const near = lookalikes(key, names);
        const hint = near.length > 0 ? ` (did you mean ${near.map((name) => `'${name}'`).join(' or ')}?)` : '';
        const owner = path === '' ? 'the input' : path;
        const known = names.length <= 20 ? `${owner} takes: ${names.join(', ')}` : `${owner} takes ${names.length} keys (--generate-cli-skeleton lists them)`;
        this.fail(join(path, key), `unknown key '${key}' at ${join(path, key)}${hint}; ${known}`);
      }
      out[key] = this.check(member, item, join(path, key), inner);
    }
    const missing = path === '' && !this.rootRequired ? [] : [...required].filter((name) => !(name in out));
    if (missing.length > 0) this.fail(path, `missing required ${missing.length === 1 ? 'key' : 'keys'} ${missing.map((name) => `'${join(path, name)}'`).join(', ')}`);
    if (shape.isUnionSchema() && Object.keys(out).length !== 1) this.fail(path, `${path} takes exactly one of: ${names.join(', ')}`);
    return out;
  }

  private scalar(shape: NormalizedSchema, value: unknown, path: string, shorthand: boolean): unknown {
    const wrong = (): never => this.fail(path, `invalid type for ${path}: expected ${kindOf(shape)}, got ${describe(value)}`);
    if (shape.isBooleanSchema()) {
      if (typeof value === 'boolean') return value;
      if (shorthand && (value === 'true' || value === 'false')) return value === 'true';
      return wrong();
    }
    if (shape.isNumericSchema() || shape.isBigIntegerSchema() || shape.isBigDecimalSchema()) {
      if (typeof value === 'number' && Number.isFinite(value)) return value;
      if (shorthand && typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
      return wrong();
    }
    if (shape.isTimestampSchema()) {
      // As the AWS CLI: ISO 8601, or seconds since the epoch.
      const date =
        value instanceof Date
          ? value
          : typeof value === 'number'
            ? new Date(value * 1000)
            : typeof value === 'string'
              ? new Date(/^\d+(\.\d+)?$/.test(value) ? Number(value) * 1000 : value)
              : undefined;
      if (date === undefined || Number.isNaN(date.getTime())) return wrong();
      return date;
    }
    if (typeof value === 'string') return value;
    // A number or boolean given where the model has a string: shorthand keeps it a string; JSON is refused.
    if (shorthand && (typeof value === 'number' || typeof value === 'boolean')) return String(value);
    return wrong();
  }
}

/**
 * Checks `input` against the structure `shape` and converts it for the SDK. Throws a `UsageError`
 * (exit 252) naming the path of the first problem: an unknown key (with look-alikes), a wrong type,
 * a missing required member (at the top level only when `rootRequired`).
 */
export function checkShape(shape: NormalizedSchema, input: unknown, label: Describe = (path) => path || 'input', root = '', rootRequired = true): Record<string, unknown> {
  return new Checker(label, rootRequired).check(shape, input, root, isShorthand(input as object)) as Record<string, unknown>;
}

/** Placeholder values of `--generate-cli-skeleton`, as the AWS CLI prints them. */
function placeholder(shape: NormalizedSchema, depth: number, seen: Set<string>): unknown {
  if (shape.isStructSchema()) {
    const name = shape.getName(true) ?? '';
    // Recursive shapes (a structure holding itself) stop at their second appearance, as the AWS CLI does.
    if (seen.has(name) || depth > 12) return {};
    const inner = new Set(seen).add(name);
    return Object.fromEntries(membersOf(shape).members.map(([member, memberShape]) => [member, placeholder(memberShape, depth + 1, inner)]));
  }
  if (shape.isListSchema()) return [placeholder(shape.getValueSchema(), depth + 1, seen)];
  if (shape.isMapSchema()) return { KeyName: placeholder(shape.getValueSchema(), depth + 1, seen) };
  if (shape.isBooleanSchema()) return true;
  if (shape.isNumericSchema() || shape.isBigIntegerSchema() || shape.isBigDecimalSchema()) return 0;
  if (shape.isTimestampSchema()) return '1970-01-01T00:00:00';
  if (shape.isDocumentSchema()) return {};
  return '';
}

/** The skeleton of a structure: every member with a placeholder of its type. */
export function skeletonOf(shape: NormalizedSchema): Record<string, unknown> {
  return placeholder(shape, 0, new Set()) as Record<string, unknown>;
}
