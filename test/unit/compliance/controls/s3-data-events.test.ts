import { s3DataEventControls } from '../../../../lambdas/compliance/controls/s3-data-events';
import type { ConfigurationItem } from '../../../../lambdas/compliance/controls/types';
import { configItem } from '../../../support/fixtures';
import { CONTROL_TEST_NOW } from '../../../support/controls';

// trail-hardened: multi-Region, logging, management events only; trail-bare: single-Region.
const trail = (fixture: string, selectors: Record<string, unknown>): ConfigurationItem => {
  const item = configItem(`cloudtrail/${fixture}`);
  item.supplementaryConfiguration = { ...item.supplementaryConfiguration, EventSelectors: [], ...selectors };
  return item;
};
const basic = (readWriteType: string, values: string[]) => ({
  EventSelectors: [{ ReadWriteType: readWriteType, IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::S3::Object', Values: values }] }],
});
const advanced = (...fields: Array<[string, string[]]>) => ({
  AdvancedEventSelectors: [{ Name: 'S3 data', FieldSelectors: fields.map(([Field, Equals]) => ({ Field, Equals })) }],
});
const S3_DATA: Array<[string, string[]]> = [
  ['eventCategory', ['Data']],
  ['resources.type', ['AWS::S3::Object']],
];
const evaluate = (id: string, trails: ConfigurationItem[]) =>
  s3DataEventControls
    .find((control) => control.id === id)!
    .evaluate(configItem('account/account-hardened'), { parameters: {}, related: (type) => (type === 'AWS::CloudTrail::Trail' ? trails : []), now: CONTROL_TEST_NOW });

describe.each([
  ['S3.22', 'write', 'WriteOnly', 'ReadOnly', 'false', 'true'],
  ['S3.23', 'read', 'ReadOnly', 'WriteOnly', 'true', 'false'],
])('%s object-level %s events', (id, access, ownType, otherType, ownReadOnly, otherReadOnly) => {
  it(`passes a multi-Region trail logging ${access} or all data events of every bucket (basic selectors)`, () => {
    expect(evaluate(id, [trail('trail-hardened', basic(ownType, ['arn:aws:s3']))])).toEqual({ status: 'PASSED', reason: expect.stringMatching(/org-trail logs object-level/) });
    expect(evaluate(id, [trail('trail-hardened', basic('All', ['arn:aws:s3:::']))]).status).toBe('PASSED');
  });
  it('passes an advanced selector on S3 data events without an ARN filter, with or without its readOnly value', () => {
    expect(evaluate(id, [trail('trail-hardened', advanced(...S3_DATA))]).status).toBe('PASSED');
    expect(evaluate(id, [trail('trail-hardened', advanced(...S3_DATA, ['readOnly', [ownReadOnly]]))]).status).toBe('PASSED');
  });
  it('fails the other access only, some buckets only, management events only, a single-Region or stopped trail, and no trail', () => {
    expect(evaluate(id, [trail('trail-hardened', basic(otherType, ['arn:aws:s3']))])).toEqual({
      status: 'FAILED',
      reason: expect.stringMatching(new RegExp(`No logging multi-Region trail logs object-level ${access} events`)),
    });
    expect(evaluate(id, [trail('trail-hardened', advanced(...S3_DATA, ['readOnly', [otherReadOnly]]))]).status).toBe('FAILED');
    expect(evaluate(id, [trail('trail-hardened', basic('All', ['arn:aws:s3:::orders-archive/']))]).status).toBe('FAILED');
    expect(evaluate(id, [trail('trail-hardened', advanced(...S3_DATA, ['resources.ARN', ['arn:aws:s3:::orders-archive/']]))]).status).toBe('FAILED');
    expect(evaluate(id, [trail('trail-hardened', {})]).status).toBe('FAILED');
    expect(evaluate(id, [trail('trail-bare', basic('All', ['arn:aws:s3']))]).status).toBe('FAILED');
    const stopped = trail('trail-hardened', basic('All', ['arn:aws:s3']));
    stopped.supplementaryConfiguration!.TrailStatus = { IsLogging: false };
    expect(evaluate(id, [stopped]).status).toBe('FAILED');
    expect(evaluate(id, [])).toEqual({ status: 'FAILED', reason: 'The account has no CloudTrail trail.' });
  });
  it('does not judge a trail item', () => {
    const control = s3DataEventControls.find((entry) => entry.id === id)!;
    expect(control.evaluate(configItem('cloudtrail/trail-hardened'), { parameters: {}, related: () => [], now: CONTROL_TEST_NOW }).status).toBe('NOT_APPLICABLE');
  });
});
