import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { NORMALIZERS } from '../../lambdas/shared/normalize/registry';
import type { Normalizer } from '../../lambdas/shared/normalize/types';
import { acknowledgeTableDataGrant } from './acknowledgements';
import { toCdkPattern } from './event-patterns';
import { NodeFunction } from './node-function';

/** Props of {@link Ingestion}. */
export interface IngestionProps {
  /** The findings table the normalizers import into. */
  readonly table: dynamodb.ITable;
  /**
   * AWS Organizations id (`o-…`): member accounts of this organization may put events on the
   * ingestion bus. Without it, only this account's own buses feed the normalizers.
   */
  readonly organizationId?: string;
  /** The normalizers to deploy. @default every entry of the registry */
  readonly normalizers?: readonly Normalizer[];
}

/** One normalizer as deployed: its function, its dead-letter queue and the alarm on it. */
export interface DeployedNormalizer {
  readonly fn: NodeFunction;
  readonly deadLetterQueue: sqs.Queue;
  readonly alarm: cloudwatch.Alarm;
}

/** EventBridge retries delivery to a target this many times, then dead-letters the event. */
const DELIVERY_RETRIES = 8;
/** Lambda retries a failed asynchronous invocation this many times, then sends it to on-failure. */
const INVOKE_RETRIES = 2;

/**
 * Ingestion: per normalizer of the registry, a Lambda function and one EventBridge rule on each
 * of the admin account's buses (its default bus, where AWS services and delegated-admin
 * aggregation deliver, and the organization bus that member accounts forward to). Every target
 * retries and dead-letters to an encrypted SQS queue; failed invocations (unmappable events,
 * rejected findings) reach the same queue through Lambda's on-failure destination, with the error;
 * an alarm fires on the first message.
 */
export class Ingestion extends Construct {
  /** The organization bus member accounts forward their events to. */
  public readonly bus: events.EventBus;
  /** The key that encrypts the dead-letter queues. */
  public readonly key: kms.Key;
  /** Each deployed normalizer, by normalizer id. */
  public readonly normalizers: Record<string, DeployedNormalizer> = {};

  constructor(scope: Construct, id: string, props: IngestionProps) {
    super(scope, id);
    const stack = Stack.of(this);

    this.key = new kms.Key(this, 'QueueKey', {
      enableKeyRotation: true,
      description: 'Open Security Hub: ingestion dead-letter queues',
    });
    // EventBridge writes target dead letters itself, so it must be able to use the key.
    this.key.grant(new iam.ServicePrincipal('events.amazonaws.com'), 'kms:GenerateDataKey', 'kms:Decrypt');

    this.bus = new events.EventBus(this, 'OrganizationBus', { eventBusName: `${stack.stackName}-ingestion` });
    if (props.organizationId) {
      this.bus.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: 'MemberAccountsPutEvents',
          principals: [new iam.AnyPrincipal()],
          actions: ['events:PutEvents'],
          resources: [this.bus.eventBusArn],
          conditions: { StringEquals: { 'aws:PrincipalOrgID': props.organizationId } },
        }),
      );
    }
    const buses: Array<[string, events.IEventBus]> = [
      ['Default', events.EventBus.fromEventBusName(this, 'DefaultBus', 'default')],
      ['Organization', this.bus],
    ];

    for (const normalizer of props.normalizers ?? NORMALIZERS) {
      this.normalizers[normalizer.id] = this.deploy(normalizer, props.table, buses);
    }
  }

  private deploy(normalizer: Normalizer, table: dynamodb.ITable, buses: Array<[string, events.IEventBus]>): DeployedNormalizer {
    const name = normalizer.id.replace(/(^|-)(\w)/g, (_, __, letter: string) => letter.toUpperCase());
    const deadLetterQueue = new sqs.Queue(this, `${name}DeadLetters`, {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: this.key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14), // the maximum: time to fix a mapping and replay
    });
    Validations.of(deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter queue of the normalizer; its messages are inspected and replayed by hand, not consumed.',
    });

    const fn = new NodeFunction(this, `Normalize${name}`, {
      entry: `lambdas/normalize-${normalizer.id}/handler.ts`,
      serviceName: `normalize-${normalizer.id}`,
      description: `Open Security Hub: ${normalizer.title} events to ASFF findings`,
      environment: {
        FINDINGS_TABLE: table.tableName,
        // Third-party batches from this account may carry any account's findings (see normalize-asff).
        TRUSTED_ACCOUNT_ID: Stack.of(this).account,
      },
      retryAttempts: INVOKE_RETRIES,
      maxEventAge: Duration.hours(6),
      onFailure: new destinations.SqsDestination(deadLetterQueue),
    });
    table.grantReadWriteData(fn);
    acknowledgeTableDataGrant(fn.role!, table);

    for (const [busName, bus] of buses) {
      new events.Rule(this, `${name}From${busName}Bus`, {
        eventBus: bus,
        description: `${normalizer.title} events to the ${normalizer.id} normalizer`,
        eventPattern: toCdkPattern(normalizer.eventPattern),
        targets: [
          new targets.LambdaFunction(fn, {
            deadLetterQueue,
            retryAttempts: DELIVERY_RETRIES,
            maxEventAge: Duration.hours(24),
          }),
        ],
      });
    }

    const alarm = new cloudwatch.Alarm(this, `${name}DeadLettersAlarm`, {
      alarmDescription: `${normalizer.title} events are failing: see the ${normalizer.id} dead-letter queue`,
      metric: deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    return { fn, deadLetterQueue, alarm };
  }
}
