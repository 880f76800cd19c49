/**
 * Lambda's invocation context, as the Node.js runtime hands it to a handler: built inside a
 * function's isolate from the plain fields the engine sends with each invocation.
 */
import type { Context } from 'aws-lambda';

/** The serializable part of a context: what crosses into the isolate with each invocation. */
export interface InvocationContext {
  functionName: string;
  awsRequestId: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  /** Epoch milliseconds at which the invocation times out (the template's `Timeout` after it started). */
  deadlineMs: number;
}

/** The ARN of a function as Lambda names it. */
export function functionArn(region: string, account: string, functionName: string): string {
  return `arn:aws:lambda:${region}:${account}:function:${functionName}`;
}

/** A Lambda context: enough for Powertools and middy (`getRemainingTimeInMillis` counts down to the deadline). */
export function lambdaContext(invocation: InvocationContext): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: invocation.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: invocation.invokedFunctionArn,
    memoryLimitInMB: invocation.memoryLimitInMB,
    awsRequestId: invocation.awsRequestId,
    logGroupName: `/aws/lambda/${invocation.functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, invocation.deadlineMs - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
