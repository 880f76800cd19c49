import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kmsControls } from '../../../../lambdas/compliance/controls/kms';
import type { ConfigurationItem, ControlDefinition, EvaluationContext, ParameterValue } from '../../../../lambdas/compliance/controls/types';

const load = (name: string): ConfigurationItem =>
  JSON.parse(readFileSync(join(__dirname, '../../../fixtures/config-items/kms', `${name}.json`), 'utf8')) as ConfigurationItem;
const control = (id: string): ControlDefinition => kmsControls.find((candidate) => candidate.id === id)!;
/** A context with the control's defaults, overridden, and the given related items. */
const context = (id: string, related: ConfigurationItem[] = [], overrides: Record<string, ParameterValue> = {}): EvaluationContext => ({
  parameters: { ...Object.fromEntries(Object.entries(control(id).parameters ?? {}).map(([k, p]) => [k, p.default])), ...overrides },
  related: (type) => related.filter((other) => other.resourceType === type),
  now: new Date('2025-05-01T12:00:00Z'),
});
const evaluate = (id: string, fixture: string, related: ConfigurationItem[] = [], overrides: Record<string, ParameterValue> = {}) =>
  control(id).evaluate(load(fixture), context(id, related, overrides));


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
