import { Match, Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Correlation, CORRELATION_BATCH_SIZE, CORRELATION_RETRIES } from '../../lib/constructs/correlation';
import { CORRELATION_STREAM_FILTER } from '../../lambdas/triage/correlation/trigger';
import { testStack } from './synth';

function synth(): Template {
  const stack = testStack();
  const table = new dynamodb.Table(stack, 'Findings', {
    partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
  });
  new Correlation(stack, 'Correlation', { table, deadLetterKey: new kms.Key(stack, 'Key') });
  return Template.fromStack(stack);
}

describe('Correlation construct', () => {
  const template = synth();

  it('feeds the table stream (finding items only) to correlate-findings in batches, with partial batch failures', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: CORRELATION_BATCH_SIZE,
      MaximumRetryAttempts: CORRELATION_RETRIES,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      StartingPosition: 'TRIM_HORIZON',
      FilterCriteria: { Filters: [{ Pattern: JSON.stringify(CORRELATION_STREAM_FILTER) }] },
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
    template.resourceCountIs('AWS::Events::Rule', 0);
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
