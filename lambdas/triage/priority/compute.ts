import type { AwsSecurityFinding } from '../../asff';
import { PRIORITY_FACTORS, type Correlation } from './factors';

/** A finding's priority: an integer 0–100 and one reason per factor that applied. */
export interface Priority {
  score: number;
  /** E.g. `severity CRITICAL: +70`, `internet-exposed (0.0.0.0/0 on 22): +15`, `workflow SUPPRESSED: score 0`. */
  reasons: string[];
}

const signed = (points: number) => (points < 0 ? `−${-points}` : `+${points}`);

/**
 * Computes a finding's priority from the factor registry: points summed and kept within 0–100;
 * a state factor (archived, suppressed/resolved, passed) sets the score to 0 whatever the points,
 * its reason listed first. Pure.
 */
export function computePriority(finding: AwsSecurityFinding, correlation?: Correlation): Priority {
  const reasons: string[] = [];
  const overrides: string[] = [];
  let total = 0;
  let set: number | undefined;
  for (const factor of PRIORITY_FACTORS) {
    const effect = factor.apply({ finding, correlation });
    if (!effect) continue;
    if ('set' in effect) {
      set ??= effect.set;
      overrides.push(`${effect.label}: score ${effect.set}`);
    } else {
      total += effect.points;
      reasons.push(`${effect.label}: ${signed(effect.points)}`);
    }
  }
  if (set !== undefined) return { score: set, reasons: [...overrides, ...reasons] };
  if (total > 100) reasons.push('capped at 100');
  if (total < 0) reasons.push('raised to 0');
  return { score: Math.max(0, Math.min(100, Math.round(total))), reasons };
}
