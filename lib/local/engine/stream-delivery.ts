/**
 * Lambda's event source mappings from DynamoDB streams, on the embedded default: each mapping of
 * the template keeps the records that pass its FilterCriteria (matched by the EventBridge pattern
 * matcher, as Lambda's filtering uses EventBridge's syntax; records filtered out are dropped), and
 * invokes its function with batches of up to BatchSize records, in order. A batch that throws is
 * retried whole; with ReportBatchItemFailures, a batch is retried from the lowest failed record.
 * After MaximumRetryAttempts the on-failure destination gets Lambda's record of the batch's
 * position (no records: deployed, they stay readable in the stream for 24 hours) and delivery
 * moves on. `idle()` resolves when no record waits and no invocation runs.
 */
import { randomUUID } from 'node:crypto';
import { Delivery } from './delivery';
import { matchesEventPattern } from './event-pattern/event-pattern';
import type { DynamoStreamRecord, StreamTable } from './dynamo-streams';
import { functionArn } from './lambda-context';
import type { FunctionRunner } from './local-functions';
import type { LocalQueues } from './queues';
import type { LocalEventSourceMapping, StackModel } from './stack-model';

/** Lambda's on-failure record for a stream batch that exhausted its retries. */
export interface StreamFailureRecord {
  requestContext: { requestId: string; functionArn: string; condition: 'RetryAttemptsExhausted'; approximateInvokeCount: number };
  responseContext: { statusCode: 200; executedVersion: '$LATEST'; functionError: 'Unhandled' };
  version: '1.0';
  timestamp: string;
  DDBStreamBatchInfo: {
    shardId: string;
    startSequenceNumber: string;
    endSequenceNumber: string;
    approximateArrivalOfFirstRecord: string;
    approximateArrivalOfLastRecord: string;
    batchSize: number;
    streamArn: string;
  };
}

/** Options of {@link LocalStreams}. */
export interface LocalStreamsOptions {
  model: StackModel;
  functions: FunctionRunner;
  queues: LocalQueues;
  account: string;
  region: string;
  /** First retry delay, doubled per retry (capped at 30 s). Default 1000 ms. */
  backoffMs?: number;
  log?: (message: string) => void;
}

interface Mapping {
  spec: LocalEventSourceMapping;
  waiting: DynamoStreamRecord[];
  running?: Promise<void>;
}

/** Stream delivery to the stack's event source mappings. */
export class LocalStreams {
  private readonly mappings: Mapping[];
  private readonly delivery: Delivery;

  constructor(private readonly options: LocalStreamsOptions) {
    this.mappings = options.model.eventSourceMappings.map((spec) => ({ spec, waiting: [] }));
    this.delivery = new Delivery(options);
  }

  /** True while a record waits or an invocation runs. */
  get busy(): boolean {
    return this.mappings.some((mapping) => mapping.running !== undefined || mapping.waiting.length > 0);
  }

  /** Takes a write's records (in stream order) and starts delivering them. */
  append(table: StreamTable, records: readonly DynamoStreamRecord[]): void {
    for (const mapping of this.mappings) {
      if (mapping.spec.table !== table.logicalId) continue;
      const { filters } = mapping.spec;
      const passing = filters.length === 0 ? records : records.filter((record) => filters.some((pattern) => matchesEventPattern(pattern, record)));
      if (passing.length === 0) continue;
      mapping.waiting.push(...passing);
      mapping.running ??= this.drain(mapping).finally(() => {
        mapping.running = undefined;
      });
    }
  }

  /** Resolves when nothing waits and nothing runs. */
  async idle(): Promise<void> {
    while (this.busy) await Promise.allSettled(this.mappings.map((mapping) => mapping.running));
  }

  private async drain(mapping: Mapping): Promise<void> {
    while (mapping.waiting.length > 0) {
      try {
        await this.deliverBatch(mapping);
      } catch (error) {
        this.delivery.log(`Stream delivery error: ${(error as Error).stack ?? String(error)}`);
        mapping.waiting.splice(0, mapping.spec.batchSize);
      }
    }
  }

  /** Delivers the next batch: on success removes it, else retries (from the failed record) or gives up. */
  private async deliverBatch(mapping: Mapping): Promise<void> {
    const { spec } = mapping;
    const fn = this.options.functions.get(spec.function);
    const retries = spec.maximumRetryAttempts < 0 ? Number.POSITIVE_INFINITY : spec.maximumRetryAttempts;
    let failedAttempts = 0;
    let lastError = '';
    for (;;) {
      const batch = mapping.waiting.slice(0, spec.batchSize);
      const failedFrom = await this.invoke(spec, batch).catch((error: unknown) => {
        lastError = (error as Error).message;
        return 0; // the whole batch failed
      });
      if (failedFrom === undefined) {
        mapping.waiting.splice(0, batch.length);
        return;
      }
      if (failedFrom > 0) {
        // Progress: the records before the failed one are done; the retry starts at it.
        mapping.waiting.splice(0, failedFrom);
        failedAttempts = 0;
      }
      failedAttempts += 1;
      if (failedAttempts > retries) {
        const failed = mapping.waiting.slice(0, spec.batchSize);
        mapping.waiting.splice(0, failed.length);
        await this.sendOnFailure(spec, fn.name, failed, failedAttempts, lastError);
        return;
      }
      await this.delivery.backoff(failedAttempts - 1);
    }
  }

  /** Invokes once; resolves to undefined on success, or the index of the lowest failed record. */
  private async invoke(spec: LocalEventSourceMapping, batch: DynamoStreamRecord[]): Promise<number | undefined> {
    const result = (await this.options.functions.invoke(spec.function, { Records: batch })) as { batchItemFailures?: Array<{ itemIdentifier?: string }> } | undefined;
    const failures = spec.reportBatchItemFailures ? (result?.batchItemFailures ?? []) : [];
    if (failures.length === 0) return undefined;
    const indexes = failures.map((failure) => batch.findIndex((record) => record.dynamodb.SequenceNumber === failure.itemIdentifier));
    // An identifier that names no record of the batch fails the whole batch, as Lambda treats it.
    return indexes.some((index) => index < 0) ? 0 : Math.min(...indexes);
  }

  private async sendOnFailure(spec: LocalEventSourceMapping, functionName: string, failed: DynamoStreamRecord[], attempts: number, error: string): Promise<void> {
    const [first, last] = [failed[0], failed[failed.length - 1]];
    const arrival = (record: DynamoStreamRecord) => new Date(record.dynamodb.ApproximateCreationDateTime * 1000).toISOString();
    const record: StreamFailureRecord = {
      requestContext: {
        requestId: randomUUID(),
        functionArn: functionArn(this.options.region, this.options.account, functionName),
        condition: 'RetryAttemptsExhausted',
        approximateInvokeCount: attempts,
      },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      version: '1.0',
      timestamp: new Date().toISOString(),
      DDBStreamBatchInfo: {
        shardId: 'shardId-local',
        startSequenceNumber: first.dynamodb.SequenceNumber,
        endSequenceNumber: last.dynamodb.SequenceNumber,
        approximateArrivalOfFirstRecord: arrival(first),
        approximateArrivalOfLastRecord: arrival(last),
        batchSize: failed.length,
        streamArn: first.eventSourceARN,
      },
    };
    const what = `${functionName}: stream records ${record.DDBStreamBatchInfo.startSequenceNumber}..${record.DDBStreamBatchInfo.endSequenceNumber} failed ${attempts} times${error ? ` (${error})` : ''}`;
    await this.delivery.sendToQueue(spec.onFailureQueue, JSON.stringify(record), what);
  }
}
