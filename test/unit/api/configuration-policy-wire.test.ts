import { parsePolicyShape, parseTarget, policySettingsOf, policyShape } from '../../../lambdas/api/configuration-policy-wire';
import type { ServiceLocation } from '../../../lambdas/api/operation';

const here: ServiceLocation = { accountId: '000000000000', region: 'us-east-1', partition: 'aws' };
const FSBP = 'arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0';

describe('central configuration wire shapes', () => {
  it('reads each Target member and refuses malformed ids, naming the member', () => {
    expect(parseTarget({ AccountId: '111122223333' }, 'Target')).toEqual({ type: 'ACCOUNT', id: '111122223333' });
    expect(parseTarget({ OrganizationalUnitId: 'ou-ab12-cdef3456' }, 'Target')).toEqual({ type: 'ORGANIZATIONAL_UNIT', id: 'ou-ab12-cdef3456' });
    expect(parseTarget({ RootId: 'r-ab12' }, 'Target')).toEqual({ type: 'ROOT', id: 'r-ab12' });
    expect(() => parseTarget({ RootId: 'root' }, 'Target')).toThrow("Invalid parameter 'Target.RootId': 'root' is not a root id (r-…).");
    expect(() => parseTarget({ Account: '111122223333' }, 'Target')).toThrow("Invalid parameter 'Target.Account': not a member of Target");
    expect(() => parseTarget(undefined, 'Target')).toThrow("Missing required parameter 'Target'.");
  });

  it('round-trips a policy: standards by ARN, a disabled list, custom and default parameters', () => {
    const wire = {
      SecurityHub: {
        ServiceEnabled: true,
        EnabledStandardIdentifiers: [FSBP],
        SecurityControlsConfiguration: {
          DisabledSecurityControlIdentifiers: ['S3.1'],
          SecurityControlCustomParameters: [
            { SecurityControlId: 'IAM.7', Parameters: { MinimumPasswordLength: { ValueType: 'CUSTOM', Value: { Integer: 14 } }, RequireSymbols: { ValueType: 'DEFAULT' } } },
          ],
        },
      },
    };
    const settings = policySettingsOf(parsePolicyShape(wire, 'ConfigurationPolicy'), here, 'ConfigurationPolicy.SecurityHub');
    expect(settings).toEqual({
      serviceEnabled: true,
      enabledStandards: ['aws-foundational-security-best-practices/v/1.0.0'],
      controls: { mode: 'disabled', ids: ['S3.1'] },
      parameters: { 'IAM.7': { MinimumPasswordLength: 14, RequireSymbols: null } },
    });
    expect(policyShape(settings, here)).toEqual(wire);
  });

  it('refuses a Policy without its one member and a parameter the control does not have', () => {
    expect(() => parsePolicyShape({}, 'ConfigurationPolicy')).toThrow("Invalid parameter 'ConfigurationPolicy': set exactly one of SecurityHub.");
    const wire = {
      ServiceEnabled: true,
      EnabledStandardIdentifiers: [],
      SecurityControlsConfiguration: {
        DisabledSecurityControlIdentifiers: [],
        SecurityControlCustomParameters: [{ SecurityControlId: 'S3.1', Parameters: { Nope: { ValueType: 'DEFAULT' } } }],
      },
    };
    expect(() => policySettingsOf(wire, here, 'ConfigurationPolicy.SecurityHub')).toThrow(
      "Invalid parameter 'ConfigurationPolicy.SecurityHub.SecurityControlsConfiguration.SecurityControlCustomParameters[0].Parameters.Nope': control S3.1 has no parameter Nope.",
    );
  });

  it('takes a policy that turns Security Hub off without standards or controls', () => {
    expect(policySettingsOf({ ServiceEnabled: false }, here, 'ConfigurationPolicy.SecurityHub')).toEqual({ serviceEnabled: false, enabledStandards: [] });
  });
});
