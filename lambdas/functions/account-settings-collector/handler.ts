import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { EC2Client } from '@aws-sdk/client-ec2';
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { IAMClient } from '@aws-sdk/client-iam';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import middy from '@middy/core';
import { ACCOUNT_SETTINGS_DETAIL_TYPE, ACCOUNT_SETTINGS_SOURCE, accountSettingsDetail, type CollectedSettings } from '../../compliance';
import { requireEnv } from '../../shared/env';
import { collectAccountSettings, type CollectorClients } from '../../compliance';
import { createLogger } from '../../shared/logger';
import { awsClient } from '../../shared/clients';

/** EventBridge's limit for one PutEvents request (the one entry must fit). */
const MAX_ENTRY_BYTES = 256 * 1024;

/** The event bus entry of collected settings, refused (with why) when it would not fit an event. */
export function accountSettingsEntry(settings: CollectedSettings, eventBusName: string): PutEventsRequestEntry {
  const entry = {
    EventBusName: eventBusName,
    Source: ACCOUNT_SETTINGS_SOURCE,
    DetailType: ACCOUNT_SETTINGS_DETAIL_TYPE,
    Resources: [],
    Detail: JSON.stringify(accountSettingsDetail(settings)),
  };
  const size = Buffer.byteLength(entry.Detail) + entry.Source.length + entry.DetailType.length;
  if (size > MAX_ENTRY_BYTES) {
    throw new Error(
      `Account settings of ${settings.accountId}/${settings.awsRegion} are ${size} bytes, over EventBridge's ${MAX_ENTRY_BYTES} (${settings.scalableTargets.length} scalable targets)`,
    );
  }
  return entry;
}

/** What the collector needs; built once per container. */
export interface CollectorDeps {
  clients: CollectorClients;
  events: Pick<EventBridgeClient, 'send'>;
  /** The admin account's ingestion bus (its ARN: PutEvents across accounts). */
  eventBusName: string;
  accountId: string;
  awsRegion: string;
  now?: () => Date;
}

function depsFromEnv(): CollectorDeps {
  return {
    clients: {
      iam: awsClient(IAMClient),
      ec2: awsClient(EC2Client),
      config: awsClient(ConfigServiceClient),
      autoScaling: awsClient(ApplicationAutoScalingClient),
      securityHub: awsClient(SecurityHubClient),
    },
    events: awsClient(EventBridgeClient),
    eventBusName: requireEnv('INGESTION_BUS_ARN'),
    accountId: requireEnv('ACCOUNT_ID'),
    awsRegion: requireEnv('AWS_REGION'),
  };
}

/**
 * The member account's settings collector (scheduled daily, and on the CloudTrail management
 * events that change those settings; the event itself is not read): collects the account's
 * settings in its Region and puts ONE `Account Settings Recorded` event on the admin ingestion bus.
 */
export function createCollectorHandler(createDeps: () => CollectorDeps = depsFromEnv) {
  const logger = createLogger();
  let deps: CollectorDeps | undefined;
  return middy<unknown, { accountId: string; awsRegion: string; capturedAt: string; eventId?: string }>()
    .use(injectLambdaContext(logger, { clearState: true }))
    .handler(async () => {
      deps ??= createDeps();
      const settings = await collectAccountSettings(deps.clients, { accountId: deps.accountId, awsRegion: deps.awsRegion }, deps.now?.() ?? new Date());
      const result = await deps.events.send(new PutEventsCommand({ Entries: [accountSettingsEntry(settings, deps.eventBusName)] }));
      const [answer] = result.Entries ?? [];
      if ((result.FailedEntryCount ?? 0) > 0 || answer?.ErrorCode) throw new Error(`PutEvents refused the account settings: ${answer?.ErrorCode}: ${answer?.ErrorMessage}`);
      logger.info('Account settings recorded', {
        accountId: settings.accountId,
        awsRegion: settings.awsRegion,
        recorders: settings.recorders.length,
        scalableTargets: settings.scalableTargets.length,
      });
      return { accountId: settings.accountId, awsRegion: settings.awsRegion, capturedAt: settings.capturedAt, eventId: answer?.EventId };
    });
}

export const handler = createCollectorHandler();
