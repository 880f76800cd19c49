/**
 * The embedded default's SQS queues (the stack's dead-letter queues): messages with SQS's
 * visibility, receive counts, retention and MD5s, persisted to one JSON file under the data dir so
 * dead letters survive a restart. Dead letters are few; the file is rewritten on each change.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** A message attribute as SQS carries it. */
export interface MessageAttributeValue {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string; // base64
}

/** A stored message. */
export interface StoredMessage {
  messageId: string;
  body: string;
  md5OfBody: string;
  attributes: Record<string, MessageAttributeValue>;
  md5OfAttributes?: string;
  sentTimestamp: number;
  receiveCount: number;
  firstReceiveTimestamp?: number;
  /** Epoch ms from which the message is visible again. */
  visibleAt: number;
  /** Receipt handle of the latest receive. */
  receiptHandle?: string;
}

/** A queue's settings. */
export interface QueueSettings {
  name: string;
  retentionSeconds: number;
  visibilityTimeoutSeconds: number;
}

interface Queue extends QueueSettings {
  createdTimestamp: number;
  messages: StoredMessage[];
  /** Created with CreateQueue (a responder's queue), not by the stack: kept across restarts. */
  userCreated?: boolean;
}

/** MD5 of a message body, as `MD5OfMessageBody`. */
export function md5Hex(text: string | Buffer): string {
  return createHash('md5').update(text).digest('hex');
}

/**
 * `MD5OfMessageAttributes` as SQS computes it: attributes sorted by name; for each, the
 * length-prefixed (4-byte big-endian) name, data type, a transport byte (1 string, 2 binary) and
 * the length-prefixed value.
 */
export function md5OfMessageAttributes(attributes: Record<string, MessageAttributeValue>): string | undefined {
  const names = Object.keys(attributes).sort();
  if (names.length === 0) return undefined;
  const parts: Buffer[] = [];
  const lengthPrefixed = (bytes: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    parts.push(length, bytes);
  };
  for (const name of names) {
    const value = attributes[name];
    lengthPrefixed(Buffer.from(name, 'utf8'));
    lengthPrefixed(Buffer.from(value.DataType, 'utf8'));
    const binary = value.BinaryValue !== undefined;
    parts.push(Buffer.from([binary ? 2 : 1]));
    lengthPrefixed(binary ? Buffer.from(value.BinaryValue!, 'base64') : Buffer.from(value.StringValue ?? '', 'utf8'));
  }
  return md5Hex(Buffer.concat(parts));
}

