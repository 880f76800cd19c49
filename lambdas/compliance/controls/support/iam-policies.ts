/**
 * IAM policy documents (identity and resource policies) as AWS Config records them: decoding,
 * the values of a statement's elements, and whether a resource policy opens a resource to anyone. Pure.
 */
import { asArray, asRecord, field } from './readers';

/** An IAM policy statement, loosely typed (documents come from customers). */
export type PolicyStatement = Record<string, unknown>;

/** A decoded policy document, or why it could not be decoded. */
export type DecodedPolicy = { ok: true; statements: PolicyStatement[] } | { ok: false; reason: string };

/**
 * Decodes a policy document as AWS Config records it: an object, JSON text, or URL-encoded JSON
 * text (IAM's `policyVersionList[].document`, `userPolicyList[].policyDocument`). Never throws.
 */
export function decodePolicy(raw: unknown): DecodedPolicy {
  let document: unknown = raw;
  if (typeof raw === 'string') {
    const trimmed = raw.trim();
    let json = trimmed;
    if (!trimmed.startsWith('{')) {
      try {
        json = decodeURIComponent(trimmed.replace(/\+/g, '%20'));
      } catch {
        return { ok: false, reason: 'the policy document is not valid URL-encoded text' };
      }
    }
    try {
      document = JSON.parse(json);
    } catch {
      return { ok: false, reason: 'the policy document is not valid JSON' };
    }
  }
  const object = asRecord(document);
  if (!object) return { ok: false, reason: 'the policy document is not a JSON object' };
  const statements = asArray(object.Statement).map(asRecord);
  if (statements.some((statement) => statement === undefined)) return { ok: false, reason: 'a policy statement is not a JSON object' };
  return { ok: true, statements: statements as PolicyStatement[] };
}

/** Whether a statement allows (its Effect is Allow). */
export const allows = (statement: PolicyStatement): boolean => statement.Effect === 'Allow';

/** The string values of a policy element (`Action`, `Resource`…), a string or a list of strings. */
export function values(element: unknown): string[] {
  return asArray(element).filter((entry): entry is string => typeof entry === 'string');
}

// Condition keys that tie a wildcard or service principal to an account, organization, source or network.
const RESTRICTING_KEYS = [
  'aws:sourceaccount',
  'aws:sourcearn',
  'aws:sourceowner',
  'aws:principalaccount',
  'aws:principalorgid',
  'aws:principalarn',
  'aws:sourcevpc',
  'aws:sourcevpce',
];

const restricted = (statement: PolicyStatement): boolean => {
  const condition = asRecord(statement.Condition);
  if (!condition) return false;
  return Object.values(condition).some((operator) => Object.keys(asRecord(operator) ?? {}).some((key) => RESTRICTING_KEYS.includes(key.toLowerCase())));
};

/**
 * Whether an Allow statement of a resource policy opens the resource to anyone: a `*` principal
 * (or `AWS: *`), or a service principal, without a condition restricting the caller's account,
 * organization, source or network.
 */
export function isPublicStatement(statement: PolicyStatement): boolean {
  if (!allows(statement) || restricted(statement)) return false;
  const principal = statement.Principal;
  if (principal === '*') return true;
  return values(field(principal, 'AWS')).includes('*') || values(field(principal, 'Service')).length > 0;
}

// A condition value that is not fixed: it holds a wildcard or a policy variable.
const NOT_FIXED = /[*?]|\$\{/;

/**
 * Whether an Allow statement of a resource policy opens the resource to anyone, as AWS Config's
 * `*-no-public-access` rules judge it: an everyone principal (`*`, `AWS: *`) not narrowed by a
 * condition on the caller's account, organization, source or network that holds only fixed values
 * (no wildcard, no policy variable). Service principals are not the public.
 */
export function grantsEveryone(statement: PolicyStatement): boolean {
  if (!allows(statement)) return false;
  const principal = statement.Principal;
  if (principal !== '*' && !values(field(principal, 'AWS')).includes('*')) return false;
  const condition = asRecord(statement.Condition) ?? {};
  const narrowed = Object.values(condition).some((operator) =>
    Object.entries(asRecord(operator) ?? {}).some(
      ([key, value]) => RESTRICTING_KEYS.includes(key.toLowerCase()) && values(value).length > 0 && values(value).every((entry) => !NOT_FIXED.test(entry)),
    ),
  );
  return !narrowed;
}
