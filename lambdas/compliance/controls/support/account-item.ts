import type { ConfigurationItem } from '../types';
import { asArray, asRecord, asString, field } from './readers';

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
  return asRecord(field(item.supplementaryConfiguration, ['AccountSummary', 'accountSummary']));
}

/** The account password policy: an object, `null` when the account has none, undefined when not recorded. */
export function passwordPolicy(item: ConfigurationItem): Record<string, unknown> | null | undefined {
  const supplementary = asRecord(item.supplementaryConfiguration);
  if (!supplementary || !('AccountPasswordPolicy' in supplementary)) return undefined;
  return asRecord(supplementary.AccountPasswordPolicy) ?? null;
}

/** Whether a virtual MFA device is assigned to the root user of the account. */
export function rootHasVirtualMfa(item: ConfigurationItem): boolean {
  return asArray(field(item.supplementaryConfiguration, 'VirtualMFADevices')).some((device) => {
    const serial = asString(field(device, 'SerialNumber')) ?? '';
    const userArn = asString(field(device, 'User', 'Arn')) ?? '';
    return serial.endsWith(':mfa/root-account-mfa-device') || userArn.endsWith(':root');
  });
}
