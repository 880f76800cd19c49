/**
 * S3 actions of the simulated member account over its `AWS::S3::Bucket` items: block public access
 * (`supplementaryConfiguration.PublicAccessBlockConfiguration`) and default encryption
 * (`supplementaryConfiguration.ServerSideEncryptionConfiguration`), with S3's member names as Step
 * Functions spells them (the AWS SDK for Java 2.x's: `SseAlgorithm`, `KmsMasterKeyID` for S3's
 * `SSEAlgorithm`, `KMSMasterKeyID`; lib/local/engine/sdk-validation/schema.ts) in requests and answers.
 */
import { change, MemberApiError, objectAt, listAt, itemsOf, requiredObject, requiredString, type MemberCall } from './account';
import type { StoredConfigurationItem } from '../config-store';

const BLOCK_FLAGS = [
  ['BlockPublicAcls', 'blockPublicAcls'],
  ['IgnorePublicAcls', 'ignorePublicAcls'],
  ['BlockPublicPolicy', 'blockPublicPolicy'],
  ['RestrictPublicBuckets', 'restrictPublicBuckets'],
] as const;

/** The bucket named by `Bucket`, in the call's account (buckets are global names). */
function bucket(call: MemberCall): StoredConfigurationItem {
  const name = requiredString(call, 'Bucket');
  const found = itemsOf(call, 'AWS::S3::Bucket').find((item) => item.resourceId === name);
  if (found === undefined) throw new MemberApiError('s3', 'NoSuchBucket', `The specified bucket does not exist: ${name}`, 404);
  const expectedOwner = call.parameters.ExpectedBucketOwner;
  if (expectedOwner !== undefined && expectedOwner !== found.accountId)
    throw new MemberApiError('s3', 'AccessDenied', `Access Denied: bucket ${name} is not owned by ${String(expectedOwner)}`, 403);
  return found;
}

async function getPublicAccessBlock(call: MemberCall): Promise<unknown> {
  const item = bucket(call);
  const stored = item.supplementaryConfiguration?.PublicAccessBlockConfiguration;
  if (stored === undefined || stored === null) {
    throw new MemberApiError('s3', 'NoSuchPublicAccessBlockConfiguration', `The public access block configuration was not found for bucket ${item.resourceId}`, 404);
  }
  const flags = objectAt({ stored }, 'stored');
  return { PublicAccessBlockConfiguration: Object.fromEntries(BLOCK_FLAGS.map(([api, config]) => [api, flags[config] === true])) };
}

async function putPublicAccessBlock(call: MemberCall): Promise<unknown> {
  const item = bucket(call);
  const requested = requiredObject(call, 'PublicAccessBlockConfiguration');
  for (const [api] of BLOCK_FLAGS) {
    if (requested[api] !== undefined && typeof requested[api] !== 'boolean')
      throw new MemberApiError('s3', 'InvalidRequest', `Parameters.PublicAccessBlockConfiguration.${api}: must be a boolean`);
  }
  const value = Object.fromEntries(BLOCK_FLAGS.map(([api, config]) => [config, requested[api] === true]));
  await change(call, item, { set: [{ path: ['supplementaryConfiguration', 'PublicAccessBlockConfiguration'], value }] });
  return {};
}

async function getBucketEncryption(call: MemberCall): Promise<unknown> {
  const item = bucket(call);
  const rules = listAt(item.supplementaryConfiguration?.ServerSideEncryptionConfiguration, 'rules');
  if (rules.length === 0) {
    throw new MemberApiError('s3', 'ServerSideEncryptionConfigurationNotFoundError', `The server side encryption configuration was not found for bucket ${item.resourceId}`, 404);
  }
  return {
    ServerSideEncryptionConfiguration: {
      Rules: rules.map((rule) => {
        const byDefault = objectAt(rule, 'applyServerSideEncryptionByDefault');
        return {
          ApplyServerSideEncryptionByDefault: { SseAlgorithm: byDefault.sseAlgorithm, ...(byDefault.kmsMasterKeyID != null && { KmsMasterKeyID: byDefault.kmsMasterKeyID }) },
          BucketKeyEnabled: (rule as Record<string, unknown>).bucketKeyEnabled === true,
        };
      }),
    },
  };
}

async function putBucketEncryption(call: MemberCall): Promise<unknown> {
  const item = bucket(call);
  const rules = listAt(requiredObject(call, 'ServerSideEncryptionConfiguration'), 'Rules');
  if (rules.length === 0) throw new MemberApiError('s3', 'MalformedXML', 'Parameters.ServerSideEncryptionConfiguration.Rules: at least one rule is required');
  const stored = rules.map((rule, index) => {
    const byDefault = objectAt(rule, 'ApplyServerSideEncryptionByDefault');
    if (!['AES256', 'aws:kms', 'aws:kms:dsse'].includes(String(byDefault.SseAlgorithm))) {
      throw new MemberApiError(
        's3',
        'MalformedXML',
        `Parameters.ServerSideEncryptionConfiguration.Rules[${index}].ApplyServerSideEncryptionByDefault.SseAlgorithm: AES256, aws:kms or aws:kms:dsse`,
      );
    }
    return {
      applyServerSideEncryptionByDefault: { sseAlgorithm: byDefault.SseAlgorithm, kmsMasterKeyID: byDefault.KmsMasterKeyID ?? null },
      bucketKeyEnabled: (rule as Record<string, unknown>).BucketKeyEnabled === true,
    };
  });
  await change(call, item, { set: [{ path: ['supplementaryConfiguration', 'ServerSideEncryptionConfiguration'], value: { rules: stored } }] });
  return {};
}

/** S3 actions by Step Functions' action name. */
export const S3_ACTIONS = { getPublicAccessBlock, putPublicAccessBlock, getBucketEncryption, putBucketEncryption } as const;
