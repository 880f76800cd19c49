import { defineControl, liveRelated, unjudged } from '../../../../../lambdas/compliance/controls/support/guard';
import { passed } from '../../../../../lambdas/compliance/controls/support/verdicts';
import type { ConfigurationItem, EvaluationContext } from '../../../../../lambdas/compliance/controls/types';

const anItem = (overrides: Partial<ConfigurationItem> = {}): ConfigurationItem => ({
  accountId: '111122223333',
  awsRegion: 'eu-west-1',
  resourceType: 'AWS::SQS::Queue',
  resourceId: 'q-1',
  configurationItemStatus: 'OK',
  configuration: {},
  ...overrides,
});
const context = (related: ConfigurationItem[]): EvaluationContext => ({ parameters: {}, related: () => related, now: new Date('2025-06-01T00:00:00Z') });

describe('the not-judged guard', () => {
  it("lets a recorded, live item of the control's type through", () => {
    expect(unjudged(anItem(), ['AWS::SQS::Queue'])).toBeUndefined();
  });

  it('names the other type first, even for a deleted item', () => {
    const result = unjudged(anItem({ configurationItemStatus: 'ResourceDeleted' }), ['AWS::SNS::Topic']);

    expect(result).toEqual({ status: 'NOT_APPLICABLE', reason: 'AWS::SQS::Queue is not evaluated by this control (it evaluates AWS::SNS::Topic).' });
  });

  it.each([
    [{ configurationItemStatus: 'ResourceDeletedNotRecorded' as const }, 'AWS::SQS::Queue q-1 was deleted (ResourceDeletedNotRecorded).'],
    [{ configurationItemStatus: 'ResourceNotRecorded' as const }, 'AWS::SQS::Queue q-1 is not recorded by AWS Config (ResourceNotRecorded).'],
    [{ configuration: null }, 'AWS::SQS::Queue q-1 has no recorded configuration.'],
  ])('does not judge %j', (overrides, reason) => {
    expect(unjudged(anItem(overrides), ['AWS::SQS::Queue'])).toEqual({ status: 'NOT_APPLICABLE', reason });
  });

  it('keeps only the related items that can be judged', () => {
    const related = [
      anItem({ resourceId: 'live' }),
      anItem({ resourceId: 'gone', configurationItemStatus: 'ResourceDeleted' }),
      anItem({ resourceId: 'empty', configuration: null }),
    ];

    expect(liveRelated(context(related), 'AWS::SQS::Queue').map((other) => other.resourceId)).toEqual(['live']);
  });

  it("runs a defined control's evaluator only behind the guard, with the configuration", () => {
    const control = defineControl(
      { id: 'X.1', title: 't', description: 'd', severity: 'LOW', resourceTypes: ['AWS::SQS::Queue'], standards: [], remediationUrl: 'u' },
      (_item, configuration) => passed(`saw ${Object.keys(configuration).join(',')}`),
    );

    expect(control.evaluate(anItem({ configuration: { a: 1 } }), context([]))).toEqual({ status: 'PASSED', reason: 'saw a' });
    expect(control.evaluate(anItem({ configuration: null }), context([])).status).toBe('NOT_APPLICABLE');
  });
});
