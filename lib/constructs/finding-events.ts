import { Duration, Validations } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as events from 'aws-cdk-lib/aws-events';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { FINDING_SK, TABLE_KEYS } from '../../lambdas/store';
import { NodeFunction } from './node-function';
import { deadLetterAlarm, deadLetterQueue } from './rule-target';

/** Props of {@link FindingEvents}. */
export interface FindingEventsProps {
  /** The findings table; it must have a stream with NEW_AND_OLD_IMAGES (see FindingsStore). */
  readonly table: dynamodb.ITable;
  /** The app's bus the events go to (the ingestion bus). */
  readonly bus: events.IEventBus;
  /** Encrypts the dead-letter queue. */
  readonly deadLetterKey: kms.IKey;
  /**
   * Other functions that put finding events on the bus (the API's custom actions): each gets
   * `events:PutEvents` on this bus only, and `EVENT_BUS_NAME`.
   */
  readonly publishers?: readonly lambda.Function[];
}

/** Stream records per invocation: up to 100 finding changes become ≤ 10 PutEvents calls. */
const BATCH_SIZE = 100;
/** Stream retries of a failing batch before its position goes to the dead-letter queue. */
export const STREAM_RETRIES = 5;

/**
 * Finding events: the findings table's stream feeds a publisher function that puts one
 * `Security Hub Findings - Imported` event per changed finding on the app's bus. The event source
 * mapping passes only finding items (sk = FINDING_SK), INSERT and MODIFY; failed records are
 * retried from the failed one (ReportBatchItemFailures), and a batch that still fails sends its
 * stream position to an encrypted dead-letter queue with an alarm (the stream keeps the records
 * for 24 hours, to replay from it).
 */
export class FindingEvents extends Construct {
  public readonly publisher: NodeFunction;
  public readonly deadLetterQueue: sqs.Queue;
  public readonly alarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: FindingEventsProps) {
    super(scope, id);

    this.deadLetterQueue = deadLetterQueue(this, 'DeadLetters', props.deadLetterKey);
    this.publisher = new NodeFunction(this, 'Publisher', {
      entry: 'lambdas/functions/publish-finding-events/handler.ts',
      serviceName: 'publish-finding-events',
      description: 'Open Security Hub: findings table stream to Security Hub Findings - Imported events',
      environment: { EVENT_BUS_NAME: props.bus.eventBusName },
    });
    props.bus.grantPutEventsTo(this.publisher);
    this.publisher.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize: BATCH_SIZE,
        maxBatchingWindow: Duration.seconds(1),
        retryAttempts: STREAM_RETRIES,
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.deadLetterQueue),
        filters: [
          lambda.FilterCriteria.filter({
            eventName: lambda.FilterRule.or('INSERT', 'MODIFY'),
            dynamodb: { Keys: { [TABLE_KEYS.sortKey]: { S: lambda.FilterRule.isEqual(FINDING_SK) } } },
          }),
        ],
      }),
    );
    for (const action of ['kms:GenerateDataKey*', 'kms:ReEncrypt*']) {
      Validations.of(this.publisher.role!).acknowledge({
        id: `AwsSolutions-IAM5[Action::${action}]`,
        reason: `Reading the encrypted table's stream and sending to the encrypted dead-letter queue need ${action} on those two keys; the statements' resources are those keys.`,
      });
    }
    this.alarm = deadLetterAlarm(
      this,
      'DeadLettersAlarm',
      this.deadLetterQueue,
      'Finding events are not being published: see the finding-events dead-letter queue and replay from the stream',
    );

    for (const fn of props.publishers ?? []) {
      props.bus.grantPutEventsTo(fn);
      fn.addEnvironment('EVENT_BUS_NAME', props.bus.eventBusName);
    }
  }
}
