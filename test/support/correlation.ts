import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { correlateRecords, type CorrelationOutcome, type CorrelationStore } from '../../lambdas/triage/correlation/correlate';
import { CORRELATION_STREAM_FILTER } from '../../lambdas/triage/correlation/trigger';
import { matchesEventPattern } from '../../lib/local/engine';
import { FindingsStore } from '../../lambdas/store/findings-store';
import { DynamoSummaryStore } from '../../lambdas/triage/correlation/summary-store';
import { priorityStage } from '../../lambdas/triage/priority/stage';
import { startStreamProxy, type DynamoRequestCounts, type DynamoStreamRecord, type StreamProxy } from '../../lib/local/engine';

/**
 * A findings store (priority stage) whose writes go through the embedded default's stream proxy,
 * so every change makes a real DynamoDB stream record; `settle()` feeds the records to correlation
 * in batches, as the event source mapping does, until its own writes make no more. The proxy counts
 * every request, for assertions on requests per finding.
 */
export interface CorrelationHarness {
  store: FindingsStore;
  /** Runs correlation over the records so far, and over those its writes make, until none are left. */
  settle(batchSize?: number): Promise<CorrelationOutcome[]>;
  /** Request counts so far. */
  requests(): DynamoRequestCounts;
  stop(): Promise<void>;
}

/** Starts a harness on a fresh findings table of `dynamo`. */
export async function startCorrelationHarness(
  dynamo: { endpoint: string; newFindingsTable(): Promise<string> },
  /** What correlation sees of the store (tests interpose concurrent writes here). */
  wrap: (store: FindingsStore) => CorrelationStore = (store) => store,
): Promise<CorrelationHarness> {
  const name = await dynamo.newFindingsTable();
  const records: DynamoStreamRecord[] = [];
  const proxy: StreamProxy = await startStreamProxy({
    target: dynamo.endpoint,
    tables: [{ logicalId: 'Findings', name, keyNames: ['pk', 'sk'], streamArn: `arn:aws:dynamodb:us-east-1:111122223333:table/${name}/stream/x` }],
    region: 'us-east-1',
    onRecords: (_table, written) => records.push(...written.filter((record) => matchesEventPattern(CORRELATION_STREAM_FILTER, record))),
  });
  const client = new DynamoDBClient({ endpoint: proxy.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const store = new FindingsStore({ client, tableName: name, stages: [priorityStage] });
  const summaries = new DynamoSummaryStore(client, name);
  return {
    store,
    async settle(batchSize = 100) {
      const outcomes: CorrelationOutcome[] = [];
      for (let rounds = 0; records.length > 0; rounds++) {
        if (rounds > 10_000) throw new Error('correlation does not settle');
        const batch = records.splice(0, batchSize);
        const outcome = await correlateRecords(wrap(store), summaries, batch);
        if (outcome.batchItemFailures.length > 0) throw new Error(`correlation failed: ${JSON.stringify(outcome)}`);
        outcomes.push(outcome);
      }
      return outcomes;
    },
    requests: () => proxy.requests(),
    async stop() {
      client.destroy();
      await proxy.stop();
    },
  };
}
