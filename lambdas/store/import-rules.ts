import type { AwsSecurityFinding, Severity, SeverityLabel } from '../asff';
import { completeSeverity } from '../asff';
import { timestampMillis } from '../asff';
import { catalogueProduct } from '../asff';

/**
 * Security Hub's BatchImportFindings rules, as pure functions of the stored finding and the
 * incoming one. No I/O: the store reads, calls these, and writes conditionally.
 */

/** Fields the provider owns through FindingProviderFields; the top-level copy is the customer's once set. */
export const PROVIDER_FIELDS = ['Confidence', 'Criticality', 'RelatedFindings', 'Severity', 'Types'] as const;
/** A field in {@link PROVIDER_FIELDS}. */
export type ProviderField = (typeof PROVIDER_FIELDS)[number];

/** Fields only BatchUpdateFindings may change on an existing finding; an import's values are ignored. */
export const CUSTOMER_ONLY_FIELDS = ['Note', 'UserDefinedFields', 'VerificationState', 'Workflow'] as const;

/** Compliance statuses that reopen a PASSED finding. */
const REOPENING_COMPLIANCE = new Set(['FAILED', 'WARNING', 'NOT_AVAILABLE']);

/** What an import does to one finding. */
export type ImportOutcome = { kind: 'create'; finding: AwsSecurityFinding } | { kind: 'update'; finding: AwsSecurityFinding } | { kind: 'ignore'; reason: string };

/** The stored state an import is applied to. */
export interface ImportTarget {
  finding: AwsSecurityFinding;
  /** Provider fields BatchUpdateFindings has set: imports keep the customer's top-level value. */
  customerOwned: readonly ProviderField[];
}

type Mutable = Record<string, unknown> & AwsSecurityFinding;

/**
 * Region, CompanyName and ProductName as Security Hub fills them: a catalogued product's registered
 * names always (a provider cannot change them), else the provider's own, else names from the ARN.
 */
function productAttributes(productArn: string): { Region?: string; CompanyName?: string; ProductName?: string; registered: boolean } {
  const [, , , region, , resource = ''] = productArn.split(':');
  const Region = region || undefined;
  const known = catalogueProduct(productArn);
  if (known !== undefined) return { Region, CompanyName: known.companyName, ProductName: known.productName, registered: true };
  const [, company = '', name = ''] = resource.split('/');
  if (company === 'aws') return { Region, CompanyName: 'AWS', ProductName: name, registered: false };
  if (name === 'default') return { Region, CompanyName: 'Personal', ProductName: 'Default', registered: false };
  return { Region, CompanyName: company, ProductName: name, registered: false };
}

/** The provider's value for a field: FindingProviderFields first, then the top-level copy. */
function providerValue(incoming: AwsSecurityFinding, field: ProviderField): unknown {
  const fromProvider = (incoming.FindingProviderFields as Record<string, unknown> | undefined)?.[field];
  if (field !== 'Severity') return fromProvider ?? incoming[field];
  const top = incoming.Severity ?? {};
  const nested = (fromProvider ?? {}) as { Label?: SeverityLabel; Original?: string };
  return completeSeverity(<Severity>{
    ...top,
    ...(nested.Label !== undefined && { Label: nested.Label, Normalized: undefined }),
    ...(nested.Original !== undefined && { Original: nested.Original }),
  });
}

/** Sets provider fields on `finding`: FindingProviderFields from the provider, top level unless customer-owned. */
function applyProviderFields(finding: Mutable, incoming: AwsSecurityFinding, existing: ImportTarget | undefined): void {
  const providerFields: Record<string, unknown> = {};
  for (const field of PROVIDER_FIELDS) {
    const value = providerValue(incoming, field);
    const customerValue = existing?.customerOwned.includes(field) ? existing.finding[field] : undefined;
    if (value !== undefined) {
      providerFields[field] = field === 'Severity' ? { Label: (value as { Label: string }).Label, ...pickOriginal(value) } : value;
    }
    const top = existing?.customerOwned.includes(field) ? customerValue : value;
    if (top === undefined) delete finding[field];
    else (finding as Record<string, unknown>)[field] = top;
  }
  if (Object.keys(providerFields).length > 0) finding.FindingProviderFields = providerFields;
}

