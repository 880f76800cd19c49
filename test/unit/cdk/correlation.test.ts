import { Match, Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Correlation } from '../../../lib/constructs/correlation';
import { CORRELATION_TRIGGER_FIELDS } from '../../../lambdas/correlate-findings/trigger';
import { testStack } from './synth';

function synth(): Template {
  const stack = testStack();
  const table = new dynamodb.Table(stack, 'Findings', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
  new Correlation(stack, 'Correlation', { table, bus: new events.EventBus(stack, 'Bus'), deadLetterKey: new kms.Key(stack, 'Key') });
  return Template.fromStack(stack);
}

describe('Correlation construct', () => {
  const template = synth();

  it('routes created findings and changes of the trigger fields on the app bus to correlate-findings', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: Match.anyValue(),
      EventPattern: {
        source: ['open-security-hub'],
        'detail-type': ['Security Hub Findings - Imported'],
        detail: { $or: [{ change: { created: [true] } }, { change: { updatedFields: [...CORRELATION_TRIGGER_FIELDS] } }] },
      },
      Targets: [Match.objectLike({ RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 8 }), DeadLetterConfig: Match.anyValue() })],
    });
  });

  it('gives the function the table, an encrypted dead-letter queue, and an alarm on it', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ FINDINGS_TABLE: Match.anyValue() }) },
    });
    template.hasResourceProperties('AWS::SQS::Queue', { KmsMasterKeyId: Match.anyValue() });
    template.resourceCountIs('AWS::CloudWatch::Alarm', 1);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['dynamodb:Query', 'dynamodb:PutItem']) })]) },
    });
  });
});
