import type { EdgeRequest } from '../../../lib/local/engine';
import { LocalQueues } from '../../../lib/local/engine';
import { sqsService } from '../../../lib/local/engine';

function request(operation: string, body: unknown): EdgeRequest {
  return {
    method: 'POST',
    path: '/',
    query: new URLSearchParams(),
    headers: { host: 'edge:4580' },
    rawHeaders: [],
    body: Buffer.from(JSON.stringify(body)),
    target: `AmazonSQS.${operation}`,
    sourceIp: '127.0.0.1',
  };
}

describe('SQS over the AWS JSON 1.0 protocol', () => {
  let now = 1_000_000;
  let service: ReturnType<typeof sqsService>;
  const url = 'http://edge:4580/000000000000/dlq';
  const call = async (operation: string, body: unknown) => {
    const response = await service.handle(request(operation, body));
    return { status: response.statusCode, headers: response.headers, body: JSON.parse(String(response.body)) };
  };

  beforeEach(async () => {
    now = 1_000_000;
    const queues = await LocalQueues.open([{ name: 'dlq', retentionSeconds: 60, visibilityTimeoutSeconds: 30 }], { now: () => now });
    service = sqsService({ queues, account: '000000000000', region: 'us-east-1' });
  });

  it('lists queues and resolves a queue URL', async () => {
    expect((await call('ListQueues', {})).body).toEqual({ QueueUrls: [url] });
    expect((await call('GetQueueUrl', { QueueName: 'dlq' })).body).toEqual({ QueueUrl: url });
  });

  it('answers an unknown queue with the query-compatible error', async () => {
    const answer = await call('GetQueueUrl', { QueueName: 'nope' });
    expect(answer.status).toBe(400);
    expect(answer.body.__type).toBe('com.amazonaws.sqs#QueueDoesNotExist');
    expect(answer.headers['x-amzn-query-error']).toBe('AWS.SimpleQueueService.NonExistentQueue;Sender');
  });

  it('hides a received message for the visibility timeout, then delivers it again with its receive count', async () => {
    await call('SendMessage', { QueueUrl: url, MessageBody: 'hello', MessageAttributes: { ERROR_CODE: { DataType: 'String', StringValue: 'X' } } });

    const first = await call('ReceiveMessage', { QueueUrl: url, MessageAttributeNames: ['All'], MessageSystemAttributeNames: ['ApproximateReceiveCount'] });
    const hidden = await call('ReceiveMessage', { QueueUrl: url });
    now += 31_000;
    const again = await call('ReceiveMessage', { QueueUrl: url, AttributeNames: ['All'] });

    expect(first.body.Messages[0]).toMatchObject({ Body: 'hello', Attributes: { ApproximateReceiveCount: '1' }, MessageAttributes: { ERROR_CODE: { StringValue: 'X' } } });
    expect(hidden.body).toEqual({});
    expect(again.body.Messages[0].Attributes.ApproximateReceiveCount).toBe('2');
  });

  it('counts, deletes and purges messages', async () => {
    await call('SendMessage', { QueueUrl: url, MessageBody: 'a' });
    await call('SendMessage', { QueueUrl: url, MessageBody: 'b' });
    const { body } = await call('ReceiveMessage', { QueueUrl: url });

    await call('DeleteMessage', { QueueUrl: url, ReceiptHandle: body.Messages[0].ReceiptHandle });
    const counted = await call('GetQueueAttributes', { QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] });
    await call('PurgeQueue', { QueueUrl: url });
    const purged = await call('GetQueueAttributes', { QueueUrl: url, AttributeNames: ['All'] });

    expect(counted.body).toEqual({ Attributes: { ApproximateNumberOfMessages: '1' } });
    expect(purged.body.Attributes).toMatchObject({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' });
  });

  it('rejects MaxNumberOfMessages above 10', async () => {
    const answer = await call('ReceiveMessage', { QueueUrl: url, MaxNumberOfMessages: 11 });
    expect(answer.body.message).toBe('Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.');
  });

  it('drops messages older than the retention period', async () => {
    await call('SendMessage', { QueueUrl: url, MessageBody: 'old' });
    now += 61_000;
    expect((await call('ReceiveMessage', { QueueUrl: url })).body).toEqual({});
  });
});
