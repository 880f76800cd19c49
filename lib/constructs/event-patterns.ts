import type * as events from 'aws-cdk-lib/aws-events';
import type { EventPattern } from '../../lambdas/normalize';

/** Turns an EventBridge JSON pattern into CDK's EventPattern (camelCase `detailType`, same values). */
export function toCdkPattern(pattern: EventPattern): events.EventPattern {
  const { 'detail-type': detailType, ...rest } = pattern;
  return { ...rest, ...(detailType !== undefined && { detailType }) } as events.EventPattern;
}
