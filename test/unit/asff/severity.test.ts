import fc from 'fast-check';
import { SEVERITY_LABELS, completeSeverity, isSeverityLabel, labelFromNormalized, normalizedFromLabel, severityRank } from '../../../lambdas/asff/severity';
import type { SeverityLabel } from '../../../lambdas/asff/types';

describe('labelFromNormalized', () => {
  it.each<[number, SeverityLabel]>([
    [0, 'INFORMATIONAL'],
    [1, 'LOW'],
    [39, 'LOW'],
    [40, 'MEDIUM'],
    [69, 'MEDIUM'],
    [70, 'HIGH'],
    [89, 'HIGH'],
    [90, 'CRITICAL'],
    [100, 'CRITICAL'],
  ])('labels %i as %s', (normalized, label) => {
    // Act
    const result = labelFromNormalized(normalized);

    // Assess
    expect(result).toBe(label);
  });

  it.each([-1, 101, Number.NaN])('refuses %d, outside 0..100', (normalized) => {
    // Act
    const act = () => labelFromNormalized(normalized);

    // Assess
    expect(act).toThrow(RangeError);
  });

  it('agrees with the documented ranges for every integer 0..100', () => {
    // Prepare
    const documented = (n: number): SeverityLabel => (n === 0 ? 'INFORMATIONAL' : n <= 39 ? 'LOW' : n <= 69 ? 'MEDIUM' : n <= 89 ? 'HIGH' : 'CRITICAL');

    // Act / Assess
    fc.assert(fc.property(fc.integer({ min: 0, max: 100 }), (n) => labelFromNormalized(n) === documented(n)));
  });

  it('never ranks a higher score below a lower one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), (a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        return severityRank(labelFromNormalized(low)) <= severityRank(labelFromNormalized(high));
      }),
    );
  });
});

describe('normalizedFromLabel', () => {
  it.each<[SeverityLabel, number]>([
    ['INFORMATIONAL', 0],
    ['LOW', 1],
    ['MEDIUM', 40],
    ['HIGH', 70],
    ['CRITICAL', 90],
  ])('scores %s as %i', (label, normalized) => {
    // Act
    const result = normalizedFromLabel(label);

    // Assess
    expect(result).toBe(normalized);
  });

  it.each(SEVERITY_LABELS)('round-trips %s through its normalized score', (label) => {
    // Act
    const result = labelFromNormalized(normalizedFromLabel(label));

    // Assess
    expect(result).toBe(label);
  });
});

describe('completeSeverity', () => {
  it('derives Normalized from a Label given alone', () => {
    // Act
    const result = completeSeverity({ Label: 'HIGH', Original: '8.3' });

    // Assess
    expect(result).toEqual({ Label: 'HIGH', Normalized: 70, Original: '8.3' });
  });

  it('derives Label from a Normalized given alone', () => {
    // Act
    const result = completeSeverity({ Normalized: 55, Product: 5.5 });

    // Assess
    expect(result).toEqual({ Label: 'MEDIUM', Normalized: 55, Product: 5.5 });
  });

  it('keeps both when both are given, even if they disagree', () => {
    // Act
    const result = completeSeverity({ Label: 'CRITICAL', Normalized: 10 });

    // Assess
    expect(result).toEqual({ Label: 'CRITICAL', Normalized: 10 });
  });

  it('treats an explicitly undefined Normalized as absent', () => {
    // Act
    const result = completeSeverity({ Label: 'LOW', Normalized: undefined });

    // Assess
    expect(result).toEqual({ Label: 'LOW', Normalized: 1 });
  });

  it('refuses a severity with neither Label nor Normalized', () => {
    // Act
    const act = () => completeSeverity({ Original: 'bad' });

    // Assess
    expect(act).toThrow(RangeError);
  });

  it('does not modify its argument', () => {
    // Prepare
    const severity = { Label: 'LOW' as const };

    // Act
    completeSeverity(severity);

    // Assess
    expect(severity).toEqual({ Label: 'LOW' });
  });
});

describe('SEVERITY_LABELS and severityRank', () => {
  it('orders the labels from lowest to highest', () => {
    // Assess
    expect(SEVERITY_LABELS).toEqual(['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL']);
  });

  it.each(SEVERITY_LABELS.map((label, rank) => [label, rank] as const))('ranks %s as %i', (label, rank) => {
    // Act
    const result = severityRank(label);

    // Assess
    expect(result).toBe(rank);
  });

  it.each([
    ['HIGH', true],
    ['high', false],
    ['SEVERE', false],
    [3, false],
  ])('recognises %p as a label: %p', (value, expected) => {
    // Act
    const result = isSeverityLabel(value);

    // Assess
    expect(result).toBe(expected);
  });
});
