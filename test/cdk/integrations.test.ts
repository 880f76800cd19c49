import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as events from 'aws-cdk-lib/aws-events';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AwsSolutionsChecks } from 'cdk-nag';
import { FindingsStore } from '../../lib/constructs/findings-store';
import { Integrations, integrationsFromContext } from '../../lib/constructs/integrations';
import { OpenSecurityHubStack } from '../../lib/open-security-hub-stack';
import { testStack } from './synth';

const ALL_KINDS = {
  consoleUrl: 'https://console.example.com',
  destinations: [
    { name: 'sec-slack', kind: 'slack', credentials: { secretName: 'osh/slack-webhook' } },
    { name: 'sec-teams', kind: 'teams', credentials: { secretName: 'osh/teams-webhook' } },
    { name: 'oncall', kind: 'pagerduty', credentials: { secretName: 'osh/pagerduty-routing-key' } },
    { name: 'genie', kind: 'opsgenie', credentials: { secretName: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:osh/opsgenie-AbCdEf' } },
    { name: 'jira', kind: 'jira', url: 'https://acme.atlassian.net', projectKey: 'SEC', credentials: { secretName: 'osh/jira' }, inbound: { secretName: 'osh/jira-webhook' } },
    { name: 'snow', kind: 'servicenow', url: 'https://acme.service-now.com', credentials: { secretName: 'osh/servicenow' }, inbound: { secretName: 'osh/servicenow-token' } },
  ],
};

function synth(config: unknown = ALL_KINDS) {
  const stack = testStack();
  const store = new FindingsStore(stack, 'FindingsStore');
  const topic = new sns.Topic(stack, 'Alerts');
  const integrations = new Integrations(stack, 'Integrations', {
    table: store.table,
    bus: new events.EventBus(stack, 'AppBus'),
    alertsTopic: topic,
    deadLetterKey: new kms.Key(stack, 'Key'),
    config: integrationsFromContext(config),
  });
  return { template: Template.fromStack(stack), stack, integrations };
}

const roleOf = (fn: { role?: unknown }, stack: ReturnType<typeof testStack>) => ({ Ref: stack.getLogicalId((fn.role as { node: { defaultChild: never } }).node.defaultChild) });
const secretActions = (template: Template, role: unknown) =>
  Object.values(template.findResources('AWS::IAM::Policy', { Properties: { Roles: [role] } }))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Array<{ Action: string | string[]; Resource: unknown }>)
    .filter((statement) => JSON.stringify(statement.Action).includes('secretsmanager'));

describe('Integrations', () => {
  it('adds nothing when no destination is declared', () => {
    const { template } = synth(null);
    template.resourceCountIs('AWS::Lambda::Function', 0);
    template.resourceCountIs('AWS::SNS::Subscription', 0);
  });

  it('subscribes the delivery function to the alerts topic and puts it behind a rule on finding events, with retries and a dead-letter queue', () => {
    const { template, stack, integrations } = synth();
    const fn = stack.getLogicalId(integrations.deliver!.node.defaultChild as never);
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'lambda', Endpoint: { 'Fn::GetAtt': [fn, 'Arn'] } });
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { source: ['open-security-hub'], 'detail-type': ['Security Hub Findings - Imported'] },
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [fn, 'Arn'] }, DeadLetterConfig: Match.anyValue(), RetryPolicy: Match.anyValue() })],
    });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: fn },
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [stack.getLogicalId(integrations.deadLetterQueue!.node.defaultChild as never), 'Arn'] } } },
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { Threshold: 1, AlarmDescription: Match.stringLikeRegexp('Integration deliveries') });
  });

  it('hands the checked configuration to both functions', () => {
    const { template } = synth();
    const functions = Object.values(template.findResources('AWS::Lambda::Function'));
    expect(functions).toHaveLength(2);
    for (const fn of functions) {
      const config = JSON.parse(fn.Properties.Environment.Variables.INTEGRATIONS_CONFIG);
      expect(config.destinations.map((destination: { name: string }) => destination.name)).toEqual(['sec-slack', 'sec-teams', 'oncall', 'genie', 'jira', 'snow']);
      expect(config.destinations[2].rule).toHaveLength(2); // the paging default: CRITICAL, or priority 90 and above
    }
  });

  it('lets the delivery function read the outbound secrets and the webhook function only the inbound ones', () => {
    const { template, stack, integrations } = synth();
    const secret = (name: string) => ({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':secretsmanager:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, `:secret:${name}-??????`]],
    });
    expect(secretActions(template, roleOf(integrations.deliver!, stack))).toEqual([
      {
        Effect: 'Allow',
        Action: 'secretsmanager:GetSecretValue',
        Resource: [
          'arn:aws:secretsmanager:us-east-1:111122223333:secret:osh/opsgenie-AbCdEf',
          secret('osh/jira'),
          secret('osh/pagerduty-routing-key'),
          secret('osh/servicenow'),
          secret('osh/slack-webhook'),
          secret('osh/teams-webhook'),
        ],
      },
    ]);
    expect(secretActions(template, roleOf(integrations.webhook!, stack))).toEqual([
      { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: [secret('osh/jira-webhook'), secret('osh/servicenow-token')] },
    ]);
  });

  it('serves inbound webhooks on a function URL that authenticates in code', () => {
    const { template, stack, integrations } = synth();
    template.hasResourceProperties('AWS::Lambda::Url', {
      AuthType: 'NONE',
      TargetFunctionArn: { 'Fn::GetAtt': [stack.getLogicalId(integrations.webhook!.node.defaultChild as never), 'Arn'] },
    });
    template.hasOutput('*', { Description: Match.stringLikeRegexp('Inbound ticket webhooks') });
  });

  it('has no webhook function when no destination takes inbound webhooks, and no topic subscription without chat or paging', () => {
    const { template } = synth({ destinations: [{ name: 'jira', kind: 'jira', url: 'https://acme.atlassian.net', projectKey: 'SEC', credentials: { secretName: 'osh/jira' } }] });
    template.resourceCountIs('AWS::Lambda::Function', 1);
    template.resourceCountIs('AWS::Lambda::Url', 0);
    template.resourceCountIs('AWS::SNS::Subscription', 0);
  });

  it('refuses a configuration with a clear error naming the key', () => {
    expect(() => synth({ destinations: [{ name: 'jira', kind: 'jira', url: 'https://acme.atlassian.net', credentials: { secretName: 'osh/jira' } }] })).toThrow(
      'integrations.destinations[0].projectKey: is required for kind jira',
    );
    expect(() => synth('{not json')).toThrow(/^integrations: context value is not JSON/);
  });

  it('passes cdk-nag AwsSolutions in the whole stack with every kind declared', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [], integrations: ALL_KINDS } });
    new OpenSecurityHubStack(app, 'OpenSecurityHub');
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

    const assembly = app.synth();

    const report = JSON.parse(fs.readFileSync(path.join(assembly.directory, 'validation-report.json'), 'utf8')) as {
      pluginReports: { pluginName?: string; violations?: unknown[] }[];
    };
    expect(report.pluginReports.filter((entry) => entry.pluginName === 'AwsSolutions').flatMap((entry) => entry.violations ?? [])).toEqual([]);
  });
});
