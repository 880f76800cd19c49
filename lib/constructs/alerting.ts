import { Duration, Stack } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { SEVERITY_LABELS, isSeverityLabel } from '../../lambdas/asff';
import { APP_EVENT_SOURCE, FINDINGS_IMPORTED } from '../../lambdas/events';
import { REMEDIATION_EVENTS } from '../../lambdas/remediation';
import { ALERT_ENV, type AlertConfig } from '../../lambdas/triage';
import { acknowledgeTableDataGrant } from './acknowledgements';
import { NodeFunction } from './node-function';
import { deadLetterAlarm, deadLetterQueue, invokeRetries, retryingTarget } from './rule-target';

/** Props of {@link Alerting}. */
export interface AlertingProps {
  /** The findings table: alert groups and decisions (the outbox) live there (`ALERTGROUP#`, `ALERTDECISION#`). */
  readonly table: dynamodb.ITable;
  /** The app's bus, where the finding events are put. */
  readonly bus: events.IEventBus;
  /** The key of the dead-letter queue (EventBridge must be allowed to use it). */
  readonly deadLetterKey: kms.IKey;
  /** E-mail address subscribed to the topic (context `alertEmail`). @default no subscription */
  readonly alertEmail?: string;
  /**
   * Lowest severity the e-mail subscription receives, as a filter policy on the `severity`
   * attribute (context `alertMinimumSeverity`). @default every alert the router sends
   */
  readonly alertMinimumSeverity?: string;
  /** Router settings (`ALERT_*` variables). @default DEFAULT_ALERT_CONFIG */
  readonly config?: Partial<AlertConfig>;
  /**
   * The API's URL, written into the commands of each alert (`--endpoint-url`). Leave it out where the
   * embedded default runs the template (it does not resolve API Gateway references): the message
   * then tells the reader to add the `ApiUrl` output.
   */
  readonly apiUrl?: string;
}

/** The rule pattern of the events the router reads: finding events, and failed remediations (always alerted). */
export const FINDING_EVENTS_PATTERN = {
  source: [APP_EVENT_SOURCE],
  'detail-type': [FINDINGS_IMPORTED, REMEDIATION_EVENTS.failed, REMEDIATION_EVENTS.awaitingApproval, REMEDIATION_EVENTS.approvalReminder],
};

/** The `severity` values at or above `minimum`, for a subscription filter policy. */
export function severitiesFrom(minimum: string): string[] {
  if (!isSeverityLabel(minimum)) throw new Error(`alertMinimumSeverity must be one of ${SEVERITY_LABELS.join(', ')}, got '${minimum}'`);
  return SEVERITY_LABELS.slice(SEVERITY_LABELS.indexOf(minimum));
}

/**
 * Alerts without fatigue: the alerts topic (SNS, encrypted with its own customer-managed key,
 * TLS only), and the router — a function behind a rule for `Security Hub Findings - Imported`
 * events on the app bus (retries, dead-letter queue, alarm) that applies the alert policy and the
 * per-resource grouping and publishes to the topic, and nothing else. Optional e-mail subscription
 * with a severity filter policy.
 */
export class Alerting extends Construct {
  public readonly topic: sns.Topic;
  /** The key that encrypts the topic. */
  public readonly key: kms.Key;
  public readonly router: NodeFunction;
  public readonly rule: events.Rule;
  public readonly deadLetterQueue: sqs.Queue;
  public readonly alarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: AlertingProps) {
    super(scope, id);

    this.key = new kms.Key(this, 'TopicKey', { enableKeyRotation: true, description: 'Open Security Hub: alerts topic' });
    this.topic = new sns.Topic(this, 'AlertsTopic', {
      displayName: 'Open Security Hub alerts',
      masterKey: this.key,
      enforceSSL: true,
    });
    // Publishing services must be able to use the key: the router's role gets its grant below; a
    // responder's own EventBridge rule of this account that targets the topic needs this statement.
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'EventBridgeOfThisAccountPublishes',
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'], // in a key policy, "*" is this key
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );

    this.deadLetterQueue = deadLetterQueue(this, 'RouteAlertsDeadLetters', props.deadLetterKey);
    const config = props.config ?? {};
    this.router = new NodeFunction(this, 'RouteAlerts', {
      entry: 'lambdas/functions/route-alerts/handler.ts',
      serviceName: 'route-alerts',
      description: 'Open Security Hub: finding events to alerts (policy, per-resource grouping, SNS)',
      environment: {
        FINDINGS_TABLE: props.table.tableName,
        ALERT_TOPIC_ARN: this.topic.topicArn,
        ...(config.minimumSeverity !== undefined && { [ALERT_ENV.minimumSeverity]: config.minimumSeverity }),
        ...(config.priorityThreshold !== undefined && { [ALERT_ENV.priorityThreshold]: String(config.priorityThreshold) }),
        ...(config.groupWindowMinutes !== undefined && { [ALERT_ENV.groupWindowMinutes]: String(config.groupWindowMinutes) }),
        ...(props.apiUrl !== undefined && { SECHUB_API_URL: props.apiUrl }),
      },
      timeout: Duration.seconds(30),
      ...invokeRetries(this.deadLetterQueue),
    });
    // Least privilege: publish to this topic only (grantPublish adds the key's encrypt actions).
    this.topic.grantPublish(this.router);
    props.table.grantReadWriteData(this.router);
    acknowledgeTableDataGrant(this.router.role!, props.table);

    this.rule = new events.Rule(this, 'FindingEventsToAlerts', {
      eventBus: props.bus,
      description: 'Finding events of this account to the alert router',
      eventPattern: { source: FINDING_EVENTS_PATTERN.source, detailType: FINDING_EVENTS_PATTERN['detail-type'] },
      targets: [retryingTarget(this.router, this.deadLetterQueue)],
    });
    this.alarm = deadLetterAlarm(this, 'RouteAlertsDeadLettersAlarm', this.deadLetterQueue, 'Finding events are failing alert routing: see the alerts dead-letter queue');

    if (props.alertEmail) {
      this.topic.addSubscription(
        new subscriptions.EmailSubscription(props.alertEmail, {
          ...(props.alertMinimumSeverity && {
            filterPolicy: { severity: sns.SubscriptionFilter.stringFilter({ allowlist: severitiesFrom(props.alertMinimumSeverity) }) },
          }),
        }),
      );
    }
  }
}
