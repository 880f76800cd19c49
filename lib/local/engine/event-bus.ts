/**
 * EventBridge in the embedded default: PutEvents onto the default bus and the stack's buses, the
 * stack's own rules (patterns matched by the shared matcher), and delivery as AWS does it —
 * asynchronously, after PutEvents has answered:
 *
 * 1. EventBridge hands the event to Lambda's asynchronous invoke. Locally, a handler that cannot
 *    load is that delivery failing: retried per the target's RetryPolicy, then sent to the
 *    target's dead-letter queue with EventBridge's message attributes.
 * 2. Lambda runs the handler; an error is retried per the function's EventInvokeConfig, then the
 *    on-failure destination gets Lambda's invocation record.
 *
 * Backoff is short locally (`backoffMs`, doubling); `idle()` resolves when nothing is in flight.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { matchesEventPattern } from './event-pattern/event-pattern';
import type { LocalFunctions } from './local-functions';
import { busNameOf, checkEntry, toEnvelope, validatePutEventsRequest, type EventEnvelope, type PutEventsResultEntry } from './put-events';
import type { LocalQueues, MessageAttributeValue } from './queues';
import type { ResponderRules } from '../responder-rules';
import type { LocalRule, LocalRuleTarget, StackModel } from './stack-model';

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
    responsePayload: { errorType: error.name, errorMessage: error.message, trace: (error.stack ?? '').split('\n').slice(1).map((line) => line.trim()) },
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

/** Options of {@link LocalEventBus}. */
export interface LocalEventBusOptions {
  model: StackModel;
  functions: LocalFunctions;
  queues: LocalQueues;
  account: string;
  region: string;
  /** First retry delay, doubled per retry (capped at 30 s). Default 1000 ms. */
  backoffMs?: number;
  /** Where the bus reports what a user should know (dropped events, dead letters). */
  log?: (message: string) => void;
  /** Responders' own rules (PutRule/PutTargets), delivering to local SQS queues. */
  responderRules?: ResponderRules;
}

/** The local EventBridge. */
export class LocalEventBus {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly buses: Set<string>;
  private readonly backoffMs: number;
  private readonly log: (message: string) => void;

  constructor(private readonly options: LocalEventBusOptions) {
    this.buses = new Set(['default', ...options.model.buses]);
    this.backoffMs = options.backoffMs ?? 1000;
    this.log = options.log ?? (() => undefined);
  }

  /** The rules the bus routes by (the stack's enabled rules with an event pattern). */
  get rules(): readonly LocalRule[] {
    return this.options.model.rules.filter((rule) => rule.enabled);
  }

  private arn(service: string, resource: string): string {
    return `arn:aws:${service}:${this.options.region}:${this.options.account}:${resource}`;
  }

  /**
   * PutEvents: validates (request-level errors throw), answers each entry with an EventId or its
   * error, and starts delivery of the accepted ones without waiting for it.
   *
   * Two local choices: a bus that does not exist accepts the event and drops it, as EventBridge
   * does (logged here); and `aws.*` sources are accepted (AWS refuses them from callers), because
   * locally you play the AWS services whose events the rules route.
   */
  putEvents(input: Record<string, unknown>): { FailedEntryCount: number; Entries: PutEventsResultEntry[] } {
    const entries = validatePutEventsRequest(input);
    const now = new Date();
    const results = entries.map((entry): PutEventsResultEntry => {
      const check = checkEntry(entry);
      if (!check.ok) return { ErrorCode: check.ErrorCode, ErrorMessage: check.ErrorMessage };
      const id = randomUUID();
      const event = toEnvelope(entry, check.detail, { id, account: this.options.account, region: this.options.region, now });
      const bus = busNameOf(entry, this.options.account, this.options.region);
      if (!this.buses.has(bus)) this.log(`PutEvents: event ${id} to bus '${bus}', which does not exist: dropped (as EventBridge does)`);
      else this.route(bus, event);
      return { EventId: id };
    });
    return { FailedEntryCount: results.filter((result) => result.ErrorCode !== undefined).length, Entries: results };
  }

  /** True when the bus (default or one of the stack's) exists. */
  hasBus(name: string): boolean {
    return this.buses.has(name);
  }

  /** True while a delivery is in flight. */
  get busy(): boolean {
    return this.inFlight.size > 0;
  }

