import { Match, Template } from 'aws-cdk-lib/assertions';
import * as events from 'aws-cdk-lib/aws-events';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Compliance, CONFIG_CHANGE_PATTERN } from '../../lib/constructs/compliance';
import { FindingsStore } from '../../lib/constructs/findings-store';
import { ENTRY_METADATA_KEY } from '../../lib/constructs/node-function';
import { matchesEventPattern } from '../../lib/local/engine';
import { testStack } from './synth';
import { configEvent, configEventWithItem } from '../support/fixtures';

const fixture = (file: string) => configEventWithItem(file);

describe('Compliance', () => {
  let template: Template;

  beforeAll(() => {
    const stack = testStack();
    const store = new FindingsStore(stack, 'FindingsStore');
    const bus = new events.EventBus(stack, 'OrganizationBus');
    new Compliance(stack, 'Compliance', { table: store.table, bus, deadLetterKey: new kms.Key(stack, 'Key'), configAggregatorName: 'org-aggregator' });
    template = Template.fromStack(stack);
  });

  it('routes Config Configuration Item Change events from the default and the organization bus to the evaluator', () => {
    const rules = template.findResources('AWS::Events::Rule', {
      Properties: { EventPattern: Match.objectLike({ source: ['aws.config'], 'detail-type': ['Config Configuration Item Change'] }) },
    });
    const buses = Object.values(rules).map((rule) => JSON.stringify(rule.Properties.EventBusName ?? 'default'));
    expect(buses).toHaveLength(2);
    expect(buses.some((bus) => bus.includes('default'))).toBe(true);
    expect(buses.some((bus) => bus.includes('OrganizationBus'))).toBe(true);
  });

  it('matches both message types for types the controls read, and not other types', () => {
    const other = fixture('security-group-open-admin.json');
    other.detail.configurationItem.resourceType = 'AWS::SSM::Parameter';

    expect(matchesEventPattern(CONFIG_CHANGE_PATTERN, fixture('security-group-open-admin.json'))).toBe(true);
    expect(matchesEventPattern(CONFIG_CHANGE_PATTERN, configEvent('oversized-instance.json'))).toBe(true);
    expect(matchesEventPattern(CONFIG_CHANGE_PATTERN, fixture('guardduty-detector-suspended.json'))).toBe(true);
    expect(matchesEventPattern(CONFIG_CHANGE_PATTERN, other)).toBe(false);
  });

  it('retries delivery and invocation, and dead-letters to an encrypted queue with an alarm', () => {
    for (const rule of Object.values(template.findResources('AWS::Events::Rule'))) {
      expect(rule.Properties.Targets).toEqual([
        expect.objectContaining({ RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 86400 }, DeadLetterConfig: { Arn: expect.anything() } }),
      ]);
    }
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { MaximumRetryAttempts: 2, DestinationConfig: { OnFailure: { Destination: Match.anyValue() } } });
    template.hasResourceProperties('AWS::SQS::Queue', { KmsMasterKeyId: Match.anyValue(), MessageRetentionPeriod: 1209600 });
    template.resourceCountIs('AWS::CloudWatch::Alarm', 1);
  });

  it('deploys the change evaluator and the four sweep tasks with the aggregator name', () => {
    const functions = template.findResources('AWS::Lambda::Function');
    const entries = Object.values(functions)
      .map((fn) => fn.Metadata?.[ENTRY_METADATA_KEY])
      .sort();
    expect(entries).toEqual([
      'lambdas/functions/compliance-sweep-archive-stale/handler.ts',
      'lambdas/functions/compliance-sweep-evaluate-batch/handler.ts',
      'lambdas/functions/compliance-sweep-list/handler.ts',
      'lambdas/functions/compliance-sweep-snapshot-if-dirty/handler.ts',
      'lambdas/functions/compliance-sweep-snapshot/handler.ts',
      'lambdas/functions/evaluate-config-change/handler.ts',
    ]);
    for (const fn of Object.values(functions)) expect(fn.Properties.Environment.Variables.CONFIG_AGGREGATOR_NAME).toBe('org-aggregator');
  });

  it('reads Config only through the aggregator actions, scoped to aggregators of this account and Region', () => {
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap((policy) => policy.Properties.PolicyDocument.Statement);
    const config = statements.filter((statement) => [statement.Action].flat().some((action: string) => action.startsWith('config:')));
    const actions = new Set(config.flatMap((statement) => [statement.Action].flat()));
    expect([...actions].sort()).toEqual([
      'config:BatchGetAggregateResourceConfig',
      'config:DescribeConfigurationAggregatorSourcesStatus',
      'config:GetResourceConfigHistory',
      'config:ListAggregateDiscoveredResources',
    ]);
    for (const statement of config.filter((s) => s.Action !== 'config:GetResourceConfigHistory')) {
      expect(JSON.stringify(statement.Resource)).toContain(':config-aggregator/*');
    }
    expect(config.filter((s) => s.Resource === '*').map((s) => s.Action)).toEqual(['config:GetResourceConfigHistory']);
    expect(statements.some((s) => [s.Action].flat().some((a: string) => /^config:(Put|Delete|Start|Stop)/.test(a)))).toBe(false);
  });
});
