import { type CfnElement, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledgeTableDataGrant } from './acknowledgements';
import { NodeFunction } from './node-function';

/** Props of {@link WeeklyReport}. */
export interface WeeklyReportProps {
  readonly table: dynamodb.ITable;
  /** When the report runs. @default Mondays 06:00 UTC */
  readonly schedule?: scheduler.ScheduleExpression;
  /** Who gets the notice by email (optional; others subscribe to the topic). */
  readonly email?: string;
  /** Days a report is kept. @default 365 */
  readonly retentionDays?: number;
}

/**
 * The scheduled weekly posture report (docs/reports.md): EventBridge Scheduler invokes a function
 * that renders the organization's report as HTML into a private, KMS-encrypted, TLS-only bucket
 * and publishes a notice with a pre-signed link on an encrypted SNS topic.
 */
export class WeeklyReport extends Construct {
  public readonly bucket: s3.Bucket;
  public readonly topic: sns.Topic;
  public readonly function: NodeFunction;
  public readonly schedule: scheduler.Schedule;

  constructor(scope: Construct, id: string, props: WeeklyReportProps) {
    super(scope, id);
    const key = new kms.Key(this, 'Key', { enableKeyRotation: true, description: 'Open Security Hub: weekly reports and their notices' });
    const accessLogs = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED, // S3 server access logging delivers only to SSE-S3 buckets
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(props.retentionDays ?? 365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(accessLogs).acknowledge({ id: 'AwsSolutions-S1', reason: 'This is the access-log bucket of the reports bucket; logging it to itself would loop.' });
    this.bucket = new s3.Bucket(this, 'Reports', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: key,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'reports/',
      lifecycleRules: [{ expiration: Duration.days(props.retentionDays ?? 365), noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.topic = new sns.Topic(this, 'Notices', { displayName: 'Open Security Hub weekly report', masterKey: key, enforceSSL: true });
    if (props.email !== undefined) this.topic.addSubscription(new subscriptions.EmailSubscription(props.email));

    this.function = new NodeFunction(this, 'Publish', {
      entry: 'lambdas/functions/weekly-report/handler.ts',
      description: 'Weekly posture report to S3, and a notice with a pre-signed link',
      timeout: Duration.minutes(5),
      memorySize: 1024,
      environment: { FINDINGS_TABLE: props.table.tableName, REPORT_BUCKET: this.bucket.bucketName, REPORT_TOPIC_ARN: this.topic.topicArn },
    });
    props.table.grantReadData(this.function);
    acknowledgeTableDataGrant(this.function.role!, props.table);
    this.bucket.grantPut(this.function);
    this.bucket.grantRead(this.function, 'posture/*'); // the pre-signed link is signed by the function's role
    this.topic.grantPublish(this.function);
    for (const [action, reason] of [
      ['s3:Abort*', 'bucket.grantPut: multipart uploads of the report objects, on this bucket only'],
      ['s3:GetObject*', 'The pre-signed link reads report objects (posture/*) of this bucket only'],
      ['s3:GetBucket*', "bucket.grantRead: the bucket's own metadata, for the pre-signed read"],
      ['s3:List*', 'bucket.grantRead: listing within this bucket only'],
      ['kms:GenerateDataKey*', "Encrypting report objects and notices with this construct's key only"],
      ['kms:ReEncrypt*', "bucket.grantPut on a KMS bucket: this construct's key only"],
    ] as const) {
      Validations.of(this.function.role!).acknowledge({ id: `AwsSolutions-IAM5[Action::${action}]`, reason });
    }
    const arnOf = (construct: Construct) => `<${Stack.of(this).getLogicalId(construct.node.defaultChild as CfnElement)}.Arn>`;
    Validations.of(this.function.role!).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${arnOf(this.bucket)}/*]`,
      reason: 'bucket.grantPut: report objects are written under keys chosen per run (posture/<date>.html), in this bucket only',
    });
    Validations.of(this.function.role!).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${arnOf(this.bucket)}/posture/*]`,
      reason: 'The pre-signed links read the report objects (posture/*) of this bucket only',
    });

    const deadLetters = new sqs.Queue(this, 'ScheduleDeadLetters', {
      encryptionMasterKey: key,
      encryption: sqs.QueueEncryption.KMS,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(deadLetters).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'This queue is the dead-letter queue of the weekly report schedule.' });
    const role = new iam.Role(this, 'ScheduleRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com'),
      description: 'EventBridge Scheduler: invokes the weekly report function',
    });
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${arnOf(this.function)}:*]`,
      reason: 'lambda grantInvoke: the function and its versions/aliases, this function only',
    });
    this.schedule = new scheduler.Schedule(this, 'Schedule', {
      description: 'Open Security Hub weekly posture report',
      schedule: props.schedule ?? scheduler.ScheduleExpression.cron({ weekDay: 'MON', hour: '6', minute: '0' }),
      target: new targets.LambdaInvoke(this.function, { deadLetterQueue: deadLetters, retryAttempts: 2, role }),
    });
  }
}
