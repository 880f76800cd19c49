import type { AwsSecurityFinding, RelatedFinding } from '../../asff';
import type { ProviderField } from '../../store';
import { withPriority } from './apply';
import type { Correlation } from './factors';
import { CORRELATION_KEY, PRIORITY_KEY, PRIORITY_REASONS_KEY } from '../../filters';
import { findingKind, isOpen } from './kinds';

/**
 * Correlation, pure: which open findings on the same resource raise a finding's priority and are
 * linked from it. The rule: two findings correlate when both are open (ACTIVE, not SUPPRESSED or
 * RESOLVED, not a PASSED control), belong to the same account, share a resource (`Resources[].Id`),
 * and come from different products or are of different kinds (threat, vulnerability, sensitive
 * data, exposure, misconfiguration). Two findings of one product and one kind (two CVEs on an
 * image) do not: they are one problem counted twice, not context for each other.
 */

/** What correlation wants on one finding. */
export interface CorrelationResult {
  correlation: Correlation;
  /** Links to the correlated findings, in a stable order (ProductArn, then Id). */
  links: RelatedFinding[];
}

const identity = (finding: AwsSecurityFinding) => `${finding.ProductArn}\n${finding.Id}`;
const product = (finding: AwsSecurityFinding) => finding.ProductName ?? finding.ProductArn;

/** The resource ids of a finding. */
export function resourceIdsOf(finding: AwsSecurityFinding): string[] {
  return [...new Set(finding.Resources.map((resource) => resource.Id))];
}

/** The correlation of `finding` among `candidates` (any findings; itself and non-qualifying ones are skipped). */
export function correlate(finding: AwsSecurityFinding, candidates: readonly AwsSecurityFinding[]): CorrelationResult {
  if (!isOpen(finding)) return { correlation: { kinds: [] }, links: [] };
  const own = { kind: findingKind(finding), product: product(finding), resources: new Set(resourceIdsOf(finding)) };
  const peers = new Map<string, AwsSecurityFinding>();
  for (const candidate of candidates) {
    const key = identity(candidate);
    if (key === identity(finding) || peers.has(key)) continue;
    if (!isOpen(candidate) || candidate.AwsAccountId !== finding.AwsAccountId) continue;
    if (!candidate.Resources.some((resource) => own.resources.has(resource.Id))) continue;
    if (findingKind(candidate) === own.kind && product(candidate) === own.product) continue;
    peers.set(key, candidate);
  }
  const sorted = [...peers.values()].sort((a, b) => (identity(a) < identity(b) ? -1 : identity(a) > identity(b) ? 1 : 0));
  const kinds = [...new Set(sorted.map(findingKind))].sort();
  return { correlation: { kinds }, links: sorted.map((peer) => ({ ProductArn: peer.ProductArn, Id: peer.Id })) };
}

const sameLinks = (a: readonly RelatedFinding[] = [], b: readonly RelatedFinding[] = []) =>
  a.length === b.length && a.every((link, index) => link.ProductArn === b[index].ProductArn && link.Id === b[index].Id);

/**
 * The revision correlation makes to a stored finding: the new finding, or undefined when its
 * priority, reasons, correlation and links would stay as they are (so a second pass writes nothing).
 */
export function reviseWithCorrelation(
  stored: { finding: AwsSecurityFinding; customerOwned: ProviderField[] },
  result: CorrelationResult,
): { finding: AwsSecurityFinding; customerOwned: ProviderField[] } | undefined {
  const next = withPriority(stored.finding, result.correlation, result.links, stored.customerOwned);
  const before = stored.finding.ProductFields ?? {};
  const after = next.ProductFields ?? {};
  const unchanged =
    [PRIORITY_KEY, PRIORITY_REASONS_KEY, CORRELATION_KEY].every((key) => before[key] === after[key]) && sameLinks(stored.finding.RelatedFindings, next.RelatedFindings);
  return unchanged ? undefined : { finding: next, customerOwned: stored.customerOwned };
}
