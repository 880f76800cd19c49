import { Duration, Stack } from 'aws-cdk-lib';
import type * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { DeployedNormalizer } from './ingestion';
import { NodeFunction } from './node-function';

/** Props of {@link OperationsDashboard}. */
export interface OperationsDashboardProps {
  /** The Security Hub–compatible API (latency, errors). */
  readonly api: apigateway.RestApi;
  /** The normalizers by source (ingestion rate per source). */
  readonly normalizers: Readonly<Record<string, DeployedNormalizer>>;
  /** The compliance sweep (evaluation outcomes). */
  readonly complianceStateMachine: sfn.StateMachine;
  /** The remediation playbooks by id (remediation outcomes). */
  readonly playbooks: Readonly<Record<string, sfn.StateMachine>>;
  /** Who gets the operators' alarms by email (optional; others subscribe to the topic). */
  readonly alarmEmail?: string;
}

const FIVE_MINUTES = Duration.minutes(5);
/** API p90 latency (ms) above which, for 15 minutes, someone should look. */
export const API_LATENCY_ALARM_MS = 3000;

/**
 * The operators' view of the deployed stack: a CloudWatch dashboard (ingestion rate per source,
 * dead-letter queue depths, function errors and throttles, compliance evaluation and remediation
 * outcomes, API latency and errors) and alarms on what needs a human — every dead-letter alarm of
 * the stack, a function failing or throttled, the sweep or a playbook failing, the API erring or
 * slow — all acting on one KMS-encrypted, TLS-only SNS topic. Create it last in the stack: it reads
 * the functions, queues and alarms already there.
 */
export class OperationsDashboard extends Construct {
  public readonly dashboard: cloudwatch.Dashboard;
  /** Where every alarm of the stack notifies. */
  public readonly topic: sns.Topic;
  /** The alarms this construct added (the stack's dead-letter alarms get the topic as action too). */
  public readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: OperationsDashboardProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const found = stack.node.findAll();
    const functions = found.filter((node): node is NodeFunction => node instanceof NodeFunction);
    const queues = found.filter((node): node is sqs.Queue => node instanceof sqs.Queue);
    const existingAlarms = found.filter((node): node is cloudwatch.Alarm => node instanceof cloudwatch.Alarm);

