import * as path from 'node:path';
import { Arn, ArnFormat, type CfnResource, Duration, Stack, Validations } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { ACCOUNT_SETTINGS_DETAIL_TYPE, ACCOUNT_SETTINGS_SOURCE } from '../../lambdas/compliance';
import { CHANGE_TRIGGER_TYPES } from '../../lambdas/compliance';
import { SWEEP_TYPE_GROUPS } from '../../lambdas/compliance';
import { acknowledgeTableDataGrant } from './acknowledgements';
import { logsKey } from './logs-key';
import { NodeFunction } from './node-function';
import { adminBuses, deadLetterAlarm, deadLetterQueue, invokeRetries, retryingTarget } from './rule-target';
import { DEFINITION_METADATA_KEY } from '../template-contract';

/** Props of {@link Compliance}. */
export interface ComplianceProps {
  /** The findings table control findings are imported into. */
  readonly table: dynamodb.ITable;
  /** The organization bus member accounts forward their events to (Config item changes among them). */
  readonly bus: events.IEventBus;
  /** The key that encrypts the dead-letter queue (EventBridge must be allowed to use it). */
  readonly deadLetterKey: kms.IKey;
  /**
   * Name of the organization's AWS Config aggregator in this account and Region (context
   * `configAggregatorName`). @default 'open-security-hub'
   */
  readonly configAggregatorName?: string;
  /**
   * When the compliance-evaluation state machine sweeps the organization (it can also be started
   * by hand). @default daily at 03:00 UTC
   */
  readonly sweepSchedule?: events.Schedule;
  /**
   * How often a score snapshot follows change-triggered evaluations (taken only when one changed a
   * control finding since the last). @default every 15 minutes
   */
  readonly changeSnapshotSchedule?: events.Schedule;
}

/** Template metadata key naming a state machine's ASL file (lib/template-contract.ts). */
export { DEFINITION_METADATA_KEY } from '../template-contract';

/** The sweep's ASL file, relative to the repository root. */
export const COMPLIANCE_EVALUATION_ASL = 'statemachines/compliance-evaluation.asl.json';

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

/** The EventBridge pattern of the configuration item changes the evaluation reads. */
export const CONFIG_CHANGE_PATTERN = {
  source: ['aws.config'],
  'detail-type': ['Config Configuration Item Change'],
  detail: {
    $or: [
      { messageType: ['ConfigurationItemChangeNotification'], configurationItem: { resourceType: [...CHANGE_TRIGGER_TYPES] } },
      { messageType: ['OversizedConfigurationItemChangeNotification'], configurationItemSummary: { resourceType: [...CHANGE_TRIGGER_TYPES] } },
    ],
  },
};

/** The EventBridge pattern of the member collectors' account settings events (lambdas/compliance/account-settings.ts). */
export const ACCOUNT_SETTINGS_PATTERN = { source: [ACCOUNT_SETTINGS_SOURCE], 'detail-type': [ACCOUNT_SETTINGS_DETAIL_TYPE] };

/** Config read actions on the aggregator (resource-level: the ConfigurationAggregator ARN). */
const AGGREGATOR_READ = ['config:ListAggregateDiscoveredResources', 'config:BatchGetAggregateResourceConfig', 'config:DescribeConfigurationAggregatorSourcesStatus'];

/** The aggregator ARN pattern as cdk-nag prints it in finding ids. */
const AGGREGATORS_IN_NAG = 'arn:<AWS::Partition>:config:<AWS::Region>:<AWS::AccountId>:config-aggregator/*';

/**
 * Compliance evaluation: the change-triggered evaluator behind a rule for `Config Configuration
 * Item Change` events on the default and organization buses (retries, dead-letter queue,
 * alarm), and the periodic sweep: the compliance-evaluation state machine (from its ASL file,
 * logging ALL, X-Ray) on a schedule, calling its tasks (list, evaluate a batch, archive stale
 * findings, snapshot the scores and put change events on the bus). All read Config through the organization aggregator, with read-only access to it.
 */
