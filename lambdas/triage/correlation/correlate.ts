/**
 * Correlation of a batch of the findings table's stream records, in bounded work per change:
 *
 * 1. each record becomes a transition (the finding's membership before and after: open or not,
 *    account, resources, kind, product, severity); records that change none of that and no field
 *    priority reads (correlation's own writes, re-imports of the same content) cost nothing;
 * 2. the summary of every resource a transition touches is read (one BatchGetItem for the batch),
 *    the batch's transitions folded in, and written back with one conditional write per resource;
 * 3. the findings whose correlation may have changed are revised, and only those whose priority,
 *    kinds or links differ: the changed findings themselves (their new version is in the record, so
 *    no read), and the listed members of the groups whose view of a resource changed. When the kinds
 *    on a resource change, every open finding of the affected groups is revisited (their priority
 *    changes), read page by page.
 *
 * Idempotent: a transition is counted once per summary (tokens), revisions compare before writing.
 */
import type { AwsSecurityFinding } from '../../asff';
import type { AwsSecurityFindingFilters } from '../../filters';
import type { Revision, RevisionResult } from '../../store';
import type { ChangeSource } from '../../store';
import { findingKey } from '../../store';
import type { StoredFinding } from '../../store';
import type { FindingIdentifier } from '../../store';
import { MAX_RELATED_FINDINGS } from '../priority/apply';
import { reviseWithCorrelation } from '../priority/correlation';
import { summaryId, type SummaryStore, type VersionedSummary } from './summary-store';
import {
  applyTransitions,
  correlationFromSummaries,
  groupKey,
  groupsToRefill,
  kindsViewOf,
  membershipOf,
  refilled,
  TOP_PER_GROUP,
  viewOf,
  type Member,
  type ResourceSummary,
  type Transition,
} from './summary';
import { CORRELATION_TRIGGER_FIELDS } from './trigger';
import { decodeRecord, type CorrelationStreamRecord } from './records';

/** What correlation needs of the findings store. */
export interface CorrelationStore {
  reviseFindings(identifiers: FindingIdentifier[], revise: Revision, source: ChangeSource, prefetched?: ReadonlyMap<string, StoredFinding>): Promise<RevisionResult>;
  readStored(identifiers: FindingIdentifier[]): Promise<Map<string, StoredFinding>>;
  forEachFindingPage(filters: AwsSecurityFindingFilters, visit: (findings: AwsSecurityFinding[]) => void | Promise<void>): Promise<unknown>;
}

/** How correlation's writes appear in history and in finding events. */
export const CORRELATION_SOURCE: ChangeSource = { Type: 'BATCH_UPDATE_FINDINGS', Identity: 'open-security-hub/correlation' };

/** Summaries written at once. */
const SUMMARY_CONCURRENCY = 8;
/** Conditional-write attempts on one summary before the batch is retried. */
const SUMMARY_ATTEMPTS = 20;
/** Rounds of planning again the findings written concurrently before the batch is retried. */
const REPLAN_ROUNDS = 5;

/** What one batch did. */
export interface CorrelationOutcome {
  records: number;
  /** Records whose change mattered to correlation. */
  relevant: number;
  summariesWritten: number;
  /** Groups whose member list was rebuilt from the resource's findings. */
  refills: number;
  /** Resources whose kinds changed, so all their open findings of the affected groups were revisited. */
  bursts: number;
  /** Findings written concurrently while being revised, so planned again on fresh reads. */
  replanned: number;
  considered: number;
  revised: number;
  unchanged: number;
  notFound: number;
  contended: number;
  /** Lambda's partial batch response: the first record that failed, and every later one, is retried. */
  batchItemFailures: Array<{ itemIdentifier: string }>;
  /** Why the batch failed, when it did. */
  error?: string;
}

const slotsOf = (finding: AwsSecurityFinding) =>
  MAX_RELATED_FINDINGS - new Set((finding.FindingProviderFields?.RelatedFindings ?? []).map((link) => `${link.ProductArn}\n${link.Id}`)).size;

async function mapLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

/** Members of one group on a resource, read from the findings (a refill, or a burst's whole group). */
async function groupMembers(store: CorrelationStore, summary: ResourceSummary, key: string, visit: (finding: AwsSecurityFinding, member: Member) => void): Promise<void> {
  await store.forEachFindingPage(
    {
      ResourceId: [{ Value: summary.resourceId, Comparison: 'EQUALS' }],
      RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' }],
      AwsAccountId: [{ Value: summary.account, Comparison: 'EQUALS' }],
    },
    (findings) => {
      for (const finding of findings) {
        const membership = membershipOf(finding);
        if (membership && groupKey(membership.kind, membership.product) === key) visit(finding, membership.member);
      }
    },
  );
}

