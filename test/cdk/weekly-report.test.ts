import { Match, Template } from 'aws-cdk-lib/assertions';
import { FindingsStore } from '../../lib/constructs/findings-store';
import { WeeklyReport } from '../../lib/constructs/weekly-report';
import { testStack } from './synth';

const stack = testStack();
const store = new FindingsStore(stack, 'FindingsStore');
const report = new WeeklyReport(stack, 'WeeklyReport', { table: store.table, email: 'ciso@example.com' });
const template = Template.fromStack(stack);
const id = (construct: { node: { defaultChild?: unknown } }) => stack.getLogicalId(construct.node.defaultChild as never);

describe('WeeklyReport', () => {
  it('runs weekly through EventBridge Scheduler, invoking the report function with retries and a dead-letter queue', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 6 ? * MON *)',
      Target: { Arn: { 'Fn::GetAtt': [id(report.function), 'Arn'] }, RetryPolicy: { MaximumRetryAttempts: 2 }, DeadLetterConfig: { Arn: Match.anyValue() } },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ REPORT_BUCKET: { Ref: id(report.bucket) }, REPORT_TOPIC_ARN: { Ref: id(report.topic) }, FINDINGS_TABLE: Match.anyValue() }) },
    });
  });

  it('keeps reports in a private, KMS-encrypted, TLS-only, access-logged bucket', () => {
    const bucket = template.findResources('AWS::S3::Bucket')[id(report.bucket)];
    expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault).toMatchObject({ SSEAlgorithm: 'aws:kms' });
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(bucket.Properties.LoggingConfiguration).toMatchObject({ LogFilePrefix: 'reports/' });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: id(report.bucket) },
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  it('sends the notice on an encrypted topic, TLS only, with the email subscribed', () => {
    template.hasResourceProperties('AWS::SNS::Topic', { DisplayName: 'Open Security Hub weekly report', KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ciso@example.com', TopicArn: { Ref: id(report.topic) } });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });
});
