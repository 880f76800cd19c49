/** Playbook s3-default-encryption: default encryption SSE-S3 with a bucket key (S3.4). */
import { catchErrors, format, sdkTask, TARGET } from '../asl';
import type { PlaybookAslSpec } from '../skeleton';

const BUCKET = { 'Bucket.$': TARGET.resourceId, 'ExpectedBucketOwner.$': TARGET.accountId };
const CHANGE = 'set default encryption SSE-S3 (AES256) with a bucket key on S3 bucket {}';

/** The spec of s3-default-encryption. */
export const S3_DEFAULT_ENCRYPTION: PlaybookAslSpec = {
  id: 's3-default-encryption',
  description: 'sets default encryption SSE-S3 (AES256) with an S3 bucket key when the bucket has none (ExpectedBucketOwner = the finding account on every call).',
  summaries: {
    change: format(CHANGE, TARGET.resourceId),
    success: format(`${CHANGE}; the read-back confirms it`, TARGET.resourceId),
    noOp: format('S3 bucket {} already has default encryption; nothing changed', TARGET.resourceId),
    failure: format('could not set default encryption on S3 bucket {}', TARGET.resourceId),
  },
  read: (side, next) => ({
    [side === 'before' ? 'Read Before' : 'Verify']: sdkTask({
      call: 's3:getBucketEncryption',
      parameters: BUCKET,
      resultSelector: { 'rules.$': '$.ServerSideEncryptionConfiguration.Rules' },
      resultPath: `$.${side}`,
      // No configuration yet: nothing is encrypted by default, so there is something to do.
      catches:
        side === 'before'
          ? [catchErrors(['S3.ServerSideEncryptionConfigurationNotFoundError', 'S3.ServerSideEncryptionConfigurationNotFoundErrorException'], '$.before', 'Dry Run?')]
          : [],
      next,
    }),
  }),
  fixed: (side) => ({ Variable: `$.${side}.rules[0].ApplyServerSideEncryptionByDefault.SseAlgorithm`, IsPresent: true }),
  act: (next) => ({
    Act: sdkTask({
      call: 's3:putBucketEncryption',
      parameters: {
        ...BUCKET,
        ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SseAlgorithm: 'AES256' }, BucketKeyEnabled: true }] },
      },
      resultPath: null,
      next,
    }),
  }),
  notFixedCause: "The bucket's encryption configuration read back has no default encryption rule.",
};
