import { messagingControls } from '../../../../lambdas/compliance/controls/messaging';
import type { ConfigurationItem, EvaluationContext } from '../../../../lambdas/compliance/controls/types';
import { configItem } from '../../../support/fixtures';

const item = (name: string): ConfigurationItem => configItem(`messaging/${name}`);
const context: EvaluationContext = { parameters: {}, related: () => [], now: new Date('2025-06-01T00:00:00Z') };
const evaluate = (id: string, fixture: string) => messagingControls.find((entry) => entry.id === id)!.evaluate(item(fixture), context);

describe('SNS and SQS controls', () => {
  it.each([
    ['SNS.1', 'topic-kms', 'PASSED', /encrypted with KMS key alias\/aws\/sns/],
    ['SNS.1', 'topic-plain', 'FAILED', /no KmsMasterKeyId/],
    ['SNS.1', 'queue-plain', 'NOT_APPLICABLE', /AWS::SQS::Queue is not evaluated/],
    ['SQS.1', 'queue-sse-sqs', 'PASSED', /SSE-SQS/],
    ['SQS.1', 'queue-sse-kms', 'PASSED', /alias\/payments \(SSE-KMS\)/],
    ['SQS.1', 'queue-plain', 'FAILED', /not encrypted at rest/],
    ['SQS.1', 'queue-not-recorded', 'NOT_APPLICABLE', /ResourceNotRecorded/],
  ])('%s judges %s as %s and says why', (id, fixture, status, reason) => {
    expect(evaluate(id, fixture)).toEqual({ status, reason: expect.stringMatching(reason) });
  });
});
