/**
 * Delivery with retries and dead letters, as AWS does it, in one place for the bus, the stream
 * poller, SNS and the scheduler:
 *
 * - {@link Delivery.toRuleTarget}: EventBridge's side of a rule's Lambda target — hand the event to
 *   Lambda's asynchronous invoke; a function that cannot load is that hand-over failing, retried
 *   per the target's RetryPolicy, then sent to the target's dead-letter queue with EventBridge's
 *   message attributes (a function that does not exist is not retried).
 * - {@link Delivery.invokeAsync}: Lambda's asynchronous invocation (rules, SNS, schedules) — an
 *   error or a timeout is retried per the function's EventInvokeConfig, then its on-failure
 *   destination gets Lambda's invocation record.
 * - {@link Delivery.backoff} and {@link Delivery.sendToQueue}: the backoff and the dead-letter send
 *   the stream poller's batch retries use.
 *
 * Backoff is short locally (`backoffMs`, doubling, capped at 30 s); `idle()` resolves when nothing
 * is in flight.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FunctionRunner } from './local-functions';
import type { LocalQueues, MessageAttributeValue } from './queues';
import type { LocalRuleTarget, StackModel } from './stack-model';

/** Lambda's record of a failed asynchronous invocation, as its on-failure destination receives it. */
export interface InvocationFailureRecord {
  version: '1.0';
  timestamp: string;
  requestContext: { requestId: string; functionArn: string; condition: 'RetriesExhausted'; approximateInvokeCount: number };
  requestPayload: unknown;
  responseContext: { statusCode: 200; executedVersion: '$LATEST'; functionError: 'Unhandled' };
  responsePayload: { errorType: string; errorMessage: string; trace: string[] };
}

/** Builds Lambda's on-failure destination record for an invocation that failed every attempt. */
export function invocationFailureRecord(options: {
  requestId: string;
  functionArn: string;
  approximateInvokeCount: number;
  event: unknown;
  error: unknown;
  now: Date;
}): InvocationFailureRecord {
  const error = options.error instanceof Error ? options.error : new Error(String(options.error));
  return {
    version: '1.0',
    timestamp: options.now.toISOString(),
    requestContext: {
      requestId: options.requestId,
      functionArn: `${options.functionArn}:$LATEST`,
      condition: 'RetriesExhausted',
      approximateInvokeCount: options.approximateInvokeCount,
    },
    requestPayload: options.event,
    responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
    responsePayload: {
      errorType: error.name,
      errorMessage: error.message,
      trace: (error.stack ?? '')
        .split('\n')
        .slice(1)
        .map((line) => line.trim()),
    },
  };
}

/** EventBridge's message attributes on a dead-lettered event. */
export function deadLetterAttributes(options: {
  ruleArn: string;
  targetArn: string;
  errorCode: string;
  errorMessage: string;
  retryAttempts: number;
  exhaustedRetryCondition?: 'MaximumRetryAttempts' | 'MaximumEventAgeInSeconds';
}): Record<string, MessageAttributeValue> {
  const text = (value: string): MessageAttributeValue => ({ DataType: 'String', StringValue: value });
  return {
    ERROR_CODE: text(options.errorCode),
    ERROR_MESSAGE: text(options.errorMessage),
    RULE_ARN: text(options.ruleArn),
    TARGET_ARN: text(options.targetArn),
    RETRY_ATTEMPTS: { DataType: 'Number', StringValue: String(options.retryAttempts) },
    ...(options.exhaustedRetryCondition !== undefined && { EXHAUSTED_RETRY_CONDITION: text(options.exhaustedRetryCondition) }),
  };
}

/** Options of {@link Delivery}. */
export interface DeliveryOptions {
  model: Pick<StackModel, 'queues'>;
  functions: FunctionRunner;
  queues: LocalQueues;
  /** First retry delay, doubled per retry (capped at 30 s). Default 1000 ms. */
  backoffMs?: number;
  /** Where delivery reports what a user should know (dead letters, dropped events). */
  log?: (message: string) => void;
}

