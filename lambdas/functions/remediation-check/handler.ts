import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { runCheck, type CheckInput } from '../../remediation';
import type { CheckResult } from '../../remediation';
import { readFinding, remediationContextFromEnv, updateFinding } from '../../wiring/remediation';
import { playbookById } from '../../remediation';
import { createLogger } from '../../shared/logger';

const logger = createLogger();
let context: ReturnType<typeof remediationContextFromEnv> | undefined;

/** The shared Check task of every playbook (`{playbookId, executionArn, input}` → CheckResult). */
export const handler = middy<CheckInput, CheckResult>()
  .use(injectLambdaContext(logger, { clearState: true }))
  .handler(async (task) => {
    const ctx = (context ??= remediationContextFromEnv(process.env));
    const result = await runCheck(task, {
      playbook: playbookById,
      readFinding: (identifier) => readFinding(ctx.store, identifier),
      settings: async () => (await ctx.settings.get()).settings,
      rateLimiter: ctx.rateLimiter,
      records: ctx.records,
      markNotified: (identifier, note) => updateFinding(ctx.store, identifier, note, 'NOTIFIED'),
      now: ctx.now,
    });
    logger.info('Remediation checked', {
      remediationId: result.remediationId,
      playbookId: result.playbookId,
      decision: result.decision,
      reason: result.reason,
      dryRun: result.dryRun,
      approvalRequired: result.approvalRequired,
    });
    return result;
  });
