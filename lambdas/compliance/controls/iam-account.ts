/**
 * IAM's account-level controls: the root user (IAM.4, IAM.6, IAM.9) and the account password policy
 * (IAM.7, IAM.10, IAM.11, IAM.12, IAM.14 – IAM.17). Listed by `iam.ts`; kept here to keep each file short.
 */
import type { ControlDefinition, ConfigurationItem, Evaluation } from './types';
import { failed, notApplicable, passed } from './support/verdicts';
import { asBoolean, asNumber, field } from './support/readers';
import { boolParameter, numberParameter } from './support/parameters';
import { cis3, controlPage, FSBP, pci321 } from './support/mappings';
import { defineControl } from './support/guard';
import { ACCOUNT_TYPE, accountSummary, passwordPolicy, rootHasVirtualMfa } from './support/account-item';

const ACCOUNT = [ACCOUNT_TYPE];
// IAM's root user and password policy are the same in every Region: each control is `perAccount`.

/** Runs a root-user check on the account's IAM summary, or NOT_APPLICABLE when it is missing. */
function withSummary(item: ConfigurationItem, check: (summary: Record<string, unknown>) => Evaluation): Evaluation {
  const summary = accountSummary(item);
  return summary ? check(summary) : notApplicable('The account item has no IAM account summary (AccountSummary) to judge the root user by.');
}

/** Runs a password-policy check, failing when the account has no password policy at all. */
function withPolicy(item: ConfigurationItem, check: (policy: Record<string, unknown>) => string[]): Evaluation {
  const policy = passwordPolicy(item);
  if (policy === undefined) return notApplicable('The account item has no recorded password policy (AccountPasswordPolicy) to judge.');
  if (policy === null) return failed('The account has no IAM password policy.');
  const problems = check(policy);
  return problems.length ? failed(`The IAM password policy ${problems.join('; ')}.`) : passed('The IAM password policy meets the requirements.');
}

const REQUIRED_CHARACTERS = ['RequireUppercaseCharacters', 'RequireLowercaseCharacters', 'RequireSymbols', 'RequireNumbers'] as const;
const atLeast = (policy: Record<string, unknown>, key: string, minimum: number, what: string) => {
  const value = asNumber(field(policy, key)) ?? 0;
  return value >= minimum ? [] : [`${what} is ${value}, below ${minimum}`];
};
const expiresWithin = (policy: Record<string, unknown>, days: number) => {
  const age = asNumber(field(policy, 'MaxPasswordAge'));
  return age !== undefined && age > 0 && age <= days ? [] : [`does not expire passwords within ${days} days (MaxPasswordAge ${age ?? 'unset'})`];
};

/**
 * CIS v1.2.0's one-character-class password policy controls that PCI DSS v4.0.1 lists (IAM.13,
 * symbols, is in neither standard we offer): id, the policy key, the class in the title.
 */
const CHARACTER_CLASS_CONTROLS: ReadonlyArray<readonly [id: string, key: (typeof REQUIRED_CHARACTERS)[number], what: string]> = [
  ['IAM.11', 'RequireUppercaseCharacters', 'uppercase letter'],
  ['IAM.12', 'RequireLowercaseCharacters', 'lowercase letter'],
  ['IAM.14', 'RequireNumbers', 'number'],
];

