/**
 * EventBridge in the embedded default: PutEvents onto the default bus and the stack's buses, the
 * stack's own rules (patterns matched by the shared matcher), and delivery as AWS does it —
 * asynchronously, after PutEvents has answered, with the retries and dead letters of delivery.ts
 * (EventBridge's RetryPolicy and dead-letter queue, then Lambda's EventInvokeConfig and
 * on-failure destination). `idle()` resolves when nothing is in flight.
 */
import { randomUUID } from 'node:crypto';
import { Delivery } from './delivery';
import { matchesEventPattern } from './event-pattern/event-pattern';
import type { FunctionRunner } from './local-functions';
import { busNameOf, checkEntry, toEnvelope, validatePutEventsRequest, type EventEnvelope, type PutEventsResultEntry } from './put-events';
import type { LocalQueues } from './queues';
import type { LocalRule, StackModel } from './stack-model';

/** Rules beyond the stack's that route events to local queues (e.g. rules put through the PutRule API). */
export interface QueueRoutes {
  /** The queues (by name) of the enabled rules on `bus` that match the event, each with its rule's ARN. */
  queuesFor(bus: string, event: EventEnvelope): Array<{ rule: string; queue: string }>;
}

/** Options of {@link LocalEventBus}. */
export interface LocalEventBusOptions {
  model: StackModel;
  functions: FunctionRunner;
  queues: LocalQueues;
  account: string;
  region: string;
  /** First retry delay, doubled per retry (capped at 30 s). Default 1000 ms. */
  backoffMs?: number;
  /** Where the bus reports what a user should know (dropped events, dead letters). */
  log?: (message: string) => void;
  /** Further rules delivering to local SQS queues (the glue passes responders' own PutRule rules). */
  queueRoutes?: QueueRoutes;
}

/** The local EventBridge. */
export class LocalEventBus {
  private readonly buses: Set<string>;
  private readonly log: (message: string) => void;
  private readonly delivery: Delivery;

  constructor(private readonly options: LocalEventBusOptions) {
    this.buses = new Set(['default', ...options.model.buses]);
    this.log = options.log ?? (() => undefined);
    this.delivery = new Delivery(options);
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
    return this.delivery.busy;
  }

  /** Resolves when no delivery is in flight (events put meanwhile are waited for too). */
  idle(): Promise<void> {
    return this.delivery.idle();
  }

  private route(bus: string, event: EventEnvelope): void {
    for (const rule of this.rules) {
      if (rule.bus !== bus || !matchesEventPattern(rule.eventPattern, event)) continue;
      const ruleArn = this.arn('events', rule.bus === 'default' ? `rule/${rule.name}` : `rule/${rule.bus}/${rule.name}`);
      for (const target of rule.targets) this.delivery.track(this.delivery.toRuleTarget(ruleArn, target, event));
    }
    for (const { rule, queue } of this.options.queueRoutes?.queuesFor(bus, event) ?? []) {
      if (this.options.queues.has(queue)) this.delivery.track(this.options.queues.send(queue, JSON.stringify(event)).then(() => undefined));
      else this.log(`${rule}: target queue ${queue} does not exist: event ${event.id} dropped`);
    }
  }

  /** An asynchronous invocation of a function of the stack (as SNS and schedules make them), tracked by {@link idle}. */
  invokeFunctionAsync(logicalId: string, event: unknown): void {
    this.delivery.track(this.delivery.invokeAsync(logicalId, event));
  }
}
