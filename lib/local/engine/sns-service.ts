/**
 * SNS on the embedded default's edge: the stack's topics (from the template), in the query protocol
 * `@aws-sdk/client-sns` and the AWS CLI speak (form-encoded `Action=…&Version=2010-03-31`, XML
 * answers): `Publish`, `Subscribe` (protocol `sqs`, to a local queue, with `FilterPolicy` and
 * `RawMessageDelivery`), `Unsubscribe`, `ListSubscriptions`, `ListSubscriptionsByTopic`, `ListTopics`.
 * The template's own `lambda` subscriptions (the integrations' delivery function on the alerts
 * topic) are invoked asynchronously on every publish, as SNS invokes them: Lambda's retries and
 * on-failure destination apply (through `invokeFunction`).
 *
 * Every topic also keeps its last {@link LOG_SIZE} messages — the local stand-in for an e-mail
 * inbox — which `sechub list-alerts` reads through `POST /_sechub/alerts`. Subscriptions and the
 * log persist in one JSON file under the data dir.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { EdgeRequest, EdgeResponse, EdgeService } from './edge';
import type { LocalQueues } from './queues';
import { InvalidFilterPolicyError, matchesFilterPolicy, parseFilterPolicy, type SnsMessageAttribute } from './sns-filter-policy';
import type { LocalTopicSpec } from './stack-model';

/** Messages kept per topic for `sechub list-alerts`. */
export const LOG_SIZE = 500;
/** The local path `sechub list-alerts` posts to. */
export const ALERTS_PATH = '/_sechub/alerts';
const XMLNS = 'http://sns.amazonaws.com/doc/2010-03-31/';

/** One subscription. */
export interface LocalSubscription {
  arn: string;
  topicArn: string;
  protocol: 'sqs';
  /** The queue's ARN. */
  endpoint: string;
  filterPolicy?: string;
  rawMessageDelivery: boolean;
}

/** A published message, as the log keeps it. */
export interface LoggedMessage {
  MessageId: string;
  TopicArn: string;
  Subject?: string;
  Message: string;
  MessageAttributes: Record<string, SnsMessageAttribute>;
  Timestamp: string;
}

/** An SNS error, answered as the query protocol's `ErrorResponse`. */
export class SnsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly statusCode = 400,
  ) {
    super(message);
    this.name = 'SnsError';
  }
}

interface SavedState {
  subscriptions: LocalSubscription[];
  log: Record<string, LoggedMessage[]>;
}

/** The event SNS invokes a subscribed function with. */
export function lambdaEvent(message: LoggedMessage, subscriptionArn: string): unknown {
  const attributes = Object.fromEntries(Object.entries(message.MessageAttributes).map(([name, value]) => [name, { Type: value.DataType, Value: value.StringValue }]));
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: subscriptionArn,
        Sns: {
          Type: 'Notification',
          MessageId: message.MessageId,
          TopicArn: message.TopicArn,
          Subject: message.Subject ?? null,
          Message: message.Message,
          Timestamp: message.Timestamp,
          SignatureVersion: '1',
          Signature: '',
          SigningCertUrl: '',
          UnsubscribeUrl: '',
          MessageAttributes: attributes,
        },
      },
    ],
  };
}

/** Options of {@link LocalSns.open}. */
export interface LocalSnsOptions {
  topics: readonly LocalTopicSpec[];
  queues: LocalQueues;
  account: string;
  region: string;
  file?: string;
  now?: () => Date;
  /** Invokes a function asynchronously (Lambda's retries and on-failure destination): the topics' lambda subscriptions of the template. */
  invokeFunction?: (logicalId: string, event: unknown) => void;
}

/** The local topics. */
export class LocalSns {
  private readonly topics: Map<string, LocalTopicSpec>;
  private state: SavedState = { subscriptions: [], log: {} };
  private writing: Promise<void> = Promise.resolve();

  private constructor(private readonly options: LocalSnsOptions) {
    this.topics = new Map(options.topics.map((topic) => [topic.arn, topic]));
  }

  /** Opens the topics with the subscriptions and log saved in `file` (those of topics still in the stack). */
  static async open(options: LocalSnsOptions): Promise<LocalSns> {
    const sns = new LocalSns(options);
    if (options.file !== undefined) {
      try {
        const saved = JSON.parse(await readFile(options.file, 'utf8')) as SavedState;
        sns.state = {
          subscriptions: saved.subscriptions.filter((subscription) => sns.topics.has(subscription.topicArn)),
          log: Object.fromEntries(Object.entries(saved.log).filter(([arn]) => sns.topics.has(arn))),
        };
      } catch {
        // No saved state yet.
      }
    }
    return sns;
  }

