import { cloudtrailControls } from '../../../../lambdas/compliance/controls/cloudtrail';
import type { ConfigurationItem, EvaluationContext } from '../../../../lambdas/compliance/controls/types';
import { configItem } from '../../../support/fixtures';

const control = cloudtrailControls.find((entry) => entry.id === 'CloudTrail.6')!;
const trail = (): ConfigurationItem => configItem('cloudtrail/trail-hardened'); // delivers to org-trail-logs
/** The public bucket fixture, recorded under the trail bucket's name. */
const publicTrailBucket = (): ConfigurationItem => ({ ...configItem('s3/bucket-public'), resourceId: 'org-trail-logs', resourceName: 'org-trail-logs' });
const context = (related: Record<string, ConfigurationItem[]>): EvaluationContext => ({
  parameters: {},
  related: (type) => related[type] ?? [],
  now: new Date('2025-06-01T00:00:00Z'),
});

describe('CloudTrail.6: the trail bucket is not publicly accessible', () => {
  it.each([
    ['a private trail bucket', trail(), { 'AWS::S3::Bucket': [configItem('cloudtrail/bucket-with-access-logging')] }, 'PASSED', /bucket org-trail-logs is not publicly accessible/],
    ['a public trail bucket', trail(), { 'AWS::S3::Bucket': [publicTrailBucket()] }, 'FAILED', /org-trail-logs is publicly accessible \(public read: /],
    [
      "a public trail bucket behind the account's Block Public Access",
      trail(),
      { 'AWS::S3::Bucket': [publicTrailBucket()], 'AWS::S3::AccountPublicAccessBlock': [configItem('s3/account-public-access-block')] },
      'PASSED',
      /not publicly accessible/,
    ],
    ['another public bucket, not the trail bucket', trail(), { 'AWS::S3::Bucket': [configItem('s3/bucket-public')] }, 'NOT_APPLICABLE', /org-trail-logs is not recorded/],
    ['a trail without a bucket', { ...trail(), configuration: { ...(trail().configuration as object), s3BucketName: undefined } }, {}, 'NOT_APPLICABLE', /names no S3 bucket/],
  ])('%s', (_name, subject, related, status, reason) => {
    expect(control.evaluate(subject as ConfigurationItem, context(related))).toEqual({ status, reason: expect.stringMatching(reason) });
  });

  it('is re-evaluated when the trail bucket changes, not another bucket', () => {
    const affects = control.reads!.find((entry) => entry.resourceType === 'AWS::S3::Bucket')!.affects!;
    expect(affects(configItem('cloudtrail/bucket-with-access-logging'), trail())).toBe(true);
    expect(affects(configItem('s3/bucket-public'), trail())).toBe(false);
  });
});
