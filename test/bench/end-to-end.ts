import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { normalizerFor } from '../../lambdas/shared/normalize/registry';
import type { SourceEvent } from '../../lambdas/shared/normalize/types';
import { ensureFindingsTable } from '../../lambdas/shared/store/create-table';
import { FindingsStore } from '../../lambdas/shared/store/findings-store';
import { startEmbeddedDefault } from '../../lib/local/server';
import { chunks, inParallel } from './support';

const credentials = { accessKeyId: 'bench', secretAccessKey: 'bench' };

/** `count` distinct GuardDuty findings: the SSH brute-force fixture with its own id each. */
function guardDutyEvents(count: number): SourceEvent[] {
  const file = path.join(__dirname, '..', 'fixtures', 'events', 'guardduty', 'ec2-ssh-brute-force.json');
  const template = JSON.parse(fs.readFileSync(file, 'utf8')) as SourceEvent<Record<string, unknown>>;
  return Array.from({ length: count }, (_, index) => {
    const event = structuredClone(template);
    const id = `bench${String(index).padStart(8, '0')}`;
    event.detail.id = id;
    event.detail.arn = String(template.detail.arn).replace(/finding\/[^/]+$/, `finding/${id}`);
    return event;
  });
}

/** Finding items in a findings table (the embedded default's, set in FINDINGS_TABLE). */
async function countFindings(dynamo: DynamoDBClient, table: string): Promise<number> {
  let count = 0;
  let startKey: Record<string, never> | undefined;
  do {
    const page = await dynamo.send(
      new ScanCommand({ TableName: table, Select: 'COUNT', FilterExpression: 'sk = :finding', ExpressionAttributeValues: { ':finding': { S: '#FINDING' } }, ExclusiveStartKey: startKey }),
    );
    count += page.Count ?? 0;
    startKey = page.LastEvaluatedKey as typeof startKey;
  } while (startKey);
  return count;
}

/**
 * PutEvents → rule → normalizer → store on the embedded default, in findings stored per second,
 * against the raw store import of the same (already normalized) findings in the same process.
 */
export async function benchEndToEnd(count: number) {
  const local = await startEmbeddedDefault({ port: 0, dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'sechub-bench-')), logLevel: 'SILENT' });
  try {
    const events = guardDutyEvents(count);
    const client = new EventBridgeClient({ endpoint: local.endpoint, region: 'us-east-1', credentials });
    let started = performance.now();
    await inParallel(chunks(events, 10), 4, async (batch) => {
      const response = await client.send(
        new PutEventsCommand({
          Entries: batch.map((event) => ({ Source: event.source, DetailType: event['detail-type'], Detail: JSON.stringify(event.detail) })),
        }),
      );
      if (response.FailedEntryCount) throw new Error(JSON.stringify(response.Entries));
    });
    await local.idle();
    const endToEndSeconds = (performance.now() - started) / 1000;
    client.destroy();

    const dynamo = new DynamoDBClient({ endpoint: local.dynamoEndpoint, region: 'us-east-1', credentials });
    // The embedded default's findings table (its name is in FINDINGS_TABLE once it runs).
    const stored = await countFindings(dynamo, process.env.FINDINGS_TABLE as string);
    await ensureFindingsTable(dynamo, 'bench-raw-import');
    const store = new FindingsStore({ client: dynamo, tableName: 'bench-raw-import' });
    const findings = events.flatMap((event) => normalizerFor(event)!.normalize(event));
    started = performance.now();
    await inParallel(chunks(findings, 100), 4, async (batch) => {
      await store.importFindings(batch, { identity: 'bench' });
    });
    const rawSeconds = (performance.now() - started) / 1000;
    dynamo.destroy();

    return {
      events: count,
      findingsStored: stored,
      endToEndFindingsPerSecond: Math.round(stored / endToEndSeconds),
      rawStoreImportPerSecond: Math.round(findings.length / rawSeconds),
      ratioToRawImport: +(stored / endToEndSeconds / (findings.length / rawSeconds)).toFixed(2),
    };
  } finally {
    await local.stop();
  }
}
