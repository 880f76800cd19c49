import { kmsControls } from '../../../../lambdas/compliance/controls/kms';
import { controlHarness } from '../../../support/controls';

const { load, control, context, evaluate } = controlHarness(kmsControls, 'kms');

describe('KMS.3 keys scheduled for deletion', () => {
  it('passes an enabled key', () => {
    expect(evaluate('KMS.3', 'key-rotating')).toMatchObject({ status: 'PASSED', reason: expect.stringContaining('keyState Enabled') });
  });
  it('fails a key pending deletion, giving the date', () => {
    expect(evaluate('KMS.3', 'key-pending-deletion')).toMatchObject({ status: 'FAILED', reason: expect.stringContaining('2025-05-31') });
  });
  it('does not judge a deleted key', () => {
    expect(evaluate('KMS.3', 'key-deleted')).toMatchObject({ status: 'NOT_APPLICABLE', reason: expect.stringContaining('deleted') });
  });
});

describe('KMS.4 key rotation', () => {
  it('passes a customer managed key with rotation enabled', () => {
    expect(evaluate('KMS.4', 'key-rotating').status).toBe('PASSED');
  });
  it('fails a customer managed key with rotation disabled (as Config\'s "false" string)', () => {
    expect(evaluate('KMS.4', 'key-not-rotating')).toMatchObject({ status: 'FAILED', reason: expect.stringContaining('disabled') });
  });
  it('fails, naming the missing field, when rotation status is not recorded', () => {
    const key = load('key-rotating');
    key.supplementaryConfiguration = {};
    expect(control('KMS.4').evaluate(key, context('KMS.4'))).toMatchObject({ status: 'FAILED', reason: expect.stringContaining('KeyRotationStatus missing') });
  });
  it('does not judge AWS managed keys', () => {
    expect(evaluate('KMS.4', 'key-aws-managed')).toMatchObject({ status: 'NOT_APPLICABLE', reason: expect.stringContaining('AWS managed') });
  });
  it('does not judge asymmetric keys', () => {
    expect(evaluate('KMS.4', 'key-asymmetric')).toMatchObject({ status: 'NOT_APPLICABLE', reason: expect.stringContaining('RSA_2048') });
  });
  it('does not judge keys pending deletion', () => {
    expect(evaluate('KMS.4', 'key-pending-deletion').status).toBe('NOT_APPLICABLE');
  });
});
