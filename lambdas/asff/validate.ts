/**
 * Validates one finding of a BatchImportFindings request: the 240 KB size limit first, then the
 * ASFF JSON Schema (`schemas/asff.schema.json`), precompiled at build time (generate-validator.ts).
 */
import validateSchema from './asff-schema.validator';
import { ASFF_MESSAGE_PREFIX, describeSchemaError } from './error-message';
import type { AwsSecurityFinding } from './types';

/** Largest finding Security Hub accepts: 240 KB of UTF-8 JSON. */
export const MAX_FINDING_BYTES = 240 * 1024;

/** Error codes of `FailedFindings`, as Security Hub names them. */
export type FindingErrorCode = 'InvalidInput' | 'FindingSizeExceeded';

/** Outcome of `validateFinding`. */
export type FindingValidation = { ok: true; finding: AwsSecurityFinding } | { ok: false; errorCode: FindingErrorCode; message: string; path: string };

/** Most provider keys in ProductFields (Security Hub: 50). */
export const MAX_PRODUCT_FIELDS = 50;
/**
 * ProductFields keys the hub writes itself (Security Hub's `aws/securityhub/*`, this product's
 * `opensecurityhub/*`): a finding read back and re-imported carries them, and they do not count
 * against the provider's {@link MAX_PRODUCT_FIELDS}.
 */
export const HUB_PRODUCT_FIELD_PREFIXES = ['aws/securityhub/', 'opensecurityhub/'] as const;

/** The provider's keys of a ProductFields map (the hub's own left out). */
function providerKeyCount(fields: Record<string, unknown> | undefined): number {
  if (fields === undefined) return 0;
  return Object.keys(fields).filter((key) => !HUB_PRODUCT_FIELD_PREFIXES.some((prefix) => key.startsWith(prefix))).length;
}

/** Longest JSON text of a number (`-0.0000012345678901234567` is 25 characters), with room to spare. */
const MAX_NUMBER_BYTES = 32;
/** Deeper than any finding: past it (or at a cycle) the bound gives up and the exact size is measured. */
const MAX_BOUND_DEPTH = 64;

/**
 * An upper bound of the UTF-8 size of the value's JSON, by walking it without serializing: each
 * UTF-16 unit of a string is at most 6 bytes (`\u001f`), a number at most 32. Infinity for
 * anything JSON.stringify would not write as it is (toJSON, boxed values, BigInt) or nests deeper
 * than {@link MAX_BOUND_DEPTH}, so the caller measures exactly.
 */
function jsonBytesAtMost(value: unknown, depth = 0): number {
  switch (typeof value) {
    case 'string':
      return value.length * 6 + 2;
    case 'number':
      return MAX_NUMBER_BYTES;
    case 'boolean':
    case 'undefined':
    case 'function':
    case 'symbol':
      return 5; // `false`; the others are left out or written as `null`
    case 'object': {
      if (value === null) return 4;
      if (depth >= MAX_BOUND_DEPTH) return Infinity;
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return Infinity;
      let bytes = 2;
      if (Array.isArray(value)) {
        for (const item of value) bytes += jsonBytesAtMost(item, depth + 1) + 1;
        return bytes;
      }
      const prototype = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) return Infinity;
      for (const key of Object.keys(value)) {
        bytes += key.length * 6 + 4 + jsonBytesAtMost((value as Record<string, unknown>)[key], depth + 1);
      }
      return bytes;
    }
    default:
      return Infinity;
  }
}

/**
 * UTF-8 size of the finding's JSON, or `undefined` when it cannot be serialized (cycles, BigInt).
 * Serializing a finding to count its bytes costs as much as the schema check, so when a cheap upper
 * bound is within the limit, that bound is returned instead: the size is exact whenever it matters.
 */
function jsonBytes(input: unknown): number | undefined {
  try {
    const bound = jsonBytesAtMost(input);
    if (bound <= MAX_FINDING_BYTES) return bound;
    const json = JSON.stringify(input);
    // TextEncoder, not Buffer: this module is also type-checked for the browser console (its filters import the asff domain).
    return json === undefined ? 0 : new TextEncoder().encode(json).byteLength;
  } catch {
    return undefined;
  }
}

/**
 * Checks one finding as BatchImportFindings does. On success the input itself is returned, typed;
 * on failure the error code, a Security Hub–style message and the offending field path
 * (`Resources[0].Type`; `''` for the finding as a whole).
 */
export function validateFinding(input: unknown): FindingValidation {
  const bytes = jsonBytes(input);
  if (bytes === undefined) {
    return { ok: false, errorCode: 'InvalidInput', path: '', message: 'Finding is not serializable as JSON' };
  }
  if (bytes > MAX_FINDING_BYTES) {
    return {
      ok: false,
      errorCode: 'FindingSizeExceeded',
      path: '',
      message: `Finding size exceeded 240 KB (${bytes} bytes, maximum ${MAX_FINDING_BYTES})`,
    };
  }
  if (validateSchema(input)) {
    const count = providerKeyCount(input.ProductFields);
    if (count > MAX_PRODUCT_FIELDS) {
      return {
        ok: false,
        errorCode: 'InvalidInput',
        path: 'ProductFields',
        message: `${ASFF_MESSAGE_PREFIX} data.ProductFields should NOT have more than ${MAX_PRODUCT_FIELDS} properties (${count} keys besides ${HUB_PRODUCT_FIELD_PREFIXES.map((prefix) => `${prefix}*`).join(' and ')})`,
      };
    }
    return { ok: true, finding: input };
  }
  const [first] = validateSchema.errors ?? [];
  if (first === undefined) return { ok: false, errorCode: 'InvalidInput', path: '', message: 'Invalid Input' };
  return { ok: false, errorCode: 'InvalidInput', ...describeSchemaError(first) };
}
