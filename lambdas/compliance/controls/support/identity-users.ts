import type { ConfigurationItem, Evaluation } from '../types';
import { credentialRow, type CredentialRow } from './identity-account';
import { daysSince, failed, notApplicable, passed, unjudgeable } from './identity-common';

const USER = ['AWS::IAM::User'];

/** Runs a credential check on a user's credential report row, or NOT_APPLICABLE without one. */
export function withCredentials(item: ConfigurationItem, check: (row: CredentialRow) => Evaluation): Evaluation {
  const skip = unjudgeable(item, USER);
  if (skip) return notApplicable(skip);
  const row = credentialRow(item);
  return row ? check(row) : notApplicable('The user item has no credential report row (CredentialReport) to judge its credentials by.');
}

/** Active access keys older than `maxAge` days (by last rotation), as "key N (A days)". */
export function staleKeys(row: CredentialRow, now: Date, maxAge: number): string[] {
  return row.keys
    .filter((key) => key.active)
    .map((key) => ({ key, age: daysSince(key.lastRotated, now) }))
    .filter(({ age }) => age === undefined || age > maxAge)
    .map(({ key, age }) => `access key ${key.slot} (${age === undefined ? 'rotation date unknown' : `${age} days old`})`);
}

/**
 * Credentials (console password, active keys) unused for `maxAge` days or more: last use, or
 * creation/rotation when never used, as `iam-user-unused-credentials-check` does.
 */
export function unusedCredentials(row: CredentialRow, now: Date, maxAge: number): string[] {
  const unused: string[] = [];
  const idle = (lastUsed?: string, since?: string) => daysSince(lastUsed ?? since, now);
  if (row.passwordEnabled) {
    const days = idle(row.passwordLastUsed, row.passwordLastChanged ?? row.userCreationTime);
    if (days === undefined || days >= maxAge) unused.push(`console password (${days ?? 'unknown'} days unused)`);
  }
  for (const key of row.keys.filter((entry) => entry.active)) {
    const days = idle(key.lastUsed, key.lastRotated);
    if (days === undefined || days >= maxAge) unused.push(`access key ${key.slot} (${days ?? 'unknown'} days unused)`);
  }
  return unused;
}

/** The evaluation of an unused-credentials check for a maximum age. */
export const judgeUnused = (row: CredentialRow, now: Date, maxAge: number): Evaluation => {
  const unused = unusedCredentials(row, now, maxAge);
  return unused.length
    ? failed(`The user has credentials unused for ${maxAge} days or more: ${unused.join(', ')}.`)
    : passed(`Every credential of the user was used within ${maxAge} days.`);
};
