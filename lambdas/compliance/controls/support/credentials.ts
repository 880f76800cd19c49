/**
 * An IAM user's credentials, from the credential report row its item carries, and the checks the
 * IAM user controls make of them. Pure: time only through `now`.
 */
import type { ConfigurationItem, Evaluation } from '../types';
import { failed, notApplicable, passed } from './verdicts';
import { asBoolean, asRecord, asString, daysSince, field } from './readers';

/**
 * A user's row of the IAM credential report (`supplementaryConfiguration.CredentialReport` of an
 * `AWS::IAM::User` item; AWS Config's user item has no keys, passwords or MFA). Columns keep the
 * report's names; `true`/`false` may be booleans or strings, dates ISO 8601 or `N/A`.
 */
export interface CredentialRow {
  passwordEnabled: boolean;
  passwordLastUsed?: string;
  passwordLastChanged?: string;
  mfaActive: boolean;
  userCreationTime?: string;
  keys: { slot: 1 | 2; active: boolean; lastRotated?: string; lastUsed?: string }[];
}

const date = (row: unknown, column: string): string | undefined => {
  const value = asString(field(row, column));
  return value && !/^(N\/A|no_information|not_supported)$/i.test(value) ? value : undefined;
};

/** The user's credential report row, or undefined when none was recorded. */
export function credentialRow(item: ConfigurationItem): CredentialRow | undefined {
  const row = asRecord(field(item.supplementaryConfiguration, ['CredentialReport', 'credentialReport']));
  if (!row) return undefined;
  return {
    passwordEnabled: asBoolean(field(row, 'password_enabled')) === true,
    passwordLastUsed: date(row, 'password_last_used'),
    passwordLastChanged: date(row, 'password_last_changed'),
    mfaActive: asBoolean(field(row, 'mfa_active')) === true,
    userCreationTime: date(row, 'user_creation_time'),
    keys: ([1, 2] as const).map((slot) => ({
      slot,
      active: asBoolean(field(row, `access_key_${slot}_active`)) === true,
      lastRotated: date(row, `access_key_${slot}_last_rotated`),
      lastUsed: date(row, `access_key_${slot}_last_used_date`),
    })),
  };
}

/** Runs a credential check on a (judgeable) user's credential report row, or NOT_APPLICABLE without one. */
export function withCredentials(item: ConfigurationItem, check: (row: CredentialRow) => Evaluation): Evaluation {
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
