import type { AwsSecurityFinding, RelatedFinding } from '../../asff';
import type { ProviderField } from '../../store';
import { computePriority } from './compute';
import type { Correlation } from './factors';
import { CORRELATION_KEY, MAX_PRODUCT_FIELD_VALUE, PRIORITY_KEY, PRIORITY_REASONS_KEY } from '../../filters';
import type { FindingKind } from './kinds';

/** Most RelatedFindings a finding may carry (ASFF). */
export const MAX_RELATED_FINDINGS = 10;

/**
 * How correlated links coexist with the others in the top-level `RelatedFindings`:
 * - the provider's links (`FindingProviderFields.RelatedFindings`) come first and are always kept;
 * - correlated links fill the remaining places, up to 10 in all;
 * - once the customer owns `RelatedFindings` (BatchUpdateFindings or an automation rule set it), the
 *   customer's list is left exactly as it is and correlation only raises the priority.
 */
export function mergeLinks(provider: readonly RelatedFinding[], correlated: readonly RelatedFinding[]): RelatedFinding[] {
  const merged: RelatedFinding[] = [];
  const seen = new Set<string>();
  for (const link of [...provider, ...correlated]) {
    const key = `${link.ProductArn}\n${link.Id}`;
    if (seen.has(key) || merged.length >= MAX_RELATED_FINDINGS) continue;
    seen.add(key);
    merged.push({ ProductArn: link.ProductArn, Id: link.Id });
  }
  return merged;
}

const linkKey = (link: RelatedFinding) => `${link.ProductArn}\n${link.Id}`;

/** The correlated links a stored finding carries: its top-level links that are not the provider's. */
export function correlatedLinksOf(finding: AwsSecurityFinding): RelatedFinding[] {
  const provider = new Set((finding.FindingProviderFields?.RelatedFindings ?? []).map(linkKey));
  return (finding.RelatedFindings ?? []).filter((link) => !provider.has(linkKey(link)));
}

/** The correlation stored on a finding (`CORRELATION_KEY`), or undefined. */
export function storedCorrelation(finding: AwsSecurityFinding | undefined): Correlation | undefined {
  const text = finding?.ProductFields?.[CORRELATION_KEY];
  if (!text) return undefined;
  return { kinds: text.split(',').filter(Boolean) as FindingKind[] };
}

/** Cuts reasons to ASFF's ProductFields value limit, on a reason boundary. */
function joinReasons(reasons: readonly string[]): string {
  let text = '';
  for (const reason of reasons) {
    const next = text ? `${text}; ${reason}` : reason;
    if (next.length > MAX_PRODUCT_FIELD_VALUE) break;
    text = next;
  }
  return text;
}

/**
 * The finding with its priority, reasons and correlation set in ProductFields (and the correlated
 * links merged into RelatedFindings unless the customer owns them). Returns a new object; pure.
 */
export function withPriority(
  finding: AwsSecurityFinding,
  correlation: Correlation | undefined,
  correlatedLinks: readonly RelatedFinding[],
  customerOwned: readonly ProviderField[],
): AwsSecurityFinding {
  const { score, reasons } = computePriority(finding, correlation);
  const fields: Record<string, string> = { ...finding.ProductFields };
  delete fields[CORRELATION_KEY];
  fields[PRIORITY_KEY] = String(score);
  fields[PRIORITY_REASONS_KEY] = joinReasons(reasons);
  if (correlation && correlation.kinds.length > 0) fields[CORRELATION_KEY] = [...correlation.kinds].sort().join(',');
  const next: AwsSecurityFinding = { ...finding, ProductFields: fields };
  if (!customerOwned.includes('RelatedFindings')) {
    const links = mergeLinks(finding.FindingProviderFields?.RelatedFindings ?? [], correlatedLinks);
    if (links.length > 0) next.RelatedFindings = links;
    else delete next.RelatedFindings;
  }
  return next;
}