  /** Topic ARNs, sorted. */
  topicArns(): string[] {
    return [...this.topics.keys()].sort();
  }

  private topic(arn: unknown): LocalTopicSpec {
    const topic = typeof arn === 'string' ? this.topics.get(arn) : undefined;
    if (topic === undefined) throw new SnsError('NotFound', 'Topic does not exist', 404);
    return topic;
  }

  private now(): Date {
    return (this.options.now ?? (() => new Date()))();
  }

  /** Publish: logs the message, then delivers it to each subscription whose filter policy it passes. */
  async publish(input: { TopicArn?: string; Message?: string; Subject?: string; MessageAttributes?: Record<string, SnsMessageAttribute> }): Promise<string> {
    const topic = this.topic(input.TopicArn);
    if (typeof input.Message !== 'string' || input.Message === '') throw new SnsError('InvalidParameter', 'Invalid parameter: Empty message');
    if (input.Subject !== undefined && (input.Subject.length >= 100 || !/^[\x20-\x7e]+$/.test(input.Subject))) {
      throw new SnsError('InvalidParameter', 'Invalid parameter: Subject');
    }
    const message: LoggedMessage = {
      MessageId: randomUUID(),
      TopicArn: topic.arn,
      ...(input.Subject !== undefined && { Subject: input.Subject }),
      Message: input.Message,
      MessageAttributes: input.MessageAttributes ?? {},
      Timestamp: this.now().toISOString(),
    };
    const log = (this.state.log[topic.arn] ??= []);
    log.push(message);
    if (log.length > LOG_SIZE) log.splice(0, log.length - LOG_SIZE);
    for (const subscription of this.state.subscriptions) {
      if (subscription.topicArn !== topic.arn) continue;
      if (subscription.filterPolicy !== undefined && !matchesFilterPolicy(parseFilterPolicy(subscription.filterPolicy), message.MessageAttributes)) continue;
      await this.deliver(subscription, message);
    }
    for (const fn of topic.lambdaSubscriptions ?? []) this.options.invokeFunction?.(fn, lambdaEvent(message, `${topic.arn}:${fn}`));
    await this.persist();
    return message.MessageId;
  }

  /** An SQS subscription gets SNS's JSON envelope, or the bare message with RawMessageDelivery. */
  private async deliver(subscription: LocalSubscription, message: LoggedMessage): Promise<void> {
    const queue = subscription.endpoint.split(':').at(-1)!;
    if (!this.options.queues.has(queue)) return; // the queue is gone: SNS drops the delivery
    if (subscription.rawMessageDelivery) {
      const attributes = Object.fromEntries(Object.entries(message.MessageAttributes).map(([name, value]) => [name, { DataType: value.DataType, StringValue: value.StringValue }]));
      await this.options.queues.send(queue, message.Message, attributes);
      return;
    }
    const envelope = {
      Type: 'Notification',
      MessageId: message.MessageId,
      TopicArn: message.TopicArn,
      ...(message.Subject !== undefined && { Subject: message.Subject }),
      Message: message.Message,
      Timestamp: message.Timestamp,
      UnsubscribeURL: `local:unsubscribe:${subscription.arn}`,
      MessageAttributes: Object.fromEntries(Object.entries(message.MessageAttributes).map(([name, value]) => [name, { Type: value.DataType, Value: value.StringValue }])),
    };
    await this.options.queues.send(queue, JSON.stringify(envelope));
  }