/** Folds the transitions into one summary with conditional writes; returns its state before and after. */
async function updateSummary(
  store: CorrelationStore,
  summaries: SummaryStore,
  first: VersionedSummary,
  transitions: readonly Transition[],
  outcome: CorrelationOutcome,
): Promise<{ before: ResourceSummary; after: ResourceSummary }> {
  let read = first;
  for (let attempt = 1; attempt <= SUMMARY_ATTEMPTS; attempt++) {
    const { summary, changed } = applyTransitions(read.summary, transitions);
    let next = summary;
    for (const key of groupsToRefill(next)) {
      // The strongest members, kept as they are read (never more than twice a list at once).
      let best = next.groups[key];
      const members: Member[] = [];
      await groupMembers(store, next, key, (_finding, member) => {
        members.push(member);
        if (members.length >= TOP_PER_GROUP) best = refilled(best, members.splice(0));
      });
      next = { ...next, groups: { ...next.groups, [key]: refilled(best, members) } };
      outcome.refills++;
    }
    if (!changed && next === summary) return { before: read.summary, after: read.summary };
    if (await summaries.write(next, read.version)) {
      outcome.summariesWritten++;
      return { before: read.summary, after: next };
    }
    const {
      summary: { account, resourceId },
    } = read;
    read = (await summaries.readMany([{ account, resourceId }])).get(summaryId(account, resourceId))!;
  }
  throw new Error(`The summary of ${read.summary.resourceId} was changed concurrently ${SUMMARY_ATTEMPTS} times`);
}

/**
 * Correlates a batch of stream records (see the module comment). A record whose work fails is
 * reported in `batchItemFailures` with every record after it (Lambda retries from the first one);
 * the work of the records before it stands.
 */
