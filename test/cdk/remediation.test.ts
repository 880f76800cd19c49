import { Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { PLAYBOOKS, playbookDefinitionFile } from '../../lambdas/remediation/playbooks';
import { DEFINITION_METADATA_KEY } from '../../lib/constructs/compliance';
import { PLAYBOOK_ROLE_PATH } from '../../lib/constructs/remediation';
import { OpenSecurityHubStack } from '../../lib/open-security-hub-stack';
import { testApp } from './synth';
import { TEST_CONFIG, wholeStack, wholeStackTemplate } from './whole-stack';

/** The admin stack, as bin/app.ts makes it, with an organization id. */
function adminStack(context: Record<string, string>) {
  const app = testApp();
  for (const [key, value] of Object.entries(context)) app.node.setContext(key, value);
  const stack = new OpenSecurityHubStack(app, 'OpenSecurityHub');
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, template: Template.fromStack(stack) };
}

/** The state machine of a playbook (by its definition file metadata). */
function playbookMachine(template: Template, id: string): { logicalId: string; properties: Record<string, unknown> } {
  const machines = template.findResources('AWS::StepFunctions::StateMachine', { Metadata: { [DEFINITION_METADATA_KEY]: playbookDefinitionFile(id) } });
  const [logicalId, resource] = Object.entries(machines)[0] ?? [];
  if (!logicalId) throw new Error(`no state machine for ${id}`);
  return { logicalId, properties: (resource as { Properties: Record<string, unknown> }).Properties };
}

describe('Remediation construct', () => {
  const template = wholeStackTemplate(); // the default admin stack, synthesized once per run

  it('creates one Standard state machine per playbook from its ASL file, with the shared functions substituted', () => {
    for (const playbook of PLAYBOOKS) {
      const { properties } = playbookMachine(template, playbook.id);

      expect(properties.StateMachineType).toBe('STANDARD');
      expect(Object.keys(properties.DefinitionSubstitutions as object).sort()).toEqual(['ApprovalFunctionArn', 'CheckFunctionArn', 'RecordFunctionArn']);
    }
    const all = template.findResources('AWS::StepFunctions::StateMachine');
    const remediation = Object.values(all).filter((resource) =>
      String((resource as { Metadata?: Record<string, string> }).Metadata?.[DEFINITION_METADATA_KEY]).includes('/remediation-'),
    );
    expect(remediation).toHaveLength(PLAYBOOKS.length);
  });

  it('logs every execution event to a KMS-encrypted log group and traces with X-Ray', () => {
    const { properties } = playbookMachine(template, 's3-block-public-access');

    expect(properties.LoggingConfiguration).toMatchObject({ Level: 'ALL', IncludeExecutionData: true });
    expect(properties.TracingConfiguration).toEqual({ Enabled: true });
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: Match.stringLikeRegexp('Remediation-s3-block-public-access$'),
      KmsKeyId: Match.anyValue(),
    });
  });

  it('gives each playbook a role under the playbook path that invokes only the shared functions and assumes only the member remediation role', () => {
    const { properties } = playbookMachine(template, 'ec2-isolate-instance');
    const roleId = (properties.RoleArn as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]!;
    const role = template.findResources('AWS::IAM::Role')[roleId] as { Properties: { Path: string } };
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((policy) =>
      (policy as { Properties: { Roles: Array<{ Ref: string }> } }).Properties.Roles.some((ref) => ref.Ref === roleId),
    );
    const statements = policies.flatMap(
      (policy) => (policy as { Properties: { PolicyDocument: { Statement: Array<Record<string, unknown>> } } }).Properties.PolicyDocument.Statement,
    );
    const invoke = statements.find((statement) => statement.Action === 'lambda:InvokeFunction')!;
    const assume = statements.find((statement) => statement.Action === 'sts:AssumeRole')!;

    expect(role.Properties.Path).toBe(PLAYBOOK_ROLE_PATH);
    expect(invoke.Resource).toHaveLength(3);
    expect(JSON.stringify(assume.Resource)).toContain(':iam::*:role/OpenSecurityHubRemediation');
    // The whole stack is configured with an organization: the member roles it may assume are the organization's.
    expect(assume.Condition).toEqual({ StringEquals: { 'aws:ResourceOrgID': TEST_CONFIG.organizationId } });
    // Nothing else a playbook could act with directly: every member action goes through the assumed role.
    expect(statements.flatMap((statement) => statement.Action).filter((action) => /^(s3|ec2|iam|rds|cloudtrail):/.test(String(action)))).toEqual([]);
  });

  it('leaves the member roles unconditioned without an organizationId', () => {
    const { template: plain } = adminStack({});
    const assumes = Object.values(plain.findResources('AWS::IAM::Policy'))
      .flatMap((policy) => (policy as { Properties: { PolicyDocument: { Statement: Array<Record<string, unknown>> } } }).Properties.PolicyDocument.Statement)
      .filter((statement) => statement.Action === 'sts:AssumeRole' && JSON.stringify(statement.Resource).includes('OpenSecurityHubRemediation'));
    expect(assumes.length).toBeGreaterThan(0);
    for (const statement of assumes) expect(statement.Condition).toBeUndefined();
  });

  it('lets the API answer approvals of the playbooks', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'] })]) },
    });
  });

  it('sweeps for due approval reminders every 5 minutes with the approval function', () => {
    const approval = Object.keys(template.findResources('AWS::Lambda::Function', { Properties: { Description: Match.stringLikeRegexp('pending approval') } }));
    expect(approval).toHaveLength(1);
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(5 minutes)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [approval[0], 'Arn'] }, RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 300 } })],
    });
  });

  it('passes cdk-nag AwsSolutions', () => {
    const { treeViolations } = wholeStack();

    expect(treeViolations.filter((text) => text.includes('Remediation'))).toEqual([]);
  });
});
