/**
 * SQS behind the edge, in the AWS JSON 1.0 protocol that current `@aws-sdk/client-sqs` and the AWS
 * CLI v2 speak (`X-Amz-Target: AmazonSQS.<Operation>`, query-compatible error codes in
 * `x-amzn-query-error`): enough to read and manage the stack's dead-letter queues.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { EdgeRequest, EdgeService } from './edge';
import { JsonServiceError, serveJson, type JsonOperations } from './json-protocol';
import { md5OfMessageAttributes, type LocalQueues, type MessageAttributeValue, type StoredMessage } from './queues';

/** The X-Amz-Target prefix of SQS. */
export const SQS_TARGET_PREFIX = 'AmazonSQS';

const SYSTEM_ATTRIBUTES = ['SenderId', 'SentTimestamp', 'ApproximateReceiveCount', 'ApproximateFirstReceiveTimestamp'] as const;

function queueDoesNotExist(): JsonServiceError {
  return new JsonServiceError('com.amazonaws.sqs#QueueDoesNotExist', 'The specified queue does not exist.', 400, 'AWS.SimpleQueueService.NonExistentQueue;Sender');
}

function invalidParameter(message: string): JsonServiceError {
  return new JsonServiceError('com.amazonaws.sqs#InvalidParameterValue', message, 400, 'InvalidParameterValue;Sender');
}

function missingParameter(name: string): JsonServiceError {
  return new JsonServiceError('com.amazonaws.sqs#MissingParameter', `The request must contain the parameter ${name}.`, 400, 'MissingParameter;Sender');
}

function requiredString(input: Record<string, unknown>, name: string): string {
  const value = input[name];
  if (value === undefined || value === null || value === '') throw missingParameter(name);
  if (typeof value !== 'string') throw invalidParameter(`Value for parameter ${name} is invalid. Reason: must be a string.`);
  return value;
}

function optionalInteger(input: Record<string, unknown>, name: string, min: number, max: number): number | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  const number = typeof value === 'string' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
    throw invalidParameter(`Value ${String(value)} for parameter ${name} is invalid. Reason: Must be between ${min} and ${max}, if provided.`);
  }
  return number;
}

/** Options of {@link sqsService}. */
export interface SqsServiceOptions {
  queues: LocalQueues;
  account: string;
  region: string;
}

