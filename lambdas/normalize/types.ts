import type { AwsSecurityFinding } from '../asff';

/** An EventBridge event as a rule target receives it. */
export interface SourceEvent<Detail = unknown> {
  version?: string;
  id: string;
  'detail-type': string;
  source: string;
  /** The account that put the event on the bus (for forwarded events: not the finding's account). */
  account: string;
  time: string;
  region: string;
  resources?: string[];
  detail: Detail;
}

/** An EventBridge event pattern (content filtering), as a rule carries it. */
export type EventPattern = Record<string, unknown>;

/**
 * Maps one product's events to ASFF findings. `normalize` is pure (no I/O, no clock, no env) and
 * throws `UnmappableEventError` naming the field path for an event it cannot map.
 */
export interface Normalizer {
  /** Short id: names the Lambda (`normalize-<id>`), the rule and the CLI's choice. */
  readonly id: string;
  /** What a reader sees: e.g. "Amazon GuardDuty". */
  readonly title: string;
  /** The EventBridge pattern that routes this product's events to it (CDK rule and local router). */
  readonly eventPattern: EventPattern;
  normalize(event: SourceEvent): AwsSecurityFinding[];
}