  /** Resolves when no delivery is in flight (events put meanwhile are waited for too). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private track(work: Promise<void>): void {
    const tracked = work.catch((error: unknown) => this.log(`Delivery error: ${(error as Error).stack ?? String(error)}`)).finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }

  private route(bus: string, event: EventEnvelope): void {
    for (const rule of this.rules) {
      if (rule.bus !== bus || !matchesEventPattern(rule.eventPattern, event)) continue;
      for (const target of rule.targets) this.track(this.deliver(rule, target, event));
    }
    for (const { rule, queue } of this.options.responderRules?.queuesFor(bus, event) ?? []) {
      if (this.options.queues.has(queue)) this.track(this.options.queues.send(queue, JSON.stringify(event)).then(() => undefined));
      else this.log(`${rule}: target queue ${queue} does not exist: event ${event.id} dropped`);
    }
  }

  private delay(retry: number): Promise<void> {
    return sleep(Math.min(this.backoffMs * 2 ** retry, 30_000));
  }

  /** EventBridge's side: hand the event to Lambda, retrying per RetryPolicy, else dead-letter it. */
  private async deliver(rule: LocalRule, target: LocalRuleTarget, event: EventEnvelope): Promise<void> {
    const fn = this.options.functions.get(target.function);
    const functionArn = this.arn('lambda', `function:${fn.name}`);
    const ruleArn = this.arn('events', rule.bus === 'default' ? `rule/${rule.name}` : `rule/${rule.bus}/${rule.name}`);
    for (let retry = 0; ; retry += 1) {
      try {
        await this.options.functions.load(target.function);
        break;
      } catch (error) {
        const missing = (error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND';
        // A target that does not exist is not retried (EventBridge sends it to the DLQ at once).
        if (!missing && retry < target.retryPolicy.maximumRetryAttempts) {
          await this.delay(retry);
          continue;
        }
        const message = `${fn.name} (${fn.entry}) cannot be invoked: ${(error as Error).message.split('\n')[0]}`;
        await this.deadLetter(target.deadLetterQueue, JSON.stringify(event), {
          ruleArn,
          targetArn: functionArn,
          errorCode: missing ? 'RESOURCE_NOT_FOUND' : 'SDK_CLIENT_ERROR',
          errorMessage: message,
          retryAttempts: retry,
          ...(!missing && { exhaustedRetryCondition: 'MaximumRetryAttempts' as const }),
        });
        return;
      }
    }
    await this.invokeAsync(target.function, functionArn, event);
  }

  /** An asynchronous invocation of a function of the stack (as SNS makes them), tracked by {@link idle}. */
  invokeFunctionAsync(logicalId: string, event: unknown): void {
    this.track(this.invokeAsync(logicalId, this.arn('lambda', `function:${this.options.functions.get(logicalId).name}`), event as EventEnvelope));
  }

  /** Lambda's side: run the handler, retry per EventInvokeConfig, else send the record on-failure. */
  private async invokeAsync(logicalId: string, functionArn: string, event: EventEnvelope): Promise<void> {
    const fn = this.options.functions.get(logicalId);
    const requestId = randomUUID();
    const attempts = fn.asyncInvoke.maximumRetryAttempts + 1;
    let lastError: unknown;
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      try {
        await this.options.functions.invoke(logicalId, event, requestId);
        return;
      } catch (error) {
        lastError = error;
        if (attempt < attempts) await this.delay(attempt - 1);
      }
    }
    const record = invocationFailureRecord({ requestId, functionArn, approximateInvokeCount: attempts, event, error: lastError, now: new Date() });
    const queue = fn.asyncInvoke.onFailureQueue;
    if (queue === undefined) {
      this.log(`${fn.name}: event ${event.id ?? requestId} failed ${attempts} times and has no on-failure destination: dropped`);
      return;
    }
    const name = this.options.model.queues[queue].name;
    await this.options.queues.send(name, JSON.stringify(record));
    this.log(`${fn.name}: event ${event.id ?? requestId} failed ${attempts} times (${record.responsePayload.errorType}: ${record.responsePayload.errorMessage}); record sent to ${name}`);
  }

  private async deadLetter(queue: string | undefined, body: string, attributes: Parameters<typeof deadLetterAttributes>[0]): Promise<void> {
    if (queue === undefined) {
      this.log(`${attributes.ruleArn}: event not delivered and the target has no dead-letter queue: dropped (${attributes.errorMessage})`);
      return;
    }
    const name = this.options.model.queues[queue].name;
    await this.options.queues.send(name, body, deadLetterAttributes(attributes));
    this.log(`${attributes.ruleArn}: event not delivered (${attributes.errorCode}: ${attributes.errorMessage}); sent to ${name}`);
  }
}
