/**
 * Publishes a batch of stream records as finding events: PutEvents in batches of ≤ 10 entries and
 * ≤ 256 KB, failed entries retried, and a record that still fails reported in `batchItemFailures`
 * (Lambda then retries the stream from that record, so nothing is lost; after its retries the
 * on-failure destination gets the batch's position). Pure: PutEvents and the pause are injected.
 */
import { MAX_ENTRY_BYTES, entrySize, findingEventOf, type EventEntry, type FindingStreamRecord } from './finding-event';

/** Entries per PutEvents call. */
export const MAX_BATCH_ENTRIES = 10;
/** PutEvents attempts for an entry (the first and two retries of the failed entries). */
export const PUT_ATTEMPTS = 3;
/** PutEvents calls in flight at once (a batch of 100 records is at most 10 calls: three waves). */
export const PUT_CONCURRENCY = 4;

/** What PutEvents answers, as far as the publisher reads it. */
export interface PutEventsResult {
  FailedEntryCount?: number;
  Entries?: Array<{ EventId?: string; ErrorCode?: string; ErrorMessage?: string }>;
}

/** What the publisher needs. */
export interface PublishDeps {
  eventBusName: string;
  putEvents(entries: EventEntry[]): Promise<PutEventsResult>;
  /** Waits before retry `attempt` (1, 2, …). */
  pause(attempt: number): Promise<void>;
}

/** Lambda's partial batch response for stream sources. */
export interface StreamBatchResponse {
  batchItemFailures: Array<{ itemIdentifier: string }>;
}

/** What a run did, for the logs. */
export interface PublishReport extends StreamBatchResponse {
  records: number;
  published: number;
  skipped: number;
  truncated: number;
  /** Why the first failing record failed. */
  failure?: string;
}

interface Pending {
  sequenceNumber: string;
  entry: EventEntry;
  truncated: boolean;
}

/** Groups entries in order into PutEvents calls of ≤ 10 entries and ≤ 256 KB. */
export function batchesOf<T extends { entry: EventEntry }>(items: readonly T[]): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = entrySize(item.entry);
    if (current.length === MAX_BATCH_ENTRIES || (current.length > 0 && bytes + size > MAX_ENTRY_BYTES)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** Puts one batch, retrying the entries PutEvents rejected; returns those still failing with the reason. */
async function putWithRetries(batch: Pending[], deps: PublishDeps): Promise<Array<{ item: Pending; reason: string }>> {
  let pending = batch;
  let failures: Array<{ item: Pending; reason: string }> = [];
  for (let attempt = 1; attempt <= PUT_ATTEMPTS && pending.length > 0; attempt++) {
    if (attempt > 1) await deps.pause(attempt - 1);
    try {
      const result = await deps.putEvents(pending.map((item) => item.entry));
      failures = pending.flatMap((item, index) => {
        const answer = result.Entries?.[index];
        if (answer?.ErrorCode === undefined && answer?.EventId !== undefined) return [];
        return [{ item, reason: `${answer?.ErrorCode ?? 'NoEventId'}: ${answer?.ErrorMessage ?? 'PutEvents returned no event id'}` }];
      });
    } catch (error) {
      failures = pending.map((item) => ({ item, reason: `PutEvents failed: ${(error as Error).message}` }));
    }
    pending = failures.map((failure) => failure.item);
  }
  return failures;
}

/**
 * Turns the records into events and puts them, in stream order, up to {@link PUT_CONCURRENCY}
 * PutEvents calls at once. On a record that cannot be read or put, stops after that wave of calls and
 * reports it (Lambda retries from the lowest reported sequence number; events of that retry may
 * repeat ones already put: delivery is at least once).
 */
export async function publishFindingEvents(records: readonly FindingStreamRecord[], deps: PublishDeps): Promise<PublishReport> {
  const report: PublishReport = { records: records.length, published: 0, skipped: 0, truncated: 0, batchItemFailures: [] };
  const pending: Pending[] = [];
  for (const record of records) {
    const sequenceNumber = record.dynamodb?.SequenceNumber ?? record.eventID ?? '';
    let event: ReturnType<typeof findingEventOf>;
    try {
      event = findingEventOf(record, deps.eventBusName);
    } catch (error) {
      // Records before it are still put; this one and everything after is retried by Lambda.
      report.failure = (error as Error).message;
      report.batchItemFailures.push({ itemIdentifier: sequenceNumber });
      break;
    }
    if (event === undefined) report.skipped++;
    else pending.push({ sequenceNumber, ...event });
  }
  // PutEvents calls in waves of PUT_CONCURRENCY, in stream order; a wave with a failure ends the run.
  const batches = batchesOf(pending);
  for (let start = 0; start < batches.length; start += PUT_CONCURRENCY) {
    const wave = batches.slice(start, start + PUT_CONCURRENCY);
    const results = await Promise.all(wave.map((batch) => putWithRetries(batch, deps)));
    let failed = false;
    wave.forEach((batch, index) => {
      const failures = results[index];
      report.published += batch.length - failures.length;
      if (failures.length === 0) report.truncated += batch.filter((item) => item.truncated).length;
      else if (!failed) {
        failed = true;
        report.failure ??= failures[0].reason;
        // The lowest failed record is where Lambda resumes; report it (and no later wave is put).
        report.batchItemFailures.unshift({ itemIdentifier: failures[0].item.sequenceNumber });
      }
    });
    if (failed) return { ...report, batchItemFailures: dedupe(report.batchItemFailures) };
  }
  return report;
}

function dedupe(failures: StreamBatchResponse['batchItemFailures']): StreamBatchResponse['batchItemFailures'] {
  return [...new Map(failures.map((failure) => [failure.itemIdentifier, failure])).values()];
}