function pickOriginal(severity: unknown): { Original?: string } {
  const original = (severity as { Original?: string }).Original;
  return original === undefined ? {} : { Original: original };
}

function earliest(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return timestampMillis(a) <= timestampMillis(b) ? a : b;
}

/** A finding of a Security Hub control (consolidated control findings, or Security Hub's own product). */
function isControlFinding(finding: AwsSecurityFinding): boolean {
  return finding.GeneratorId.startsWith('security-control/') || finding.ProductArn.endsWith(':product/aws/securityhub');
}

/** Security Hub: "For findings from controls, if Compliance.Status is PASSED, the workflow status is RESOLVED." */
function resolvesItself(finding: AwsSecurityFinding): boolean {
  return isControlFinding(finding) && finding.Compliance?.Status === 'PASSED' && finding.Workflow?.Status !== 'SUPPRESSED';
}

/** True when Security Hub would move the workflow back to NEW for this change. */
function reopens(before: AwsSecurityFinding, after: AwsSecurityFinding): boolean {
  const status = before.Workflow?.Status;
  if (status !== 'NOTIFIED' && status !== 'RESOLVED') return false;
  const unarchived = before.RecordState === 'ARCHIVED' && after.RecordState === 'ACTIVE';
  const failedAgain = before.Compliance?.Status === 'PASSED' && REOPENING_COMPLIANCE.has(after.Compliance?.Status ?? '');
  return unarchived || failedAgain;
}

/**
 * Applies one imported finding (already schema-valid) to the stored one, if any.
 * `processedAt` is the store's clock, recorded as ProcessedAt.
 */
export function applyImport(existing: ImportTarget | undefined, incoming: AwsSecurityFinding, processedAt: string): ImportOutcome {
  const finding = structuredClone(incoming) as Mutable;
  const product = productAttributes(incoming.ProductArn);
  finding.Region ??= product.Region;
  if (finding.Region === undefined) delete finding.Region;
  if (product.registered) {
    finding.CompanyName = product.CompanyName;
    finding.ProductName = product.ProductName;
  } else {
    finding.CompanyName ??= product.CompanyName;
    finding.ProductName ??= product.ProductName;
  }
  finding.RecordState ??= 'ACTIVE';
  finding.ProcessedAt = processedAt;

  if (!existing) {
    finding.Workflow = { Status: incoming.Workflow?.Status ?? 'NEW' };
    applyProviderFields(finding, incoming, undefined);
    if (resolvesItself(finding)) finding.Workflow = { Status: 'RESOLVED' };
    return { kind: 'create', finding };
  }

  const stored = existing.finding;
  if (timestampMillis(incoming.UpdatedAt) <= timestampMillis(stored.UpdatedAt)) {
    return {
      kind: 'ignore',
      reason: `UpdatedAt ${incoming.UpdatedAt} is not newer than the stored finding's ${stored.UpdatedAt}`,
    };
  }
  for (const field of CUSTOMER_ONLY_FIELDS) {
    if (stored[field] === undefined) delete finding[field];
    else (finding as Record<string, unknown>)[field] = structuredClone(stored[field]);
  }
  applyProviderFields(finding, incoming, existing);
  const firstObserved = earliest(stored.FirstObservedAt, incoming.FirstObservedAt);
  if (firstObserved !== undefined) finding.FirstObservedAt = firstObserved;
  if (reopens(stored, finding)) finding.Workflow = { ...finding.Workflow, Status: 'NEW' };
  else if (resolvesItself(finding)) finding.Workflow = { ...finding.Workflow, Status: 'RESOLVED' };
  return { kind: 'update', finding };
}
