import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, BatchWriteCommand, DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { AwsSecurityFinding } from '../asff';
import { validateFinding } from '../asff';
import { InvalidInputError } from '../shared/errors';
import { compileFilters } from '../filters';
import { DEFAULT_SORT, validateSortCriteria } from '../filters';
import type { AwsSecurityFindingFilters, SortCriterion } from '../filters';
import { validateFilters } from '../filters';
import { readFindingHistory } from './history-reader';
import { diffFindings, type ChangeRecord, type ChangeSource } from './history';
import { applyImport, type ProviderField } from './import-rules';
import { runImportSteps, type ImportAdmission, type ImportStage, type ImportStep } from './import-stages';
import { findingKey, findingPartition, resourceLinkSortKey } from './keys';
import { decodeNextToken, encodeNextToken, queryDigest } from './next-token';
import { planQuery } from './query-planner';
import { forEachPage, readAll, streamPage, type ReadStats } from './query-executor';
import { SortedOrderCache } from './sorted-order-cache';
import { sortedPage } from './sorted-pages';
import { fromFindingItem, toFindingItem, toHistoryItem, toResourceLinkItems, type Item, type StoredFinding } from './record';
import { findingExpiry, isExpired } from './retention';
import { TABLE_KEYS } from './table-schema';
import { FINDING_SK, ITEM_KINDS } from './item-kinds';
import { CONFLICT, retryOnConflict, VersionedItems } from './versioned-item';
import type {
  BatchImportFindingsResponse,
  BatchUpdateFindingsRequest,
  BatchUpdateFindingsResponse,
  CallerContext,
  FindingIdentifier,
  FindingsStoreApi,
  GetFindingHistoryRequest,
  GetFindingHistoryResponse,
  GetFindingsRequest,
  GetFindingsResponse,
  QueryPlanReport,
} from './types';
import { applyUpdate, validateUpdateRequest } from './update-rules';

/** Most findings one BatchImportFindings call may carry (Security Hub: 100). */
export const MAX_IMPORT_FINDINGS = 100;
/** Most findings one GetFindings page may return (Security Hub: 100). */
export const MAX_RESULTS = 100;
/** Findings processed at once within one batch. */
const WRITE_CONCURRENCY = 16;

/** Options of {@link FindingsStore}. */
export interface FindingsStoreOptions {
  client: DynamoDBClient;
  tableName: string;
  /** The store's clock (ProcessedAt, Note.UpdatedAt, expiry, DateRange filters). */
  now?: () => Date;
  /** Conditional-write attempts before a contended write gives up (ConcurrentUpdateError). */
  maxAttempts?: number;
  /** Steps every imported finding passes through before it is written (automation rules, priority). */
  stages?: readonly ImportStage[];
  /** Which findings the hub accepts (hub enabled, product import enabled); all when absent. */
  admission?: ImportAdmission;
  /** Where sorted orders are kept between pages of an in-memory sort (sorted-order-cache.ts); one per store by default. */
  sortedOrders?: SortedOrderCache;
}

/**
 * A change the store's own components make to a stored finding (not the provider's, not the
 * customer's). `version` is the stored version the change is computed on.
 */
export type Revision = (stored: {
  finding: AwsSecurityFinding;
  customerOwned: ProviderField[];
  version?: number;
}) => { finding: AwsSecurityFinding; customerOwned: ProviderField[] } | undefined;

/** What {@link FindingsStore.reviseFindings} did to each finding. */
export interface RevisionResult {
  revised: FindingIdentifier[];
  unchanged: FindingIdentifier[];
  notFound: FindingIdentifier[];
  contended: FindingIdentifier[];
}

/** The outcome of writing one finding. */
type WriteResult = { status: 'written' | 'unchanged' } | { status: 'ignored'; reason: string } | { status: 'contended' };

/** A finding's stored state read ahead of the write (`current` undefined: known not to exist); undefined: not read. */
type Prefetched = { current: StoredFinding | undefined; historySaved: boolean } | undefined;

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  });
  await Promise.all(workers);
  return results;
}

/**
 * The findings store: the one module that writes findings, applying Security Hub's import and
 * update rules with single-item conditional writes (no transactions), keeping history, and
 * answering GetFindings through the query planner.
 */
