import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { requestApproval } from '../remediation/approvals';
import type { ApprovalRequestInput } from '../remediation/contract';
import { remediationContextFromEnv } from '../remediation/from-env';

const logger = new Logger({ serviceName: 'remediation-approval' });
// Read while the module loads: the function's own environment is in place then (also on the embedded default).
const ENV = { ...process.env };
let context: ReturnType<typeof remediationContextFromEnv> | undefined;

/**
 * Target of every playbook's Await Approval (`lambda:invoke.waitForTaskToken`): keeps the task
 * token on the record (AWAITING_APPROVAL) and announces it; the execution waits until
 * ApproveRemediation / RejectRemediation completes the token.
 */
export const handler = middy<ApprovalRequestInput, { remediationId: string; status: string }>()
  .use(injectLambdaContext(logger, { clearState: true }))
  .handler(async (input) => {
    const ctx = (context ??= remediationContextFromEnv(ENV));
    const result = await requestApproval(input, { records: ctx.records, putEvent: ctx.putEvent, now: ctx.now });
    logger.info('Remediation awaiting approval', { remediationId: result.remediationId, executionArn: input.executionArn });
    return result;
  });