    const key = new kms.Key(this, 'TopicKey', { enableKeyRotation: true, description: 'Open Security Hub operations alarms topic' });
    this.topic = new sns.Topic(this, 'AlarmsTopic', { displayName: 'Open Security Hub operations alarms', masterKey: key, enforceSSL: true });
    // CloudWatch alarms publish to the encrypted topic: the key lets CloudWatch use it, for this account's alarms only.
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    );
    if (props.alarmEmail !== undefined) this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    const action = new cloudwatchActions.SnsAction(this.topic);

    const alarm = (alarmId: string, options: cloudwatch.AlarmProps) => {
      const created = new cloudwatch.Alarm(this, alarmId, { treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING, ...options });
      this.alarms.push(created);
      return created;
    };
    for (const fn of functions) {
      const name = fn.node.path.split('/').slice(1, -1).join('/') || fn.node.id;
      alarm(`${stack.getLogicalId(fn.node.defaultChild as never)}Failing`, {
        alarmDescription: `${name} keeps failing or being throttled (errors + throttles ≥ 5 in 5 minutes): see its logs`,
        metric: new cloudwatch.MathExpression({
          expression: 'errors + throttles',
          usingMetrics: { errors: fn.metricErrors({ period: FIVE_MINUTES }), throttles: fn.metricThrottles({ period: FIVE_MINUTES }) },
          period: FIVE_MINUTES,
        }),
        threshold: 5,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      });
    }
    alarm('ComplianceSweepFailed', {
      alarmDescription: 'The compliance sweep failed or timed out: scores and control findings are stale until it runs again',
      metric: new cloudwatch.MathExpression({
        expression: 'failed + timedOut',
        usingMetrics: {
          failed: props.complianceStateMachine.metricFailed({ period: FIVE_MINUTES }),
          timedOut: props.complianceStateMachine.metricTimedOut({ period: FIVE_MINUTES }),
        },
        period: FIVE_MINUTES,
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });
    for (const [playbook, machine] of Object.entries(props.playbooks)) {
      alarm(`Remediation${pascal(playbook)}Failed`, {
        alarmDescription: `Remediation playbook ${playbook} failed or timed out: the resource may be half-remediated, see the execution`,
        metric: new cloudwatch.MathExpression({
          expression: 'failed + timedOut',
          usingMetrics: { failed: machine.metricFailed({ period: FIVE_MINUTES }), timedOut: machine.metricTimedOut({ period: FIVE_MINUTES }) },
          period: FIVE_MINUTES,
        }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      });
    }
    alarm('ApiServerErrors', {
      alarmDescription: 'The Security Hub–compatible API answers 5XX (≥ 5 in 5 minutes): callers and integrations are failing',
      metric: props.api.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' }),
      threshold: 5,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });
    alarm('ApiSlow', {
      alarmDescription: `The API's p90 latency is above ${API_LATENCY_ALARM_MS} ms for 15 minutes`,
      metric: props.api.metricLatency({ period: FIVE_MINUTES, statistic: 'p90' }),
      threshold: API_LATENCY_ALARM_MS,
      evaluationPeriods: 3,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    });
    for (const existing of [...existingAlarms, ...this.alarms]) existing.addAlarmAction(action);

    const normalizers = Object.entries(props.normalizers);
    const machines = Object.entries(props.playbooks);
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: `${stack.stackName}-operations`,
      defaultInterval: Duration.days(1),
      widgets: [
        [
          new cloudwatch.TextWidget({
            markdown: `# ${stack.stackName} operations\nIngestion, dead letters, functions, evaluations, remediations and the API. Alarms notify the operations topic.`,
            width: 24,
            height: 2,
          }),
        ],
        [
          graph(
            'Ingestion rate per source (events normalized / 5 min)',
            normalizers.map(([source, normalizer]) => normalizer.fn.metricInvocations({ label: source, period: FIVE_MINUTES })),
            12,
          ),
          graph(
            'Dead-letter queue depths (messages)',
            queues.map((queue) =>
              queue.metricApproximateNumberOfMessagesVisible({ label: queue.node.path.split('/').slice(1, -1).join('/'), period: Duration.minutes(1), statistic: 'Maximum' }),
            ),
            12,
          ),
        ],
        [
          graph(
            'Function errors',
            functions.map((fn) => fn.metricErrors({ label: fn.node.scope?.node.id ?? fn.node.id, period: FIVE_MINUTES })),
            12,
          ),
          graph(
            'Function throttles',
            functions.map((fn) => fn.metricThrottles({ label: fn.node.scope?.node.id ?? fn.node.id, period: FIVE_MINUTES })),
            12,
          ),
        ],
        [
          graph(
            'Compliance sweeps (executions)',
            [
              props.complianceStateMachine.metricSucceeded({ label: 'succeeded', period: FIVE_MINUTES }),
              props.complianceStateMachine.metricFailed({ label: 'failed', period: FIVE_MINUTES }),
              props.complianceStateMachine.metricTimedOut({ label: 'timed out', period: FIVE_MINUTES }),
            ],
            8,
          ),
          graph(
            'Remediation outcomes (executions)',
            [
              sum(
                'succeeded',
                machines.map(([, machine]) => machine.metricSucceeded({ period: FIVE_MINUTES })),
              ),
              sum(
                'failed',
                machines.map(([, machine]) => machine.metricFailed({ period: FIVE_MINUTES })),
              ),
              sum(
                'aborted',
                machines.map(([, machine]) => machine.metricAborted({ period: FIVE_MINUTES })),
              ),
            ],
            8,
          ),
          graph(
            'API latency (ms)',
            ['p50', 'p90', 'p99'].map((statistic) => props.api.metricLatency({ label: statistic, statistic, period: FIVE_MINUTES })),
            8,
          ),
        ],
        [
          graph(
            'API requests and errors',
            [
              props.api.metricCount({ label: 'requests', period: FIVE_MINUTES }),
              props.api.metricClientError({ label: '4XX', period: FIVE_MINUTES }),
              props.api.metricServerError({ label: '5XX', period: FIVE_MINUTES }),
            ],
            12,
          ),
          new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: [...existingAlarms, ...this.alarms], width: 12, height: 6 }),
        ],
      ],
    });
  }
}

function graph(title: string, metrics: cloudwatch.IMetric[], width: number): cloudwatch.GraphWidget {
  return new cloudwatch.GraphWidget({ title, left: metrics, width, height: 6, legendPosition: cloudwatch.LegendPosition.BOTTOM });
}

/** One dashboard line summing many metrics (a graph's math expression; alarms, limited to 10 metrics, are per playbook). */
function sum(label: string, metrics: cloudwatch.IMetric[]): cloudwatch.IMetric {
  const prefix = label.replace(/[^a-z]/g, '');
  const usingMetrics = Object.fromEntries(metrics.map((metric, i) => [`${prefix}${i}`, metric]));
  return new cloudwatch.MathExpression({ expression: metrics.length === 0 ? '0' : `SUM([${Object.keys(usingMetrics).join(', ')}])`, usingMetrics, label, period: FIVE_MINUTES });
}

function pascal(id: string): string {
  return id.replace(/(^|[^A-Za-z0-9])([A-Za-z0-9])/g, (_all, _sep: string, letter: string) => letter.toUpperCase());
}