/** Retrying, dead-lettering delivery, with the in-flight work it started. */
export class Delivery {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly backoffMs: number;
  readonly log: (message: string) => void;

  constructor(private readonly options: DeliveryOptions) {
    this.backoffMs = options.backoffMs ?? 1000;
    this.log = options.log ?? (() => undefined);
  }

  /** True while a delivery is in flight. */
  get busy(): boolean {
    return this.inFlight.size > 0;
  }

  /** Resolves when no delivery is in flight (deliveries started meanwhile are waited for too). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Runs `work` in the background, tracked by {@link idle}; an unexpected error is logged. */
  track(work: Promise<void>): void {
    const tracked = work.catch((error: unknown) => this.log(`Delivery error: ${(error as Error).stack ?? String(error)}`)).finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }

  /** Waits before retry number `retry` (0-based): `backoffMs` doubled per retry, at most 30 s. */
  backoff(retry: number): Promise<void> {
    return sleep(Math.min(this.backoffMs * 2 ** retry, 30_000));
  }

  /** Sends a dead letter to a queue of the stack (by logical id), or logs that it was dropped. */
  async sendToQueue(queue: string | undefined, body: string, what: string, attributes?: Record<string, MessageAttributeValue>): Promise<void> {
    if (queue === undefined) {
      this.log(`${what}; no dead-letter queue or on-failure destination: dropped`);
      return;
    }
    const name = this.options.model.queues[queue].name;
    await this.options.queues.send(name, body, attributes);
    this.log(`${what}; sent to ${name}`);
  }

  /** EventBridge's side of a rule's Lambda target: hand the event over (retrying per RetryPolicy), else dead-letter it. */
  async toRuleTarget(ruleArn: string, target: LocalRuleTarget, event: { id?: string }): Promise<void> {
    const { functions } = this.options;
    const fn = functions.get(target.function);
    const targetArn = functions.arn(target.function);
    for (let retry = 0; ; retry += 1) {
      try {
        await functions.load(target.function);
        break;
      } catch (error) {
        const missing = (error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND';
        // A target that does not exist is not retried (EventBridge sends it to the DLQ at once).
        if (!missing && retry < target.retryPolicy.maximumRetryAttempts) {
          await this.backoff(retry);
          continue;
        }
        const errorMessage = `${fn.name} (${fn.entry}) cannot be invoked: ${(error as Error).message.split('\n')[0]}`;
        const errorCode = missing ? 'RESOURCE_NOT_FOUND' : 'SDK_CLIENT_ERROR';
        const attributes = deadLetterAttributes({
          ruleArn,
          targetArn,
          errorCode,
          errorMessage,
          retryAttempts: retry,
          ...(!missing && { exhaustedRetryCondition: 'MaximumRetryAttempts' as const }),
        });
        await this.sendToQueue(target.deadLetterQueue, JSON.stringify(event), `${ruleArn}: event not delivered (${errorCode}: ${errorMessage})`, attributes);
        return;
      }
    }
    await this.invokeAsync(target.function, event);
  }

  /** Lambda's asynchronous invocation: run the function, retry per EventInvokeConfig, else send the record on-failure. */
  async invokeAsync(logicalId: string, event: unknown): Promise<void> {
    const { functions } = this.options;
    const fn = functions.get(logicalId);
    const requestId = randomUUID();
    const attempts = fn.asyncInvoke.maximumRetryAttempts + 1;
    let lastError: unknown;
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      try {
        await functions.invoke(logicalId, event, requestId);
        return;
      } catch (error) {
        lastError = error;
        if (attempt < attempts) await this.backoff(attempt - 1);
      }
    }
    const record = invocationFailureRecord({ requestId, functionArn: functions.arn(logicalId), approximateInvokeCount: attempts, event, error: lastError, now: new Date() });
    const id = (event as { id?: unknown } | null)?.id ?? requestId;
    const what = `${fn.name}: event ${String(id)} failed ${attempts} times (${record.responsePayload.errorType}: ${record.responsePayload.errorMessage})`;
    await this.sendToQueue(fn.asyncInvoke.onFailureQueue, JSON.stringify(record), what);
  }
}
