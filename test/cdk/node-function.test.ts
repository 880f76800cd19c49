import { Duration } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { NodeFunction } from '../../lib/constructs/node-function';
import { testStack } from './synth';

describe('NodeFunction', () => {
  let template: Template;

  beforeAll(() => {
    const stack = testStack();
    new NodeFunction(stack, 'Defaults', { entry: 'lambdas/functions/api/handler.ts' });
    new NodeFunction(stack, 'Tuned', {
      entry: 'lambdas/functions/api/handler.ts',
      serviceName: 'tuned',
      memorySize: 1024,
      timeout: Duration.seconds(5),
      environment: { FINDINGS_TABLE: 'findings' },
    });
    template = Template.fromStack(stack);
  });

  it('runs Node.js 24 on arm64 with X-Ray active', () => {
    const functions = Object.values(template.findResources('AWS::Lambda::Function'));
    expect(functions).toHaveLength(2);
    for (const fn of functions) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
      });
    }
  });

  it('logs to its own log group with a retention', () => {
    template.resourceCountIs('AWS::Logs::LogGroup', 2);
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
    const [logGroupId] = Object.keys(template.findResources('AWS::Logs::LogGroup'));
    template.hasResourceProperties('AWS::Lambda::Function', { LoggingConfig: { LogGroup: { Ref: logGroupId } } });
  });

  it('uses a role without AWS managed policies', () => {
    template.allResourcesProperties('AWS::IAM::Role', { ManagedPolicyArns: Match.absent() });
  });

  it("enables source maps, names the Powertools service and gives the hub's account", () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: { NODE_OPTIONS: '--enable-source-maps', POWERTOOLS_SERVICE_NAME: 'open-security-hub', SECHUB_ACCOUNT_ID: { Ref: 'AWS::AccountId' } } },
    });
  });

  it('defaults to 512 MB and 30 s', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: 'open-security-hub' }) },
      MemorySize: 512,
      Timeout: 30,
    });
  });

  it('takes memory, timeout and extra environment from props, keeping its own settings', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      MemorySize: 1024,
      Timeout: 5,
      Environment: {
        Variables: { NODE_OPTIONS: '--enable-source-maps', POWERTOOLS_SERVICE_NAME: 'tuned', SECHUB_ACCOUNT_ID: { Ref: 'AWS::AccountId' }, FINDINGS_TABLE: 'findings' },
      },
    });
  });
});
