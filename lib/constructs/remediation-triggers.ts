import { Duration, Stack, Validations } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { REMEDIATE_ACTION_ID, REMEDIATION_STATE_MACHINES_ENV } from '../../lambdas/remediation';
import { REMEDIATION_FINDING_PATTERN, remediateActionPattern } from '../../lambdas/remediation';
import { acknowledgeTableDataGrant } from './acknowledgements';
import { NodeFunction } from './node-function';
import { deadLetterAlarm, deadLetterQueue, invokeRetries, retryingTarget } from './rule-target';

/** Props of {@link RemediationTriggers}. */
export interface RemediationTriggersProps {
  /** The findings table (settings, records, closed loop). */
  readonly table: dynamodb.ITable;
  /** The app's bus (custom-action and finding events). */
  readonly bus: events.IEventBus;
  /** Encrypts the dead-letter queue. */
  readonly deadLetterKey: kms.IKey;
  /** The playbooks: `{playbookId: ARN}` as JSON, and a grant to start them (the Remediation construct's). */
  readonly playbooks: { stateMachineArnsJson(): string; grantStart(grantee: iam.IGrantable): void; playbookRegionsEnvironment?(): Record<string, string> };
}

/**
 * Remediation triggers: the dispatcher function and its two rules on the app's bus — the built-in
 * `Remediate` custom action, and finding events (automatic remediation, off unless the settings
 * enable it; the closed loop's confirmation). Retries, dead-letter queue and alarm as every target.
 */
export class RemediationTriggers extends Construct {
  public readonly function: NodeFunction;
  public readonly customActionRule: events.Rule;
  public readonly findingRule: events.Rule;
  public readonly deadLetterQueue: sqs.Queue;
  public readonly alarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: RemediationTriggersProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.deadLetterQueue = deadLetterQueue(this, 'DeadLetters', props.deadLetterKey);
    this.function = new NodeFunction(this, 'RemediationDispatch', {
      entry: 'lambdas/functions/remediation-dispatch/handler.ts',
      serviceName: 'remediation-dispatch',
      description: 'Open Security Hub: start remediation playbooks (Remediate action, automatic remediation) and confirm fixes',
      environment: {
        FINDINGS_TABLE: props.table.tableName,
        [REMEDIATION_STATE_MACHINES_ENV]: props.playbooks.stateMachineArnsJson(),
        ...props.playbooks.playbookRegionsEnvironment?.(), // the linked Regions' playbook stacks (docs/regions.md)
      },
      timeout: Duration.minutes(1),
      ...invokeRetries(this.deadLetterQueue),
    });
    props.table.grantReadWriteData(this.function);
    acknowledgeTableDataGrant(this.function.role!, props.table);
    props.playbooks.grantStart(this.function);
    // OU scopes of automatic remediation (delegated admin may read the organization's structure).
    this.function.addToRolePolicy(new iam.PolicyStatement({ actions: ['organizations:ListAccountsForParent'], resources: ['*'] }));
    Validations.of(this.function.role!).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'organizations:ListAccountsForParent supports no resource-level permissions; it only lists the accounts of the OUs an automatic-remediation setting names.',
    });

    const remediateArn = `arn:${stack.partition}:securityhub:${stack.region}:${stack.account}:action/custom/${REMEDIATE_ACTION_ID}`;
    const { 'detail-type': actionType, ...actionRest } = remediateActionPattern(remediateArn);
    this.customActionRule = new events.Rule(this, 'RemediateAction', {
      eventBus: props.bus,
      description: 'Findings sent to the built-in Remediate custom action to the remediation dispatcher',
      eventPattern: { ...actionRest, detailType: actionType } as events.EventPattern,
      targets: [retryingTarget(this.function, this.deadLetterQueue)],
    });
    const { 'detail-type': findingType, ...findingRest } = REMEDIATION_FINDING_PATTERN;
    this.findingRule = new events.Rule(this, 'FindingChanges', {
      eventBus: props.bus,
      description: 'Created findings and compliance/record-state changes to the remediation dispatcher (automatic remediation, closed loop)',
      eventPattern: { ...findingRest, detailType: findingType } as events.EventPattern,
      targets: [retryingTarget(this.function, this.deadLetterQueue)],
    });
    this.alarm = deadLetterAlarm(this, 'DeadLettersAlarm', this.deadLetterQueue, 'Remediation triggers are failing: see the remediation dispatcher dead-letter queue');
  }
}