  /** Subscribe: protocol `sqs` to a local queue (by ARN); the same topic, queue and attributes give the same subscription. */
  async subscribe(input: { TopicArn?: string; Protocol?: string; Endpoint?: string; Attributes?: Record<string, string> }): Promise<string> {
    const topic = this.topic(input.TopicArn);
    if (input.Protocol !== 'sqs') throw new SnsError('InvalidParameter', `Invalid parameter: Protocol: the embedded default delivers to sqs only, got ${String(input.Protocol)}`);
    const endpoint = input.Endpoint ?? '';
    const match = /^arn:aws:sqs:([\w-]+):(\d{12}):([\w-]+)$/.exec(endpoint);
    if (match === null || match[2] !== this.options.account || !this.options.queues.has(match[3])) {
      throw new SnsError('InvalidParameter', `Invalid parameter: SQS endpoint ARN: no local queue ${endpoint}`);
    }
    const attributes = input.Attributes ?? {};
    for (const name of Object.keys(attributes)) {
      if (name !== 'FilterPolicy' && name !== 'RawMessageDelivery') throw new SnsError('InvalidParameter', `Invalid parameter: Attributes Reason: unsupported attribute ${name}`);
    }
    if (attributes.FilterPolicy !== undefined) {
      try {
        parseFilterPolicy(attributes.FilterPolicy);
      } catch (error) {
        if (error instanceof InvalidFilterPolicyError) throw new SnsError('InvalidParameter', `Invalid parameter: ${error.message}`);
        throw error;
      }
    }
    const wanted = { topicArn: topic.arn, protocol: 'sqs' as const, endpoint, filterPolicy: attributes.FilterPolicy, rawMessageDelivery: attributes.RawMessageDelivery === 'true' };
    const existing = this.state.subscriptions.find((subscription) => subscription.topicArn === topic.arn && subscription.endpoint === endpoint);
    if (existing !== undefined) {
      if (existing.filterPolicy !== wanted.filterPolicy || existing.rawMessageDelivery !== wanted.rawMessageDelivery) {
        throw new SnsError('InvalidParameter', 'Invalid parameter: Attributes Reason: Subscription already exists with different attributes');
      }
      return existing.arn;
    }
    const subscription: LocalSubscription = { arn: `${topic.arn}:${randomUUID()}`, ...wanted };
    this.state.subscriptions.push(subscription);
    await this.persist();
    return subscription.arn;
  }

  async unsubscribe(arn: unknown): Promise<void> {
    const before = this.state.subscriptions.length;
    this.state.subscriptions = this.state.subscriptions.filter((subscription) => subscription.arn !== arn);
    if (this.state.subscriptions.length === before) throw new SnsError('NotFound', 'Subscription does not exist', 404);
    await this.persist();
  }

  subscriptions(topicArn?: string): LocalSubscription[] {
    return this.state.subscriptions.filter((subscription) => topicArn === undefined || subscription.topicArn === topicArn);
  }

  /** The last messages of one topic or all, newest first. */
  messages(options: { topicArn?: string; max?: number } = {}): LoggedMessage[] {
    const all = Object.entries(this.state.log)
      .filter(([arn]) => options.topicArn === undefined || arn === options.topicArn)
      .flatMap(([, messages]) => messages);
    return all.sort((a, b) => b.Timestamp.localeCompare(a.Timestamp)).slice(0, options.max ?? all.length);
  }

  private persist(): Promise<void> {
    const file = this.options.file;
    if (file === undefined) return Promise.resolve();
    const snapshot = JSON.stringify(this.state);
    this.writing = this.writing.then(async () => {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(`${file}.tmp`, snapshot);
      await rename(`${file}.tmp`, file);
    });
    return this.writing;
  }
}

