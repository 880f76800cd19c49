import { asArray, asObject } from './identity-common';

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
  const object = asObject(document);
  if (!object) return { ok: false, reason: 'the policy document is not a JSON object' };
  const statements = asArray(object.Statement).map(asObject);
  if (statements.some((statement) => statement === undefined)) return { ok: false, reason: 'a policy statement is not a JSON object' };
  return { ok: true, statements: statements as PolicyStatement[] };
}

/** Whether a statement allows (its Effect is Allow). */
export const allows = (statement: PolicyStatement): boolean => statement.Effect === 'Allow';

/** The string values of a policy element (`Action`, `Resource`…), a string or a list of strings. */
export function values(element: unknown): string[] {
  return asArray(element).filter((entry): entry is string => typeof entry === 'string');
}
