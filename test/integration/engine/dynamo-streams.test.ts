import { BatchWriteItemCommand, DeleteItemCommand, DynamoDBClient, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { startStreamProxy, type DynamoStreamRecord, type StreamProxy, type StreamTable } from '../../../lib/local/engine';
import type { FunctionRunner } from '../../../lib/local/engine';
import { LocalQueues } from '../../../lib/local/engine';
import type { StackModel } from '../../../lib/local/engine';
import { LocalStreams } from '../../../lib/local/engine';
import { startDynalite, type LocalDynamo } from '../../support/dynalite';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

describe('the embedded default’s DynamoDB stream proxy', () => {
  let dynamo: LocalDynamo;
  let proxy: StreamProxy;
  let client: DynamoDBClient;
  let table: StreamTable;
  const records: DynamoStreamRecord[] = [];

  beforeAll(async () => {
    dynamo = await startDynalite();
    const name = await dynamo.newFindingsTable();
    table = { logicalId: 'Table', name, keyNames: ['pk', 'sk'], streamArn: `arn:aws:dynamodb:us-east-1:000000000000:table/${name}/stream/x` };
    proxy = await startStreamProxy({ target: dynamo.endpoint, tables: [table], region: 'us-east-1', onRecords: (_table, written) => records.push(...written) });
    client = new DynamoDBClient({ endpoint: proxy.endpoint, region: 'us-east-1', credentials });
  });

  afterAll(async () => {
    client.destroy();
    await proxy.stop();
    await dynamo.stop();
  });

  beforeEach(() => {
    records.length = 0;
  });

  const item = (sk: string, value: string) => ({ pk: { S: 'P' }, sk: { S: sk }, value: { S: value } });

  it('makes an INSERT, then a MODIFY with the old image, and no record for a put that changes nothing', async () => {
    await client.send(new PutItemCommand({ TableName: table.name, Item: item('a', '1') }));
    const second = await client.send(new PutItemCommand({ TableName: table.name, Item: item('a', '2') }));
    await client.send(new PutItemCommand({ TableName: table.name, Item: item('a', '2') }));

    expect(records.map((record) => record.eventName)).toEqual(['INSERT', 'MODIFY']);
    expect(records[1].dynamodb).toMatchObject({ Keys: { pk: { S: 'P' }, sk: { S: 'a' } }, OldImage: item('a', '1'), NewImage: item('a', '2') });
    expect(second.Attributes).toBeUndefined(); // the proxy's own ALL_OLD is not shown to a client that did not ask
    expect(Number(records[1].dynamodb.SequenceNumber)).toBeGreaterThan(Number(records[0].dynamodb.SequenceNumber));
  });

  it('answers ReturnValues ALL_OLD to a client that asked for it', async () => {
    await client.send(new PutItemCommand({ TableName: table.name, Item: item('b', '1') }));

    const answer = await client.send(new PutItemCommand({ TableName: table.name, Item: item('b', '2'), ReturnValues: 'ALL_OLD' }));

    expect(answer.Attributes).toEqual(item('b', '1'));
  });

  it('makes no record for a conditional write that fails', async () => {
    await expect(client.send(new PutItemCommand({ TableName: table.name, Item: item('c', '1'), ConditionExpression: 'attribute_exists(pk)' }))).rejects.toMatchObject({
      name: 'ConditionalCheckFailedException',
    });

    expect(records).toEqual([]);
  });

  it('records UpdateItem, DeleteItem and BatchWriteItem with their images', async () => {
    await client.send(new PutItemCommand({ TableName: table.name, Item: item('d', '1') }));
    await client.send(
      new UpdateItemCommand({
        TableName: table.name,
        Key: { pk: { S: 'P' }, sk: { S: 'd' } },
        UpdateExpression: 'SET #v = :v',
        ExpressionAttributeNames: { '#v': 'value' },
        ExpressionAttributeValues: { ':v': { S: '9' } },
      }),
    );
    await client.send(new DeleteItemCommand({ TableName: table.name, Key: { pk: { S: 'P' }, sk: { S: 'd' } } }));
    await client.send(
      new BatchWriteItemCommand({ RequestItems: { [table.name]: [{ PutRequest: { Item: item('e', '1') } }, { DeleteRequest: { Key: { pk: { S: 'P' }, sk: { S: 'b' } } } }] } }),
    );

    expect(records.map((record) => [record.eventName, record.dynamodb.Keys.sk.S])).toEqual([
      ['INSERT', 'd'],
      ['MODIFY', 'd'],
      ['REMOVE', 'd'],
      ['INSERT', 'e'],
      ['REMOVE', 'b'],
    ]);
    expect(records[1].dynamodb.NewImage).toEqual(item('d', '9'));
    expect(records[2].dynamodb.OldImage).toEqual(item('d', '9'));
  });
});

describe('stream delivery to an event source mapping', () => {
  const table: StreamTable = { logicalId: 'Table', name: 't', keyNames: ['pk'], streamArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/t/stream/x' };
  const recordOf = (n: number, sk = '#FINDING'): DynamoStreamRecord => ({
    eventID: `e${n}`,
    eventName: 'INSERT',
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'us-east-1',
    dynamodb: {
      ApproximateCreationDateTime: 1_800_000_000,
      Keys: { pk: { S: `k${n}` }, sk: { S: sk } },
      SequenceNumber: String(n),
      SizeBytes: 1,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
    eventSourceARN: table.streamArn,
  });

  /** The stream model with one mapping, and a function that answers with `respond`. */
  async function harness(respond: (batch: DynamoStreamRecord[], call: number) => unknown) {
    const model = {
      queues: { Dlq: { logicalId: 'Dlq', name: 'dlq', retentionSeconds: 60, visibilityTimeoutSeconds: 30 } },
      eventSourceMappings: [
        {
          logicalId: 'Esm',
          function: 'Fn',
          table: 'Table',
          batchSize: 2,
          maximumRetryAttempts: 1,
          reportBatchItemFailures: true,
          filters: [{ dynamodb: { Keys: { sk: { S: ['#FINDING'] } } } }],
          onFailureQueue: 'Dlq',
        },
      ],
    } as unknown as StackModel;
    const batches: string[][] = [];
    const functions = {
      get: () => ({ name: 'publisher' }),
      invoke: async (_id: string, event: { Records: DynamoStreamRecord[] }) => {
        batches.push(event.Records.map((record) => record.dynamodb.SequenceNumber));
        return respond(event.Records, batches.length);
      },
    } as unknown as FunctionRunner;
    const queues = await LocalQueues.open(Object.values(model.queues));
    const streams = new LocalStreams({ model, functions, queues, account: '000000000000', region: 'us-east-1', backoffMs: 1 });
    return { streams, batches, queues };
  }

  it('passes only records that match the filter, in batches of BatchSize', async () => {
    const { streams, batches } = await harness(() => ({ batchItemFailures: [] }));

    streams.append(table, [recordOf(1), recordOf(2, 'H#1'), recordOf(3), recordOf(4)]);
    await streams.idle();

    expect(batches).toEqual([['1', '3'], ['4']]);
  });

  it('retries from the lowest failed record, then sends the batch position to the on-failure queue', async () => {
    const { streams, batches, queues } = await harness((batch) => ({
      batchItemFailures: batch.filter((record) => record.dynamodb.SequenceNumber === '2').map((record) => ({ itemIdentifier: record.dynamodb.SequenceNumber })),
    }));

    streams.append(table, [recordOf(1), recordOf(2), recordOf(3)]);
    await streams.idle();

    // MaximumRetryAttempts 1: the first call, and one retry from the failed record.
    expect(batches).toEqual([
      ['1', '2'],
      ['2', '3'],
    ]);
    const [dead] = await queues.receive('dlq', 10);
    expect(JSON.parse(dead.body)).toMatchObject({
      requestContext: { condition: 'RetryAttemptsExhausted', approximateInvokeCount: 2 },
      DDBStreamBatchInfo: { startSequenceNumber: '2', endSequenceNumber: '3', batchSize: 2, streamArn: table.streamArn },
    });
  });

  it('retries a batch whose invocation throws, and delivers it once it succeeds', async () => {
    const { streams, batches } = await harness((_batch, call) => {
      if (call === 1) throw new Error('cold start failed');
      return undefined;
    });

    streams.append(table, [recordOf(1)]);
    await streams.idle();

    expect(batches).toEqual([['1'], ['1']]);
  });
});
