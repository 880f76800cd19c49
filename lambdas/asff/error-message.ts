/**
 * Turns an ajv error into the field path and the message Security Hub puts in `FailedFindings`:
 * `Finding does not adhere to Amazon Security Finding Format. data.Severity should have required
 * property 'Label'` (Security Hub's validator speaks ajv 6: `data.<path> should …`).
 */
import type { ErrorObject } from 'ajv';

/** Prefix of every schema failure message, as Security Hub words it. */
export const ASFF_MESSAGE_PREFIX = 'Finding does not adhere to Amazon Security Finding Format.';

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const INDEX = /^\d+$/;

/** Appends one JSON-pointer segment to a dotted path: `Resources` + `0` → `Resources[0]`. */
function appendSegment(path: string, segment: string): string {
  if (INDEX.test(segment)) return `${path}[${segment}]`;
  if (IDENTIFIER.test(segment)) return path === '' ? segment : `${path}.${segment}`;
  return `${path}[${JSON.stringify(segment)}]`;
}

/** `/Resources/0/Type` → `Resources[0].Type` (`''` for the finding itself). */
export function pointerToPath(pointer: string): string {
  if (pointer === '') return '';
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce(appendSegment, '');
}

const dataRef = (path: string): string => (path === '' ? 'data' : path.startsWith('[') ? `data${path}` : `data.${path}`);

/** ajv 8 says `must`, Security Hub (ajv 6) says `should`. */
const shouldWording = (message: string | undefined): string => (message ?? 'is invalid').replace(/^must\b/, 'should');

/** The field path and Security Hub–style message of the first schema error. */
export function describeSchemaError(error: ErrorObject): { path: string; message: string } {
  const parent = pointerToPath(error.instancePath);
  let path = parent;
  let detail = `${dataRef(parent)} ${shouldWording(error.message)}`;

  if (error.keyword === 'required') {
    path = appendSegment(parent, String(error.params.missingProperty));
  } else if (error.keyword === 'additionalProperties') {
    const extra = String(error.params.additionalProperty);
    path = appendSegment(parent, extra);
    detail = `${dataRef(parent)} should NOT have additional properties ('${extra}')`;
  } else if (error.propertyName !== undefined) {
    path = appendSegment(parent, error.propertyName);
    detail = `${dataRef(parent)} property name '${error.propertyName}' ${shouldWording(error.message)}`;
  } else if (error.keyword === 'enum') {
    detail += `: ${(error.params.allowedValues as unknown[]).join(', ')}`;
  } else if (error.keyword === 'const') {
    detail += `: ${String(error.params.allowedValue)}`;
  }
  return { path, message: `${ASFF_MESSAGE_PREFIX} ${detail}` };
}