/** The local queues, optionally persisted to `file`. */
export class LocalQueues {
  private readonly queues = new Map<string, Queue>();
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly file: string | undefined,
    private readonly now: () => number,
  ) {}

  /**
   * Opens the queues: the given settings (from the stack), with the messages persisted in `file`
   * for queues of the same name. Queues no longer in the stack are dropped.
   */
  static async open(settings: readonly QueueSettings[], options: { file?: string; now?: () => number } = {}): Promise<LocalQueues> {
    const queues = new LocalQueues(options.file, options.now ?? Date.now);
    let saved: Record<string, Queue> = {};
    if (options.file !== undefined) {
      try {
        saved = JSON.parse(await readFile(options.file, 'utf8')) as Record<string, Queue>;
      } catch {
        saved = {};
      }
    }
    for (const setting of settings) {
      const previous = saved[setting.name];
      queues.queues.set(setting.name, {
        ...setting,
        createdTimestamp: previous?.createdTimestamp ?? queues.now(),
        messages: previous?.messages ?? [],
      });
    }
    for (const [name, queue] of Object.entries(saved)) {
      if (queue.userCreated === true && !queues.queues.has(name)) queues.queues.set(name, queue);
    }
    return queues;
  }

  /** CreateQueue: a queue of the caller's (e.g. a rule target); a name that exists is kept as it is. */
  async create(settings: QueueSettings): Promise<void> {
    if (this.queues.has(settings.name)) return;
    this.queues.set(settings.name, { ...settings, createdTimestamp: this.now(), messages: [], userCreated: true });
    await this.persist();
  }

  /** Queue names, sorted. */
  names(): string[] {
    return [...this.queues.keys()].sort();
  }

  has(name: string): boolean {
    return this.queues.has(name);
  }

  settings(name: string): QueueSettings & { createdTimestamp: number } {
    const { messages: _messages, ...settings } = this.queue(name);
    return settings;
  }

  private queue(name: string): Queue {
    const queue = this.queues.get(name);
    if (queue === undefined) throw new Error(`No local queue ${name}`);
    // Retention: SQS deletes messages older than the retention period.
    const oldest = this.now() - queue.retentionSeconds * 1000;
    if (queue.messages.some((message) => message.sentTimestamp < oldest)) {
      queue.messages = queue.messages.filter((message) => message.sentTimestamp >= oldest);
    }
    return queue;
  }

  /** Visible and in-flight message counts. */
  counts(name: string): { visible: number; notVisible: number } {
    const now = this.now();
    const { messages } = this.queue(name);
    const visible = messages.filter((message) => message.visibleAt <= now).length;
    return { visible, notVisible: messages.length - visible };
  }

  /** Adds a message; resolves once it is persisted. */
  async send(name: string, body: string, attributes: Record<string, MessageAttributeValue> = {}): Promise<StoredMessage> {
    const queue = this.queue(name);
    const now = this.now();
    const message: StoredMessage = {
      messageId: randomUUID(),
      body,
      md5OfBody: md5Hex(body),
      attributes,
      md5OfAttributes: md5OfMessageAttributes(attributes),
      sentTimestamp: now,
      receiveCount: 0,
      visibleAt: now,
    };
    queue.messages.push(message);
    await this.persist();
    return message;
  }

  /** Receives up to `max` visible messages, hiding them for `visibilityTimeoutSeconds`. */
  async receive(name: string, max: number, visibilityTimeoutSeconds?: number): Promise<StoredMessage[]> {
    const queue = this.queue(name);
    const now = this.now();
    const timeout = visibilityTimeoutSeconds ?? queue.visibilityTimeoutSeconds;
    const received = queue.messages.filter((message) => message.visibleAt <= now).slice(0, max);
    for (const message of received) {
      message.receiveCount += 1;
      message.firstReceiveTimestamp ??= now;
      message.visibleAt = now + timeout * 1000;
      message.receiptHandle = Buffer.from(`${name}/${message.messageId}/${randomUUID()}`).toString('base64');
    }
    if (received.length > 0) await this.persist();
    return received.map((message) => ({ ...message }));
  }

  /** Deletes the message of a receipt handle; false when the handle names no message of the queue. */
  async delete(name: string, receiptHandle: string): Promise<boolean> {
    const queue = this.queue(name);
    const index = queue.messages.findIndex((message) => message.receiptHandle === receiptHandle);
    if (index < 0) {
      // A handle of a message already deleted is accepted, as SQS does; a foreign one is not.
      return Buffer.from(receiptHandle, 'base64').toString('utf8').startsWith(`${name}/`);
    }
    queue.messages.splice(index, 1);
    await this.persist();
    return true;
  }

  async purge(name: string): Promise<void> {
    this.queue(name).messages = [];
    await this.persist();
  }

  /** Writes are serialized; each writes the whole state atomically (temp file + rename). */
  private persist(): Promise<void> {
    const file = this.file;
    if (file === undefined) return Promise.resolve();
    const snapshot = JSON.stringify(Object.fromEntries(this.queues));
    this.writing = this.writing.then(async () => {
      await mkdir(dirname(file), { recursive: true });
      const temporary = `${file}.tmp`;
      await writeFile(temporary, snapshot);
      await rename(temporary, file);
    });
    return this.writing;
  }
}
