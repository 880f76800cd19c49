/**
 * Validates one finding of a BatchImportFindings request: the 240 KB size limit first, then the
 * ASFF JSON Schema (`schemas/asff.schema.json`), precompiled at build time (generate-validator.ts).
 */
import validateSchema from './asff-schema.validator';
import { describeSchemaError } from './error-message';
import type { AwsSecurityFinding } from './types';

/** Largest finding Security Hub accepts: 240 KB of UTF-8 JSON. */
export const MAX_FINDING_BYTES = 240 * 1024;

/** Error codes of `FailedFindings`, as Security Hub names them. */
export type FindingErrorCode = 'InvalidInput' | 'FindingSizeExceeded';

/** Outcome of `validateFinding`. */
export type FindingValidation =
  | { ok: true; finding: AwsSecurityFinding }
  | { ok: false; errorCode: FindingErrorCode; message: string; path: string };

/** UTF-8 size of the finding's JSON, or `undefined` when it cannot be serialized (cycles, BigInt). */
function jsonBytes(input: unknown): number | undefined {
  try {
    const json = JSON.stringify(input);
    return json === undefined ? 0 : Buffer.byteLength(json, 'utf8');
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
  if (validateSchema(input)) return { ok: true, finding: input };
  const [first] = validateSchema.errors ?? [];
  if (first === undefined) return { ok: false, errorCode: 'InvalidInput', path: '', message: 'Invalid Input' };
  return { ok: false, errorCode: 'InvalidInput', ...describeSchemaError(first) };
}
