import type { AwsSecurityFinding } from '../asff';
import { FindingsRejectedError } from '../normalize';
import type { FindingIdentifier, FindingsStore, FindingsStoreApi } from '../store';
import type { ConfigurationItem } from './controls/types';
import { evaluateItem, reconcile, type RelatedItems } from './evaluate';
import type { AccountSettingsResolver } from './configuration-policies/effective-settings';
import type { ComplianceSettings } from './settings';

/**
 * The settings an evaluation runs with: one set for every account, or each account's own (its
 * effective configuration policy, see ./configuration-policies/effective-settings.ts).
 */
export type SettingsSource = ComplianceSettings | AccountSettingsResolver;

/**
 * The store calls the evaluation makes: the stored control findings by identifier (batch reads,
 * not a query per Id), imports, and one pass over the ACTIVE control findings (archive-stale).
 */
export type ControlFindingsStore = Pick<FindingsStoreApi, 'forEachFindingPage' | 'importFindings'> & Pick<FindingsStore, 'findingsByIdentifiers'>;

/** The import caller's identity (GetFindingHistory's UpdateSource). */
export const EVALUATION_IDENTITY = 'compliance/evaluate';

/** What importing the findings of some evaluations did. */
export interface ImportCounts {
  /** Control findings evaluated (one per control and resource). */
  evaluated: number;
  /** Sent to the store and written. */
  written: number;
  /** Same status, reasons and resource as stored: not sent. */
  unchanged: number;
  /** Not applicable with nothing ACTIVE to archive: not sent. */
  notApplicable: number;
  /** Sent but ignored by the store (a concurrent newer UpdatedAt). */
  ignored: number;
  /** Store reads made to fetch the stored findings (one per 100 findings: a BatchGetItem). */
  findingReads: number;
  /** BatchImportFindings calls made. */
  importCalls: number;
}

export const emptyCounts = (): ImportCounts => ({
  evaluated: 0,
  written: 0,
  unchanged: 0,
  notApplicable: 0,
  ignored: 0,
  findingReads: 0,
  importCalls: 0,
});

/** Adds `more` into `into`. */
export function addCounts<T extends ImportCounts>(into: T, more: ImportCounts): T {
  for (const key of Object.keys(emptyCounts()) as (keyof ImportCounts)[]) into[key] += more[key];
  return into;
}

/** Findings per store read (BatchGetItem's limit) and per BatchImportFindings call. */
const READ_BATCH = 100;
const IMPORT_BATCH = 100;

/**
 * The stored findings with these identifiers (any record state), by Id: one batch read per 100
 * findings. Control finding Ids are deterministic (control and resource), so the stored ones are
 * read by key, never searched for.
 */
export async function readFindings(
  store: Pick<ControlFindingsStore, 'findingsByIdentifiers'>,
  identifiers: FindingIdentifier[],
  counts: ImportCounts,
): Promise<Map<string, AwsSecurityFinding>> {
  const found = new Map<string, AwsSecurityFinding>();
  for (let start = 0; start < identifiers.length; start += READ_BATCH) {
    counts.findingReads++;
    for (const finding of await store.findingsByIdentifiers(identifiers.slice(start, start + READ_BATCH))) found.set(finding.Id, finding);
  }
  return found;
}

/** Imports findings in batches of 100; throws FindingsRejectedError if the store refused any. */
async function importAll(store: ControlFindingsStore, findings: AwsSecurityFinding[], counts: ImportCounts): Promise<void> {
  const failures: FindingsRejectedError['failures'] = [];
  for (let start = 0; start < findings.length; start += IMPORT_BATCH) {
    const response = await store.importFindings(findings.slice(start, start + IMPORT_BATCH), { identity: EVALUATION_IDENTITY });
    counts.importCalls++;
    const ignored = response.IgnoredFindings?.length ?? 0;
    counts.ignored += ignored;
    counts.written += response.SuccessCount - ignored;
    failures.push(...response.FailedFindings);
  }
  if (failures.length > 0) throw new FindingsRejectedError(failures);
}

/**
 * Imports freshly evaluated control findings, writing only what changed: reads the stored
 * findings by Id, {@link reconcile}s each, and sends only those that need a write.
 */
export async function importControlFindings(store: ControlFindingsStore, findings: AwsSecurityFinding[]): Promise<ImportCounts> {
  const counts = { ...emptyCounts(), evaluated: findings.length };
  if (findings.length === 0) return counts;
  const stored = await readFindings(
    store,
    findings.map(({ Id, ProductArn }) => ({ Id, ProductArn })),
    counts,
  );
  const writes: AwsSecurityFinding[] = [];
  for (const finding of findings) {
    const { finding: next, action } = reconcile(stored.get(finding.Id), finding);
    if (action === 'write') writes.push(next);
    else if (action === 'unchanged') counts.unchanged++;
    else counts.notApplicable++;
  }
  if (writes.length > 0) await importAll(store, writes, counts);
  return counts;
}

/**
 * Archives stored control findings (their resource is gone): RecordState ARCHIVED, Compliance
 * NOT_AVAILABLE with the reason, UpdatedAt `now` (past the stored one).
 */
export async function archiveFindings(store: ControlFindingsStore, findings: AwsSecurityFinding[], reason: string, now: Date): Promise<ImportCounts> {
  const counts = emptyCounts();
  const archived = findings.map((finding): AwsSecurityFinding => {
    const storedAt = Date.parse(finding.UpdatedAt);
    const updatedAt = now.getTime() > storedAt ? now.toISOString() : new Date(storedAt + 1).toISOString();
    return {
      ...finding,
      UpdatedAt: updatedAt,
      RecordState: 'ARCHIVED',
      Compliance: {
        ...finding.Compliance,
        Status: 'NOT_AVAILABLE',
        StatusReasons: [{ ReasonCode: 'NOT_APPLICABLE', Description: reason.slice(0, 1024) }],
      },
    } as AwsSecurityFinding;
  });
  if (archived.length > 0) await importAll(store, archived, counts);
  return counts;
}

/** An evaluator that threw on an item (the other controls of the item still count). */
export interface EvaluationError {
  controlId: string;
  resourceType: string;
  resourceId: string;
  message: string;
}

/** What evaluating and importing some items did. */
export interface EvaluateItemsOutcome extends ImportCounts {
  items: number;
  errors: EvaluationError[];
}

/**
 * Evaluates each item with its account/Region's related items, then imports what changed
 * ({@link importControlFindings}), each with its account's settings. The one code path of change events and sweeps. `homeRegion`:
 * see {@link evaluateItem} (global resources' findings and the per-account controls live there).
 */
export async function evaluateAndImport(
  items: ConfigurationItem[],
  relatedOf: (item: ConfigurationItem) => RelatedItems,
  settings: SettingsSource,
  now: Date,
  store: ControlFindingsStore,
  homeRegion?: string,
): Promise<EvaluateItemsOutcome> {
  const findings = new Map<string, AwsSecurityFinding>();
  const errors: EvaluationError[] = [];
  for (const item of items) {
    const itemSettings = typeof settings === 'function' ? await settings(item.accountId) : settings;
    for (const outcome of evaluateItem({ item, related: relatedOf(item), settings: itemSettings, now, homeRegion })) {
      // A global resource recorded in several Regions yields the same finding more than once: keep one.
      if (outcome.finding) findings.set(outcome.finding.Id, outcome.finding);
      if (outcome.error) errors.push({ controlId: outcome.controlId, resourceType: item.resourceType, resourceId: item.resourceId, message: outcome.error });
    }
  }
  return { ...(await importControlFindings(store, [...findings.values()])), items: items.length, errors };
}
