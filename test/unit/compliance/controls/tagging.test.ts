import { taggingControls } from '../../../../lambdas/compliance/controls/tagging';
import { CONTROLS } from '../../../../lambdas/compliance/controls/registry';
import type { ConfigurationItem, ParameterValue } from '../../../../lambdas/compliance/controls/types';
import { CONTROL_TEST_NOW } from '../../../support/controls';
import { validateComplianceSettings } from '../../../../lambdas/compliance/state/settings-validation';
import { parameterValueOf } from '../../../../lambdas/api/compliance-wire';
import { TAGGING_PUBLISHED } from '../../../../lambdas/compliance/standards/tagging';

/**
 * Catalogue resource types Security Hub's tagging standard has no "<resource> should be tagged"
 * control for (its published list, March 2026), so no tagging control evaluates them.
 */
const NO_TAGGING_CONTROL = [
  'AWS::::Account',
  'AWS::ApiGateway::Stage',
  'AWS::ApiGatewayV2::Stage',
  'AWS::AutoScaling::LaunchConfiguration',
  'AWS::CodeBuild::Project',
  'AWS::CodeBuild::ReportGroup',
  'AWS::DMS::Endpoint',
  'AWS::EC2::VPNConnection',
  'AWS::ECR::Repository',
  'AWS::EFS::FileSystem',
  'AWS::EMR::SecurityConfiguration',
  'AWS::ElasticBeanstalk::Environment',
  'AWS::ElasticLoadBalancing::LoadBalancer',
  'AWS::ElasticLoadBalancingV2::LoadBalancer',
  'AWS::Glue::MLTransform',
  'AWS::IAM::Group',
  'AWS::IAM::Policy',
  'AWS::KMS::Key',
  'AWS::KafkaConnect::Connector',
  'AWS::MSK::Cluster',
  'AWS::NetworkFirewall::RuleGroup',
  'AWS::RDS::EventSubscription',
  'AWS::Route53::HostedZone',
  'AWS::S3::Bucket',
  'AWS::SSM::AssociationCompliance',
  'AWS::SSM::PatchCompliance',
  'AWS::SageMaker::Model',
  'AWS::StepFunctions::StateMachine',
  'AWS::WAF::Rule',
  'AWS::WAF::RuleGroup',
  'AWS::WAF::WebACL',
  'AWS::WAFRegional::Rule',
  'AWS::WAFRegional::RuleGroup',
  'AWS::WAFRegional::WebACL',
  'AWS::WAFv2::RuleGroup',
  'AWS::WAFv2::WebACL',
];

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

  it('cover every resource type the service controls evaluate, unless Security Hub has no tagging control for it', () => {
    const tagged = new Set(taggingControls.map((control) => control.resourceTypes[0]));
    const generated = new Set(taggingControls.map((control) => control.id));
    const serviceTypes = new Set(CONTROLS.filter((control) => !generated.has(control.id)).flatMap((control) => control.resourceTypes));
    expect([...serviceTypes].filter((type) => !tagged.has(type)).sort()).toEqual([...NO_TAGGING_CONTROL].sort());
    // Each tagging control's type is one the sweep lists for a service control, and each id is in Security Hub's list.
    expect([...tagged].filter((type) => !serviceTypes.has(type))).toEqual([]);
    expect(taggingControls.map((control) => control.id).filter((id) => !TAGGING_PUBLISHED.includes(id))).toEqual([]);
  });

  it('evaluate the tags of their own resource type only', () => {
    for (const control of taggingControls) {
      const item = { ...topic({ team: 'x' }), resourceType: control.resourceTypes[0]!, configuration: {} };
      const context = { parameters: { requiredTagKeys: [] }, related: () => [], now: CONTROL_TEST_NOW };
      expect([control.id, control.evaluate(item, context).status]).toEqual([control.id, 'PASSED']);
      expect([control.id, control.evaluate({ ...item, tags: {} }, context).status]).toEqual([control.id, 'FAILED']);
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
