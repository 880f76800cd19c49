import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import middy from '@middy/core';
import { AggregatorConfigItems } from '../compliance/config-items-api';
import type { ControlFindingsStore } from '../compliance/evaluate-import';
import { defaultComplianceSettings, type ComplianceSettings } from '../compliance/settings';
import { complianceSettingsFromEnv } from '../compliance/state/settings-store';
import { requireEnv } from '../shared/env';
import { findingsStoreFromEnv } from '../shared/store/from-env';
import { evaluateConfigChange, type ChangeItemsSource, type ChangeOutcome, type ConfigItemChangeEvent } from './evaluate-change';

/** What the handler needs; built once per container. */
export interface ChangeHandlerDeps {
  source: ChangeItemsSource;
  store: ControlFindingsStore;
  /** The organization's compliance settings. @default defaultComplianceSettings() */
  settings?: () => Promise<ComplianceSettings>;
  now?: () => Date;
  /** This app's Region: where global resources' findings and the per-account controls live (see evaluateItem). */
  homeRegion?: string;
}

// Read while the module loads: the function's own environment is in place then (also on the embedded default).
const AGGREGATOR_NAME = process.env.CONFIG_AGGREGATOR_NAME;

/** The deployed wiring: the aggregator from `CONFIG_AGGREGATOR_NAME`, the store from `FINDINGS_TABLE`. */
function depsFromEnv(): ChangeHandlerDeps {
  const aggregatorName = AGGREGATOR_NAME ?? requireEnv('CONFIG_AGGREGATOR_NAME');
  const settings = complianceSettingsFromEnv();
  return {
    source: new AggregatorConfigItems(new ConfigServiceClient({}), aggregatorName),
    store: findingsStoreFromEnv(),
    settings: () => settings.get(),
    homeRegion: requireEnv('AWS_REGION'),
  };
}

/**
 * The change-triggered evaluation handler (EventBridge `aws.config` / `Config Configuration Item
 * Change` target): middy + logger around {@link evaluateConfigChange}. A failure (stale oversized
 * item, refused findings) throws, so Lambda retries and then dead-letters the event.
 */
export function createChangeHandler(createDeps: () => ChangeHandlerDeps = depsFromEnv) {
  const logger = new Logger({ serviceName: 'evaluate-config-change' });
  let deps: ChangeHandlerDeps | undefined;
  return middy<ConfigItemChangeEvent, ChangeOutcome>()
    .use(injectLambdaContext(logger, { clearState: true }))
    .handler(async (event) => {
      deps ??= createDeps();
      const context = { eventId: event.id, account: event.account, messageType: event.detail?.messageType };
      try {
        const settings = deps.settings ? await deps.settings() : defaultComplianceSettings();
        const outcome = await evaluateConfigChange(event, { source: deps.source, store: deps.store, settings, now: deps.now?.() ?? new Date(), homeRegion: deps.homeRegion });
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
