import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { RecordInput } from '../../remediation';
import { readFinding, remediationContextFromEnv, updateFinding } from '../../wiring/remediation';
import { runRecord, type RecordResult } from '../../remediation';
import { createLogger } from '../../shared/logger';

const logger = createLogger();
let context: ReturnType<typeof remediationContextFromEnv> | undefined;

/** The shared Record task of every playbook: the outcome on the finding, the record and the app's bus. */
export const handler = middy<RecordInput, RecordResult>()
  .use(injectLambdaContext(logger, { clearState: true }))
  .handler(async (input) => {
    const ctx = (context ??= remediationContextFromEnv(process.env));
    const result = await runRecord(input, {
      readFinding: (identifier) => readFinding(ctx.store, identifier),
      updateFinding: (identifier, note, workflow) => updateFinding(ctx.store, identifier, note, workflow),
      records: ctx.records,
      putEvent: ctx.putEvent,
      now: ctx.now,
      awaiting: ctx.awaiting,
    });
    logger.info('Remediation recorded', { ...result, playbookId: input.check?.playbookId, executionArn: input.executionArn });
    return result;
  });
