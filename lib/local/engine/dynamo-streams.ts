/**
 * DynamoDB Streams for the embedded default (dynalite has none): a loopback HTTP proxy in front of
 * dynalite that forwards every request unchanged and, for the tables the template declares a
 * stream on, turns each successful write into stream records, as DynamoDB does:
 *
 * - PutItem: `ReturnValues: ALL_OLD` is added when the client did not ask for it (and `Attributes`
 *   stripped from that answer), so the OldImage is the item the write replaced;
 * - UpdateItem, DeleteItem, BatchWriteItem: the items are read before (and, for updates, after).
 *
 * Writes to one key run one at a time through the proxy, so records keep per-key order. A write
 * that changes nothing makes no record. Records go to `onRecords` before the client has its answer.
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CfnTemplate, LocalNames, StackModel } from './stack-model';

/** A DynamoDB attribute value map, as the JSON protocol carries it. */
export type AttributeMap = Record<string, Record<string, unknown>>;

/** A stream record as Lambda delivers it. */
export interface DynamoStreamRecord {
  eventID: string;
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  eventVersion: '1.1';
  eventSource: 'aws:dynamodb';
  awsRegion: string;
  dynamodb: {
    ApproximateCreationDateTime: number;
    Keys: AttributeMap;
    NewImage?: AttributeMap;
    OldImage?: AttributeMap;
    SequenceNumber: string;
    SizeBytes: number;
    StreamViewType: 'NEW_AND_OLD_IMAGES';
  };
  eventSourceARN: string;
}

/** A table with a stream: its local name, key attributes and stream ARN. */
export interface StreamTable {
  logicalId: string;
  name: string;
  keyNames: string[];
  streamArn: string;
}

/** The stream tables of the template, with their key schema. */
export function streamTablesOf(template: CfnTemplate, model: StackModel, names: LocalNames): StreamTable[] {
  return model.streamTables.map((logicalId) => {
    const keySchema = (template.Resources?.[logicalId]?.Properties?.KeySchema ?? []) as Array<{ AttributeName: string }>;
    const name = names.tableName(logicalId);
    return {
      logicalId,
      name,
      keyNames: keySchema.map((key) => key.AttributeName),
      // One stream per table locally; the label is fixed (deployed: the stream's creation time).
      streamArn: `arn:aws:dynamodb:${names.region}:${names.account}:table/${name}/stream/1970-01-01T00:00:00.000`,
    };
  });
}

