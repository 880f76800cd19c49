import { cloudtrailControls } from '../../../../lambdas/compliance/controls/cloudtrail';
import type { ConfigurationItem, EvaluationContext } from '../../../../lambdas/compliance/controls/types';
import { configItem } from '../../../support/fixtures';

const item = (path: string): ConfigurationItem => configItem(path);
const control = (id: string) => cloudtrailControls.find((entry) => entry.id === id)!;
const NOW = new Date('2025-06-01T00:00:00Z');
const context = (related: Record<string, string[]> = {}): EvaluationContext => ({
  parameters: {},
  related: (type) => (related[type] ?? []).map(item),
  now: NOW,
});
const BUCKETS = { 'AWS::S3::Bucket': ['cloudtrail/bucket-with-access-logging', 'cloudtrail/bucket-without-access-logging'] };

describe('CloudTrail controls', () => {
  it.each([
    ['CloudTrail.2', 'cloudtrail/trail-hardened', 'PASSED', /encrypts log files with KMS key/],
    ['CloudTrail.2', 'cloudtrail/trail-bare', 'FAILED', /no kmsKeyId/],
    ['CloudTrail.2', 'cloudtrail/trail-deleted', 'NOT_APPLICABLE', /deleted/],
    ['CloudTrail.4', 'cloudtrail/trail-hardened', 'PASSED', /validation is enabled/],
    ['CloudTrail.4', 'cloudtrail/trail-bare', 'FAILED', /validation is not enabled/],
    ['CloudTrail.4', 'cloudtrail/trail-deleted', 'NOT_APPLICABLE', /deleted/],
    ['CloudTrail.5', 'cloudtrail/trail-hardened', 'PASSED', /CloudWatch Logs group/],
    ['CloudTrail.5', 'cloudtrail/trail-bare', 'FAILED', /not integrated with CloudWatch Logs/],
    ['CloudTrail.5', 'cloudtrail/trail-deleted', 'NOT_APPLICABLE', /deleted/],
    ['CloudTrail.7', 'cloudtrail/trail-hardened', 'PASSED', /logging of bucket org-trail-logs is enabled/],
    ['CloudTrail.7', 'cloudtrail/trail-bare', 'FAILED', /not enabled on the trail's bucket legacy-trail-logs/],
    ['CloudTrail.7', 'cloudtrail/trail-deleted', 'NOT_APPLICABLE', /deleted/],
  ])('%s judges %s as %s and says why', (id, fixture, status, reason) => {
    const result = control(id).evaluate(item(fixture), context(BUCKETS));

    expect(result).toEqual({ status, reason: expect.stringMatching(reason) });
  });

  it('passes CloudTrail.1 when one of the account trails is multi-Region with read and write management events', () => {
    const related = { 'AWS::CloudTrail::Trail': ['cloudtrail/trail-bare', 'cloudtrail/trail-hardened'] };

    expect(control('CloudTrail.1').evaluate(item('account/account-hardened'), context(related))).toEqual({
      status: 'PASSED',
      reason: expect.stringMatching(/org-trail is multi-Region/),
    });
  });

  it('fails CloudTrail.1 when no trail logs both read and write management events in every Region', () => {
    const related = { 'AWS::CloudTrail::Trail': ['cloudtrail/trail-bare', 'cloudtrail/trail-write-only', 'cloudtrail/trail-deleted'] };

    expect(control('CloudTrail.1').evaluate(item('account/account-hardened'), context(related))).toEqual({
      status: 'FAILED',
      reason: expect.stringMatching(/legacy-trail is not multi-Region; write-only-trail does not log both read and write/),
    });
  });

  it('fails CloudTrail.1 when the account has no trail at all', () => {
    expect(control('CloudTrail.1').evaluate(item('account/account-hardened'), context())).toEqual({ status: 'FAILED', reason: 'The account has no CloudTrail trail.' });
  });

  it('passes CloudTrail.3 when one trail of the account is logging, whatever its Regions and events', () => {
    const related = { 'AWS::CloudTrail::Trail': ['cloudtrail/trail-bare'] };

    expect(control('CloudTrail.3').evaluate(item('account/account-hardened'), context(related))).toEqual({ status: 'PASSED', reason: 'Trail legacy-trail is enabled.' });
  });

  it('fails CloudTrail.3 when the account has no trail, or none is logging', () => {
    expect(control('CloudTrail.3').evaluate(item('account/account-hardened'), context())).toEqual({ status: 'FAILED', reason: 'The account has no CloudTrail trail.' });
    const stopped = item('cloudtrail/trail-hardened');
    stopped.supplementaryConfiguration = { ...stopped.supplementaryConfiguration, TrailStatus: { IsLogging: false } };
    const result = control('CloudTrail.3').evaluate(item('account/account-hardened'), { ...context(), related: (type) => (type === 'AWS::CloudTrail::Trail' ? [stopped] : []) });
    expect(result).toEqual({ status: 'FAILED', reason: 'No trail is logging: org-trail (TrailStatus.IsLogging false).' });
  });

  it('does not judge CloudTrail.3 on a trail item', () => {
    expect(control('CloudTrail.3').evaluate(item('cloudtrail/trail-hardened'), context())).toMatchObject({ status: 'NOT_APPLICABLE' });
  });

  it('does not judge CloudTrail.1 on anything but the account item', () => {
    expect(control('CloudTrail.1').evaluate(item('cloudtrail/trail-hardened'), context()).status).toBe('NOT_APPLICABLE');
  });

  it('fails CloudTrail.5 when the last delivery to CloudWatch Logs is older than a day at the evaluation time', () => {
    expect(control('CloudTrail.5').evaluate(item('cloudtrail/trail-stale-delivery'), context())).toEqual({ status: 'FAILED', reason: expect.stringMatching(/12 days ago/) });
  });

  it('does not judge CloudTrail.7 when the trail bucket is not recorded in the account', () => {
    expect(control('CloudTrail.7').evaluate(item('cloudtrail/trail-hardened'), context())).toEqual({
      status: 'NOT_APPLICABLE',
      reason: expect.stringMatching(/not recorded in this account/),
    });
  });
});
