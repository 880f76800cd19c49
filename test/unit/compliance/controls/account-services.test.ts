import { accountServicesControls } from '../../../../lambdas/compliance/controls/account-services';
import type { ConfigurationItem, EvaluationContext, ParameterValue } from '../../../../lambdas/compliance/controls/types';
import { configItem } from '../../../support/fixtures';

const item = (name: string): ConfigurationItem => configItem(`account/${name}`);
function evaluate(id: string, account: string, related: Record<string, string[]> = {}, overrides: Record<string, ParameterValue> = {}) {
  const definition = accountServicesControls.find((entry) => entry.id === id)!;
  const defaults = Object.fromEntries(Object.entries(definition.parameters ?? {}).map(([name, parameter]) => [name, parameter.default]));
  const context: EvaluationContext = { parameters: { ...defaults, ...overrides }, related: (type) => (related[type] ?? []).map(item), now: new Date('2025-06-01T00:00:00Z') };
  return definition.evaluate(item(account), context);
}
const DETECTOR = 'AWS::GuardDuty::Detector';
const RECORDER = 'AWS::Config::ConfigurationRecorder';

describe('Account security service controls', () => {
  it.each([
    ['GuardDuty.1', { [DETECTOR]: ['guardduty-detector-enabled'] }, 'PASSED', /detector 12abc34d567e8fa901bc2d34e56789f0 is enabled/],
    ['GuardDuty.1', { [DETECTOR]: ['guardduty-detector-suspended'] }, 'FAILED', /suspended/],
    ['GuardDuty.1', {}, 'FAILED', /no detector in this Region/],
    ['Config.1', { [RECORDER]: ['config-recorder-service-linked'] }, 'PASSED', /records all resources with the service-linked role/],
    ['Config.1', { [RECORDER]: ['config-recorder-custom-role'] }, 'FAILED', /my-config-role instead of the AWSServiceRoleForConfig/],
    ['Config.1', { [RECORDER]: ['config-recorder-partial'] }, 'FAILED', /does not record all supported resource types/],
    ['Config.1', {}, 'FAILED', /no configuration recorder/],
  ])('%s judges the account with %j as %s and says why', (id, related, status, reason) => {
    expect(evaluate(id, 'account-hardened', related)).toEqual({ status, reason: expect.stringMatching(reason) });
  });

  it.each(['GuardDuty.1', 'Config.1', 'OSH.SecurityHub.1'])('does not judge %s on a resource that is not the account', (id) => {
    expect(evaluate(id, 'guardduty-detector-enabled').status).toBe('NOT_APPLICABLE');
  });

  it('accepts a custom Config role when includeConfigServiceLinkedRoleCheck is false', () => {
    expect(evaluate('Config.1', 'account-hardened', { [RECORDER]: ['config-recorder-custom-role'] }, { includeConfigServiceLinkedRoleCheck: false }).status).toBe('PASSED');
  });

  it.each([
    ['account-hardened', 'PASSED', /Security Hub is enabled/],
    ['account-exposed', 'FAILED', /not enabled in this account and Region/],
    ['account-unrecorded', 'NOT_APPLICABLE', /records no Security Hub status/],
  ])('OSH.SecurityHub.1 judges %s as %s and says why', (account, status, reason) => {
    expect(evaluate('OSH.SecurityHub.1', account)).toEqual({ status, reason: expect.stringMatching(reason) });
  });
});
