import { Duration, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/**
 * The delivery pattern of every event-driven function: EventBridge retries delivery, Lambda
 * retries the invocation, and whatever still fails lands, with its error, in one encrypted
 * dead-letter queue with an alarm on its first message. Shared by ingestion and compliance.
 */

/** EventBridge retries delivery to a target this many times, then dead-letters the event. */
export const DELIVERY_RETRIES = 8;
/** Lambda retries a failed asynchronous invocation this many times, then sends it to on-failure. */
export const INVOKE_RETRIES = 2;

/** A function's dead-letter queue: KMS-encrypted with `key` (which EventBridge must be able to use), 14 days. */
export function deadLetterQueue(scope: Construct, id: string, key: kms.IKey): sqs.Queue {
  const queue = new sqs.Queue(scope, id, {
    encryption: sqs.QueueEncryption.KMS,
    encryptionMasterKey: key,
    enforceSSL: true,
    retentionPeriod: Duration.days(14), // the maximum: time to fix the cause and replay
  });
  Validations.of(queue).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason: 'This queue is itself a dead-letter queue; its messages are inspected and replayed by hand, not consumed.',
  });
  return queue;
}

/** Function props for asynchronous invocations: retries, then the dead-letter queue with the error. */
export function invokeRetries(queue: sqs.IQueue): Pick<lambda.FunctionOptions, 'retryAttempts' | 'maxEventAge' | 'onFailure'> {
  return { retryAttempts: INVOKE_RETRIES, maxEventAge: Duration.hours(6), onFailure: new destinations.SqsDestination(queue) };
}

/** A rule target that retries delivery for a day and dead-letters to `queue`. */
export function retryingTarget(fn: lambda.IFunction, queue: sqs.IQueue): targets.LambdaFunction {
  return new targets.LambdaFunction(fn, { deadLetterQueue: queue, retryAttempts: DELIVERY_RETRIES, maxEventAge: Duration.hours(24) });
}

/** An alarm on the first message of a dead-letter queue. */
export function deadLetterAlarm(scope: Construct, id: string, queue: sqs.Queue, description: string): cloudwatch.Alarm {
  return new cloudwatch.Alarm(scope, id, {
    alarmDescription: description,
    metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1) }),
    threshold: 1,
    evaluationPeriods: 1,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });
}

/** The admin account's default bus (AWS services, delegated-admin delivery) and the organization bus, by name. */
export function adminBuses(scope: Construct, organizationBus: events.IEventBus): Array<[string, events.IEventBus]> {
  return [
    ['Default', events.EventBus.fromEventBusName(scope, 'DefaultBus', 'default')],
    ['Organization', organizationBus],
  ];
}
