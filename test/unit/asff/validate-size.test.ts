import { MAX_FINDING_BYTES, validateFinding } from '../../../lambdas/asff/validate';
import { minimalFinding, withValue, type Json } from '../../fixtures/asff/findings';

/** A finding (minimal by default) padded (in Resources[0].Details) to exactly `bytes` of UTF-8 JSON. */
function findingOfSize(bytes: number, fill = 'x', start: Json = minimalFinding()): Json {
  const finding = withValue(start, 'Resources[0].Details', { Other: { Padding: '' } });
  const base = Buffer.byteLength(JSON.stringify(finding), 'utf8');
  const fillBytes = Buffer.byteLength(fill, 'utf8');
  const padding = fill.repeat(Math.floor((bytes - base) / fillBytes)) + 'x'.repeat((bytes - base) % fillBytes);
  return withValue(finding, 'Resources[0].Details.Other.Padding', padding);
}

describe('validateFinding: 240 KB size limit', () => {
  it('is 240 KiB of UTF-8 JSON', () => {
    // Assess
    expect(MAX_FINDING_BYTES).toBe(245_760);
  });

  it('accepts a finding of exactly 240 KB', () => {
    // Prepare
    const finding = findingOfSize(MAX_FINDING_BYTES);

    // Act
    const result = validateFinding(finding);

    // Assess
    expect(Buffer.byteLength(JSON.stringify(finding))).toBe(MAX_FINDING_BYTES);
    expect(result.ok).toBe(true);
  });

  it('rejects a finding one byte over 240 KB with FindingSizeExceeded', () => {
    // Prepare
    const finding = findingOfSize(MAX_FINDING_BYTES + 1);

    // Act
    const result = validateFinding(finding);

    // Assess
    expect(result).toEqual({
      ok: false,
      errorCode: 'FindingSizeExceeded',
      path: '',
      message: `Finding size exceeded 240 KB (${MAX_FINDING_BYTES + 1} bytes, maximum ${MAX_FINDING_BYTES})`,
    });
  });

  it('counts bytes, not characters, of multi-byte text', () => {
    // Prepare
    const finding = findingOfSize(MAX_FINDING_BYTES + 2, 'é');

    // Act
    const result = validateFinding(finding);

    // Assess
    expect(JSON.stringify(finding).length).toBeLessThan(MAX_FINDING_BYTES);
    expect(result).toMatchObject({ ok: false, errorCode: 'FindingSizeExceeded' });
  });

  it('checks the size before the schema', () => {
    // Prepare
    const finding = findingOfSize(MAX_FINDING_BYTES + 1, 'x', withValue(minimalFinding(), 'Title', undefined));

    // Act
    const result = validateFinding(finding);

    // Assess
    expect(result).toMatchObject({ ok: false, errorCode: 'FindingSizeExceeded' });
  });

  it('rejects a finding that cannot be serialized as JSON', () => {
    // Prepare
    const finding = minimalFinding();
    finding.Self = finding;

    // Act
    const result = validateFinding(finding);

    // Assess
    expect(result).toEqual({
      ok: false,
      errorCode: 'InvalidInput',
      path: '',
      message: 'Finding is not serializable as JSON',
    });
  });
});