export async function correlateRecords(store: CorrelationStore, summaries: SummaryStore, records: readonly CorrelationStreamRecord[]): Promise<CorrelationOutcome> {
  const outcome: CorrelationOutcome = {
    records: records.length,
    relevant: 0,
    summariesWritten: 0,
    refills: 0,
    bursts: 0,
    replanned: 0,
    considered: 0,
    revised: 0,
    unchanged: 0,
    notFound: 0,
    contended: 0,
    batchItemFailures: [],
  };
  // 1. Transitions, in stream order; a record that cannot be read fails from there on.
  const changes: Array<{ sequence: string; transition: Transition; stored?: StoredFinding; retrigger: boolean }> = [];
  for (const [index, record] of records.entries()) {
    let decoded: ReturnType<typeof decodeRecord>;
    try {
      decoded = decodeRecord(record);
    } catch (error) {
      outcome.batchItemFailures = records.slice(index).map((failed) => ({ itemIdentifier: failed.dynamodb?.SequenceNumber ?? '' }));
      outcome.error = (error as Error).message;
      records = records.slice(0, index);
      break;
    }
    if (!decoded) continue;
    const { transition, stored, updatedFields } = decoded;
    const moved = JSON.stringify(transition.before ?? null) !== JSON.stringify(transition.after ?? null);
    const retrigger = updatedFields.some((field) => (CORRELATION_TRIGGER_FIELDS as readonly string[]).includes(field));
    if (!moved && !retrigger) continue;
    changes.push({ sequence: record.dynamodb?.SequenceNumber ?? '', transition: moved ? transition : { token: transition.token }, stored, retrigger });
  }
  outcome.relevant = changes.length;
  if (changes.length === 0) return outcome;
  try {
    await correlateChanges(store, summaries, changes, outcome);
  } catch (error) {
    // Summaries and revisions are idempotent: the whole batch (up to the unreadable record) is retried.
    outcome.batchItemFailures = records.map((record) => ({ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' })).concat(outcome.batchItemFailures);
    outcome.error = (error as Error).message;
  }
  return outcome;
}

async function correlateChanges(
  store: CorrelationStore,
  summaries: SummaryStore,
  changes: ReadonlyArray<{ transition: Transition; stored?: StoredFinding }>,
  outcome: CorrelationOutcome,
): Promise<void> {
  // 2. The summaries the transitions touch: one read for the batch, one conditional write each.
  const touched = new Map<string, { account: string; resourceId: string; transitions: Transition[] }>();
  for (const { transition } of changes) {
    for (const membership of [transition.before, transition.after]) {
      for (const resourceId of membership?.resources ?? []) {
        const id = summaryId(membership!.account, resourceId);
        const entry = touched.get(id) ?? { account: membership!.account, resourceId, transitions: [] };
        if (!entry.transitions.includes(transition)) entry.transitions.push(transition);
        touched.set(id, entry);
      }
    }
  }
  const loaded = await summaries.readMany([...touched.values()]);
  const current = new Map<string, ResourceSummary>();
  const diffs: Array<{ before: ResourceSummary; after: ResourceSummary }> = [];
  await mapLimit([...touched.entries()], SUMMARY_CONCURRENCY, async ([id, entry]) => {
    const result = await updateSummary(store, summaries, loaded.get(id)!, entry.transitions, outcome);
    current.set(id, result.after);
    if (result.before !== result.after) diffs.push(result);
  });

  // 3. Who to revisit: the changed findings (their new version in hand), then the listed members of
  // the groups whose view changed, and every open member of a group whose kinds changed.
  const prefetched = new Map<string, StoredFinding>();
  for (const { stored } of changes) if (stored) prefetched.set(stored.key, stored);
  const others = new Map<string, FindingIdentifier>();
  const bursts: Array<{ summary: ResourceSummary; key: string }> = [];
  for (const { before, after } of diffs) {
    for (const key of new Set([...Object.keys(before.groups), ...Object.keys(after.groups)])) {
      if (viewOf(before, key) === viewOf(after, key)) continue;
      for (const member of [...(before.groups[key]?.top ?? []), ...(after.groups[key]?.top ?? [])]) {
        others.set(findingKey({ Id: member.i, ProductArn: member.a }), { Id: member.i, ProductArn: member.a });
      }
      const group = after.groups[key];
      if (group && group.count > group.top.length && kindsViewOf(before, key) !== kindsViewOf(after, key)) bursts.push({ summary: after, key });
    }
  }
  for (const key of prefetched.keys()) others.delete(key);

  /**
   * The summaries of every resource of these findings. `fresh`: read again even if loaded — for
   * versions read after the summaries were, which a concurrent batch may have revised from a newer
   * summary: a revision is only ever computed from summaries read after the version it replaces.
   */
  const loadSummaries = async (findings: readonly AwsSecurityFinding[], fresh: boolean) => {
    const refs = findings.flatMap((finding) => {
      const membership = membershipOf(finding);
      return (membership?.resources ?? [])
        .map((resourceId) => ({ account: membership!.account, resourceId }))
        .filter((ref) => fresh || !current.has(summaryId(ref.account, ref.resourceId)));
    });
    if (refs.length > 0) for (const [id, versioned] of await summaries.readMany(refs)) current.set(id, versioned.summary);
  };
  // The version each revision was planned on; a finding found at another one (a concurrent write)
  // is left alone this time and planned again on fresh reads.
  const expected = new Map<string, number>();
  const identities = new Map<string, FindingIdentifier>();
  const replan = new Set<string>();
  const revise: Revision = (stored) => {
    const key = findingKey(stored.finding);
    const planned = expected.get(key);
    if (planned !== undefined && planned !== stored.version) {
      replan.add(key);
      return undefined;
    }
    const membership = membershipOf(stored.finding);
    const byResource = new Map(
      (membership?.resources ?? []).flatMap((resourceId) => {
        const summary = current.get(summaryId(membership!.account, resourceId));
        return summary ? [[resourceId, summary] as const] : [];
      }),
    );
    return reviseWithCorrelation(stored, correlationFromSummaries(membership, byResource, slotsOf(stored.finding)));
  };
  const reviseAll = async (known: ReadonlyMap<string, StoredFinding>) => {
    for (const [key, stored] of known) {
      expected.set(key, stored.version);
      identities.set(key, { Id: stored.finding.Id, ProductArn: stored.finding.ProductArn });
    }
    const result = await store.reviseFindings(
      [...known.values()].map(({ finding: { Id, ProductArn } }) => ({ Id, ProductArn })),
      revise,
      CORRELATION_SOURCE,
      known,
    );
    outcome.considered += known.size;
    outcome.revised += result.revised.length;
    outcome.unchanged += result.unchanged.length;
    outcome.notFound += result.notFound.length;
    outcome.contended += result.contended.length;
  };
  /** Reads the current versions of these findings, then their summaries, then revises them. */
  const readAndRevise = async (identifiers: FindingIdentifier[]) => {
    if (identifiers.length === 0) return;
    const read = await store.readStored(identifiers);
    await loadSummaries(
      [...read.values()].map((stored) => stored.finding),
      true,
    );
    await reviseAll(read);
  };

  // The changed findings (versions from the records, older than the summaries just written) ...
  await loadSummaries(
    [...prefetched.values()].map((stored) => stored.finding),
    false,
  );
  await reviseAll(prefetched);
  // ... the listed members whose view changed ...
  await readAndRevise([...others.values()]);
  // ... and, when the kinds on a resource changed and a group has more members than listed, every
  // one of them, a page at a time (their priorities all change; once per kind appearing or going).
  for (const { summary, key } of bursts) {
    outcome.bursts++;
    await store.forEachFindingPage(
      {
        ResourceId: [{ Value: summary.resourceId, Comparison: 'EQUALS' }],
        RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' }],
        AwsAccountId: [{ Value: summary.account, Comparison: 'EQUALS' }],
      },
      async (page) => {
        const members = page.filter((finding) => {
          const membership = membershipOf(finding);
          return membership !== undefined && groupKey(membership.kind, membership.product) === key && !prefetched.has(findingKey(finding)) && !others.has(findingKey(finding));
        });
        await readAndRevise(members.map(({ Id, ProductArn }) => ({ Id, ProductArn })));
      },
    );
  }
  // Findings written concurrently while planned: planned again on fresh reads.
  for (let round = 0; replan.size > 0; round++) {
    if (round === REPLAN_ROUNDS) throw new Error(`${replan.size} correlated findings kept changing while being revised`);
    const identifiers = [...replan].map((key) => identities.get(key)!);
    outcome.replanned += identifiers.length;
    replan.clear();
    await readAndRevise(identifiers);
  }
  if (outcome.contended > 0) throw new Error(`${outcome.contended} correlated findings were changed concurrently too often`);
}
