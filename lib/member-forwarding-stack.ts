import { Stack, type StackProps } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { NORMALIZERS } from '../lambdas/normalize';
import { AccountSettingsCollector } from './constructs/account-settings-collector';
import { toCdkPattern } from './constructs/event-patterns';
import { deadLetterQueue } from './constructs/rule-target';

/** Props of {@link MemberForwardingStack}. */
export interface MemberForwardingStackProps extends StackProps {
  /** ARN of the admin account's ingestion bus (output `IngestionBusArn` of the admin stack). */
  readonly ingestionBusArn: string;
}

/**
 * Deployed in each member account and Region (by hand or as a StackSet): forwards the events the
 * normalizers consume — the same patterns, from the same registry — from the member's default bus
 * to the admin account's ingestion bus. GuardDuty, Inspector and Macie already deliver member
 * findings to a delegated administrator; Config rule evaluations and third-party batches need this.
 * It also deploys the account settings collector ({@link AccountSettingsCollector}): the settings
 * AWS Config does not record, sent to the same bus for the account-level controls.
 */
export class MemberForwardingStack extends Stack {
  constructor(scope: Construct, id: string, props: MemberForwardingStackProps) {
    super(scope, id, props);
    const adminBus = events.EventBus.fromEventBusArn(this, 'IngestionBus', props.ingestionBusArn);
    const key = new kms.Key(this, 'DeadLetterKey', { enableKeyRotation: true, description: 'Open Security Hub: forwarding dead letters' });
    // EventBridge writes the dead letters itself, so it must be able to use the key.
    key.grant(new iam.ServicePrincipal('events.amazonaws.com'), 'kms:GenerateDataKey', 'kms:Decrypt');
    const deadLetters = deadLetterQueue(this, 'ForwardingDeadLetters', key);

    for (const normalizer of NORMALIZERS) {
      new events.Rule(this, `Forward${normalizer.id}`, {
        description: `Forward ${normalizer.title} events to the Open Security Hub ingestion bus`,
        eventPattern: toCdkPattern(normalizer.eventPattern),
        targets: [new targets.EventBus(adminBus, { deadLetterQueue: deadLetters })],
      });
    }
    new AccountSettingsCollector(this, 'AccountSettings', { ingestionBus: adminBus, deadLetterQueue: deadLetters });
  }
}
