/** Playbook s3-block-public-access: all four Block Public Access settings of a bucket (S3.8, S3.2, S3.3). */
import { catchErrors, format, sdkTask, TARGET } from '../asl';
import type { PlaybookAslSpec } from '../skeleton';

const BUCKET = { 'Bucket.$': TARGET.resourceId, 'ExpectedBucketOwner.$': TARGET.accountId };
const SETTINGS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const;

/** The spec of s3-block-public-access. */
export const S3_BLOCK_PUBLIC_ACCESS: PlaybookAslSpec = {
  id: 's3-block-public-access',
  description: 'turns on all four Block Public Access settings of the bucket (ExpectedBucketOwner = the finding account on every call).',
  summaries: {
    change: format(`turn on all four Block Public Access settings (${SETTINGS.join(', ')}) of S3 bucket {}`, TARGET.resourceId),
    success: format('turned on all four Block Public Access settings of S3 bucket {}; the read-back confirms them', TARGET.resourceId),
    noOp: format('S3 bucket {} already has all four Block Public Access settings on; nothing changed', TARGET.resourceId),
    failure: format('could not turn on Block Public Access of S3 bucket {}', TARGET.resourceId),
  },
  read: (side, next) => ({
    [side === 'before' ? 'Read Before' : 'Verify']: sdkTask({
      call: 's3:getPublicAccessBlock',
      parameters: BUCKET,
      resultSelector: { 'configuration.$': '$.PublicAccessBlockConfiguration' },
      resultPath: `$.${side}`,
      // No configuration yet: nothing is blocked, so there is something to do.
      catches: side === 'before' ? [catchErrors(['S3.NoSuchPublicAccessBlockConfiguration', 'S3.NoSuchPublicAccessBlockConfigurationException'], '$.before', 'Dry Run?')] : [],
      next,
    }),
  }),
  fixed: (side) => ({
    And: SETTINGS.flatMap((setting) => [
      { Variable: `$.${side}.configuration.${setting}`, IsPresent: true },
      { Variable: `$.${side}.configuration.${setting}`, BooleanEquals: true },
    ]),
  }),
  act: (next) => ({
    Act: sdkTask({
      call: 's3:putPublicAccessBlock',
      parameters: { ...BUCKET, PublicAccessBlockConfiguration: Object.fromEntries(SETTINGS.map((setting) => [setting, true])) },
      resultPath: null,
      next,
    }),
  }),
  notFixedCause: "The bucket's Block Public Access settings read back are not all true.",
};