export class Compliance extends Construct {
  /** Evaluates the controls of a changed configuration item. */
  public readonly changeFunction: NodeFunction;
  public readonly deadLetterQueue: sqs.Queue;
  public readonly alarm: cloudwatch.Alarm;
  /** Sweep task: resource identifiers of one type, in batches. */
  public readonly listFunction: NodeFunction;
  /** Sweep task: evaluate and import one batch. */
  public readonly evaluateBatchFunction: NodeFunction;
  /** Sweep task: archive control findings of resources that are gone. */
  public readonly archiveStaleFunction: NodeFunction;
  /** Sweep task: store a score snapshot and put score / control-status change events on the bus. */
  public readonly snapshotFunction: NodeFunction;
  /** Scheduled: a score snapshot (and change events) when change evaluations marked the scores dirty. */
  public readonly changeSnapshotFunction: NodeFunction;
  /** The periodic sweep (Standard workflow); start it by hand with `sechub start-compliance-evaluation`. */
  public readonly stateMachine: sfn.StateMachine;
  /** Where the state machine logs every execution event. */
  public readonly stateMachineLogGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ComplianceProps) {
    super(scope, id);
    const aggregatorName = props.configAggregatorName ?? 'open-security-hub';
    const environment = { FINDINGS_TABLE: props.table.tableName, CONFIG_AGGREGATOR_NAME: aggregatorName };

    this.deadLetterQueue = deadLetterQueue(this, 'EvaluateConfigChangeDeadLetters', props.deadLetterKey);
    this.changeFunction = new NodeFunction(this, 'EvaluateConfigChange', {
      entry: 'lambdas/functions/evaluate-config-change/handler.ts',
      serviceName: 'evaluate-config-change',
      description: 'Open Security Hub: evaluate the controls of a changed AWS Config configuration item',
      // TRUSTED_ACCOUNT_ID: this account may send any account's settings; a member only its own.
      environment: { ...environment, TRUSTED_ACCOUNT_ID: Stack.of(this).account },
      timeout: Duration.minutes(1),
      ...invokeRetries(this.deadLetterQueue),
    });
    for (const [busName, bus] of adminBuses(this, props.bus)) {
      new events.Rule(this, `ConfigChangeFrom${busName}Bus`, {
        eventBus: bus,
        description: 'AWS Config configuration item changes to the compliance evaluation',
        eventPattern: (({ 'detail-type': detailType, ...rest }) => ({ ...rest, detailType }))(CONFIG_CHANGE_PATTERN) as events.EventPattern,
        targets: [retryingTarget(this.changeFunction, this.deadLetterQueue)],
      });
      new events.Rule(this, `AccountSettingsFrom${busName}Bus`, {
        eventBus: bus,
        description: "Member collectors' account settings to the compliance evaluation (stored, then the account-level controls)",
        eventPattern: { source: ACCOUNT_SETTINGS_PATTERN.source, detailType: ACCOUNT_SETTINGS_PATTERN['detail-type'] },
        targets: [retryingTarget(this.changeFunction, this.deadLetterQueue)],
      });
    }
    this.alarm = deadLetterAlarm(
      this,
      'EvaluateConfigChangeDeadLettersAlarm',
      this.deadLetterQueue,
      'Config item changes are failing evaluation: see the compliance dead-letter queue',
    );

    this.listFunction = new NodeFunction(this, 'SweepList', {
      entry: 'lambdas/functions/compliance-sweep-list/handler.ts',
      serviceName: 'compliance-sweep-list',
      description: 'Open Security Hub: compliance sweep, list resources of one type',
      environment,
      timeout: Duration.minutes(2),
    });
    this.evaluateBatchFunction = new NodeFunction(this, 'SweepEvaluateBatch', {
      entry: 'lambdas/functions/compliance-sweep-evaluate-batch/handler.ts',
      serviceName: 'compliance-sweep-evaluate-batch',
      description: 'Open Security Hub: compliance sweep, evaluate a batch of resources',
      environment,
      memorySize: 1024,
      timeout: Duration.minutes(5),
    });
    this.archiveStaleFunction = new NodeFunction(this, 'SweepArchiveStale', {
      entry: 'lambdas/functions/compliance-sweep-archive-stale/handler.ts',
      serviceName: 'compliance-sweep-archive-stale',
      description: 'Open Security Hub: compliance sweep, archive findings of resources that no longer exist',
      environment,
      memorySize: 1024,
      timeout: Duration.minutes(15),
    });

    this.snapshotFunction = new NodeFunction(this, 'SweepSnapshot', {
      entry: 'lambdas/functions/compliance-sweep-snapshot/handler.ts',
      serviceName: 'compliance-sweep-snapshot',
      description: 'Open Security Hub: compliance sweep, store a score snapshot and put change events on the bus',
      // CONFIG_AGGREGATOR_NAME too: the sweep-task wrapper builds its (unused here) Config source from it.
      environment: { ...environment, EVENT_BUS_NAME: props.bus.eventBusName },
      memorySize: 1024,
      timeout: Duration.minutes(5),
    });
    props.bus.grantPutEventsTo(this.snapshotFunction);

    this.changeSnapshotFunction = new NodeFunction(this, 'SnapshotAfterChanges', {
      entry: 'lambdas/functions/compliance-sweep-snapshot-if-dirty/handler.ts',
      serviceName: 'compliance-snapshot-if-dirty',
      description: 'Open Security Hub: score snapshot and change events after change-triggered evaluations (when marked dirty)',
      environment: { ...environment, EVENT_BUS_NAME: props.bus.eventBusName },
      memorySize: 1024,
      timeout: Duration.minutes(5),
    });
    props.bus.grantPutEventsTo(this.changeSnapshotFunction);
    new events.Rule(this, 'SnapshotAfterChangesSchedule', {
      description: 'Score snapshot after change-triggered evaluations, at most once a period',
      schedule: props.changeSnapshotSchedule ?? events.Schedule.rate(Duration.minutes(15)),
      targets: [retryingTarget(this.changeSnapshotFunction, this.deadLetterQueue)],
    });

    const stack = Stack.of(this);
    // The aggregator's ARN ends in an id AWS generates (config-aggregator/config-aggregator-abcd1234),
    // not its name: the statement is scoped to this account's aggregators in this Region.
    const aggregators = Arn.format({ service: 'config', resource: 'config-aggregator', resourceName: '*', arnFormat: ArnFormat.SLASH_RESOURCE_NAME }, stack);
    for (const fn of [this.changeFunction, this.listFunction, this.evaluateBatchFunction, this.archiveStaleFunction]) {
      fn.addToRolePolicy(new iam.PolicyStatement({ actions: AGGREGATOR_READ, resources: [aggregators] }));
      Validations.of(fn.role!).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${AGGREGATORS_IN_NAG}]`,
        reason:
          "A Config aggregator's ARN ends in an id AWS generates, not its name; the wildcard spans only this account's aggregators in this Region, for read-only aggregate actions.",
      });
    }
    for (const fn of [this.changeFunction, this.evaluateBatchFunction, this.archiveStaleFunction, this.snapshotFunction, this.changeSnapshotFunction]) {
      props.table.grantReadWriteData(fn);
      acknowledgeTableDataGrant(fn.role!, props.table);
    }
    // GetResourceConfigHistory has no resource-level permissions (Resource "*", acknowledged with
    // X-Ray's by NodeFunction): the oversized-notification fallback for the account's own resources.
    this.changeFunction.addToRolePolicy(new iam.PolicyStatement({ actions: ['config:GetResourceConfigHistory'], resources: ['*'] }));

    this.stateMachineLogGroup = new logs.LogGroup(this, 'ComplianceEvaluationLogs', {
      // Under /aws/vendedlogs/ the log delivery needs no resource policy on the group.
      logGroupName: `/aws/vendedlogs/states/${stack.stackName}-ComplianceEvaluation`,
      retention: logs.RetentionDays.THREE_MONTHS,
      encryptionKey: logsKey(this),
    });
    const sweepFunctions = [this.listFunction, this.evaluateBatchFunction, this.archiveStaleFunction, this.snapshotFunction];
    const stateMachineRole = new iam.Role(this, 'ComplianceEvaluationRole', {
      assumedBy: new iam.ServicePrincipal('states.amazonaws.com'),
      description: 'Execution role of the compliance-evaluation state machine: invokes the four sweep tasks',
    });
    // The exact (unqualified) ARNs the tasks name, not `grantInvoke`'s `<arn>:*` versions too.
    stateMachineRole.addToPolicy(new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: sweepFunctions.map((fn) => fn.functionArn) }));
    this.stateMachine = new sfn.StateMachine(this, 'ComplianceEvaluation', {
      stateMachineType: sfn.StateMachineType.STANDARD,
      comment: 'Open Security Hub: periodic compliance sweep through the Config aggregator',
      definitionBody: sfn.DefinitionBody.fromFile(path.join(PROJECT_ROOT, COMPLIANCE_EVALUATION_ASL)),
      definitionSubstitutions: {
        SweptTypes: SWEEP_TYPE_GROUPS.join(','),
        ListFunctionArn: this.listFunction.functionArn,
        EvaluateBatchFunctionArn: this.evaluateBatchFunction.functionArn,
        ArchiveStaleFunctionArn: this.archiveStaleFunction.functionArn,
        SnapshotFunctionArn: this.snapshotFunction.functionArn,
      },
      role: stateMachineRole,
      logs: { destination: this.stateMachineLogGroup, level: sfn.LogLevel.ALL, includeExecutionData: true },
      tracingEnabled: true, // the definition's TimeoutSeconds (12 h) keeps a daily sweep from overlapping the next
    });
    (this.stateMachine.node.defaultChild as CfnResource).addMetadata(DEFINITION_METADATA_KEY, COMPLIANCE_EVALUATION_ASL);
    Validations.of(stateMachineRole).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Step Functions logging (logs:CreateLogDelivery and the other log-delivery actions) and X-Ray (xray:PutTraceSegments, PutTelemetryRecords, GetSampling*) support no resource-level permissions, so their Resource must be "*".',
    });

    new events.Rule(this, 'ComplianceSweepSchedule', {
      description: 'Starts the periodic compliance sweep',
      schedule: props.sweepSchedule ?? events.Schedule.cron({ minute: '0', hour: '3' }),
      targets: [
        new targets.SfnStateMachine(this.stateMachine, {
          input: events.RuleTargetInput.fromObject({}),
          retryAttempts: 8,
          maxEventAge: Duration.hours(24),
          // A start that never happened lands with the change events that failed, under the same alarm.
          deadLetterQueue: this.deadLetterQueue,
        }),
      ],
    });
  }
}
