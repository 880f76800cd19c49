import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import middy from '@middy/core';
import type { ComplianceSettings } from '../../compliance';
import { ScoresDirtyStore, type ScoresDirtyMarker } from '../../compliance';
import { complianceSettingsFromEnv } from '../../compliance';
import { requireEnv } from '../../shared/env';
import { snapshotDepsFromEnv, snapshotScores, type SnapshotDeps, type SnapshotOutput } from '../compliance-sweep-snapshot/handler';
import { createLogger } from '../../shared/logger';
import { awsClient } from '../../shared/clients';

/** What a scheduled run did. */
export interface SnapshotIfDirtyOutput {
  /** Whether a change evaluation had marked the scores dirty. */
  dirty: boolean;
  snapshot?: SnapshotOutput;
  /** False when a change marked the scores again during the snapshot: the next run takes another. */
  cleared?: boolean;
}

/**
 * The debounced snapshot after change-triggered evaluations: when the scores are marked dirty,
 * takes a score snapshot and puts the score / control-status change events ({@link snapshotScores}),
 * then clears the mark unless a newer change set it meanwhile. Clean: reads one item, nothing else.
 */
export async function snapshotIfDirty(deps: SnapshotDeps & { dirty: ScoresDirtyMarker }, settings: () => Promise<ComplianceSettings>, now: Date): Promise<SnapshotIfDirtyOutput> {
  const since = await deps.dirty.dirtySince();
  if (since === undefined) return { dirty: false };
  const snapshot = await snapshotScores(deps, await settings(), now);
  return { dirty: true, snapshot, cleared: await deps.dirty.clear(since) };
}

/** The scheduled handler (every 15 minutes deployed; `sechub snapshot-scores` on the embedded default). */
export function createSnapshotIfDirtyHandler(
  createDeps: () => SnapshotDeps & { dirty: ScoresDirtyMarker; settings: () => Promise<ComplianceSettings>; now?: () => Date } = () => {
    const settings = complianceSettingsFromEnv();
    return {
      ...snapshotDepsFromEnv(),
      dirty: new ScoresDirtyStore({ client: awsClient(DynamoDBClient), tableName: requireEnv('FINDINGS_TABLE') }),
      settings: () => settings.get(),
    };
  },
) {
  const logger = createLogger();
  let deps: ReturnType<typeof createDeps> | undefined;
  return middy<unknown, SnapshotIfDirtyOutput>()
    .use(injectLambdaContext(logger, { clearState: true }))
    .handler(async () => {
      deps ??= createDeps();
      const output = await snapshotIfDirty(deps, deps.settings, deps.now?.() ?? new Date());
      logger.info('Scheduled score snapshot', { dirty: output.dirty, cleared: output.cleared, ...output.snapshot });
      return output;
    });
}

export const handler = createSnapshotIfDirtyHandler();
