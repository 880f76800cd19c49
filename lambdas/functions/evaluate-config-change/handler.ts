import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import middy from '@middy/core';
import { AggregatorConfigItems } from '../../compliance';
import { RecordedSettingsSource } from '../../compliance';
import { AccountSettingsStore, type AccountSettingsRepository } from '../../compliance';
import { ScoresDirtyStore, type ScoresDirtyMarker } from '../../compliance';
import type { ControlFindingsStore } from '../../compliance';
import { defaultComplianceSettings, type AccountSettingsResolver, type ComplianceSettings, type SettingsSource } from '../../compliance';
import { complianceSettingsFromEnv } from '../../compliance';
import { requireEnv } from '../../shared/env';
import { findingsStoreFromEnv } from '../../wiring/findings-store';
import { effectiveSettingsFromEnv } from '../../wiring/central-configuration';
import {
  evaluateAccountSettings,
  evaluateConfigChange,
  isAccountSettingsEvent,
  type AccountSettingsEvent,
  type ChangeItemsSource,
  type ChangeOutcome,
  type ConfigItemChangeEvent,
} from '../../compliance';
import { createLogger } from '../../shared/logger';
import { awsClient } from '../../shared/clients';

/** What the handler needs; built once per container. */
export interface ChangeHandlerDeps {
  source: ChangeItemsSource;
  store: ControlFindingsStore;
  /** The organization's compliance settings. @default defaultComplianceSettings() */
  settings?: () => Promise<ComplianceSettings>;
  /** Each account's effective settings (its configuration policy, else `settings`); a fresh resolver per event. */
  settingsFor?: () => AccountSettingsResolver;
  now?: () => Date;
  /** This app's Region: where global resources' findings and the per-account controls live (see evaluateItem). */
  homeRegion?: string;
  /** Where member collectors' account settings are stored (needed for `Account Settings Recorded` events). */
  accountSettings?: AccountSettingsRepository;
  /** Marked when an evaluation wrote a control finding: the scheduled snapshot then takes one. */
  scoresDirty?: ScoresDirtyMarker;
  /** The account that may send account settings of any account (this app's own); others only their own. */
  trustedAccount?: string;
}

/** The deployed wiring: the aggregator from `CONFIG_AGGREGATOR_NAME`, the store from `FINDINGS_TABLE`. */
function depsFromEnv(): ChangeHandlerDeps {
  const aggregatorName = process.env.CONFIG_AGGREGATOR_NAME ?? requireEnv('CONFIG_AGGREGATOR_NAME');
  const settings = complianceSettingsFromEnv();
  const table = { client: awsClient(DynamoDBClient), tableName: requireEnv('FINDINGS_TABLE') };
  const accountSettings = new AccountSettingsStore(table);
  return {
    source: new RecordedSettingsSource(new AggregatorConfigItems(awsClient(ConfigServiceClient), aggregatorName), accountSettings),
    store: findingsStoreFromEnv(),
    accountSettings,
    scoresDirty: new ScoresDirtyStore(table),
    settings: () => settings.get(),
    settingsFor: effectiveSettingsFromEnv(() => settings.get()),
    homeRegion: requireEnv('AWS_REGION'),
    trustedAccount: process.env.TRUSTED_ACCOUNT_ID,
  };
}

/**
 * The change-triggered evaluation handler: middy + logger around {@link evaluateConfigChange} for
 * AWS Config's `Config Configuration Item Change` events, and {@link evaluateAccountSettings} for
 * member collectors' `Account Settings Recorded` events. An evaluation that wrote a control
 * finding marks the scores dirty (the scheduled snapshot follows). A failure (stale oversized item,
 * refused findings, malformed settings) throws, so Lambda retries and then dead-letters the event.
 */
export function createChangeHandler(createDeps: () => ChangeHandlerDeps = depsFromEnv) {
  const logger = createLogger();
  let deps: ChangeHandlerDeps | undefined;
  return middy<ConfigItemChangeEvent | AccountSettingsEvent, ChangeOutcome>()
    .use(injectLambdaContext(logger, { clearState: true }))
    .handler(async (event) => {
      deps ??= createDeps();
      const settingsEvent = isAccountSettingsEvent(event);
      const context = { eventId: event.id, account: event.account, messageType: settingsEvent ? event['detail-type'] : (event as ConfigItemChangeEvent).detail?.messageType };
      try {
        const settings: SettingsSource = deps.settingsFor ? deps.settingsFor() : deps.settings ? await deps.settings() : defaultComplianceSettings();
        const now = deps.now?.() ?? new Date();
        const run = { source: deps.source, store: deps.store, settings, now, homeRegion: deps.homeRegion };
        let outcome: ChangeOutcome;
        if (settingsEvent) {
          if (!deps.accountSettings) throw new Error('Account settings events need an account settings store (ChangeHandlerDeps.accountSettings)');
          outcome = await evaluateAccountSettings(event as AccountSettingsEvent, { ...run, accountSettings: deps.accountSettings, trustedAccount: deps.trustedAccount });
        } else {
          outcome = await evaluateConfigChange(event as ConfigItemChangeEvent, run);
        }
        if (outcome.written > 0) await deps.scoresDirty?.mark(now);
        const { errors, ...counts } = outcome;
        logger.info('Configuration item evaluated', { ...context, ...counts, errorCount: errors.length });
        for (const error of errors) logger.error('Control evaluation failed', { ...context, ...error });
        return outcome;
      } catch (error) {
        logger.error('Configuration item not evaluated', { ...context, error: error as Error });
        throw error;
      }
    });
}

export const handler = createChangeHandler();
