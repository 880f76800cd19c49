/**
 * Reads the app's priority off a finding: the 0–100 score at `ProductFields['opensecurityhub/Priority']`
 * and its reasons at `ProductFields['opensecurityhub/PriorityReasons']`, through prioritization's
 * own keys and reader (`lambdas/filters/priority-field.ts`). The one place alerts read priority.
 */
import type { AwsSecurityFinding } from '../../asff';
import { PRIORITY_KEY, PRIORITY_REASONS_KEY, storedPriority } from '../../filters';

/** ProductFields key of the priority score (prioritization's). */
export const PRIORITY_FIELD = PRIORITY_KEY;
/** ProductFields key of the reasons behind the score (prioritization's, joined by `; `). */
export const PRIORITY_REASONS_FIELD = PRIORITY_REASONS_KEY;

/** A finding's priority: the score when it has a valid one (0–100), and the reasons listed with it. */
export interface FindingPriority {
  score?: number;
  reasons: string[];
}

function parseReasons(text: string | undefined): string[] {
  if (text === undefined || text.trim() === '') return [];
  try {
    const parsed: unknown = JSON.parse(text);
    if (Array.isArray(parsed)) return parsed.map((reason) => (typeof reason === 'string' ? reason : JSON.stringify(reason)));
  } catch {
    // Not JSON: a separated list.
  }
  return text
    .split(/[;\n]/)
    .map((reason) => reason.trim())
    .filter((reason) => reason !== '');
}

/** The priority stored on a finding; a missing or non-numeric score is absent, never 0. */
export function priorityOf(finding: Pick<AwsSecurityFinding, 'ProductFields'>): FindingPriority {
  const score = storedPriority(finding);
  const reasons = parseReasons(finding.ProductFields?.[PRIORITY_REASONS_FIELD]);
  return score === undefined ? { reasons } : { score, reasons };
}
