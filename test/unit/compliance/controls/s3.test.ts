import { s3Controls } from '../../../../lambdas/compliance/controls/s3';
import { controlHarness } from '../../../support/controls';

const { load, control, context, evaluate } = controlHarness(s3Controls, 's3');

describe('S3.1 account-level Block Public Access', () => {
  it('passes when the account public access block turns on all four settings', () => {
    const result = evaluate('S3.1', 'account', [load('account-public-access-block')]);
    expect(result).toMatchObject({ status: 'PASSED', reason: expect.stringMatching(/all four/i) });
  });
  it('fails naming the settings that are off', () => {
    const result = evaluate('S3.1', 'account', [load('account-public-access-block-partial')]);
    expect(result).toMatchObject({ status: 'FAILED', reason: expect.stringContaining('restrictPublicBuckets') });
  });
  it('fails when the account has no public access block recorded', () => {
    expect(evaluate('S3.1', 'account')).toMatchObject({ status: 'FAILED', reason: expect.stringContaining('AWS::S3::AccountPublicAccessBlock') });
  });
  it('does not judge a bucket', () => {
    expect(evaluate('S3.1', 'bucket-private')).toMatchObject({ status: 'NOT_APPLICABLE', reason: expect.stringContaining('AWS::::Account') });
  });
});

describe('S3.2 public read access', () => {
  it('passes a bucket whose policy only allows CloudFront', () => {
    expect(evaluate('S3.2', 'bucket-private')).toMatchObject({ status: 'PASSED', reason: expect.stringContaining('does not allow public read') });
  });
  it('fails a bucket whose policy and ACL grant reads to everyone', () => {
    const result = evaluate('S3.2', 'bucket-public');
    expect(result.status).toBe('FAILED');
    expect(result.reason).toMatch(/bucket policy allows them to everyone/);
    expect(result.reason).toMatch(/ACL grants Read to AllUsers/);
  });
  it('passes a public bucket when the account blocks public policies and ACLs', () => {
    expect(evaluate('S3.2', 'bucket-public', [load('account-public-access-block')]).status).toBe('PASSED');
  });
  it('still fails on the policy when the account only ignores public ACLs', () => {
    const result = evaluate('S3.2', 'bucket-public', [load('account-public-access-block-partial')]);
    expect(result).toMatchObject({ status: 'FAILED', reason: expect.not.stringContaining('ACL grants') });
  });
  it('does not judge a deleted bucket', () => {
    expect(evaluate('S3.2', 'bucket-deleted')).toMatchObject({ status: 'NOT_APPLICABLE', reason: expect.stringContaining('deleted') });
  });
});

describe('S3.3 public write access', () => {
  it('passes a bucket without public write grants', () => {
    expect(evaluate('S3.3', 'bucket-private').status).toBe('PASSED');
  });
  it('fails a bucket whose ACL grants Write to AllUsers', () => {
    expect(evaluate('S3.3', 'bucket-public')).toMatchObject({ status: 'FAILED', reason: expect.stringContaining('Write to AllUsers') });
  });
  it('does not judge a deleted bucket', () => {
    expect(evaluate('S3.3', 'bucket-deleted').status).toBe('NOT_APPLICABLE');
  });
});

describe('S3.5 SSL-only requests', () => {
  it('passes a bucket policy denying s3:* when aws:SecureTransport is false', () => {
    expect(evaluate('S3.5', 'bucket-private')).toMatchObject({ status: 'PASSED', reason: expect.stringContaining('aws:SecureTransport') });
  });
  it('fails a bucket policy without such a deny', () => {
    expect(evaluate('S3.5', 'bucket-public')).toMatchObject({ status: 'FAILED', reason: expect.stringContaining('no statement denying') });
  });
  it('fails a bucket without a policy, saying so', () => {
    const bucket = load('bucket-private');
    delete bucket.supplementaryConfiguration!.BucketPolicy;
    expect(control('S3.5').evaluate(bucket, context('S3.5'))).toMatchObject({ status: 'FAILED', reason: expect.stringContaining('no bucket policy') });
  });
  it('does not judge a deleted bucket', () => {
    expect(evaluate('S3.5', 'bucket-deleted').status).toBe('NOT_APPLICABLE');
  });
});

describe('S3.6 cross-account access in bucket policies', () => {
  it('passes a policy granting other accounts nothing sensitive', () => {
    expect(evaluate('S3.6', 'bucket-private').status).toBe('PASSED');
  });
  it('fails a policy allowing another account s3:PutBucketPolicy', () => {
    expect(evaluate('S3.6', 'bucket-public')).toMatchObject({ status: 'FAILED', reason: expect.stringContaining('999988887777') });
  });
  it('honours blacklistedActionPatterns', () => {
    expect(evaluate('S3.6', 'bucket-public', [], { blacklistedActionPatterns: ['s3:DeleteObject*'] }).status).toBe('PASSED');
    expect(evaluate('S3.6', 'bucket-public', [], { blacklistedActionPatterns: 's3:Get*' }).status).toBe('FAILED');
  });
  it('does not judge a deleted bucket', () => {
    expect(evaluate('S3.6', 'bucket-deleted').status).toBe('NOT_APPLICABLE');
  });
});

describe('S3.8 bucket-level Block Public Access', () => {
  it('passes a bucket with all four settings on', () => {
    expect(evaluate('S3.8', 'bucket-private').status).toBe('PASSED');
  });
  it('fails a bucket without a public access block, naming the missing document', () => {
    expect(evaluate('S3.8', 'bucket-public')).toMatchObject({ status: 'FAILED', reason: expect.stringContaining('PublicAccessBlockConfiguration') });
  });
  it('does not judge a bucket listed in excludedPublicBuckets', () => {
    const result = evaluate('S3.8', 'bucket-public', [], { excludedPublicBuckets: 'other-bucket, public-website-assets' });
    expect(result).toMatchObject({ status: 'NOT_APPLICABLE', reason: expect.stringContaining('excludedPublicBuckets') });
  });
  it('does not judge a deleted bucket', () => {
    expect(evaluate('S3.8', 'bucket-deleted').status).toBe('NOT_APPLICABLE');
  });
});

describe('S3.9 server access logging', () => {
  it('passes a bucket delivering access logs, naming the target', () => {
    expect(evaluate('S3.9', 'bucket-private')).toMatchObject({ status: 'PASSED', reason: expect.stringContaining('access-logs-111122223333') });
  });
  it('fails a bucket without a logging target', () => {
    expect(evaluate('S3.9', 'bucket-public')).toMatchObject({ status: 'FAILED', reason: expect.stringContaining('destinationBucketName') });
  });
  it('does not judge a deleted bucket', () => {
    expect(evaluate('S3.9', 'bucket-deleted').status).toBe('NOT_APPLICABLE');
  });
});

describe('S3 supplementary documents as the Config API delivers them', () => {
  it('reads Block Public Access and the policy when they arrive as JSON strings', () => {
    const bucket = load('bucket-private');
    const supplementary = bucket.supplementaryConfiguration!;
    supplementary.PublicAccessBlockConfiguration = JSON.stringify(supplementary.PublicAccessBlockConfiguration);
    supplementary.BucketPolicy = JSON.stringify(supplementary.BucketPolicy);
    expect(control('S3.8').evaluate(bucket, context('S3.8')).status).toBe('PASSED');
    expect(control('S3.5').evaluate(bucket, context('S3.5')).status).toBe('PASSED');
  });
});
