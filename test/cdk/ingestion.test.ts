import { Match, Template } from 'aws-cdk-lib/assertions';
import { FindingsStore } from '../../lib/constructs/findings-store';
import { Ingestion } from '../../lib/constructs/ingestion';
import { ENTRY_METADATA_KEY } from '../../lib/constructs/node-function';
import { NORMALIZERS } from '../../lambdas/normalize/registry';
import { testStack } from './synth';

describe('Ingestion', () => {
  let template: Template;

  beforeAll(() => {
    const stack = testStack();
    const store = new FindingsStore(stack, 'FindingsStore');
    new Ingestion(stack, 'Ingestion', { table: store.table, organizationId: 'o-abc123def4' });
    template = Template.fromStack(stack);
  });

  it.each(NORMALIZERS.map((normalizer) => [normalizer.id, normalizer]))('routes %s events with the registry pattern from the default and the organization bus', (_, normalizer) => {
    const rules = template.findResources('AWS::Events::Rule', { Properties: { EventPattern: normalizer.eventPattern } });
    expect(Object.keys(rules)).toHaveLength(2);
    const buses = Object.values(rules).map((rule) => JSON.stringify(rule.Properties.EventBusName ?? 'default'));
    expect(buses.some((bus) => bus.includes('default'))).toBe(true);
    expect(buses.some((bus) => bus.includes('OrganizationBus'))).toBe(true);
  });

  it('retries every rule target and dead-letters what it cannot deliver', () => {
    const rules = Object.values(template.findResources('AWS::Events::Rule'));
    expect(rules).toHaveLength(NORMALIZERS.length * 2);
    for (const rule of rules) {
      expect(rule.Properties.Targets).toEqual([
        expect.objectContaining({
          RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 86400 },
          DeadLetterConfig: { Arn: expect.anything() },
        }),
      ]);
    }
  });

  it('sends failed invocations, with their error, to the dead-letter queue', () => {
    template.resourceCountIs('AWS::Lambda::EventInvokeConfig', NORMALIZERS.length);
    template.allResourcesProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('DeadLetters'), 'Arn'] } } },
    });
  });

  it('encrypts every dead-letter queue with the rotating customer-managed key and refuses plain HTTP', () => {
    template.resourceCountIs('AWS::SQS::Queue', NORMALIZERS.length);
    template.allResourcesProperties('AWS::SQS::Queue', { KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('QueueKey'), 'Arn'] } });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true, Description: Match.stringLikeRegexp('dead-letter') });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  it('alarms on the first dead-lettered event of each normalizer', () => {
    template.resourceCountIs('AWS::CloudWatch::Alarm', NORMALIZERS.length);
    template.allResourcesProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  it('lets only the organization put events on the ingestion bus', () => {
    template.hasResourceProperties('AWS::Events::EventBusPolicy', {
      Statement: Match.objectLike({ Action: 'events:PutEvents', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123def4' } } }),
    });
  });

  it('tells the embedded default which handler file each normalizer runs', () => {
    const functions = Object.values(template.findResources('AWS::Lambda::Function'));
    const entries = functions.map((fn) => fn.Metadata?.[ENTRY_METADATA_KEY]);
    expect(entries).toEqual(expect.arrayContaining(NORMALIZERS.map((normalizer) => `lambdas/functions/normalize-${normalizer.id}/handler.ts`)));
  });
});
