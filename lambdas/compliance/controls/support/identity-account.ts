import type { ConfigurationItem } from '../types';
import { asArray, asObject, field, flag, text } from './identity-common';

/**
 * Account-level data. AWS Config records no `AWS::::Account` item; Security Hub's rules for
 * account-level controls call IAM and the services directly. Our account item carries those
 * answers in `supplementaryConfiguration`, named after the API that returns them:
 * - `AccountSummary`: IAM GetAccountSummary's SummaryMap (`AccountAccessKeysPresent`, `AccountMFAEnabled`, `AccountPasswordPresent`)
 * - `AccountPasswordPolicy`: IAM GetAccountPasswordPolicy's PasswordPolicy (absent or null: no policy)
 * - `VirtualMFADevices`: IAM ListVirtualMFADevices (`SerialNumber`, `User.Arn`)
 * - `SecurityHub`: Security Hub DescribeHub (`HubArn`, `SubscribedAt`); absent or null: not enabled
 */
export const ACCOUNT_TYPE = 'AWS::::Account';

/** The account's IAM summary map, or undefined when it was not recorded. */
export function accountSummary(item: ConfigurationItem): Record<string, unknown> | undefined {
  return asObject(field(item.supplementaryConfiguration, 'AccountSummary', 'accountSummary'));
}

/** The account password policy: an object, `null` when the account has none, undefined when not recorded. */
export function passwordPolicy(item: ConfigurationItem): Record<string, unknown> | null | undefined {
  const supplementary = asObject(item.supplementaryConfiguration);
  if (!supplementary || !('AccountPasswordPolicy' in supplementary)) return undefined;
  return asObject(supplementary.AccountPasswordPolicy) ?? null;
}

/** Whether a virtual MFA device is assigned to the root user of the account. */
export function rootHasVirtualMfa(item: ConfigurationItem): boolean {
  return asArray(field(item.supplementaryConfiguration, 'VirtualMFADevices')).some((device) => {
    const serial = text(device, 'SerialNumber') ?? '';
    const userArn = text(field(device, 'User'), 'Arn') ?? '';
    return serial.endsWith(':mfa/root-account-mfa-device') || userArn.endsWith(':root');
  });
}

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
  const value = text(row, column);
  return value && !/^(N\/A|no_information|not_supported)$/i.test(value) ? value : undefined;
};

/** The user's credential report row, or undefined when none was recorded. */
export function credentialRow(item: ConfigurationItem): CredentialRow | undefined {
  const row = asObject(field(item.supplementaryConfiguration, 'CredentialReport', 'credentialReport'));
  if (!row) return undefined;
  return {
    passwordEnabled: flag(row, 'password_enabled') === true,
    passwordLastUsed: date(row, 'password_last_used'),
    passwordLastChanged: date(row, 'password_last_changed'),
    mfaActive: flag(row, 'mfa_active') === true,
    userCreationTime: date(row, 'user_creation_time'),
    keys: ([1, 2] as const).map((slot) => ({
      slot,
      active: flag(row, `access_key_${slot}_active`) === true,
      lastRotated: date(row, `access_key_${slot}_last_rotated`),
      lastUsed: date(row, `access_key_${slot}_last_used_date`),
    })),
  };
}
