import { Annotations, Arn, ArnFormat, CfnOutput, Duration, Stack, Validations } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { INTEGRATIONS_CONFIG_ENV, parseIntegrationsConfig, secretNamesOf, type IntegrationsConfig } from '../../lambdas/integrations';
import { kindOf } from '../../lambdas/integrations';
import { APP_EVENT_SOURCE, FINDINGS_IMPORTED } from '../../lambdas/events';
import { acknowledgeTableDataGrant } from './acknowledgements';
import { NodeFunction } from './node-function';
import { deadLetterAlarm, deadLetterQueue, invokeRetries, retryingTarget } from './rule-target';

/** Lambda allows 4 KB of environment in all; the configuration must leave room for the rest. */
export const MAX_CONFIG_BYTES = 3 * 1024;

/**
 * The `integrations` context value (an object in cdk.json, or JSON text from `-c integrations=…`),
 * checked; errors name the key path (`integrations.destinations[1].projectKey: …`).
 */
export function integrationsFromContext(value: unknown): IntegrationsConfig {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch (error) {
      throw new Error(`integrations: context value is not JSON (${(error as Error).message})`);
    }
  }
  return parseIntegrationsConfig(parsed, 'integrations');
}

/** Props of {@link Integrations}. */
export interface IntegrationsProps {
  /** The findings table: the store's updates (ticket fields, notes) and the integrations' links live there. */
  readonly table: dynamodb.ITable;
  /** The app's bus (finding events drive ticket lifecycles and paging resolves). */
  readonly bus: events.IEventBus;
  /** The alerts topic (chat and paging destinations receive its alerts). */
  readonly alertsTopic: sns.ITopic;
  /** The key of the dead-letter queue. */
  readonly deadLetterKey: kms.IKey;
  /** The checked configuration (see {@link integrationsFromContext}). */
  readonly config: IntegrationsConfig;
}

/**
 * Integrations as configuration: with no destinations, nothing. Otherwise one delivery function
 * (subscribed to the alerts topic when a chat or paging destination is declared; behind a rule on
 * finding events when a ticket or paging destination is) with Lambda retries, a dead-letter queue
 * and an alarm; and, when a ticket destination takes inbound webhooks, the webhook function behind
 * a function URL (Jira and ServiceNow cannot sign SigV4: the function authenticates each request
 * by HMAC signature or shared token and refuses the rest). Each function may read only the secrets
 * the configuration names.
 */
export class Integrations extends Construct {
  public readonly deliver?: NodeFunction;
  public readonly webhook?: NodeFunction;
  public readonly webhookUrl?: lambda.FunctionUrl;
  public readonly deadLetterQueue?: sqs.Queue;
  public readonly alarm?: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: IntegrationsProps) {
    super(scope, id);
    const { config } = props;
    if (config.destinations.length === 0) return;
    const channels = new Set(config.destinations.map((destination) => kindOf(destination.kind).channel));
    const configText = JSON.stringify(config);
    if (Buffer.byteLength(configText) > MAX_CONFIG_BYTES) {
      throw new Error(`integrations: the configuration is ${Buffer.byteLength(configText)} bytes; at most ${MAX_CONFIG_BYTES} fit in the functions' environment (shorten rules)`);
    }
    for (const [index, destination] of config.destinations.entries()) {
      for (const [member, ref] of [
        ['credentials', destination.credentials],
        ['inbound', destination.inbound],
      ] as const) {
        if (ref !== undefined && 'value' in ref) {
          Annotations.of(this).addWarningV2(
            'open-security-hub:integrations-inline-secret',
            `integrations.destinations[${index}].${member}: a value in the configuration is for the embedded default and tests; deployed, name a Secrets Manager secret (secretName)`,
          );
        }
      }
    }
    const environment = { FINDINGS_TABLE: props.table.tableName, [INTEGRATIONS_CONFIG_ENV]: configText };

    this.deadLetterQueue = deadLetterQueue(this, 'DeliverIntegrationsDeadLetters', props.deadLetterKey);
    this.deliver = new NodeFunction(this, 'DeliverIntegrations', {
      entry: 'lambdas/functions/deliver-integrations/handler.ts',
      serviceName: 'deliver-integrations',
      description: 'Open Security Hub: alerts and finding events to chat, paging and ticket destinations',
      environment,
      timeout: Duration.minutes(2), // a few destinations, each with its HTTP retries and backoff
      ...invokeRetries(this.deadLetterQueue),
    });
    props.table.grantReadWriteData(this.deliver);
    acknowledgeTableDataGrant(this.deliver.role!, props.table);
    grantSecrets(this, this.deliver, secretNamesOf({ destinations: config.destinations.map(({ inbound: _inbound, ...destination }) => destination) }));
    if (channels.has('chat') || channels.has('paging')) props.alertsTopic.addSubscription(new subscriptions.LambdaSubscription(this.deliver));
    if (channels.has('tickets') || channels.has('paging')) {
      new events.Rule(this, 'FindingEventsToIntegrations', {
        eventBus: props.bus,
        description: 'Finding events to ticket lifecycles and paging resolves',
        eventPattern: { source: [APP_EVENT_SOURCE], detailType: [FINDINGS_IMPORTED] },
        targets: [retryingTarget(this.deliver, this.deadLetterQueue)],
      });
    }
    this.alarm = deadLetterAlarm(
      this,
      'DeliverIntegrationsDeadLettersAlarm',
      this.deadLetterQueue,
      'Integration deliveries are failing after retries: see the integrations dead-letter queue',
    );

    const inbound = config.destinations.filter((destination) => destination.inbound !== undefined);
    if (inbound.length > 0) {
      this.webhook = new NodeFunction(this, 'IntegrationWebhook', {
        entry: 'lambdas/functions/integration-webhook/handler.ts',
        serviceName: 'integration-webhook',
        description: 'Open Security Hub: inbound ticket webhooks (Jira, ServiceNow) that resolve findings',
        environment,
        // Refuses an unauthenticated request before reading anything: a forged request costs one short invocation.
        timeout: Duration.seconds(15),
        memorySize: 256,
      });
      props.table.grantReadWriteData(this.webhook);
      acknowledgeTableDataGrant(this.webhook.role!, props.table);
      grantSecrets(this, this.webhook, secretNamesOf({ destinations: inbound.map((destination) => ({ ...destination, credentials: { value: '' } })) }));
      this.webhookUrl = this.webhook.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
      new CfnOutput(this, 'IntegrationsWebhookUrl', {
        value: this.webhookUrl.url,
        description: 'Inbound ticket webhooks: <url><destination name> (Jira: signed with the webhook secret; ServiceNow: Bearer token)',
      });
    }
  }
}

/** secretsmanager:GetSecretValue on the named secrets only (a name matches its 6-character ARN suffix). */
function grantSecrets(scope: Construct, fn: lambda.IFunction, names: string[]): void {
  if (names.length === 0) return;
  const stack = Stack.of(scope);
  const resources = names.map((name) =>
    name.startsWith('arn:') ? name : Arn.format({ service: 'secretsmanager', resource: 'secret', resourceName: `${name}-??????`, arnFormat: ArnFormat.COLON_RESOURCE_NAME }, stack),
  );
  fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources }));
  for (const resource of resources.filter((arn) => arn.endsWith('-??????'))) {
    Validations.of(fn.role!).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${stack.resolve(resource)}]`,
      reason: 'Secrets Manager appends 6 random characters to a secret\'s ARN: "-??????" matches exactly the named secret, nothing else.',
    });
  }
}
