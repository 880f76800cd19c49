import { asObject, field } from './identity-common';
import { allows, values, type PolicyStatement } from './identity-policy';

// Condition keys that tie a wildcard or service principal to an account, organization, source or network.
const RESTRICTING_KEYS = ['aws:sourceaccount', 'aws:sourcearn', 'aws:sourceowner', 'aws:principalaccount', 'aws:principalorgid', 'aws:principalarn', 'aws:sourcevpc', 'aws:sourcevpce'];

const restricted = (statement: PolicyStatement): boolean => {
  const condition = asObject(statement.Condition);
  if (!condition) return false;
  return Object.values(condition).some((operator) =>
    Object.keys(asObject(operator) ?? {}).some((key) => RESTRICTING_KEYS.includes(key.toLowerCase())));
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