/** The query protocol's parameters: `a.b.c=v` as given, plus the `entry.N` maps and `member.N` lists the SNS operations take. */
export function queryMap(params: URLSearchParams, prefix: string, key: 'Name' | 'key'): Record<string, Record<string, string>> {
  const entries: Record<string, Record<string, string>> = {};
  for (const [name, value] of params) {
    const match = new RegExp(`^${prefix}\\.entry\\.(\\d+)\\.(.+)$`).exec(name);
    if (match !== null) (entries[match[1]] ??= {})[match[2]] = value;
  }
  const result: Record<string, Record<string, string>> = {};
  for (const entry of Object.values(entries)) {
    const entryName = entry[key];
    if (entryName !== undefined) result[entryName] = entry;
  }
  return result;
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function xmlResponse(action: string, result: string): EdgeResponse {
  const requestId = randomUUID();
  return {
    statusCode: 200,
    headers: { 'Content-Type': 'text/xml' },
    body: `<${action}Response xmlns="${XMLNS}"><${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`,
  };
}

function xmlError(error: SnsError): EdgeResponse {
  return {
    statusCode: error.statusCode,
    headers: { 'Content-Type': 'text/xml' },
    body: `<ErrorResponse xmlns="${XMLNS}"><Error><Type>Sender</Type><Code>${error.code}</Code><Message>${escapeXml(error.message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
  };
}

const subscriptionXml = (subscription: LocalSubscription, account: string) =>
  `<member><SubscriptionArn>${escapeXml(subscription.arn)}</SubscriptionArn><Owner>${account}</Owner><Protocol>${subscription.protocol}</Protocol>` +
  `<Endpoint>${escapeXml(subscription.endpoint)}</Endpoint><TopicArn>${escapeXml(subscription.topicArn)}</TopicArn></member>`;

/** Answers one query-protocol request. */
export async function handleSnsQuery(sns: LocalSns, params: URLSearchParams, account: string): Promise<EdgeResponse> {
  const action = params.get('Action') ?? '';
  try {
    switch (action) {
      case 'Publish': {
        const attributes = Object.fromEntries(
          Object.entries(queryMap(params, 'MessageAttributes', 'Name')).map(([name, entry]) => [
            name,
            { DataType: entry['Value.DataType'] ?? 'String', ...(entry['Value.StringValue'] !== undefined && { StringValue: entry['Value.StringValue'] }) },
          ]),
        );
        const id = await sns.publish({
          TopicArn: params.get('TopicArn') ?? undefined,
          Message: params.get('Message') ?? undefined,
          Subject: params.get('Subject') ?? undefined,
          MessageAttributes: attributes,
        });
        return xmlResponse(action, `<MessageId>${id}</MessageId>`);
      }
      case 'Subscribe': {
        const attributes = Object.fromEntries(Object.entries(queryMap(params, 'Attributes', 'key')).map(([name, entry]) => [name, entry.value ?? '']));
        const arn = await sns.subscribe({
          TopicArn: params.get('TopicArn') ?? undefined,
          Protocol: params.get('Protocol') ?? undefined,
          Endpoint: params.get('Endpoint') ?? undefined,
          Attributes: attributes,
        });
        return xmlResponse(action, `<SubscriptionArn>${escapeXml(arn)}</SubscriptionArn>`);
      }
      case 'Unsubscribe':
        await sns.unsubscribe(params.get('SubscriptionArn'));
        return xmlResponse(action, '');
      case 'ListSubscriptions':
        return xmlResponse(
          action,
          `<Subscriptions>${sns
            .subscriptions()
            .map((s) => subscriptionXml(s, account))
            .join('')}</Subscriptions>`,
        );
      case 'ListSubscriptionsByTopic': {
        const topicArn = params.get('TopicArn') ?? '';
        if (!sns.topicArns().includes(topicArn)) throw new SnsError('NotFound', 'Topic does not exist', 404);
        return xmlResponse(
          action,
          `<Subscriptions>${sns
            .subscriptions(topicArn)
            .map((s) => subscriptionXml(s, account))
            .join('')}</Subscriptions>`,
        );
      }
      case 'ListTopics':
        return xmlResponse(
          action,
          `<Topics>${sns
            .topicArns()
            .map((arn) => `<member><TopicArn>${escapeXml(arn)}</TopicArn></member>`)
            .join('')}</Topics>`,
        );
      default:
        throw new SnsError('InvalidAction', `The action ${action} is not supported by the embedded default`);
    }
  } catch (error) {
    if (error instanceof SnsError) return xmlError(error);
    throw error;
  }
}

/** `POST /_sechub/alerts` `{ "MaxItems"?: n, "TopicArn"?: arn }` → `{ "Alerts": [...] }`, newest first. */
function listAlerts(sns: LocalSns, request: EdgeRequest): EdgeResponse {
  let input: { MaxItems?: unknown; TopicArn?: unknown } = {};
  try {
    const text = request.body.toString('utf8').trim();
    input = text === '' ? {} : (JSON.parse(text) as typeof input);
  } catch {
    return {
      statusCode: 400,
      headers: { 'Content-Type': 'application/json', 'x-amzn-ErrorType': 'InvalidInputException' },
      body: JSON.stringify({ Message: 'The body must be JSON' }),
    };
  }
  const max = typeof input.MaxItems === 'number' && input.MaxItems > 0 ? input.MaxItems : 20;
  const topicArn = typeof input.TopicArn === 'string' ? input.TopicArn : undefined;
  return { statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ Alerts: sns.messages({ topicArn, max }) }) };
}

/** The edge service: form-encoded SNS query requests (`Version=2010-03-31`) and `POST /_sechub/alerts`. */
export function snsService(sns: LocalSns, account: string): EdgeService {
  const paramsOf = (request: EdgeRequest) => new URLSearchParams(request.body.toString('utf8'));
  return {
    name: 'sns',
    matches: (request) =>
      request.path === ALERTS_PATH ||
      (request.method === 'POST' &&
        request.target === undefined &&
        (request.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded') &&
        paramsOf(request).get('Version') === '2010-03-31'),
    handle: async (request) => (request.path === ALERTS_PATH ? listAlerts(sns, request) : handleSnsQuery(sns, paramsOf(request), account)),
  };
}