export class FindingsStore implements FindingsStoreApi {
  private readonly client: DynamoDBDocumentClient;
  private readonly table: string;
  private readonly now: () => Date;
  private readonly maxAttempts: number;
  private readonly stages: readonly ImportStage[];
  private readonly admission: ImportAdmission | undefined;
  private readonly findings: VersionedItems;
  private readonly sortedOrders: SortedOrderCache;

  constructor(options: FindingsStoreOptions) {
    this.client = DynamoDBDocumentClient.from(options.client, {
      marshallOptions: { removeUndefinedValues: true },
    });
    this.table = options.tableName;
    this.now = options.now ?? (() => new Date());
    this.maxAttempts = options.maxAttempts ?? 40;
    this.stages = options.stages ?? [];
    this.admission = options.admission;
    this.findings = new VersionedItems(this.client, this.table, ITEM_KINDS.finding.version);
    this.sortedOrders = options.sortedOrders ?? new SortedOrderCache();
  }

  /** BatchImportFindings: validates each finding, then creates, updates or ignores it. */
  async importFindings(findings: unknown[], caller: CallerContext): Promise<BatchImportFindingsResponse> {
    if (!Array.isArray(findings)) throw new InvalidInputError('Findings: must be a list of findings');
    if (findings.length === 0 || findings.length > MAX_IMPORT_FINDINGS) {
      throw new InvalidInputError(`Findings: must hold 1 to ${MAX_IMPORT_FINDINGS} findings, got ${findings.length}`);
    }
    const response: BatchImportFindingsResponse = { SuccessCount: 0, FailedCount: 0, FailedFindings: [], IgnoredFindings: [] };
    const groups = new Map<string, AwsSecurityFinding[]>();
    const valid: AwsSecurityFinding[] = [];
    for (const input of findings) {
      const result = validateFinding(input);
      if (result.ok) {
        valid.push(result.finding);
        continue;
      }
      const id = (input as { Id?: unknown } | null)?.Id;
      response.FailedFindings.push({
        Id: typeof id === 'string' ? id : '',
        ErrorCode: result.errorCode,
        ErrorMessage: result.message,
      });
    }
    const admit = this.admission === undefined ? () => undefined : await this.admission.prepare(this.now(), valid);
    for (const finding of valid) {
      const refusal = admit(finding);
      if (refusal !== undefined) {
        response.FailedFindings.push({ Id: finding.Id, ...refusal });
        continue;
      }
      const key = findingKey(finding);
      groups.set(key, [...(groups.get(key) ?? []), finding]);
    }
    const [existing, steps] = await Promise.all([this.batchRead([...groups.keys()]), Promise.all(this.stages.map((stage) => stage.prepare(this.now())))]);
    await this.saveSupersededChanges(groups, existing);
    const source: ChangeSource = { Type: 'BATCH_IMPORT_FINDINGS', Identity: caller.identity };
    await mapLimit([...groups.entries()], WRITE_CONCURRENCY, async ([key, versions]) => {
      // The batch read answers the first attempt of the first version; later ones re-read.
      let prefetched: Prefetched = { current: existing.get(key), historySaved: true };
      for (const finding of versions) {
        const result = await this.writeImport(key, finding, prefetched, source, steps);
        prefetched = undefined;
        if (result.status === 'contended') {
          response.FailedFindings.push({
            Id: finding.Id,
            ErrorCode: 'ConcurrentUpdateError',
            ErrorMessage: 'The finding was changed concurrently too many times; retry the import',
          });
        } else {
          response.SuccessCount++;
          if (result.status === 'ignored') {
            response.IgnoredFindings?.push({ Id: finding.Id, ProductArn: finding.ProductArn, Reason: result.reason });
          }
        }
      }
    });
    response.FailedCount = response.FailedFindings.length;
    return response;
  }

