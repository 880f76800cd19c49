import { Match, Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { RemediationTriggers } from '../../../lib/constructs/remediation-triggers';
import { testStack } from '../synth';

function synth(): { template: Template; granted: iam.IGrantable[] } {
  const stack = testStack();
  const granted: iam.IGrantable[] = [];
  const table = new dynamodb.Table(stack, 'Findings', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
  new RemediationTriggers(stack, 'Triggers', {
    table,
    bus: new events.EventBus(stack, 'Bus'),
    deadLetterKey: new kms.Key(stack, 'Key'),
    playbooks: {
      stateMachineArnsJson: () => '{"s3-block-public-access":"arn:aws:states:us-east-1:111122223333:stateMachine:x"}',
      grantStart: (grantee) => void granted.push(grantee),
    },
  });
  return { template: Template.fromStack(stack), granted };
}

describe('RemediationTriggers construct', () => {
  const { template, granted } = synth();

  it("routes the built-in Remediate action's events, on the stack's own action ARN, to the dispatcher", () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['open-security-hub'],
        'detail-type': ['Security Hub Findings - Custom Action'],
        resources: [{ 'Fn::Join': ['', Match.arrayWith([':securityhub:', ':action/custom/Remediate'])] }],
      },
      Targets: [Match.objectLike({ DeadLetterConfig: Match.anyValue() })],
    });
  });

  it('routes created findings and compliance/record-state changes to the dispatcher', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        'detail-type': ['Security Hub Findings - Imported'],
        detail: { $or: [{ change: { created: [true] } }, { change: { updatedFields: ['Compliance', 'RecordState'] } }] },
      },
    });
  });

  it('gives the dispatcher the state machines, the table, StartExecution and the OU listing', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ FINDINGS_TABLE: Match.anyValue(), REMEDIATION_STATE_MACHINES: Match.stringLikeRegexp('s3-block-public-access') }) },
    });
    expect(granted).toHaveLength(1);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'organizations:ListAccountsForParent' })]) },
    });
    template.resourceCountIs('AWS::CloudWatch::Alarm', 1);
  });
});
