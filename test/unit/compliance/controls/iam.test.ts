import { iamControls } from '../../../../lambdas/compliance/controls/iam';
import type { ConfigurationItem, ControlDefinition, EvaluationContext, ParameterValue } from '../../../../lambdas/compliance/controls/types';
import { configItem } from '../../../support/fixtures';

const item = (path: string): ConfigurationItem => configItem(path);
const control = (id: string): ControlDefinition => iamControls.find((entry) => entry.id === id)!;
const NOW = new Date('2025-06-01T00:00:00Z');
function evaluate(id: string, fixture: string, overrides: Record<string, ParameterValue> = {}) {
  const definition = control(id);
  const defaults = Object.fromEntries(Object.entries(definition.parameters ?? {}).map(([name, parameter]) => [name, parameter.default]));
  const context: EvaluationContext = { parameters: { ...defaults, ...overrides }, related: () => [], now: NOW };
  return definition.evaluate(item(fixture), context);
}

describe('IAM controls', () => {
  it.each([
    ['IAM.1', 'iam/policy-least-privilege', 'PASSED', /No statement .* allows "\*" actions/],
    ['IAM.1', 'iam/policy-full-admin', 'FAILED', /full administrative privileges/],
    ['IAM.1', 'iam/policy-boundary-only', 'NOT_APPLICABLE', /permissions boundary/],
    ['IAM.2', 'iam/user-healthy', 'PASSED', /no policies attached/],
    ['IAM.2', 'iam/user-neglected', 'FAILED', /inline inline-admin, managed AdministratorAccess/],
    ['IAM.2', 'iam/user-deleted', 'NOT_APPLICABLE', /deleted/],
    ['IAM.3', 'iam/user-healthy', 'PASSED', /rotated within 90 days/],
    ['IAM.3', 'iam/user-neglected', 'FAILED', /access key 1 \(182 days old\)/],
    ['IAM.3', 'iam/user-without-credential-report', 'NOT_APPLICABLE', /no credential report/],
    ['IAM.5', 'iam/user-healthy', 'PASSED', /MFA enabled/],
    ['IAM.5', 'iam/user-neglected', 'FAILED', /console password but no MFA/],
    ['IAM.5', 'iam/user-deleted', 'NOT_APPLICABLE', /deleted/],
    ['IAM.8', 'iam/user-healthy', 'PASSED', /used within 90 days/],
    ['IAM.8', 'iam/user-neglected', 'FAILED', /console password \(137 days unused\)/],
    ['IAM.8', 'iam/user-without-credential-report', 'NOT_APPLICABLE', /no credential report/],
    ['IAM.22', 'iam/user-healthy', 'PASSED', /used within 45 days/],
    ['IAM.22', 'iam/user-neglected', 'FAILED', /access key 1 \(61 days unused\)/],
    ['IAM.22', 'iam/user-deleted', 'NOT_APPLICABLE', /deleted/],
    ['IAM.4', 'account/account-hardened', 'PASSED', /no access key/],
    ['IAM.4', 'account/account-exposed', 'FAILED', /root user has an access key/],
    ['IAM.4', 'account/account-unrecorded', 'NOT_APPLICABLE', /no IAM account summary/],
    ['IAM.6', 'account/account-hardened', 'PASSED', /hardware MFA/],
    ['IAM.6', 'account/account-root-virtual-mfa', 'FAILED', /virtual MFA device/],
    ['IAM.6', 'account/account-unrecorded', 'NOT_APPLICABLE', /no IAM account summary/],
    ['IAM.9', 'account/account-root-virtual-mfa', 'PASSED', /MFA is enabled for the root user/],
    ['IAM.9', 'account/account-exposed', 'FAILED', /MFA is not enabled/],
    ['IAM.9', 'account/account-unrecorded', 'NOT_APPLICABLE', /no IAM account summary/],
    ['IAM.7', 'account/account-hardened', 'PASSED', /meets the requirements/],
    ['IAM.7', 'account/account-exposed', 'FAILED', /does not set RequireUppercaseCharacters.*MinimumPasswordLength is 6, below 8/],
    ['IAM.7', 'account/account-unrecorded', 'NOT_APPLICABLE', /no recorded password policy/],
    ['IAM.10', 'account/account-hardened', 'PASSED', /meets the requirements/],
    ['IAM.10', 'account/account-exposed', 'FAILED', /PasswordReusePrevention is 1, below 4.*within 90 days/],
    ['IAM.10', 'account/account-unrecorded', 'NOT_APPLICABLE', /no recorded password policy/],
    ['IAM.15', 'account/account-hardened', 'PASSED', /meets the requirements/],
    ['IAM.15', 'account/account-root-virtual-mfa', 'FAILED', /no IAM password policy/],
    ['IAM.15', 'iam/user-healthy', 'NOT_APPLICABLE', /not evaluated by this control/],
    ['IAM.16', 'account/account-hardened', 'PASSED', /meets the requirements/],
    ['IAM.16', 'account/account-exposed', 'FAILED', /PasswordReusePrevention is 1, below 24/],
    ['IAM.16', 'account/account-unrecorded', 'NOT_APPLICABLE', /no recorded password policy/],
    ['IAM.11', 'account/account-hardened', 'PASSED', /meets the requirements/],
    ['IAM.11', 'account/account-exposed', 'FAILED', /does not set RequireUppercaseCharacters/],
    ['IAM.11', 'account/account-unrecorded', 'NOT_APPLICABLE', /no recorded password policy/],
    ['IAM.12', 'account/account-exposed', 'PASSED', /meets the requirements/],
    ['IAM.12', 'account/account-root-virtual-mfa', 'FAILED', /no IAM password policy/],
    ['IAM.12', 'account/account-unrecorded', 'NOT_APPLICABLE', /no recorded password policy/],
    ['IAM.14', 'account/account-exposed', 'PASSED', /meets the requirements/],
    ['IAM.14', 'account/account-root-virtual-mfa', 'FAILED', /no IAM password policy/],
    ['IAM.14', 'iam/user-healthy', 'NOT_APPLICABLE', /not evaluated by this control/],
    ['IAM.17', 'account/account-hardened', 'PASSED', /meets the requirements/],
    ['IAM.17', 'account/account-exposed', 'FAILED', /does not expire passwords within 90 days \(MaxPasswordAge unset\)/],
    ['IAM.17', 'account/account-unrecorded', 'NOT_APPLICABLE', /no recorded password policy/],
  ])('%s judges %s as %s and says why', (id, fixture, status, reason) => {
    const result = evaluate(id, fixture);

    expect(result.status).toBe(status);
    expect(result.reason).toMatch(reason);
  });

  it('treats a policy document that fails to URL-decode as not applicable instead of throwing', () => {
    const result = evaluate('IAM.1', 'iam/policy-undecodable');

    expect(result).toEqual({ status: 'NOT_APPLICABLE', reason: expect.stringMatching(/not valid URL-encoded text/) });
  });

  it('skips AWS managed policies (IAM.1 checks customer managed policies only)', () => {
    const managed = item('iam/policy-full-admin');
    (managed.configuration as Record<string, unknown>).arn = 'arn:aws:iam::aws:policy/AdministratorAccess';

    const result = control('IAM.1').evaluate(managed, { parameters: {}, related: () => [], now: NOW });

    expect(result.status).toBe('NOT_APPLICABLE');
  });

  it('honours a stricter maxAccessKeyAge for IAM.3', () => {
    expect(evaluate('IAM.3', 'iam/user-healthy', { maxAccessKeyAge: 30 })).toMatchObject({
      status: 'FAILED',
      reason: expect.stringMatching(/within 30 days: access key 1 \(61 days old\)/),
    });
  });

  it('ages credentials against the evaluation clock, not the real one', () => {
    const definition = control('IAM.22');
    const later = { parameters: { maxCredentialUsageAge: 45 }, related: () => [], now: new Date('2025-08-01T00:00:00Z') };

    expect(definition.evaluate(item('iam/user-healthy'), later).status).toBe('FAILED');
  });

  it('honours IAM.7 parameters: a longer minimum length and a reuse requirement', () => {
    expect(evaluate('IAM.7', 'account/account-hardened', { MinimumPasswordLength: 20 })).toMatchObject({ status: 'FAILED', reason: expect.stringMatching(/14, below 20/) });
    expect(evaluate('IAM.7', 'account/account-exposed', { RequireUppercaseCharacters: false, RequireSymbols: false, MinimumPasswordLength: 6 }).status).toBe('PASSED');
  });

  it('passes root MFA checks when the root user has no credentials at all', () => {
    const account = item('account/account-exposed');
    account.supplementaryConfiguration = { AccountSummary: { AccountAccessKeysPresent: 0, AccountMFAEnabled: 0, AccountPasswordPresent: 0 } };

    expect(control('IAM.9').evaluate(account, { parameters: {}, related: () => [], now: NOW }).status).toBe('PASSED');
    expect(control('IAM.6').evaluate(account, { parameters: {}, related: () => [], now: NOW }).status).toBe('PASSED');
  });
});
