import { normalizedFromLabel } from '../../asff';
import type { Severity, SeverityLabel } from '../../asff';
import { UnmappableEventError } from '../errors';
import { at, requireNumber, truncate } from '../fields';

/**
 * GuardDuty's severity levels (User Guide, "Severity levels for GuardDuty findings"): Critical
 * 9.0–10.0, High 7.0–8.9, Medium 4.0–6.9, Low 1.0–3.9 (older findings go down to 0.1: Low too).
 */
export function guardDutyLabel(value: number): SeverityLabel {
  if (value >= 9) return 'CRITICAL';
  if (value >= 7) return 'HIGH';
  if (value >= 4) return 'MEDIUM';
  return 'LOW';
}

/**
 * The ASFF severity of a GuardDuty finding: the label of its level, `Normalized` as Security Hub
 * derives it from that label, `Product` (as Security Hub sends it) and `Original` (the value as
 * GuardDuty wrote it).
 */
export function severityOf(root: unknown, path: string): Severity & { Label: SeverityLabel; Original: string } {
  const value = requireNumber(root, path);
  if (value < 0 || value > 10) throw new UnmappableEventError(`must be between 0 and 10, got ${value}`, path);
  const raw = at(root, path);
  const Label = guardDutyLabel(value);
  return {
    Label,
    Normalized: normalizedFromLabel(Label),
    Product: value,
    Original: truncate(typeof raw === 'string' ? raw.trim() : String(value), 64),
  };
}
