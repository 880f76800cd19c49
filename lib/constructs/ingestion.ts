import { Stack } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { NORMALIZERS } from '../../lambdas/normalize';
import type { Normalizer } from '../../lambdas/normalize';
import { acknowledgeTableDataGrant } from './acknowledgements';
import { toCdkPattern } from './event-patterns';
import { adminBuses, deadLetterAlarm, deadLetterQueue, invokeRetries, retryingTarget } from './rule-target';
import { NodeFunction } from './node-function';

/** Props of {@link Ingestion}. */
export interface IngestionProps {
  /** The findings table the normalizers import into. */
  readonly table: dynamodb.ITable;
  /**
   * AWS Organizations id (`o-…`): member accounts of this organization may put events on the
   * ingestion bus. Without it, only this account's own buses feed the normalizers.
   */
  readonly organizationId?: string;
  /** The normalizers to deploy. @default every entry of the registry */
  readonly normalizers?: readonly Normalizer[];
}

/** One normalizer as deployed: its function, its dead-letter queue and the alarm on it. */
export interface DeployedNormalizer {
  readonly fn: NodeFunction;
  readonly deadLetterQueue: sqs.Queue;
  readonly alarm: cloudwatch.Alarm;
}

/**
 * Ingestion: per normalizer of the registry, a Lambda function and one EventBridge rule on each
 * of the admin account's buses (its default bus, where AWS services and delegated-admin
 * aggregation deliver, and the organization bus that member accounts forward to). Every target
 * retries and dead-letters to an encrypted SQS queue; failed invocations (unmappable events,
 * rejected findings) reach the same queue through Lambda's on-failure destination, with the error;
 * an alarm fires on the first message.
 */
export class Ingestion extends Construct {
  /** The organization bus member accounts forward their events to. */
  public readonly bus: events.EventBus;
  /** The key that encrypts the dead-letter queues. */
  public readonly key: kms.Key;
  /** Each deployed normalizer, by normalizer id. */
  public readonly normalizers: Record<string, DeployedNormalizer> = {};

  constructor(scope: Construct, id: string, props: IngestionProps) {
    super(scope, id);
    const stack = Stack.of(this);

    this.key = new kms.Key(this, 'QueueKey', {
      enableKeyRotation: true,
      description: 'Open Security Hub: ingestion dead-letter queues',
    });
    // EventBridge writes target dead letters itself, so it must be able to use the key.
    this.key.grant(new iam.ServicePrincipal('events.amazonaws.com'), 'kms:GenerateDataKey', 'kms:Decrypt');

    this.bus = new events.EventBus(this, 'OrganizationBus', { eventBusName: `${stack.stackName}-ingestion` });
    if (props.organizationId) {
      this.bus.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: 'MemberAccountsPutEvents',
          principals: [new iam.AnyPrincipal()],
          actions: ['events:PutEvents'],
          resources: [this.bus.eventBusArn],
          conditions: { StringEquals: { 'aws:PrincipalOrgID': props.organizationId } },
        }),
      );
    }
    const buses = adminBuses(this, this.bus);

    for (const normalizer of props.normalizers ?? NORMALIZERS) {
      this.normalizers[normalizer.id] = this.deploy(normalizer, props.table, buses);
    }
  }

  private deploy(normalizer: Normalizer, table: dynamodb.ITable, buses: Array<[string, events.IEventBus]>): DeployedNormalizer {
    const name = normalizer.id.replace(/(^|-)(\w)/g, (_, __, letter: string) => letter.toUpperCase());
    const queue = deadLetterQueue(this, `${name}DeadLetters`, this.key);
    const fn = new NodeFunction(this, `Normalize${name}`, {
      entry: `lambdas/functions/normalize-${normalizer.id}/handler.ts`,
      serviceName: `normalize-${normalizer.id}`,
      description: `Open Security Hub: ${normalizer.title} events to ASFF findings`,
      environment: {
        FINDINGS_TABLE: table.tableName,
        // Third-party batches from this account may carry any account's findings (see normalize-asff).
        TRUSTED_ACCOUNT_ID: Stack.of(this).account,
      },
      ...invokeRetries(queue),
    });
    table.grantReadWriteData(fn);
    acknowledgeTableDataGrant(fn.role!, table);

    for (const [busName, bus] of buses) {
      new events.Rule(this, `${name}From${busName}Bus`, {
        eventBus: bus,
        description: `${normalizer.title} events to the ${normalizer.id} normalizer`,
        eventPattern: toCdkPattern(normalizer.eventPattern),
        targets: [retryingTarget(fn, queue)],
      });
    }
    const alarm = deadLetterAlarm(this, `${name}DeadLettersAlarm`, queue, `${normalizer.title} events are failing: see the ${normalizer.id} dead-letter queue`);
    return { fn, deadLetterQueue: queue, alarm };
  }
}
