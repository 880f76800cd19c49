import { ListSubscriptionsCommand, NotFoundException, PublishCommand, SNSClient, SubscribeCommand, InvalidParameterException } from '@aws-sdk/client-sns';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEdgeServer } from '../../../lib/local/engine';
import { LocalQueues } from '../../../lib/local/engine';
import { matchesFilterPolicy, parseFilterPolicy, InvalidFilterPolicyError } from '../../../lib/local/engine';
import { ALERTS_PATH, LocalSns, snsService } from '../../../lib/local/engine';
import { sqsService } from '../../../lib/local/engine';

const ACCOUNT = '000000000000';
const TOPIC = `arn:aws:sns:us-east-1:${ACCOUNT}:alerts`;
const queueArn = (name: string) => `arn:aws:sqs:us-east-1:${ACCOUNT}:${name}`;
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const text = (value: string) => ({ DataType: 'String', StringValue: value });
const number = (value: number) => ({ DataType: 'Number', StringValue: String(value) });

describe('local SNS through @aws-sdk/client-sns', () => {
  let server: Server;
  let endpoint: string;
  let sns: SNSClient;
  let sqs: SQSClient;

  const receive = async (queue: string) =>
    (await sqs.send(new ReceiveMessageCommand({ QueueUrl: `${endpoint}/${ACCOUNT}/${queue}`, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'] }))).Messages ?? [];

  beforeEach(async () => {
    const queueSettings = ['all', 'high', 'raw'].map((name) => ({ name, retentionSeconds: 600, visibilityTimeoutSeconds: 30 }));
    const queues = await LocalQueues.open(queueSettings);
    const topics = await LocalSns.open({ topics: [{ logicalId: 'Alerts', name: 'alerts', arn: TOPIC }], queues, account: ACCOUNT, region: 'us-east-1' });
    server = createEdgeServer([sqsService({ queues, account: ACCOUNT, region: 'us-east-1' }), snsService(topics, ACCOUNT)]);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    sns = new SNSClient({ endpoint, region: 'us-east-1', credentials });
    sqs = new SQSClient({ endpoint, region: 'us-east-1', credentials });
  });

  afterEach(async () => {
    sns.destroy();
    sqs.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('delivers a published message to an sqs subscription in the SNS envelope', async () => {
    await sns.send(new SubscribeCommand({ TopicArn: TOPIC, Protocol: 'sqs', Endpoint: queueArn('all') }));
    const { MessageId } = await sns.send(new PublishCommand({ TopicArn: TOPIC, Subject: '[HIGH] New: x', Message: 'body', MessageAttributes: { severity: text('HIGH') } }));
    const [message] = await receive('all');
    expect(JSON.parse(message.Body!)).toMatchObject({
      Type: 'Notification',
      MessageId,
      TopicArn: TOPIC,
      Subject: '[HIGH] New: x',
      Message: 'body',
      MessageAttributes: { severity: { Type: 'String', Value: 'HIGH' } },
    });
  });

  it('applies filter policies: exact strings and numeric ranges', async () => {
    await sns.send(
      new SubscribeCommand({
        TopicArn: TOPIC,
        Protocol: 'sqs',
        Endpoint: queueArn('high'),
        Attributes: { FilterPolicy: JSON.stringify({ severity: ['HIGH', 'CRITICAL'], priority: [{ numeric: ['>=', 70, '<=', 100] }] }) },
      }),
    );
    await sns.send(new PublishCommand({ TopicArn: TOPIC, Message: 'high and urgent', MessageAttributes: { severity: text('HIGH'), priority: number(80) } }));
    await sns.send(new PublishCommand({ TopicArn: TOPIC, Message: 'high, not urgent', MessageAttributes: { severity: text('HIGH'), priority: number(40) } }));
    await sns.send(new PublishCommand({ TopicArn: TOPIC, Message: 'medium', MessageAttributes: { severity: text('MEDIUM'), priority: number(90) } }));
    await sns.send(new PublishCommand({ TopicArn: TOPIC, Message: 'no priority', MessageAttributes: { severity: text('HIGH') } }));
    const bodies = (await receive('high')).map((message) => JSON.parse(message.Body!).Message);
    expect(bodies).toEqual(['high and urgent']);
  });

  it('delivers the bare message with its attributes when RawMessageDelivery is true', async () => {
    await sns.send(new SubscribeCommand({ TopicArn: TOPIC, Protocol: 'sqs', Endpoint: queueArn('raw'), Attributes: { RawMessageDelivery: 'true' } }));
    await sns.send(new PublishCommand({ TopicArn: TOPIC, Message: 'raw body', MessageAttributes: { account: text('111122223333') } }));
    const [message] = await receive('raw');
    expect(message.Body).toBe('raw body');
    expect(message.MessageAttributes?.account).toMatchObject({ DataType: 'String', StringValue: '111122223333' });
  });

  it('lists subscriptions, and the same subscription twice is one', async () => {
    const first = await sns.send(new SubscribeCommand({ TopicArn: TOPIC, Protocol: 'sqs', Endpoint: queueArn('all'), ReturnSubscriptionArn: true }));
    const again = await sns.send(new SubscribeCommand({ TopicArn: TOPIC, Protocol: 'sqs', Endpoint: queueArn('all'), ReturnSubscriptionArn: true }));
    const { Subscriptions } = await sns.send(new ListSubscriptionsCommand({}));
    expect(again.SubscriptionArn).toBe(first.SubscriptionArn);
    expect(Subscriptions).toEqual([{ SubscriptionArn: first.SubscriptionArn, Owner: ACCOUNT, Protocol: 'sqs', Endpoint: queueArn('all'), TopicArn: TOPIC }]);
  });

  it('answers errors as SNS does: unknown topic, unknown queue, unsupported protocol, bad filter policy', async () => {
    await expect(sns.send(new PublishCommand({ TopicArn: `${TOPIC}-nope`, Message: 'x' }))).rejects.toBeInstanceOf(NotFoundException);
    await expect(sns.send(new SubscribeCommand({ TopicArn: TOPIC, Protocol: 'sqs', Endpoint: queueArn('missing') }))).rejects.toBeInstanceOf(InvalidParameterException);
    await expect(sns.send(new SubscribeCommand({ TopicArn: TOPIC, Protocol: 'email', Endpoint: 'a@example.com' }))).rejects.toThrow(/sqs only/);
    await expect(
      sns.send(new SubscribeCommand({ TopicArn: TOPIC, Protocol: 'sqs', Endpoint: queueArn('all'), Attributes: { FilterPolicy: '{"severity": [{"prefix": "HI"}]}' } })),
    ).rejects.toThrow(/FilterPolicy.severity/);
  });

  it('keeps the published messages, newest first, for sechub list-alerts', async () => {
    await sns.send(new PublishCommand({ TopicArn: TOPIC, Subject: 'first', Message: 'one' }));
    await new Promise((resolve) => setTimeout(resolve, 5));
    await sns.send(new PublishCommand({ TopicArn: TOPIC, Subject: 'second', Message: 'two' }));
    const response = await fetch(`${endpoint}${ALERTS_PATH}`, { method: 'POST', body: JSON.stringify({ MaxItems: 10 }) });
    const { Alerts } = (await response.json()) as { Alerts: Array<{ Subject: string }> };
    expect(Alerts.map((alert) => alert.Subject)).toEqual(['second', 'first']);
  });
});

describe('SNS filter policies', () => {
  it('matches anything-but and numbers exactly', () => {
    const policy = parseFilterPolicy(JSON.stringify({ account: [{ 'anything-but': ['111122223333'] }], priority: [90, { numeric: ['<', 10] }] }));
    expect(matchesFilterPolicy(policy, { account: text('444455556666'), priority: number(90) })).toBe(true);
    expect(matchesFilterPolicy(policy, { account: text('444455556666'), priority: number(5) })).toBe(true);
    expect(matchesFilterPolicy(policy, { account: text('111122223333'), priority: number(90) })).toBe(false);
    expect(matchesFilterPolicy(policy, { account: text('444455556666'), priority: number(50) })).toBe(false);
  });

  it('refuses what it cannot evaluate, naming the attribute', () => {
    expect(() => parseFilterPolicy('{"priority": [{"numeric": [">=", "70"]}]}')).toThrow(InvalidFilterPolicyError);
    expect(() => parseFilterPolicy('{"priority": []}')).toThrow('FilterPolicy.priority: must be a non-empty array');
  });
});
