import { Match, Template } from 'aws-cdk-lib/assertions';
import * as events from 'aws-cdk-lib/aws-events';
import * as kms from 'aws-cdk-lib/aws-kms';
import { SWEEP_TYPE_GROUPS } from '../../lambdas/compliance/sweep/sweep';
import { Compliance, COMPLIANCE_EVALUATION_ASL, DEFINITION_METADATA_KEY } from '../../lib/constructs/compliance';
import { FindingsStore } from '../../lib/constructs/findings-store';
import { DEFINITION_METADATA } from '../../lib/local/engine';
import { testStack } from './synth';

function synth(sweepSchedule?: events.Schedule): Template {
  const stack = testStack();
  const store = new FindingsStore(stack, 'FindingsStore');
  new Compliance(stack, 'Compliance', { table: store.table, bus: new events.EventBus(stack, 'OrganizationBus'), deadLetterKey: new kms.Key(stack, 'Key'), sweepSchedule });
  return Template.fromStack(stack);
}

const logicalIdOf = (template: Template, type: string, entry: string) =>
  Object.entries(template.findResources(type)).find(([, resource]) => resource.Metadata?.['OpenSecurityHub:Entry'] === entry)![0];

describe('Compliance: the compliance-evaluation state machine', () => {
  let template: Template;

  beforeAll(() => {
    template = synth();
  });

  it('deploys the ASL file as a Standard workflow with the sweep functions and swept types substituted', () => {
    const fn = (entry: string) => ({ 'Fn::GetAtt': [logicalIdOf(template, 'AWS::Lambda::Function', entry), 'Arn'] });

    template.resourceCountIs('AWS::StepFunctions::StateMachine', 1);
    template.hasResource('AWS::StepFunctions::StateMachine', {
      Metadata: { [DEFINITION_METADATA_KEY]: COMPLIANCE_EVALUATION_ASL },
      Properties: {
        StateMachineType: 'STANDARD',
        DefinitionS3Location: Match.anyValue(),
        DefinitionSubstitutions: {
          SweptTypes: SWEEP_TYPE_GROUPS.join(','),
          ListFunctionArn: fn('lambdas/functions/compliance-sweep-list/handler.ts'),
          EvaluateBatchFunctionArn: fn('lambdas/functions/compliance-sweep-evaluate-batch/handler.ts'),
          ArchiveStaleFunctionArn: fn('lambdas/functions/compliance-sweep-archive-stale/handler.ts'),
          SnapshotFunctionArn: fn('lambdas/functions/compliance-sweep-snapshot/handler.ts'),
        },
      },
    });
  });

  it('names its ASL file with the metadata key the embedded default reads', () => {
    expect(DEFINITION_METADATA_KEY).toBe(DEFINITION_METADATA);
  });

  it('logs every event with execution data to its own log group, and traces with X-Ray', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      LoggingConfiguration: {
        Level: 'ALL',
        IncludeExecutionData: true,
        Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('ComplianceEvaluationLogs'), 'Arn'] } } }],
      },
      TracingConfiguration: { Enabled: true },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: Match.stringLikeRegexp('^/aws/vendedlogs/states/'), RetentionInDays: 90 });
  });

  it('runs under a role that may invoke the four sweep functions and no other', () => {
    const [roleId] = Object.keys(
      template.findResources('AWS::IAM::Role', { Properties: { AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'states.amazonaws.com' } })] } } }),
    );
    const policies = Object.values(template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } }));
    const statements = policies.flatMap((policy) => policy.Properties.PolicyDocument.Statement as Array<{ Action: string | string[]; Resource: unknown }>);
    const invoke = statements.filter((statement) => [statement.Action].flat().some((action) => action.startsWith('lambda:')));

    expect(invoke).toHaveLength(1);
    expect(invoke[0].Action).toBe('lambda:InvokeFunction');
    const sweep = ['list', 'evaluate-batch', 'archive-stale', 'snapshot'].map((name) => ({
      'Fn::GetAtt': [logicalIdOf(template, 'AWS::Lambda::Function', `lambdas/functions/compliance-sweep-${name}/handler.ts`), 'Arn'],
    }));
    expect(invoke[0].Resource).toEqual(sweep);
    expect(statements.some((statement) => [statement.Action].flat().some((action) => /^(dynamodb|config|iam|sts):/.test(action)))).toBe(false);
  });

  it('starts daily on a schedule, with delivery retries and a dead-letter queue', () => {
    const stateMachineId = Object.keys(template.findResources('AWS::StepFunctions::StateMachine'))[0];

    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'cron(0 3 * * ? *)',
      Targets: [Match.objectLike({ Arn: { Ref: stateMachineId }, RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 86400 }, DeadLetterConfig: Match.anyValue() })],
    });
  });

  it('takes the schedule as a prop', () => {
    const hourly = synth(events.Schedule.expression('rate(1 hour)'));

    hourly.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(1 hour)' });
  });

  it('gives the snapshot task the table, the bus name and PutEvents on that bus only', () => {
    const fnId = logicalIdOf(template, 'AWS::Lambda::Function', 'lambdas/functions/compliance-sweep-snapshot/handler.ts');
    const busId = Object.keys(template.findResources('AWS::Events::EventBus'))[0];
    const fn = template.findResources('AWS::Lambda::Function')[fnId];
    const roleId = fn.Properties.Role['Fn::GetAtt'][0];
    const statements = Object.values(template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } })).flatMap(
      (policy) => policy.Properties.PolicyDocument.Statement as Array<{ Action: string | string[]; Resource: unknown }>,
    );

    expect(fn.Properties.Environment.Variables).toMatchObject({ FINDINGS_TABLE: expect.anything(), EVENT_BUS_NAME: { Ref: busId } });
    expect(statements).toContainEqual(expect.objectContaining({ Action: 'events:PutEvents', Resource: { 'Fn::GetAtt': [busId, 'Arn'] } }));
    expect(statements.some((statement) => [statement.Action].flat().includes('dynamodb:PutItem'))).toBe(true);
  });
});
