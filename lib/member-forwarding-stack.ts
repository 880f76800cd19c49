import { CfnCondition, CfnParameter, Fn, Stack, type StackProps } from 'aws-cdk-lib';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { acknowledgeInlinePolicies } from './constructs/acknowledgements';
import { NORMALIZERS } from '../lambdas/normalize';
import { AccountSettingsCollector } from './constructs/account-settings-collector';
import { toCdkPattern } from './constructs/event-patterns';
import { deadLetterQueue } from './constructs/rule-target';

/** Props of {@link MemberForwardingStack}. */
export interface MemberForwardingStackProps extends StackProps {
  /**
   * ARN of the admin account's ingestion bus (output `IngestionBusArn` of the admin stack).
   * Absent: the template takes it as the parameter `IngestionBusArn` (the StackSet passes it).
   */
  readonly ingestionBusArn?: string;
}

/**
 * Deployed in each member account and Region (by hand or as a StackSet): forwards the events the
 * normalizers consume — the same patterns, from the same registry — from the member's default bus
 * to the admin account's ingestion bus. GuardDuty, Inspector and Macie already deliver member
 * findings to a delegated administrator; Config rule evaluations and third-party batches need this.
 * It also deploys the account settings collector ({@link AccountSettingsCollector}): the settings
 * AWS Config does not record, sent to the same bus for the account-level controls. No asset: the
 * collector's code is inline, so the template deploys where no `cdk bootstrap` ran.
 */
export class MemberForwardingStack extends Stack {
  constructor(scope: Construct, id: string, props: MemberForwardingStackProps = {}) {
    super(scope, id, props);
    acknowledgeInlinePolicies(this);
    const ingestionBusArn =
      props.ingestionBusArn ??
      new CfnParameter(this, 'IngestionBusArn', {
        description: "ARN of the admin account's Open Security Hub ingestion bus (output IngestionBusArn of the admin stack)",
        allowedPattern: '^arn:aws[a-z-]*:events:[a-z0-9-]+:\\d{12}:event-bus/[\\w.\\-/]+$',
      }).valueAsString;
    const adminBus = events.EventBus.fromEventBusArn(this, 'IngestionBus', ingestionBusArn);
    const key = new kms.Key(this, 'DeadLetterKey', { enableKeyRotation: true, description: 'Open Security Hub: forwarding dead letters' });
    // EventBridge writes the dead letters itself, so it must be able to use the key.
    key.grant(new iam.ServicePrincipal('events.amazonaws.com'), 'kms:GenerateDataKey', 'kms:Decrypt');
    // CloudWatch Logs encrypts the collector's log group with it, for this account's log groups only.
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal(`logs.${this.region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${this.partition}:logs:${this.region}:${this.account}:log-group:*` } },
      }),
    );
    const deadLetters = deadLetterQueue(this, 'ForwardingDeadLetters', key);

    for (const normalizer of NORMALIZERS) {
      new events.Rule(this, `Forward${normalizer.id}`, {
        description: `Forward ${normalizer.title} events to the Open Security Hub ingestion bus`,
        eventPattern: toCdkPattern(normalizer.eventPattern),
        targets: [new targets.EventBus(adminBus, { deadLetterQueue: deadLetters })],
      });
    }
    const collector = new AccountSettingsCollector(this, 'AccountSettings', { ingestionBus: adminBus, deadLetterQueue: deadLetters, logKey: key });

    // The dead-letter alarm notifies: an encrypted, TLS-only topic, with the operators' address when given.
    const alarmTopic = new sns.Topic(this, 'AlarmTopic', { displayName: 'Open Security Hub member alarms', masterKey: key, enforceSSL: true });
    key.grant(new iam.ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:GenerateDataKey*', 'kms:Decrypt');
    collector.alarm.addAlarmAction(new actions.SnsAction(alarmTopic));
    const email = new CfnParameter(this, 'AlarmEmail', {
      description: 'Subscribed to the member alarm topic (the forwarding dead-letter queue filling); empty: no subscription',
      default: '',
      allowedPattern: '^$|^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$',
    });
    const withEmail = new CfnCondition(this, 'HasAlarmEmail', { expression: Fn.conditionNot(Fn.conditionEquals(email.valueAsString, '')) });
    new sns.CfnSubscription(this, 'AlarmEmailSubscription', { topicArn: alarmTopic.topicArn, protocol: 'email', endpoint: email.valueAsString }).cfnOptions.condition = withEmail;
  }
}
