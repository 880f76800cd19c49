import { Match, Template } from 'aws-cdk-lib/assertions';
import * as events from 'aws-cdk-lib/aws-events';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Alerting, FINDING_EVENTS_PATTERN, severitiesFrom } from '../../lib/constructs/alerting';
import { FindingsStore } from '../../lib/constructs/findings-store';
import { ENTRY_METADATA_KEY } from '../../lib/constructs/node-function';
import { matchesEventPattern } from '../../lib/local/engine';
import { testStack } from './synth';

function synth(props: { alertEmail?: string; alertMinimumSeverity?: string } = {}) {
  const stack = testStack();
  const store = new FindingsStore(stack, 'FindingsStore');
  const bus = new events.EventBus(stack, 'AppBus');
  const alerting = new Alerting(stack, 'Alerting', { table: store.table, bus, deadLetterKey: new kms.Key(stack, 'Key'), ...props });
  return { template: Template.fromStack(stack), stack, alerting };
}

const logicalId = (construct: { node: { defaultChild?: unknown } }, stack: ReturnType<typeof testStack>) => stack.getLogicalId(construct.node.defaultChild as never);

describe('Alerting', () => {
  it('encrypts the topic with its own rotating customer-managed key and enforces TLS', () => {
    const { template, stack, alerting } = synth();
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [logicalId(alerting.key, stack), 'Arn'] } });
    template.hasResourceProperties('AWS::KMS::Key', { Description: 'Open Security Hub: alerts topic', EnableKeyRotation: true });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  it("lets this account's EventBridge use the key, so responders' own rules can target the topic", () => {
    const { template } = synth();
    template.hasResourceProperties('AWS::KMS::Key', {
      Description: 'Open Security Hub: alerts topic',
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'events.amazonaws.com' },
            Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
          }),
        ]),
      },
    });
  });

  it('lets the router publish to this topic and nothing else on SNS', () => {
    const { template, stack, alerting } = synth();
    const policies = template.findResources('AWS::IAM::Policy', {
      Properties: { Roles: [{ Ref: logicalId(alerting.router.role as never, stack) }] },
    });
    const statements = Object.values(policies).flatMap((policy) => policy.Properties.PolicyDocument.Statement as Array<{ Action: string | string[]; Resource: unknown }>);
    const snsStatements = statements.filter((statement) => [statement.Action].flat().some((action) => action.startsWith('sns:')));
    expect(snsStatements).toEqual([expect.objectContaining({ Action: 'sns:Publish', Resource: { Ref: logicalId(alerting.topic, stack) } })]);
    const kmsStatements = statements.filter((statement) => [statement.Action].flat().some((action) => action.startsWith('kms:')));
    const keys = kmsStatements.map((statement) => JSON.stringify(statement.Resource));
    expect(keys.some((key) => key.includes(logicalId(alerting.key, stack)))).toBe(true);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ ALERT_TOPIC_ARN: { Ref: logicalId(alerting.topic, stack) } }) },
    });
  });

  it('routes finding events from the app bus to the router, with retries and a dead-letter queue', () => {
    const { template, stack, alerting } = synth();
    template.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: { Ref: Match.stringLikeRegexp('AppBus') },
      EventPattern: {
        source: ['open-security-hub'],
        'detail-type': ['Security Hub Findings - Imported', 'Remediation Failed', 'Remediation Awaiting Approval', 'Remediation Approval Reminder'],
      },
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [logicalId(alerting.router, stack), 'Arn'] }, RetryPolicy: Match.anyValue(), DeadLetterConfig: Match.anyValue() })],
    });
    const functions = Object.values(template.findResources('AWS::Lambda::Function')).map((fn) => fn.Metadata?.[ENTRY_METADATA_KEY]);
    expect(functions).toContain('lambdas/functions/route-alerts/handler.ts');
    template.resourceCountIs('AWS::CloudWatch::Alarm', 1);
  });

  it('matches finding events, failed remediations and approval requests and reminders, not other events of the app', () => {
    const event = (source: string, detailType: string) => ({ source, 'detail-type': detailType, detail: {} });
    expect(matchesEventPattern(FINDING_EVENTS_PATTERN, event('open-security-hub', 'Security Hub Findings - Imported'))).toBe(true);
    expect(matchesEventPattern(FINDING_EVENTS_PATTERN, event('open-security-hub', 'Remediation Failed'))).toBe(true);
    expect(matchesEventPattern(FINDING_EVENTS_PATTERN, event('open-security-hub', 'Remediation Awaiting Approval'))).toBe(true);
    expect(matchesEventPattern(FINDING_EVENTS_PATTERN, event('open-security-hub', 'Remediation Approval Reminder'))).toBe(true);
    expect(matchesEventPattern(FINDING_EVENTS_PATTERN, event('open-security-hub', 'Remediation Completed'))).toBe(false);
    expect(matchesEventPattern(FINDING_EVENTS_PATTERN, event('open-security-hub', 'Security Score Changed'))).toBe(false);
    expect(matchesEventPattern(FINDING_EVENTS_PATTERN, event('aws.securityhub', 'Security Hub Findings - Imported'))).toBe(false);
  });

  it('subscribes the alert e-mail with a severity filter policy', () => {
    const { template } = synth({ alertEmail: 'soc@example.com', alertMinimumSeverity: 'HIGH' });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'soc@example.com',
      FilterPolicy: { severity: ['HIGH', 'CRITICAL'] },
    });
  });

  it('has no subscription without alertEmail', () => {
    synth().template.resourceCountIs('AWS::SNS::Subscription', 0);
  });

  it('refuses an unknown minimum severity', () => {
    expect(severitiesFrom('MEDIUM')).toEqual(['MEDIUM', 'HIGH', 'CRITICAL']);
    expect(() => severitiesFrom('URGENT')).toThrow(/alertMinimumSeverity must be one of/);
  });
});
