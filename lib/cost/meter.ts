/**
 * The cost meter's DynamoDB side: a loopback proxy in front of the embedded default's DynamoDB
 * endpoint (its stream proxy, then dynalite) through which every handler's request passes. It asks
 * dynalite for `ReturnConsumedCapacity: TOTAL` on each read and write (and takes it out of the
 * answer again when the handler did not ask), so read units and the table's write units are
 * dynalite's own arithmetic; the index write units (dynalite counts none) and the bytes stored come
 * from the table's stream records (the item before and after each write) through lib/cost/capacity.ts.
 * A write refused by its condition is counted as 1 write unit (DynamoDB charges at least that).
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DynamoStreamRecord } from '../local/engine/dynamo-streams';
import { indexWriteUnits, storedBytesDelta, type AttributeMap, type IndexShape } from './capacity';

/** What the meter has seen so far. */
export interface DynamoMeterCounts {
  requests: Record<string, number>;
  readUnits: number;
  tableWriteUnits: number;
  indexWriteUnits: number;
  conditionalFailures: number;
  storedBytes: number;
}

const METERED = new Set(['GetItem', 'BatchGetItem', 'Query', 'Scan', 'PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem']);
const READS = new Set(['GetItem', 'BatchGetItem', 'Query', 'Scan']);

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function consumed(value: unknown): number {
  const entries = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return entries.reduce((sum: number, entry) => sum + Number((entry as { CapacityUnits?: number }).CapacityUnits ?? 0), 0);
}

/** A running meter. */
export class DynamoMeter {
  private readonly counts: DynamoMeterCounts = { requests: {}, readUnits: 0, tableWriteUnits: 0, indexWriteUnits: 0, conditionalFailures: 0, storedBytes: 0 };

  private constructor(
    private readonly server: Server,
    /** The endpoint to give the handlers. */
    readonly endpoint: string,
    private readonly table: { name: string; keys: readonly string[]; indexes: readonly IndexShape[] },
  ) {}

  /** Starts a meter forwarding to `target`, for the table of this shape. */
  static async start(target: string, table: { name: string; keys: readonly string[]; indexes: readonly IndexShape[] }): Promise<DynamoMeter> {
    const upstream = new URL(target);
    let meter: DynamoMeter | undefined;
    const forward = (path: string, headers: IncomingHttpHeaders, body: Buffer): Promise<Answer> =>
      new Promise((resolve, reject) => {
        const outgoing = httpRequest(
          { host: upstream.hostname, port: upstream.port, method: 'POST', path, headers: { ...headers, 'content-length': String(body.length) } },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () => resolve({ status: response.statusCode ?? 500, headers: response.headers, body: Buffer.concat(chunks) }));
            response.on('error', reject);
          },
        );
        outgoing.on('error', reject);
        outgoing.end(body);
      });
    const server = createServer((incoming, outgoing) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        void (async () => {
          const operation =
            String(incoming.headers['x-amz-target'] ?? '')
              .split('.')
              .pop() ?? '';
          let body = Buffer.concat(chunks);
          let injected = false;
          if (METERED.has(operation)) {
            const input = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
            if (input.ReturnConsumedCapacity === undefined || input.ReturnConsumedCapacity === 'NONE') {
              injected = true;
              body = Buffer.from(JSON.stringify({ ...input, ReturnConsumedCapacity: 'TOTAL' }));
            }
          }
          const answer = await forward(incoming.url ?? '/', incoming.headers, body);
          let answerBody = answer.body;
          let answerHeaders = answer.headers;
          if (METERED.has(operation)) {
            const counts = meter!.counts;
            counts.requests[operation] = (counts.requests[operation] ?? 0) + 1;
            if (answer.status === 200) {
              const output = JSON.parse(answer.body.toString('utf8')) as Record<string, unknown>;
              if (READS.has(operation)) counts.readUnits += consumed(output.ConsumedCapacity);
              else counts.tableWriteUnits += consumed(output.ConsumedCapacity);
              if (injected) {
                const { ConsumedCapacity: _taken, ...rest } = output;
                answerBody = Buffer.from(JSON.stringify(rest));
                const { 'x-amz-crc32': _crc, ...headers } = answer.headers; // the body changed
                answerHeaders = headers;
              }
            } else if (answer.body.includes('ConditionalCheckFailed')) counts.conditionalFailures += 1;
          }
          outgoing.writeHead(answer.status, { ...answerHeaders, 'content-length': String(answerBody.length) });
          outgoing.end(answerBody);
        })().catch((error: unknown) => {
          outgoing.writeHead(500, { 'content-type': 'application/x-amz-json-1.0' });
          outgoing.end(JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: String(error) }));
        });
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    meter = new DynamoMeter(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, table);
    return meter;
  }

  /** Takes the table's stream records: index write units and stored bytes of each write. */
  onStreamRecords(table: string, records: readonly DynamoStreamRecord[]): void {
    if (table !== this.table.name) return;
    for (const record of records) {
      const before = record.dynamodb.OldImage as AttributeMap | undefined;
      const after = record.dynamodb.NewImage as AttributeMap | undefined;
      this.counts.indexWriteUnits += Object.values(indexWriteUnits(before, after, this.table.indexes, this.table.keys)).reduce((sum, units) => sum + units, 0);
      this.counts.storedBytes += storedBytesDelta(before, after, this.table.indexes, this.table.keys);
    }
  }

  /** A copy of the counts so far. */
  snapshot(): DynamoMeterCounts {
    return { ...this.counts, requests: { ...this.counts.requests } };
  }

  async stop(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }
}
