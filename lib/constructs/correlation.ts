import { Duration } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { CORRELATION_TRIGGER_PATTERN } from '../../lambdas/correlate-findings/trigger';
import { acknowledgeTableDataGrant } from './acknowledgements';
import { NodeFunction } from './node-function';
import { deadLetterAlarm, deadLetterQueue, invokeRetries, retryingTarget } from './rule-target';

/** Props of {@link Correlation}. */
export interface CorrelationProps {
  /** The findings table (read the resource's findings, revise them). */
  readonly table: dynamodb.ITable;
  /** The app's bus the finding events are put on (the ingestion bus). */
  readonly bus: events.IEventBus;
  /** Encrypts the dead-letter queue (EventBridge must be allowed to use it). */
  readonly deadLetterKey: kms.IKey;
}

/**
 * Correlation: a rule on the app bus's `Security Hub Findings - Imported` events (created findings,
 * or changed resources, record state, workflow, severity or criticality) invokes correlate-findings,
 * which links the open findings on one resource and raises their priority. Retries, an encrypted
 * dead-letter queue and an alarm on its first message, as every rule target here.
 */
export class Correlation extends Construct {
  public readonly function: NodeFunction;
  public readonly rule: events.Rule;
  public readonly deadLetterQueue: sqs.Queue;
  public readonly alarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: CorrelationProps) {
    super(scope, id);
    this.deadLetterQueue = deadLetterQueue(this, 'DeadLetters', props.deadLetterKey);
    this.function = new NodeFunction(this, 'CorrelateFindings', {
      entry: 'lambdas/correlate-findings/handler.ts',
      serviceName: 'correlate-findings',
      description: 'Open Security Hub: correlate the findings on one resource (links and priority)',
      environment: { FINDINGS_TABLE: props.table.tableName },
      timeout: Duration.minutes(1),
      ...invokeRetries(this.deadLetterQueue),
    });
    props.table.grantReadWriteData(this.function);
    acknowledgeTableDataGrant(this.function.role!, props.table);

    const { 'detail-type': detailType, ...rest } = CORRELATION_TRIGGER_PATTERN;
    this.rule = new events.Rule(this, 'FindingChanges', {
      eventBus: props.bus,
      description: 'Created findings and changes of resources, state, workflow, severity or criticality to correlation',
      eventPattern: { ...rest, detailType } as events.EventPattern,
      targets: [retryingTarget(this.function, this.deadLetterQueue)],
    });
    this.alarm = deadLetterAlarm(this, 'DeadLettersAlarm', this.deadLetterQueue, 'Finding changes are failing correlation: see the correlation dead-letter queue');
  }
}
