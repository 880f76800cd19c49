/**
 * Severity Label ↔ Normalized conversion as the Security Hub API reference (`Severity`) documents
 * it: when a finding provides only one of the two, Security Hub fills in the other.
 */
import type { Severity, SeverityLabel } from './types';

/** Severity labels ordered from lowest to highest. */
export const SEVERITY_LABELS: readonly SeverityLabel[] = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];

/** Normalized value Security Hub assigns to each label (the lower bound of the label's range). */
const NORMALIZED_BY_LABEL: Readonly<Record<SeverityLabel, number>> = {
  INFORMATIONAL: 0,
  LOW: 1,
  MEDIUM: 40,
  HIGH: 70,
  CRITICAL: 90,
};

/** A severity with both `Label` and `Normalized` present. */
export type CompleteSeverity = Severity & { Label: SeverityLabel; Normalized: number };

/**
 * The label for a normalized score: 0 INFORMATIONAL, 1–39 LOW, 40–69 MEDIUM, 70–89 HIGH,
 * 90–100 CRITICAL.
 * @throws RangeError when `normalized` is not a number in 0..100.
 */
export function labelFromNormalized(normalized: number): SeverityLabel {
  if (!(normalized >= 0 && normalized <= 100)) {
    throw new RangeError(`Severity.Normalized must be between 0 and 100, got ${normalized}`);
  }
  if (normalized === 0) return 'INFORMATIONAL';
  if (normalized < 40) return 'LOW';
  if (normalized < 70) return 'MEDIUM';
  if (normalized < 90) return 'HIGH';
  return 'CRITICAL';
}

/** The normalized score for a label: INFORMATIONAL 0, LOW 1, MEDIUM 40, HIGH 70, CRITICAL 90. */
export function normalizedFromLabel(label: SeverityLabel): number {
  return NORMALIZED_BY_LABEL[label];
}

/**
 * Fills in whichever of `Label` / `Normalized` is missing, as Security Hub does on import. When
 * both are given they are kept as given: Security Hub derives one only when the other is absent
 * (Label is the preferred attribute; rank findings by `severityRank(Label)`).
 * @throws RangeError when neither is given (Security Hub rejects such a finding).
 */
export function completeSeverity(severity: Severity): CompleteSeverity {
  const { Label, Normalized } = severity;
  if (Label !== undefined && Normalized !== undefined) return { ...severity, Label, Normalized };
  if (Label !== undefined) return { ...severity, Label, Normalized: normalizedFromLabel(Label) };
  if (Normalized !== undefined) return { ...severity, Label: labelFromNormalized(Normalized), Normalized };
  throw new RangeError('Severity must have Label or Normalized');
}

/** True when `value` is one of the five severity labels (narrows request strings). */
export function isSeverityLabel(value: unknown): value is SeverityLabel {
  return typeof value === 'string' && (SEVERITY_LABELS as readonly string[]).includes(value);
}

/** Position of a label in `SEVERITY_LABELS`: INFORMATIONAL 0 … CRITICAL 4. */
export function severityRank(label: SeverityLabel): number {
  return SEVERITY_LABELS.indexOf(label);
}
