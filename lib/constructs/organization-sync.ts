import { Duration, Validations } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledgeTableDataGrant } from './acknowledgements';
import { NodeFunction } from './node-function';
import { deadLetterAlarm, deadLetterQueue, retryingTarget } from './rule-target';

/** Props of {@link OrganizationSync}. */
export interface OrganizationSyncProps {
  /** The findings table (the organization's items). */
  readonly table: dynamodb.ITable;
  /** Encrypts the dead-letter queue. */
  readonly deadLetterKey: kms.IKey;
  /** How often AWS Organizations is read. @default every hour */
  readonly schedule?: events.Schedule;
}

/** What the sync reads of AWS Organizations: the tree, read-only. */
export const ORGANIZATIONS_READ = ['organizations:ListRoots', 'organizations:ListOrganizationalUnitsForParent', 'organizations:ListAccountsForParent'];

/**
 * Membership from AWS Organizations (docs/organization.md): a schedule invokes organization-sync,
 * which reads the organization's roots, OUs and accounts (the delegated administrator may read
 * them) and writes the member records that changed. A failed run goes to an encrypted
 * dead-letter queue with an alarm.
 */
export class OrganizationSync extends Construct {
  public readonly function: NodeFunction;
  public readonly deadLetterQueue: sqs.Queue;
  public readonly alarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: OrganizationSyncProps) {
    super(scope, id);
    this.deadLetterQueue = deadLetterQueue(this, 'DeadLetters', props.deadLetterKey);
    this.function = new NodeFunction(this, 'Sync', {
      entry: 'lambdas/functions/organization-sync/handler.ts',
      serviceName: 'organization-sync',
      description: 'Open Security Hub: member accounts from AWS Organizations (new accounts, OU paths, departures)',
      environment: { FINDINGS_TABLE: props.table.tableName },
      timeout: Duration.minutes(5),
    });
    props.table.grantReadWriteData(this.function);
    acknowledgeTableDataGrant(this.function.role!, props.table);
    this.function.addToRolePolicy(new iam.PolicyStatement({ actions: ORGANIZATIONS_READ, resources: ['*'] }));
    Validations.of(this.function.role!).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        "ListRoots supports no resource-level permission, and the roots' and OUs' ARNs embed the organization id, unknown at synth; the three actions are read-only listings of the organization's tree.",
    });
    new events.Rule(this, 'Schedule', {
      description: 'Member accounts from AWS Organizations',
      schedule: props.schedule ?? events.Schedule.rate(Duration.hours(1)),
      targets: [retryingTarget(this.function, this.deadLetterQueue)],
    });
    this.alarm = deadLetterAlarm(this, 'DeadLettersAlarm', this.deadLetterQueue, 'Open Security Hub: an organization sync failed (its dead-letter queue has a message)');
  }
}