/** The SQS operations over the local queues (exported for tests; {@link sqsService} serves them). */
export function sqsOperations({ queues, account, region }: SqsServiceOptions): JsonOperations {
  const baseUrl = (request: EdgeRequest) => `http://${request.headers.host ?? '127.0.0.1'}`;
  const queueUrl = (request: EdgeRequest, name: string) => `${baseUrl(request)}/${account}/${name}`;
  /** The queue a QueueUrl names: its last path segment, in this account. */
  const queueOf = (input: Record<string, unknown>): string => {
    const url = requiredString(input, 'QueueUrl');
    const segments = url.replace(/\/+$/, '').split('/');
    const name = segments.at(-1) ?? '';
    const owner = segments.at(-2);
    if (!queues.has(name) || (owner !== undefined && /^\d{12}$/.test(owner) && owner !== account)) throw queueDoesNotExist();
    return name;
  };

  const toMessage = (message: StoredMessage, systemNames: Set<string>, attributeNames: string[]) => {
    const all = systemNames.has('All');
    const system: Record<string, string> = {};
    const systemValues: Record<(typeof SYSTEM_ATTRIBUTES)[number], string | undefined> = {
      SenderId: account,
      SentTimestamp: String(message.sentTimestamp),
      ApproximateReceiveCount: String(message.receiveCount),
      ApproximateFirstReceiveTimestamp: message.firstReceiveTimestamp === undefined ? undefined : String(message.firstReceiveTimestamp),
    };
    for (const name of SYSTEM_ATTRIBUTES) {
      const value = systemValues[name];
      if ((all || systemNames.has(name)) && value !== undefined) system[name] = value;
    }
    const selected: Record<string, MessageAttributeValue> = {};
    for (const [name, value] of Object.entries(message.attributes)) {
      const wanted = attributeNames.some((pattern) =>
        pattern === 'All' || pattern === '.*' ? true : pattern.endsWith('.*') ? name.startsWith(pattern.slice(0, -1)) : pattern === name,
      );
      if (wanted) selected[name] = value;
    }
    const md5 = md5OfMessageAttributes(selected);
    return {
      MessageId: message.messageId,
      ReceiptHandle: message.receiptHandle,
      MD5OfBody: message.md5OfBody,
      Body: message.body,
      ...(Object.keys(system).length > 0 && { Attributes: system }),
      ...(md5 !== undefined && { MD5OfMessageAttributes: md5, MessageAttributes: selected }),
    };
  };

  return {
    async CreateQueue(input, request) {
      const name = requiredString(input, 'QueueName');
      if (!/^[\w-]{1,80}$/.test(name)) {
        throw invalidParameter('Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length');
      }
      const attributes = (input.Attributes ?? {}) as Record<string, string>;
      await queues.create({
        name,
        retentionSeconds: Number(attributes.MessageRetentionPeriod ?? 345_600),
        visibilityTimeoutSeconds: Number(attributes.VisibilityTimeout ?? 30),
      });
      return { QueueUrl: queueUrl(request, name) };
    },
    async ListQueues(input, request) {
      const prefix = typeof input.QueueNamePrefix === 'string' ? input.QueueNamePrefix : '';
      const max = optionalInteger(input, 'MaxResults', 1, 1000);
      const names = queues.names().filter((name) => name.startsWith(prefix));
      const urls = names.slice(0, max ?? names.length).map((name) => queueUrl(request, name));
      return urls.length === 0 ? {} : { QueueUrls: urls };
    },
    async GetQueueUrl(input, request) {
      const name = requiredString(input, 'QueueName');
      if (!queues.has(name)) throw queueDoesNotExist();
      return { QueueUrl: queueUrl(request, name) };
    },
    async GetQueueAttributes(input) {
      const name = queueOf(input);
      const requested = new Set(Array.isArray(input.AttributeNames) ? (input.AttributeNames as string[]) : []);
      const settings = queues.settings(name);
      const counts = queues.counts(name);
      const attributes: Record<string, string> = {
        QueueArn: `arn:aws:sqs:${region}:${account}:${name}`,
        ApproximateNumberOfMessages: String(counts.visible),
        ApproximateNumberOfMessagesNotVisible: String(counts.notVisible),
        ApproximateNumberOfMessagesDelayed: '0',
        CreatedTimestamp: String(Math.floor(settings.createdTimestamp / 1000)),
        MessageRetentionPeriod: String(settings.retentionSeconds),
        VisibilityTimeout: String(settings.visibilityTimeoutSeconds),
        DelaySeconds: '0',
        MaximumMessageSize: '262144',
        ReceiveMessageWaitTimeSeconds: '0',
      };
      const chosen = Object.fromEntries(Object.entries(attributes).filter(([key]) => requested.has('All') || requested.has(key)));
      return Object.keys(chosen).length === 0 ? {} : { Attributes: chosen };
    },
    async SendMessage(input) {
      const name = queueOf(input);
      const body = requiredString(input, 'MessageBody');
      const attributes = (input.MessageAttributes ?? {}) as Record<string, MessageAttributeValue>;
      const message = await queues.send(name, body, attributes);
      return {
        MessageId: message.messageId,
        MD5OfMessageBody: message.md5OfBody,
        ...(message.md5OfAttributes !== undefined && { MD5OfMessageAttributes: message.md5OfAttributes }),
      };
    },
    async ReceiveMessage(input) {
      const name = queueOf(input);
      const max = optionalInteger(input, 'MaxNumberOfMessages', 1, 10) ?? 1;
      const visibility = optionalInteger(input, 'VisibilityTimeout', 0, 43_200);
      const wait = optionalInteger(input, 'WaitTimeSeconds', 0, 20) ?? 0;
      const systemNames = new Set([
        ...(Array.isArray(input.AttributeNames) ? (input.AttributeNames as string[]) : []),
        ...(Array.isArray(input.MessageSystemAttributeNames) ? (input.MessageSystemAttributeNames as string[]) : []),
      ]);
      const attributeNames = Array.isArray(input.MessageAttributeNames) ? (input.MessageAttributeNames as string[]) : [];
      const deadline = Date.now() + wait * 1000;
      let messages = await queues.receive(name, max, visibility);
      // Long polling: answer as soon as a message is visible, or when the wait is over.
      while (messages.length === 0 && Date.now() < deadline) {
        await sleep(Math.min(100, deadline - Date.now()));
        messages = await queues.receive(name, max, visibility);
      }
      return messages.length === 0 ? {} : { Messages: messages.map((message) => toMessage(message, systemNames, attributeNames)) };
    },
    async DeleteMessage(input) {
      const name = queueOf(input);
      const handle = requiredString(input, 'ReceiptHandle');
      if (!(await queues.delete(name, handle))) {
        throw new JsonServiceError(
          'com.amazonaws.sqs#ReceiptHandleIsInvalid',
          `The input receipt handle "${handle}" is not a valid receipt handle.`,
          400,
          'ReceiptHandleIsInvalid;Sender',
        );
      }
      return {};
    },
    async PurgeQueue(input) {
      await queues.purge(queueOf(input));
      return {};
    },
  };
}

/** The edge service: `X-Amz-Target: AmazonSQS.*`. */
export function sqsService(options: SqsServiceOptions): EdgeService {
  const operations = sqsOperations(options);
  return {
    name: 'sqs',
    matches: (request) => request.target?.startsWith(`${SQS_TARGET_PREFIX}.`) ?? false,
    handle: (request) =>
      serveJson(
        '1.0',
        SQS_TARGET_PREFIX,
        operations,
        request,
        (name) =>
          new JsonServiceError(
            'com.amazonaws.sqs#UnsupportedOperation',
            `Operation ${name} is not supported by the embedded default`,
            400,
            'AWS.SimpleQueueService.UnsupportedOperation;Sender',
          ),
      ),
  };
}
