import { Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { PLAYBOOKS } from '../../lambdas/remediation/playbooks';
import { MemberRemediationStack } from '../../lib/member-remediation-stack';
import { testApp } from './synth';

const ADMIN = '111122223333';

describe('MemberRemediationStack', () => {
  const app = testApp();
  const stack = new MemberRemediationStack(app, 'MemberRemediation', { adminAccountId: ADMIN });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const template = Template.fromStack(stack);
  const role = Object.values(template.findResources('AWS::IAM::Role', { Properties: { RoleName: 'OpenSecurityHubRemediation' } }))[0] as {
    Properties: { AssumeRolePolicyDocument: { Statement: Array<Record<string, unknown>> } };
  };
  const statements = Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) => JSON.stringify(policy).includes('RemediationRole'))
    .flatMap(
      (policy) =>
        (policy as { Properties: { PolicyDocument: { Statement: Array<{ Action: string | string[]; Resource: unknown; Condition?: unknown }> } } }).Properties.PolicyDocument
          .Statement,
    );
  const actions = statements.flatMap((statement) => [statement.Action].flat());

  it('names the role OpenSecurityHubRemediation and trusts only the admin account’s playbook roles', () => {
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Action: 'sts:AssumeRole',
        Effect: 'Allow',
        Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::${ADMIN}:root`]] } },
        Condition: { ArnLike: { 'aws:PrincipalArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::${ADMIN}:role/open-security-hub/remediation/*`]] } } },
      },
    ]);
  });

  it("allows exactly the union of the registry's member actions", () => {
    expect([...actions].sort()).toEqual([...new Set(PLAYBOOKS.flatMap((playbook) => playbook.memberActions))].sort());
  });

  it("scopes write actions to this account's resources and conditions tags and PassRole", () => {
    const resourcesOf = (action: string) => JSON.stringify(statements.find((statement) => [statement.Action].flat().includes(action))!.Resource);
    const conditionOf = (action: string) => statements.find((statement) => [statement.Action].flat().includes(action))!.Condition;

    expect(resourcesOf('iam:UpdateAccessKey')).toContain(':user/*');
    expect(resourcesOf('iam:UpdateAccessKey')).toContain('AWS::AccountId');
    expect(resourcesOf('ec2:RevokeSecurityGroupIngress')).toContain(':security-group/*');
    expect(resourcesOf('iam:PassRole')).toContain(':role/OpenSecurityHubFlowLogsDelivery');
    expect(conditionOf('iam:PassRole')).toEqual({ StringEquals: { 'iam:PassedToService': 'vpc-flow-logs.amazonaws.com' } });
    expect(conditionOf('ec2:CreateTags')).toEqual({ StringEquals: { 'ec2:CreateAction': ['CreateSecurityGroup', 'CreateSnapshot', 'CreateFlowLogs'] } });
    for (const statement of statements.filter((s) => s.Resource === '*')) {
      expect([statement.Action].flat().every((action) => /^ec2:(Describe|GetEbs|EnableEbs)/.test(action))).toBe(true);
    }
  });

  it('deploys the flow logs delivery role for VPC Flow Logs of this account only', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'OpenSecurityHubFlowLogsDelivery',
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({ Principal: { Service: 'vpc-flow-logs.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } } })],
      },
    });
  });

  it('refuses an admin account id that is not 12 digits', () => {
    expect(() => new MemberRemediationStack(testApp(), 'Bad', { adminAccountId: '1234' })).toThrow('adminAccountId: expected a 12-digit AWS account id, got "1234"');
  });

  it('passes cdk-nag AwsSolutions', () => {
    const { violations } = new AwsSolutionsChecks().validateScope(app);

    expect(violations.map((violation) => `${violation.ruleName} ${JSON.stringify(violation.violatingResources.map((r) => r.constructPath))}`)).toEqual([]);
  });
});
