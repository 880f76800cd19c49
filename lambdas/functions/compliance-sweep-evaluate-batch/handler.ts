import type { ResourceKey } from '../../compliance';
import { evaluateBatch, type EvaluateBatchOutput } from '../../compliance';
import { sweepTask } from '../../wiring/sweep-task';

/** Input of "Evaluate Batch": one batch of the list task's output. */
export interface EvaluateBatchInput {
  resources: ResourceKey[];
}

/** Sweep task "Evaluate Batch": fetch, evaluate and import one batch of ≤ 100 resources. */
export const createEvaluateBatchHandler = (createDeps?: Parameters<typeof sweepTask>[2]) =>
  sweepTask<EvaluateBatchInput, EvaluateBatchOutput>(
    'evaluate-batch',
    async ({ resources }, { source, store, settings, settingsFor, now, homeRegion }, logger) => {
      // Each account's effective configuration policy when central configuration is wired, else the one set for all.
      const output = await evaluateBatch(source, store, settingsFor ? settingsFor() : await settings(), resources ?? [], now(), homeRegion);
      for (const error of output.errors) logger.error('Control evaluation failed', { ...error });
      return output;
    },
    createDeps,
  );

export const handler = createEvaluateBatchHandler();
