import { InvalidInputError } from '../../../lambdas/shared/errors';
import { defaultComplianceSettings } from '../../../lambdas/compliance/settings';
import { effectiveParameters, findControl, validateComplianceSettings } from '../../../lambdas/compliance/state/settings-validation';

const settings = (controls: Record<string, unknown>, enabledStandards: string[] = ['aws-foundational-security-best-practices/v/1.0.0']) =>
  ({ enabledStandards, controls }) as never;

describe('validateComplianceSettings', () => {
  it('accepts the defaults', () => {
    expect(validateComplianceSettings(defaultComplianceSettings())).toEqual(defaultComplianceSettings());
  });

  it('refuses an unknown standard, naming the entry', () => {
    expect(() => validateComplianceSettings(settings({}, ['nist/v/5']))).toThrow(/enabledStandards\[0\]/);
  });

  it('refuses a disabled control without a reason', () => {
    expect(() => validateComplianceSettings(settings({ 'S3.1': { enabled: false } }))).toThrow(InvalidInputError);
    expect(() => validateComplianceSettings(settings({ 'S3.1': { enabled: false } }))).toThrow(/controls\.S3\.1\.disabledReason/);
  });

  it('refuses unknown controls, unknown parameters and values of the wrong type', () => {
    expect(() => validateComplianceSettings(settings({ 'S3.999': { enabled: true } }))).toThrow(/unknown control/);
    expect(() => validateComplianceSettings(settings({ 'EKS.2': { enabled: true, parameters: { nope: 1 } } }))).toThrow(/parameters\.nope/);
    expect(() => validateComplianceSettings(settings({ 'EKS.8': { enabled: true, parameters: { logTypes: 'audit' } } }))).toThrow(/stringList/);
  });

  it('applies custom parameter values over the defaults', () => {
    const eks2 = findControl('EKS.2');
    if (eks2 === undefined) throw new Error('EKS.2 missing');
    expect(effectiveParameters(eks2, settings({ 'EKS.2': { enabled: true, parameters: { oldestVersionSupported: '1.30' } } }))).toEqual({ oldestVersionSupported: '1.30' });
    expect(effectiveParameters(eks2, defaultComplianceSettings())).toEqual({ oldestVersionSupported: '1.28' });
  });
});