/** JSON with sorted object keys: equal items give equal text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value as object)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Runs work for a set of keys after the work already queued on any of them (per-key order, no deadlock). */
class KeyLocks {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(keys: readonly string[], work: () => Promise<T>): Promise<T> {
    const unique = [...new Set(keys)];
    const before = unique.map((key) => this.tails.get(key)).filter((tail): tail is Promise<unknown> => tail !== undefined);
    const result = Promise.allSettled(before).then(work);
    const tail = result.catch(() => undefined);
    for (const key of unique) this.tails.set(key, tail);
    void tail.then(() => {
      for (const key of unique) if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * The DynamoDB requests the proxy served, by operation, and the conditional writes DynamoDB
 * refused (for the bench's requests per finding; the proxy's own reads for stream images are not
 * counted). `itemBytes` sums the JSON size of the items written and read, for a capacity estimate.
 */
export interface DynamoRequestCounts {
  byOperation: Record<string, number>;
  conditionalFailures: number;
  itemsWritten: number;
  writtenBytes: number;
  readBytes: number;
}

/** A running proxy. */
export interface StreamProxy {
  endpoint: string;
  /** A copy of the request counts so far. */
  requests(): DynamoRequestCounts;
  stop(): Promise<void>;
}

/** Options of {@link startStreamProxy}. */
export interface StreamProxyOptions {
  /** dynalite's endpoint. */
  target: string;
  tables: readonly StreamTable[];
  region: string;
  /** Receives each write's records, in order, before the client gets its answer. */
  onRecords(table: StreamTable, records: DynamoStreamRecord[]): void;
}

const TARGET_PREFIX = 'DynamoDB_20120810.';

/** Starts the proxy on a free loopback port. */
export async function startStreamProxy(options: StreamProxyOptions): Promise<StreamProxy> {
  const target = new URL(options.target);
  const tables = new Map(options.tables.map((table) => [table.name, table]));
  const locks = new KeyLocks();
  let sequence = 0;
  const counts: DynamoRequestCounts = { byOperation: {}, conditionalFailures: 0, itemsWritten: 0, writtenBytes: 0, readBytes: 0 };
  const count = (operation: string, input: Record<string, unknown> | undefined, answer: Answer) => {
    counts.byOperation[operation] = (counts.byOperation[operation] ?? 0) + 1;
    if (answer.status !== 200) {
      if (answer.body.includes('ConditionalCheckFailed')) counts.conditionalFailures += 1;
      return;
    }
    if (operation === 'PutItem' && input) {
      counts.itemsWritten += 1;
      counts.writtenBytes += Buffer.byteLength(JSON.stringify(input.Item ?? {}));
    } else if (operation === 'BatchWriteItem' && input) {
      for (const writes of Object.values((input.RequestItems ?? {}) as Record<string, Array<{ PutRequest?: { Item: unknown } }>>)) {
        counts.itemsWritten += writes.length;
        for (const write of writes) counts.writtenBytes += Buffer.byteLength(JSON.stringify(write.PutRequest?.Item ?? {}));
      }
    } else if (['UpdateItem', 'DeleteItem'].includes(operation)) counts.itemsWritten += 1;
    else counts.readBytes += answer.body.length;
  };

  const forward = (method: string, path: string, headers: IncomingHttpHeaders, body: Buffer): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const outgoing = httpRequest({ host: target.hostname, port: target.port, method, path, headers: { ...headers, 'content-length': String(body.length) } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 500, headers: response.headers, body: Buffer.concat(chunks) }));
        response.on('error', reject);
      });
      outgoing.on('error', reject);
      outgoing.end(body);
    });

  /** A JSON call to dynalite with the client's own headers (dynalite checks their form, not the signature). */
  const call = async (headers: IncomingHttpHeaders, operation: string, input: object): Promise<Record<string, unknown>> => {
    const answer = await forward('POST', '/', { ...headers, 'x-amz-target': `${TARGET_PREFIX}${operation}` }, Buffer.from(JSON.stringify(input)));
    if (answer.status !== 200) throw new Error(`DynamoDB ${operation} for the stream failed: ${answer.body.toString('utf8')}`);
    return JSON.parse(answer.body.toString('utf8')) as Record<string, unknown>;
  };
  const getItem = async (headers: IncomingHttpHeaders, table: string, key: AttributeMap): Promise<AttributeMap | undefined> =>
    (await call(headers, 'GetItem', { TableName: table, Key: key, ConsistentRead: true })).Item as AttributeMap | undefined;

  const keyOf = (table: StreamTable, item: AttributeMap): AttributeMap => Object.fromEntries(table.keyNames.map((name) => [name, item[name]]));
  const lockKey = (table: StreamTable, key: AttributeMap) => `${table.name} ${canonical(keyOf(table, key))}`;

  const record = (table: StreamTable, key: AttributeMap, oldImage: AttributeMap | undefined, newImage: AttributeMap | undefined): DynamoStreamRecord | undefined => {
    if (oldImage === undefined && newImage === undefined) return undefined;
    if (oldImage !== undefined && newImage !== undefined && canonical(oldImage) === canonical(newImage)) return undefined; // no change, no record
    sequence += 1;
    const eventName = oldImage === undefined ? 'INSERT' : newImage === undefined ? 'REMOVE' : 'MODIFY';
    return {
      eventID: `${Date.now().toString(16)}${sequence.toString(16).padStart(8, '0')}`,
      eventName,
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: options.region,
      dynamodb: {
        ApproximateCreationDateTime: Math.floor(Date.now() / 1000),
        Keys: keyOf(table, key),
        ...(newImage !== undefined && { NewImage: newImage }),
        ...(oldImage !== undefined && { OldImage: oldImage }),
        SequenceNumber: String(sequence).padStart(21, '0'),
        SizeBytes: Buffer.byteLength(JSON.stringify(newImage ?? {})) + Buffer.byteLength(JSON.stringify(oldImage ?? {})),
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
      eventSourceARN: table.streamArn,
    };
  };
  const emit = (table: StreamTable, records: Array<DynamoStreamRecord | undefined>) => {
    const present = records.filter((entry): entry is DynamoStreamRecord => entry !== undefined);
    if (present.length > 0) options.onRecords(table, present);
  };

  /** Serves one write of a stream table; returns the answer for the client. */
  const serveWrite = async (operation: string, method: string, path: string, headers: IncomingHttpHeaders, input: Record<string, unknown>, body: Buffer): Promise<Answer> => {
    const table = tables.get(String(input.TableName))!;
    if (operation === 'PutItem') {
      const item = input.Item as AttributeMap;
      return locks.run([lockKey(table, item)], async () => {
        const added = input.ReturnValues === undefined || input.ReturnValues === 'NONE';
        const answer = await forward(method, path, headers, added ? Buffer.from(JSON.stringify({ ...input, ReturnValues: 'ALL_OLD' })) : body);
        if (answer.status !== 200) return answer;
        const output = JSON.parse(answer.body.toString('utf8')) as { Attributes?: AttributeMap };
        emit(table, [record(table, item, output.Attributes, item)]);
        if (!added) return answer;
        const { Attributes: _old, ...rest } = output;
        const { 'x-amz-crc32': _crc, ...answerHeaders } = answer.headers; // the body changed
        return { ...answer, headers: answerHeaders, body: Buffer.from(JSON.stringify(rest)) };
      });
    }
    const key = input.Key as AttributeMap;
    return locks.run([lockKey(table, key)], async () => {
      const before = await getItem(headers, table.name, keyOf(table, key));
      const answer = await forward(method, path, headers, body);
      if (answer.status !== 200) return answer;
      const after = operation === 'DeleteItem' ? undefined : await getItem(headers, table.name, keyOf(table, key));
      emit(table, [record(table, key, before, after)]);
      return answer;
    });
  };

  const serveBatchWrite = async (method: string, path: string, headers: IncomingHttpHeaders, input: Record<string, unknown>, body: Buffer): Promise<Answer> => {
    type WriteRequest = { PutRequest?: { Item: AttributeMap }; DeleteRequest?: { Key: AttributeMap } };
    const requests = Object.entries((input.RequestItems ?? {}) as Record<string, WriteRequest[]>)
      .filter(([name]) => tables.has(name))
      .flatMap(([name, writes]) => writes.map((write) => ({ table: tables.get(name)!, write, key: (write.PutRequest?.Item ?? write.DeleteRequest?.Key) as AttributeMap })));
    if (requests.length === 0) return forward(method, path, headers, body);
    return locks.run(
      requests.map(({ table, key }) => lockKey(table, key)),
      async () => {
        const before = await Promise.all(requests.map(({ table, key }) => getItem(headers, table.name, keyOf(table, key))));
        const answer = await forward(method, path, headers, body);
        if (answer.status !== 200) return answer;
        const unprocessed = (JSON.parse(answer.body.toString('utf8')) as { UnprocessedItems?: Record<string, WriteRequest[]> }).UnprocessedItems ?? {};
        const skipped = new Set(Object.entries(unprocessed).flatMap(([name, writes]) => writes.map((write) => `${name} ${canonical(write)}`)));
        const byTable = new Map<StreamTable, Array<DynamoStreamRecord | undefined>>();
        requests.forEach(({ table, write, key }, index) => {
          if (skipped.has(`${table.name} ${canonical(write)}`)) return;
          const next = write.PutRequest?.Item;
          byTable.set(table, [...(byTable.get(table) ?? []), record(table, key, before[index], next)]);
        });
        for (const [table, records] of byTable) emit(table, records);
        return answer;
      },
    );
  };

  const handle = async (method: string, path: string, headers: IncomingHttpHeaders, body: Buffer): Promise<Answer> => {
    const operation = String(headers['x-amz-target'] ?? '').replace(TARGET_PREFIX, '');
    const answer = await serve(operation, method, path, headers, body);
    let input: Record<string, unknown> | undefined;
    try {
      input = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    } catch {
      input = undefined;
    }
    count(operation, input, answer);
    return answer;
  };

  const serve = async (operation: string, method: string, path: string, headers: IncomingHttpHeaders, body: Buffer): Promise<Answer> => {
    if (!['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem'].includes(operation)) return forward(method, path, headers, body);
    let input: Record<string, unknown>;
    try {
      input = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    } catch {
      return forward(method, path, headers, body); // dynalite answers the malformed request
    }
    if (operation === 'BatchWriteItem') return serveBatchWrite(method, path, headers, input, body);
    if (!tables.has(String(input.TableName))) return forward(method, path, headers, body);
    return serveWrite(operation, method, path, headers, input, body);
  };

  const server: Server = createServer((message, response) => {
    const chunks: Buffer[] = [];
    message.on('data', (chunk: Buffer) => chunks.push(chunk));
    message.on('end', () => {
      const headers = { ...message.headers };
      delete headers['content-length'];
      delete headers['transfer-encoding'];
      handle(message.method ?? 'POST', message.url ?? '/', headers, Buffer.concat(chunks))
        .then((answer) => {
          const { 'content-length': _length, 'transfer-encoding': _encoding, connection: _connection, ...rest } = answer.headers;
          response.writeHead(answer.status, { ...rest, 'content-length': String(answer.body.length) });
          response.end(answer.body);
        })
        .catch((error: unknown) => {
          const body = JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: `Stream proxy: ${(error as Error).message}` });
          response.writeHead(500, { 'content-type': 'application/x-amz-json-1.0', 'content-length': String(Buffer.byteLength(body)) });
          response.end(body);
        });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests: () => structuredClone(counts),
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