  /** BatchUpdateFindings: the customer's fields, on each named finding; UpdatedAt is unchanged. */
  async updateFindings(input: BatchUpdateFindingsRequest, caller: CallerContext): Promise<BatchUpdateFindingsResponse> {
    const request = validateUpdateRequest(input);
    const response: BatchUpdateFindingsResponse = { ProcessedFindings: [], UnprocessedFindings: [] };
    const seen = new Set<string>();
    const targets: Array<{ identifier: FindingIdentifier; key: string }> = [];
    for (const identifier of request.FindingIdentifiers) {
      const key = findingKey(identifier);
      if (seen.has(key)) {
        response.UnprocessedFindings.push({
          FindingIdentifier: identifier,
          ErrorCode: 'DuplicatedFindingIdentifier',
          ErrorMessage: 'The finding identifier appears more than once in the request',
        });
        continue;
      }
      seen.add(key);
      targets.push({ identifier, key });
    }
    const source: ChangeSource = { Type: 'BATCH_UPDATE_FINDINGS', Identity: caller.identity };
    const outcomes = await mapLimit(targets, WRITE_CONCURRENCY, ({ key }) =>
      this.writeRevision(key, source, (current, now) => applyUpdate(current.finding, current.customerOwned, request, now.toISOString())),
    );
    targets.forEach(({ identifier }, index) => {
      const outcome = outcomes[index];
      if (outcome === 'processed' || outcome === 'unchanged') response.ProcessedFindings.push(identifier);
      else {
        response.UnprocessedFindings.push({
          FindingIdentifier: identifier,
          ErrorCode: outcome,
          ErrorMessage: outcome === 'FindingNotFound' ? 'No finding exists with this Id and ProductArn' : 'The finding was changed concurrently too many times; retry the update',
        });
      }
    });
    return response;
  }

  /** GetFindings: filters, sort criteria and pages, answered through the query planner. */
  async getFindings(request: GetFindingsRequest): Promise<GetFindingsResponse & { plan: QueryPlanReport }> {
    const now = this.now();
    const limit = request.MaxResults ?? MAX_RESULTS;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_RESULTS) {
      throw new InvalidInputError(`MaxResults: must be an integer from 1 to ${MAX_RESULTS}`);
    }
    const filters = validateFilters(request.Filters ?? {}) as AwsSecurityFindingFilters;
    const requested = validateSortCriteria(request.SortCriteria ?? []);
    const sort: SortCriterion[] = requested.length > 0 ? requested : DEFAULT_SORT;
    const digest = queryDigest({ filters, sort });
    const position = request.NextToken ? decodeNextToken(request.NextToken, digest) : undefined;
    const matches = compileFilters(filters, now);
    const accept = (stored: StoredFinding) => !isExpired(stored.expiresAt, now) && matches(stored.finding);
    const plan = planQuery(filters, sort, now);
    const stats: ReadStats = { partitions: 0, indexItemsRead: 0, itemsRead: 0 };

