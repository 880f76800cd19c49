import { Arn, Duration, Stack, Validations } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { InlineNodeFunction } from './inline-node-function';
import { deadLetterAlarm, invokeRetries, retryingTarget } from './rule-target';

/** Props of {@link AccountSettingsCollector}. */
export interface AccountSettingsCollectorProps {
  /** The admin account's ingestion bus the settings go to. */
  readonly ingestionBus: events.IEventBus;
  /** Where failed schedules, change events and invocations land (KMS-encrypted). */
  readonly deadLetterQueue: sqs.Queue;
  /** Encrypts the collector's log group (CloudWatch Logs must be allowed to use it). */
  readonly logKey: kms.IKey;
}

/** Read-only calls the collector makes; none supports resource-level permissions (Resource "*"). */
export const COLLECTOR_READ_ACTIONS = [
  'iam:GetAccountSummary',
  'iam:GetAccountPasswordPolicy',
  'iam:ListVirtualMFADevices',
  'ec2:GetEbsEncryptionByDefault',
  'config:DescribeConfigurationRecorders',
  'config:DescribeConfigurationRecorderStatus',
  'application-autoscaling:DescribeScalableTargets',
] as const;

/**
 * The CloudTrail management events that change what the collector reads: it runs on each (and
 * daily). IAM's events arrive only in us-east-1 (IAM is a global service): in other Regions, IAM
 * changes are picked up by the daily run.
 */
export const ACCOUNT_SETTINGS_CHANGE_PATTERN = {
  source: ['aws.iam', 'aws.ec2', 'aws.config', 'aws.application-autoscaling', 'aws.securityhub'],
  'detail-type': ['AWS API Call via CloudTrail'],
  detail: {
    eventName: [
      'UpdateAccountPasswordPolicy',
      'DeleteAccountPasswordPolicy',
      'EnableMFADevice',
      'DeactivateMFADevice',
      'CreateVirtualMFADevice',
      'DeleteVirtualMFADevice',
      'CreateAccessKey',
      'DeleteAccessKey',
      'EnableEbsEncryptionByDefault',
      'DisableEbsEncryptionByDefault',
      'PutConfigurationRecorder',
      'DeleteConfigurationRecorder',
      'StartConfigurationRecorder',
      'StopConfigurationRecorder',
      'RegisterScalableTarget',
      'DeregisterScalableTarget',
      'EnableSecurityHub',
      'DisableSecurityHub',
    ],
  },
};

/**
 * Member account: the account settings collector (a Lambda with read-only access to what it
 * collects), run daily and on the CloudTrail management events that change those settings. It puts
 * ONE `Account Settings Recorded` event per account and Region on the admin ingestion bus, where
 * the compliance change evaluation stores it and evaluates the account-level controls. Its code is
 * inline in the template ({@link InlineNodeFunction}), so a StackSet can deploy it anywhere.
 */
export class AccountSettingsCollector extends Construct {
  public readonly function: InlineNodeFunction;
  public readonly alarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: AccountSettingsCollectorProps) {
    super(scope, id);
    const stack = Stack.of(this);
    // Inline code: the member template needs no bootstrap bucket (docs/deploying.md, "4. Member accounts").
    this.function = new InlineNodeFunction(this, 'Collect', {
      logKey: props.logKey,
      entry: 'lambdas/functions/account-settings-collector/handler.ts',
      serviceName: 'account-settings-collector',
      description: 'Open Security Hub: record the account settings AWS Config does not (password policy, root MFA, EBS default encryption, recorders, scalable targets)',
      environment: { INGESTION_BUS_ARN: props.ingestionBus.eventBusArn, ACCOUNT_ID: stack.account },
      timeout: Duration.minutes(1),
      ...invokeRetries(props.deadLetterQueue),
    });
    this.function.addToRolePolicy(new iam.PolicyStatement({ actions: [...COLLECTOR_READ_ACTIONS], resources: ['*'] }));
    this.function.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['securityhub:DescribeHub'], resources: [Arn.format({ service: 'securityhub', resource: 'hub', resourceName: 'default' }, stack)] }),
    );
    props.ingestionBus.grantPutEventsTo(this.function);
    for (const action of ['kms:GenerateDataKey*', 'kms:ReEncrypt*']) {
      Validations.of(this.function.role!).acknowledge({
        id: `AwsSolutions-IAM5[Action::${action}]`,
        reason: `Lambda's on-failure destination sends to the KMS-encrypted dead-letter queue, which needs ${action} on that one key.`,
      });
    }
    Validations.of(this.function.role!).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: `Read-only calls without resource-level permissions (${COLLECTOR_READ_ACTIONS.join(', ')}), and X-Ray's trace writes: their Resource must be "*".`,
    });

    const target = retryingTarget(this.function, props.deadLetterQueue);
    new events.Rule(this, 'Daily', { description: 'Record the account settings daily', schedule: events.Schedule.rate(Duration.days(1)), targets: [target] });
    new events.Rule(this, 'OnChange', {
      description: 'Record the account settings when a CloudTrail management event changes them',
      eventPattern: (({ 'detail-type': detailType, ...rest }) => ({ ...rest, detailType }))(ACCOUNT_SETTINGS_CHANGE_PATTERN) as events.EventPattern,
      targets: [target],
    });
    this.alarm = deadLetterAlarm(this, 'DeadLettersAlarm', props.deadLetterQueue, 'Account settings collection or forwarding is failing: see the forwarding dead-letter queue');
  }
}
