/**
 * Reads the app's priority off a finding: a 0–100 score at `ProductFields['opensecurityhub/Priority']`
 * (a string, as ProductFields values are) and its reasons at
 * `ProductFields['opensecurityhub/PriorityReasons']`. The one place alerts read priority.
 */
import type { AwsSecurityFinding } from '../../shared/asff/types';

/** ProductFields key of the priority score. */
export const PRIORITY_FIELD = 'opensecurityhub/Priority';
/** ProductFields key of the reasons behind the score. */
export const PRIORITY_REASONS_FIELD = 'opensecurityhub/PriorityReasons';

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
  const raw = finding.ProductFields?.[PRIORITY_FIELD];
  const score = raw === undefined || raw.trim() === '' ? Number.NaN : Number(raw);
  const reasons = parseReasons(finding.ProductFields?.[PRIORITY_REASONS_FIELD]);
  return Number.isFinite(score) && score >= 0 && score <= 100 ? { score, reasons } : { reasons };
}
