import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import middy from '@middy/core';
import { RecordedSettingsSource } from '../compliance';
import { AccountSettingsStore } from '../compliance';
import type { ConfigItemsSource } from '../compliance';
import { AggregatorConfigItems } from '../compliance';
import type { ControlFindingsStore } from '../compliance';
import type { AccountSettingsResolver, ComplianceSettings } from '../compliance';
import { complianceSettingsFromEnv } from '../compliance';
import { requireEnv } from '../shared/env';
import { effectiveSettingsFromEnv } from './central-configuration';
import { findingsStoreFromEnv } from './findings-store';
import { awsClient } from '../shared/clients';
import { createLogger } from '../shared/logger';

/** What a sweep task needs; built once per container, on the first invocation. */
export interface SweepDeps {
  source: ConfigItemsSource;
  store: ControlFindingsStore;
  settings: () => Promise<ComplianceSettings>;
  /**
   * Each account's effective settings (its configuration policy, or `settings` when self-managed):
   * a fresh resolver per task, so its cache lives as long as one batch. Absent: `settings` for all.
   */
  settingsFor?: () => AccountSettingsResolver;
  now: () => Date;
  /** This app's Region: where global resources' findings and the per-account controls live (see evaluateItem). */
  homeRegion?: string;
}

/**
 * The deployed wiring: the aggregator from `CONFIG_AGGREGATOR_NAME` (with the member collectors'
 * recorded account settings, recorders and scalable targets from the table), the store from `FINDINGS_TABLE`.
 */
export function sweepDepsFromEnv(): SweepDeps {
  const settings = complianceSettingsFromEnv();
  const aggregator = new AggregatorConfigItems(awsClient(ConfigServiceClient), process.env.CONFIG_AGGREGATOR_NAME ?? requireEnv('CONFIG_AGGREGATOR_NAME'));
  return {
    source: new RecordedSettingsSource(aggregator, new AccountSettingsStore({ client: awsClient(DynamoDBClient), tableName: requireEnv('FINDINGS_TABLE') })),
    store: findingsStoreFromEnv(),
    settings: () => settings.get(),
    settingsFor: effectiveSettingsFromEnv(() => settings.get()),
    now: () => new Date(),
    homeRegion: requireEnv('AWS_REGION'),
  };
}

/** A sweep task's Lambda handler: middy + logger around a core; logs the output's counts. */
export function sweepTask<Input, Output extends object>(
  name: string,
  run: (input: Input, deps: SweepDeps, logger: Logger) => Promise<Output>,
  createDeps: () => SweepDeps = sweepDepsFromEnv,
) {
  const logger = createLogger();
  let deps: SweepDeps | undefined;
  return middy<Input, Output>()
    .use(injectLambdaContext(logger, { clearState: true }))
    .handler(async (input) => {
      deps ??= createDeps();
      const output = await run(input, deps, logger);
      const { batches, errors, ...counts } = output as Record<string, unknown>;
      logger.info(`Sweep task ${name} done`, { ...counts, ...(Array.isArray(batches) && { batchCount: batches.length }) });
      return output;
    });
}