/** Root-user and account password-policy controls (account-level items). */
export const rootAndPasswordControls: ControlDefinition[] = [
  defineControl(
    {
      id: 'IAM.4',
      title: 'IAM root user access key should not exist',
      description: 'Checks whether the root user access key is present.',
      severity: 'CRITICAL',
      resourceTypes: ACCOUNT,
      perAccount: true,
      standards: [FSBP, cis3('1.4'), pci321('2.1', '2.2', '7.2.1')],
      remediationUrl: controlPage('IAM.4'),
    },
    (item) =>
      withSummary(item, (summary) =>
        (asNumber(field(summary, 'AccountAccessKeysPresent')) ?? 0) > 0
          ? failed('The root user has an access key (AccountAccessKeysPresent is 1).')
          : passed('The root user has no access key.'),
      ),
  ),
  defineControl(
    {
      id: 'IAM.6',
      title: 'Hardware MFA should be enabled for the root user',
      description: 'Checks whether the root user signs in with a hardware MFA device; fails when MFA is off or the root MFA device is virtual.',
      severity: 'CRITICAL',
      resourceTypes: ACCOUNT,
      perAccount: true,
      standards: [FSBP, cis3('1.6'), pci321('8.3.1')],
      remediationUrl: controlPage('IAM.6'),
    },
    (item) =>
      withSummary(item, (summary) => {
        if (asNumber(field(summary, 'AccountPasswordPresent')) === 0) return passed('The root user has no credentials (no password).');
        if (asNumber(field(summary, 'AccountMFAEnabled')) !== 1) return failed('MFA is not enabled for the root user.');
        return rootHasVirtualMfa(item) ? failed('The root user uses a virtual MFA device, not a hardware one.') : passed('The root user uses a hardware MFA device.');
      }),
  ),
  defineControl(
    {
      id: 'IAM.9',
      title: 'MFA should be enabled for the root user',
      description: 'Checks whether MFA is enabled for the root user of the account (passes when the root user has no credentials).',
      severity: 'CRITICAL',
      resourceTypes: ACCOUNT,
      perAccount: true,
      standards: [cis3('1.5'), pci321('8.3.1')],
      remediationUrl: controlPage('IAM.9'),
    },
    (item) =>
      withSummary(item, (summary) => {
        if (asNumber(field(summary, 'AccountPasswordPresent')) === 0) return passed('The root user has no credentials (no password).');
        return asNumber(field(summary, 'AccountMFAEnabled')) === 1 ? passed('MFA is enabled for the root user.') : failed('MFA is not enabled for the root user.');
      }),
  ),
  defineControl(
    {
      id: 'IAM.7',
      title: 'Password policies for IAM users should have strong configurations',
      description: 'Checks whether the account password policy requires the configured character classes, length, reuse prevention and maximum age.',
      severity: 'MEDIUM',
      resourceTypes: ACCOUNT,
      perAccount: true,
      standards: [FSBP],
      parameters: {
        RequireUppercaseCharacters: { type: 'boolean', default: true, description: 'Require at least one uppercase character.' },
        RequireLowercaseCharacters: { type: 'boolean', default: true, description: 'Require at least one lowercase character.' },
        RequireSymbols: { type: 'boolean', default: true, description: 'Require at least one symbol.' },
        RequireNumbers: { type: 'boolean', default: true, description: 'Require at least one number.' },
        MinimumPasswordLength: { type: 'int', default: 8, description: 'Minimum password length (8 to 128).' },
        PasswordReusePrevention: { type: 'int', default: 0, description: 'Passwords remembered before reuse (12 to 24); 0: not checked (Security Hub has no default).' },
        MaxPasswordAge: { type: 'int', default: 0, description: 'Days before a password expires (1 to 90); 0: not checked (Security Hub has no default).' },
      },
      remediationUrl: controlPage('IAM.7'),
    },
    (item, _configuration, { parameters }) =>
      withPolicy(item, (policy) => {
        const problems = REQUIRED_CHARACTERS.filter((key) => boolParameter(parameters, key, true) && asBoolean(field(policy, key)) !== true).map((key) => `does not set ${key}`);
        problems.push(...atLeast(policy, 'MinimumPasswordLength', numberParameter(parameters, 'MinimumPasswordLength', 8), 'MinimumPasswordLength'));
        const reuse = numberParameter(parameters, 'PasswordReusePrevention', 0);
        if (reuse > 0) problems.push(...atLeast(policy, 'PasswordReusePrevention', reuse, 'PasswordReusePrevention'));
        const maxAge = numberParameter(parameters, 'MaxPasswordAge', 0);
        if (maxAge > 0) problems.push(...expiresWithin(policy, maxAge));
        return problems;
      }),
  ),
  defineControl(
    {
      id: 'IAM.10',
      title: 'Password policies for IAM users should have strong configurations',
      description: 'Checks the account password policy against PCI DSS v3.2.1: upper and lower case, numbers, length 7 or more, 4 passwords remembered, expiry within 90 days.',
      severity: 'MEDIUM',
      resourceTypes: ACCOUNT,
      perAccount: true,
      standards: [pci321('8.1.4', '8.2.3', '8.2.4', '8.2.5')],
      remediationUrl: controlPage('IAM.10'),
    },
    (item) =>
      withPolicy(item, (policy) => [
        ...(['RequireUppercaseCharacters', 'RequireLowercaseCharacters', 'RequireNumbers'] as const)
          .filter((key) => asBoolean(field(policy, key)) !== true)
          .map((key) => `does not set ${key}`),
        ...atLeast(policy, 'MinimumPasswordLength', 7, 'MinimumPasswordLength'),
        ...atLeast(policy, 'PasswordReusePrevention', 4, 'PasswordReusePrevention'),
        ...expiresWithin(policy, 90),
      ]),
  ),
  defineControl(
    {
      id: 'IAM.15',
      title: 'Ensure IAM password policy requires minimum password length of 14 or greater',
      description: 'Checks whether the account password policy requires passwords of at least 14 characters.',
      severity: 'MEDIUM',
      resourceTypes: ACCOUNT,
      perAccount: true,
      standards: [cis3('1.8')],
      remediationUrl: controlPage('IAM.15'),
    },
    (item) => withPolicy(item, (policy) => atLeast(policy, 'MinimumPasswordLength', 14, 'MinimumPasswordLength')),
  ),
  defineControl(
    {
      id: 'IAM.16',
      title: 'Ensure IAM password policy prevents password reuse',
      description: 'Checks whether the account password policy remembers 24 passwords before one can be reused.',
      severity: 'LOW',
      resourceTypes: ACCOUNT,
      perAccount: true,
      standards: [cis3('1.9')],
      remediationUrl: controlPage('IAM.16'),
    },
    (item) => withPolicy(item, (policy) => atLeast(policy, 'PasswordReusePrevention', 24, 'PasswordReusePrevention')),
  ),
  ...CHARACTER_CLASS_CONTROLS.map(([id, key, what]) =>
    defineControl(
      {
        id,
        title: `Ensure IAM password policy requires at least one ${what}`,
        description: `Checks whether the account password policy requires at least one ${what} (${key}).`,
        severity: 'MEDIUM',
        resourceTypes: ACCOUNT,
        perAccount: true,
        standards: [], // PCI DSS v4.0.1 (and CIS v1.2.0, not offered): membership is data (standards/pci-4.0.1.ts)
        remediationUrl: controlPage(id),
      },
      (item) => withPolicy(item, (policy) => (asBoolean(field(policy, key)) === true ? [] : [`does not set ${key}`])),
    ),
  ),
  defineControl(
    {
      id: 'IAM.17',
      title: 'Ensure IAM password policy expires passwords within 90 days or less',
      description: 'Checks whether the account password policy expires passwords within 90 days (MaxPasswordAge 1 to 90).',
      severity: 'LOW',
      resourceTypes: ACCOUNT,
      perAccount: true,
      standards: [], // PCI DSS v4.0.1 (and CIS v1.2.0, not offered): membership is data
      remediationUrl: controlPage('IAM.17'),
    },
    (item) => withPolicy(item, (policy) => expiresWithin(policy, 90)),
  ),
];
