import { taggingControls } from '../../../../lambdas/compliance/controls/tagging';
import { CONTROLS } from '../../../../lambdas/compliance/controls/registry';
import type { ConfigurationItem, ParameterValue } from '../../../../lambdas/compliance/controls/types';
import { CONTROL_TEST_NOW } from '../../../support/controls';
import { validateComplianceSettings } from '../../../../lambdas/compliance/state/settings-validation';
import { parameterValueOf } from '../../../../lambdas/api/compliance-wire';

const topic = (tags?: Record<string, string>, status: ConfigurationItem['configurationItemStatus'] = 'OK'): ConfigurationItem => ({
  accountId: '111122223333',
  awsRegion: 'us-east-1',
  resourceType: 'AWS::SNS::Topic',
  resourceId: 'arn:aws:sns:us-east-1:111122223333:alerts',
  resourceName: 'alerts',
  configurationItemStatus: status,
  configuration: { TopicArn: 'arn:aws:sns:us-east-1:111122223333:alerts' },
  ...(tags && { tags }),
});

const sns3 = taggingControls.find((control) => control.id === 'SNS.3')!;
const evaluate = (item: ConfigurationItem, requiredTagKeys?: ParameterValue) =>
  sns3.evaluate(item, { parameters: requiredTagKeys === undefined ? { requiredTagKeys: [] } : { requiredTagKeys }, related: () => [], now: CONTROL_TEST_NOW });

describe('AWS Resource Tagging Standard controls', () => {
  it('cover resource types the catalogue evaluates, one control each, every one in the catalogue', () => {
    const types = taggingControls.map((control) => control.resourceTypes[0]);
    expect(new Set(types).size).toBe(types.length);
    for (const control of taggingControls) {
      expect(CONTROLS.filter((candidate) => candidate.id === control.id)).toHaveLength(1);
      expect(control.parameters?.requiredTagKeys).toMatchObject({ type: 'stringList', default: [] });
      expect(control.title).toMatch(/should be tagged$/);
    }
  });

  it('without requiredTagKeys: PASSED with any user tag key, FAILED with none (aws: system tags do not count)', () => {
    expect(evaluate(topic({ team: 'payments' }))).toMatchObject({ status: 'PASSED' });
    expect(evaluate(topic())).toMatchObject({ status: 'FAILED', reason: expect.stringContaining('no tag keys') });
    expect(evaluate(topic({ 'aws:cloudformation:stack-name': 'app' }))).toMatchObject({ status: 'FAILED' });
  });

  it('with requiredTagKeys: FAILED naming each missing key (case sensitive), PASSED with all of them', () => {
    expect(evaluate(topic({ team: 'payments' }), ['team', 'env'])).toMatchObject({ status: 'FAILED', reason: expect.stringContaining('lacks the required tag keys env') });
    expect(evaluate(topic({ Team: 'payments', env: 'prod' }), ['team', 'env'])).toMatchObject({ status: 'FAILED', reason: expect.stringContaining('team') });
    expect(evaluate(topic({ team: 'payments', env: 'prod', extra: 'x' }), ['team', 'env'])).toMatchObject({ status: 'PASSED' });
    // Config rule form: a comma-separated string.
    expect(evaluate(topic({ team: 'payments', env: 'prod' }), 'team, env')).toMatchObject({ status: 'PASSED' });
  });

  it('NOT_APPLICABLE for a deleted resource or another type', () => {
    expect(evaluate(topic({ team: 'x' }, 'ResourceDeleted'))).toMatchObject({ status: 'NOT_APPLICABLE' });
    expect(evaluate({ ...topic({ team: 'x' }), resourceType: 'AWS::SQS::Queue' })).toMatchObject({ status: 'NOT_APPLICABLE' });
  });
});

describe('requiredTagKeys bounds (Security Hub: 1–6 keys)', () => {
  it('the settings refuse a customised value outside them, naming the field', () => {
    const settings = (keys: string[]) => ({ enabledStandards: [], controls: { 'SNS.3': { enabled: true, parameters: { requiredTagKeys: keys } } } });
    expect(() => validateComplianceSettings(settings(['a', 'b', 'c', 'd', 'e', 'f', 'g']))).toThrow(
      "Invalid parameter 'controls.SNS.3.parameters.requiredTagKeys': takes 1 to 6 entries, got 7.",
    );
    expect(() => validateComplianceSettings(settings([]))).toThrow(/takes 1 to 6 entries, got 0/);
    expect(validateComplianceSettings(settings(['team']))).toBeTruthy();
  });

  it('UpdateSecurityControl’s value check refuses them too', () => {
    const parameter = sns3.parameters!.requiredTagKeys;
    expect(() => parameterValueOf(parameter, { ValueType: 'CUSTOM', Value: { StringList: ['1', '2', '3', '4', '5', '6', '7'] } }, 'Parameters.requiredTagKeys')).toThrow(
      "Invalid parameter 'Parameters.requiredTagKeys.Value.StringList': takes 1 to 6 entries, got 7.",
    );
    expect(parameterValueOf(parameter, { ValueType: 'CUSTOM', Value: { StringList: ['team'] } }, 'Parameters.requiredTagKeys')).toEqual(['team']);
  });
});
