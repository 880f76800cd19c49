import { Match, Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import { ORGANIZATIONS_READ, OrganizationSync } from '../../lib/constructs/organization-sync';
import { testStack } from './synth';

function synth(): Template {
  const stack = testStack();
  const table = new dynamodb.Table(stack, 'Findings', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
  new OrganizationSync(stack, 'OrganizationSync', { table, deadLetterKey: new kms.Key(stack, 'Key') });
  return Template.fromStack(stack);
}

describe('OrganizationSync construct', () => {
  const template = synth();

  it('runs organization-sync hourly, dead-lettering a failed run to an encrypted queue with an alarm', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 hour)',
      Targets: [Match.objectLike({ DeadLetterConfig: { Arn: Match.anyValue() }, RetryPolicy: Match.anyValue() })],
    });
    template.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ FINDINGS_TABLE: Match.anyValue() }) } });
    template.hasResourceProperties('AWS::SQS::Queue', { KmsMasterKeyId: Match.anyValue() });
    template.resourceCountIs('AWS::CloudWatch::Alarm', 1);
  });

  it("lets the function read AWS Organizations' tree only, and write the table", () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: Match.arrayWith(['dynamodb:BatchWriteItem', 'dynamodb:PutItem']) }),
          Match.objectLike({ Action: ORGANIZATIONS_READ, Resource: '*' }),
        ]),
      },
    });
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
      (policy) => policy.Properties.PolicyDocument.Statement as Array<{ Action: string | string[] }>,
    );
    const organizationActions = statements.flatMap((statement) => [statement.Action].flat()).filter((action) => action.startsWith('organizations:'));
    expect(organizationActions.sort()).toEqual([...ORGANIZATIONS_READ].sort());
  });
});
