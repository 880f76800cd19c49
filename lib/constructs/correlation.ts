import { Duration, Validations } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { CORRELATION_STREAM_FILTER } from '../../lambdas/triage';
import { acknowledgeTableDataGrant } from './acknowledgements';
import { NodeFunction } from './node-function';
import { deadLetterAlarm, deadLetterQueue } from './rule-target';

/** Props of {@link Correlation}. */
export interface CorrelationProps {
  /** The findings table (its stream with NEW_AND_OLD_IMAGES; the summaries; revisions). */
  readonly table: dynamodb.ITable;
  /** Encrypts the dead-letter queue. */
  readonly deadLetterKey: kms.IKey;
}

/** Stream records per invocation: one read of the batch's resource summaries, one write per resource. */
export const CORRELATION_BATCH_SIZE = 100;
/** Stream retries of a failing batch before its position goes to the dead-letter queue. */
export const CORRELATION_RETRIES = 5;

/**
 * Correlation: the findings table's stream (finding items) feeds correlate-findings in batches,
 * which keeps a summary per resource and links the open findings on it and raises their priority.
 * Failed records are retried from the failed one (ReportBatchItemFailures); a batch that still
 * fails sends its stream position to an encrypted dead-letter queue with an alarm.
 */
export class Correlation extends Construct {
  public readonly function: NodeFunction;
  public readonly deadLetterQueue: sqs.Queue;
  public readonly alarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: CorrelationProps) {
    super(scope, id);
    this.deadLetterQueue = deadLetterQueue(this, 'DeadLetters', props.deadLetterKey);
    this.function = new NodeFunction(this, 'CorrelateFindings', {
      entry: 'lambdas/functions/correlate-findings/handler.ts',
      serviceName: 'correlate-findings',
      description: 'Open Security Hub: correlate the findings on one resource (links and priority)',
      environment: { FINDINGS_TABLE: props.table.tableName },
      timeout: Duration.minutes(1),
    });
    props.table.grantReadWriteData(this.function);
    acknowledgeTableDataGrant(this.function.role!, props.table);
    this.function.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize: CORRELATION_BATCH_SIZE,
        maxBatchingWindow: Duration.seconds(1),
        retryAttempts: CORRELATION_RETRIES,
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.deadLetterQueue),
        filters: [lambda.FilterCriteria.filter(CORRELATION_STREAM_FILTER)],
      }),
    );
    for (const action of ['kms:GenerateDataKey*', 'kms:ReEncrypt*']) {
      Validations.of(this.function.role!).acknowledge({
        id: `AwsSolutions-IAM5[Action::${action}]`,
        reason: `Reading the encrypted table's stream and sending to the encrypted dead-letter queue need ${action} on those two keys; the statements' resources are those keys.`,
      });
    }
    this.alarm = deadLetterAlarm(
      this,
      'DeadLettersAlarm',
      this.deadLetterQueue,
      'Finding changes are failing correlation: see the correlation dead-letter queue and replay from the stream',
    );
  }
}