    let page: StoredFinding[];
    let nextToken: string | undefined;
    let keptOrder = false;
    if (plan.kind === 'index' && plan.servesOrder) {
      if (position && !('after' in position)) throw new InvalidInputError('NextToken: does not fit this query');
      const streamed = await streamPage(this.client, this.table, plan, accept, limit, position?.after, stats);
      page = streamed.findings;
      if (streamed.cursor) nextToken = encodeNextToken(digest, { after: streamed.cursor });
    } else {
      if (position && !('offset' in position)) throw new InvalidInputError('NextToken: does not fit this query');
      const sorted = await sortedPage(
        this.client,
        this.table,
        plan,
        accept,
        { offset: position?.offset ?? 0, order: position?.order, limit, digest, sort },
        this.sortedOrders,
        stats,
      );
      page = sorted.page;
      keptOrder = sorted.fromKeptOrder;
      if (sorted.next) nextToken = encodeNextToken(digest, sorted.next);
    }
    return {
      Findings: page.map((stored) => stored.finding),
      ...(nextToken && { NextToken: nextToken }),
      plan: {
        access: plan.kind === 'scan' ? 'scan' : plan.index.name,
        partitions: stats.partitions,
        indexItemsRead: stats.indexItemsRead,
        itemsRead: stats.itemsRead,
        itemsReturned: page.length,
        sortedInMemory: plan.kind === 'scan' || !plan.servesOrder,
        ...(keptOrder && { keptOrder }),
      },
    };
  }

  /**
   * Changes stored findings on behalf of the app's own components (re-applied automation rules,
   * correlation): `revise` returns the new finding and ownership, or undefined to leave it. Like
   * BatchUpdateFindings, UpdatedAt is the caller's business and history records the change under
   * `source`; conditional writes with retries, so a concurrent import or update is never lost.
   */
  async reviseFindings(identifiers: FindingIdentifier[], revise: Revision, source: ChangeSource, prefetched?: ReadonlyMap<string, StoredFinding>): Promise<RevisionResult> {
    const result: RevisionResult = { revised: [], unchanged: [], notFound: [], contended: [] };
    const unique = [...new Map(identifiers.map((identifier) => [findingKey(identifier), identifier])).entries()];
    // Versions the caller already read: their superseded change records go in BatchWriteItem calls
    // first (only those that will change), so each revision is then one conditional write.
    // A known version the revision leaves as it is needs no request at all.
    const known = new Map<string, StoredFinding>();
    const settled = new Set<string>();
    if (prefetched) {
      const now = this.now();
      const history: Item[] = [];
      for (const [key] of unique) {
        const current = prefetched.get(key);
        if (!current || isExpired(current.expiresAt, now)) continue;
        const next = revise(current);
        if (next === undefined) {
          settled.add(key);
          continue;
        }
        known.set(key, current);
        history.push(toHistoryItem(key, current.lastChange));
      }
      await this.batchWrite(history.map((Item) => ({ PutRequest: { Item } })));
    }
    const outcomes = await mapLimit(unique, WRITE_CONCURRENCY, async ([key]) =>
      settled.has(key) ? ('unchanged' as const) : this.writeRevision(key, source, (current) => revise(current) ?? current, known.get(key)),
    );
    unique.forEach(([, identifier], index) => {
      const outcome = outcomes[index];
      if (outcome === 'processed') result.revised.push(identifier);
      else if (outcome === 'unchanged') result.unchanged.push(identifier);
      else if (outcome === 'FindingNotFound') result.notFound.push(identifier);
      else result.contended.push(identifier);
    });
    return result;
  }

  /** The stored versions of these findings (one BatchGetItem per 100, consistent), by finding key; missing ones absent. */
  async readStored(identifiers: FindingIdentifier[]): Promise<Map<string, StoredFinding>> {
    return this.batchRead([...new Set(identifiers.map(findingKey))]);
  }

  /**
   * The stored, unexpired findings with these identifiers (Id and ProductArn), in no particular
   * order, missing ones absent: one consistent BatchGetItem per 100 distinct findings, whatever the
   * identifiers — what GetFindings with Id filters answers, without a Query per Id.
   */
  async findingsByIdentifiers(identifiers: FindingIdentifier[]): Promise<AwsSecurityFinding[]> {
    const now = this.now();
    const stored = await this.readStored(identifiers);
    return [...stored.values()].filter((item) => !isExpired(item.expiresAt, now)).map((item) => item.finding);
  }

  /**
   * Every stored, unexpired finding that matches the filters, in no particular order, read through
   * the query planner (for insights, rule dry-runs and re-application, correlation). Reads all
   * matches into memory: callers narrow with filters.
   */
  async findAll(filters: AwsSecurityFindingFilters = {}): Promise<{ findings: AwsSecurityFinding[]; plan: QueryPlanReport }> {
    const now = this.now();
    const valid = validateFilters(filters) as AwsSecurityFindingFilters;
    const matches = compileFilters(valid, now);
    const accept = (stored: StoredFinding) => !isExpired(stored.expiresAt, now) && matches(stored.finding);
    const plan = planQuery(valid, DEFAULT_SORT, now);
    const stats: ReadStats = { partitions: 0, indexItemsRead: 0, itemsRead: 0 };
    const all = await readAll(this.client, this.table, plan, accept, stats);
    return {
      findings: all.map((stored) => stored.finding),
      plan: {
        access: plan.kind === 'scan' ? 'scan' : plan.index.name,
        partitions: stats.partitions,
        indexItemsRead: stats.indexItemsRead,
        itemsRead: stats.itemsRead,
        itemsReturned: all.length,
        sortedInMemory: false,
      },
    };
  }

  /**
   * Every stored, unexpired finding that matches the filters, handed to `visit` a page at a time
   * through the query planner: at most `pageSize` findings (default 100) are held at once, so
   * aggregates over a million matches (insight results, rule dry-runs) use bounded memory.
   * `maxPage` in the answer is the largest page handed over.
   */
  async forEachFindingPage(
    filters: AwsSecurityFindingFilters,
    visit: (findings: AwsSecurityFinding[]) => void | Promise<void>,
    options: { pageSize?: number } = {},
  ): Promise<{ plan: QueryPlanReport; maxPage: number }> {
    const now = this.now();
    const valid = validateFilters(filters) as AwsSecurityFindingFilters;
    const matches = compileFilters(valid, now);
    const accept = (stored: StoredFinding) => !isExpired(stored.expiresAt, now) && matches(stored.finding);
    const plan = planQuery(valid, DEFAULT_SORT, now);
    const stats: ReadStats = { partitions: 0, indexItemsRead: 0, itemsRead: 0 };
    let returned = 0;
    let maxPage = 0;
    await forEachPage(
      this.client,
      this.table,
      plan,
      accept,
      options.pageSize ?? MAX_RESULTS,
      async (page) => {
        returned += page.length;
        maxPage = Math.max(maxPage, page.length);
        await visit(page.map((stored) => stored.finding));
      },
      stats,
    );
    return {
      plan: {
        access: plan.kind === 'scan' ? 'scan' : plan.index.name,
        partitions: stats.partitions,
        indexItemsRead: stats.indexItemsRead,
        itemsRead: stats.itemsRead,
        itemsReturned: returned,
        sortedInMemory: false,
      },
      maxPage,
    };
  }

  /** GetFindingHistory: a record per change of one finding, newest first, 90 days. */
  async getFindingHistory(request: GetFindingHistoryRequest): Promise<GetFindingHistoryResponse> {
    return readFindingHistory(this.client, this.table, request, this.now());
  }

  /**
   * Saves, in BatchWriteItem calls, the change records that this batch's imports will supersede
   * (one history item each), so each import then needs a single conditional write. Idempotent:
   * a record saved for an import that then loses a race is still a true record of that version.
   */
  private async saveSupersededChanges(groups: Map<string, AwsSecurityFinding[]>, existing: Map<string, StoredFinding>): Promise<void> {
    const now = this.now();
    const items: Item[] = [];
    for (const [key, versions] of groups) {
      const current = existing.get(key);
      if (!current) continue;
      const live = isExpired(current.expiresAt, now) ? undefined : current;
      if (applyImport(live, versions[0], now.toISOString()).kind === 'ignore') continue;
      items.push(toHistoryItem(key, current.lastChange));
    }
    await this.batchWrite(items.map((Item) => ({ PutRequest: { Item } })));
  }

  /** BatchWriteItem in chunks of 25, retrying unprocessed items. */
  private async batchWrite(requests: Array<{ PutRequest: { Item: Item } } | { DeleteRequest: { Key: Item } }>): Promise<void> {
    for (let start = 0; start < requests.length; start += 25) {
      let pending: Record<string, unknown[]> | undefined = { [this.table]: requests.slice(start, start + 25) };
      while (pending && Object.keys(pending).length > 0) {
        const response = await this.client.send(new BatchWriteCommand({ RequestItems: pending as never }));
        pending = response.UnprocessedItems as typeof pending;
      }
    }
  }

  /** Reads the current items of many findings (one BatchGetItem per 100), keyed by finding key. */
  private async batchRead(keys: string[]): Promise<Map<string, StoredFinding>> {
    const found = new Map<string, StoredFinding>();
    for (let start = 0; start < keys.length; start += 100) {
      let request: Record<string, { Keys: Item[]; ConsistentRead: boolean }> | undefined = {
        [this.table]: {
          Keys: keys.slice(start, start + 100).map((key) => this.itemKey(key)),
          ConsistentRead: true,
        },
      };
      while (request && Object.keys(request).length > 0) {
        const response = await this.client.send(new BatchGetCommand({ RequestItems: request }));
        for (const item of response.Responses?.[this.table] ?? []) {
          const stored = fromFindingItem(item);
          found.set(stored.key, stored);
        }
        request = response.UnprocessedKeys as typeof request;
      }
    }
    return found;
  }

  private itemKey(key: string): Item {
    return { [TABLE_KEYS.partitionKey]: findingPartition(key), [TABLE_KEYS.sortKey]: FINDING_SK };
  }

  private async read(key: string): Promise<StoredFinding | undefined> {
    const response = await this.client.send(new GetCommand({ TableName: this.table, Key: this.itemKey(key), ConsistentRead: true }));
    return response.Item ? fromFindingItem(response.Item) : undefined;
  }

  /** Applies one import with optimistic concurrency: read, decide, conditional write, retry. */
  private async writeImport(key: string, incoming: AwsSecurityFinding, prefetched: Prefetched, source: ChangeSource, steps: readonly ImportStep[]): Promise<WriteResult> {
    return retryOnConflict<WriteResult>(
      async (attempt) => {
        const reuse = attempt === 1 && prefetched !== undefined;
        const current = reuse ? prefetched.current : await this.read(key);
        const now = this.now();
        const live = current && !isExpired(current.expiresAt, now) ? current : undefined;
        const outcome = applyImport(live, incoming, now.toISOString());
        if (outcome.kind === 'ignore') return { done: { status: 'ignored', reason: outcome.reason } };
        const draft = runImportSteps(steps, {
          finding: outcome.finding,
          customerOwned: [...(live?.customerOwned ?? [])],
          previous: live?.finding,
        });
        const next = this.nextVersion(key, current, draft.finding, draft.customerOwned, source, now, !live);
        return (await this.commit(current, next, reuse && prefetched.historySaved)) ? { done: { status: 'written' } } : CONFLICT;
      },
      { attempts: this.maxAttempts, exhausted: () => ({ status: 'contended' }) },
    );
  }

  /** Applies a change to one stored finding (an update or a revision), with retries on contention. */
  private async writeRevision(
    key: string,
    source: ChangeSource,
    change: (current: StoredFinding, now: Date) => { finding: AwsSecurityFinding; customerOwned: ProviderField[] },
    prefetched?: StoredFinding,
  ): Promise<'processed' | 'unchanged' | 'FindingNotFound' | 'ConcurrentUpdateError'> {
    return retryOnConflict<'processed' | 'unchanged' | 'FindingNotFound' | 'ConcurrentUpdateError'>(
      async (attempt) => {
        // A version the caller read (its change record already saved) answers the first attempt.
        const reuse = attempt === 1 && prefetched !== undefined;
        const current = reuse ? prefetched : await this.read(key);
        const now = this.now();
        if (!current || isExpired(current.expiresAt, now)) return { done: 'FindingNotFound' };
        const outcome = change(current, now);
        const next = this.nextVersion(key, current, outcome.finding, outcome.customerOwned, source, now, false);
        if (next.lastChange.updates.length === 0 && sameOwnership(current.customerOwned, outcome.customerOwned)) {
          return { done: 'unchanged' };
        }
        return (await this.commit(current, next, reuse)) ? { done: 'processed' } : CONFLICT;
      },
      { attempts: this.maxAttempts, exhausted: () => 'ConcurrentUpdateError' },
    );
  }

  private nextVersion(
    key: string,
    current: StoredFinding | undefined,
    finding: AwsSecurityFinding,
    customerOwned: ProviderField[],
    source: ChangeSource,
    now: Date,
    created: boolean,
  ): StoredFinding {
    const version = (current?.version ?? 0) + 1;
    const lastChange: ChangeRecord = {
      version,
      time: now.toISOString(),
      created,
      source,
      updates: created || !current ? [] : diffFindings(current.finding, finding),
    };
    return { key, version, finding, customerOwned, lastChange, expiresAt: findingExpiry(finding, now) };
  }

  /**
   * Writes a new version if the stored one is still `current` (false when it is not). The
   * superseded change record is saved as a history item first (idempotent), so history survives a
   * crash between the writes.
   */
  private async commit(current: StoredFinding | undefined, next: StoredFinding, historySaved: boolean): Promise<boolean> {
    if (current && !historySaved) {
      await this.client.send(new PutCommand({ TableName: this.table, Item: toHistoryItem(current.key, current.lastChange) }));
    }
    if (!(await this.findings.putIfVersion(toFindingItem(next), current?.version ?? 0))) return false;
    await this.syncResourceLinks(current, next);
    return true;
  }

  /**
   * Keeps one link item per extra resource (Resources[1..]) so ResourceId queries find every resource.
   * Written only when they differ from the current version's (resources, record state, UpdatedAt or
   * expiry changed), not on every write.
   */
  private async syncResourceLinks(current: StoredFinding | undefined, next: StoredFinding): Promise<void> {
    const links = toResourceLinkItems(next);
    if (current && JSON.stringify(toResourceLinkItems(current)) === JSON.stringify(links)) return;
    const before = current?.finding.Resources?.length ?? 0;
    const stale: Item[] = [];
    for (let index = Math.max(1, links.length + 1); index < before; index++) {
      stale.push({ [TABLE_KEYS.partitionKey]: findingPartition(next.key), [TABLE_KEYS.sortKey]: resourceLinkSortKey(index) });
    }
    await this.batchWrite([...links.map((Item) => ({ PutRequest: { Item } })), ...stale.map((Key) => ({ DeleteRequest: { Key } }))]);
  }
}

function sameOwnership(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((field) => b.includes(field));
}
