/**
 * `sechub put-events --wrap FINDING…`: a GuardDuty, Inspector or Macie finding as its service
 * exports it (`aws guardduty get-findings`, `aws inspector2 list-findings`, `aws macie2
 * get-findings`, or one finding) becomes the EventBridge entry its service would put (the source
 * and detail-type the normalizers' rules match, the finding as `detail`). An EventBridge event as a
 * rule target receives it (`source`, `detail-type`, `detail`) is turned back into its entry.
 * Also the hints `put-events` prints when it is given a raw finding instead of entries.
 */
import type { Output } from './command-spec';
import { UsageError } from './values';

/** A product whose findings reach the stack as EventBridge events. */
export interface WrappedProduct {
  name: string;
  source: string;
  detailType: string;
  /** True when a JSON value is one of this product's findings. */
  matches(value: Record<string, unknown>): boolean;
  /** The finding's update time (the event's `Time`). */
  time(value: Record<string, unknown>): unknown;
  /** The event's `resources`. */
  resources(value: Record<string, unknown>): string[];
}

const record = (value: unknown): Record<string, unknown> | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

/** The products `--wrap` knows, as their events are routed (see `lambdas/normalize/registry.ts`). */
export const WRAPPED_PRODUCTS: readonly WrappedProduct[] = [
  {
    name: 'GuardDuty',
    source: 'aws.guardduty',
    detailType: 'GuardDuty Finding',
    matches: (value) => record(value.service)?.serviceName === 'guardduty' || (typeof value.arn === 'string' && value.arn.includes(':guardduty:')),
    time: (value) => value.updatedAt,
    resources: () => [],
  },
  {
    name: 'Inspector',
    source: 'aws.inspector2',
    detailType: 'Inspector2 Finding',
    matches: (value) => typeof value.findingArn === 'string' && value.findingArn.includes(':inspector2:'),
    time: (value) => value.updatedAt,
    resources: (value) => (Array.isArray(value.resources) ? value.resources.map((resource) => record(resource)?.id).filter((id): id is string => typeof id === 'string') : []),
  },
  {
    name: 'Macie',
    source: 'aws.macie',
    detailType: 'Macie Finding',
    matches: (value) => 'classificationDetails' in value || 'policyDetails' in value || value.category === 'CLASSIFICATION' || value.category === 'POLICY',
    time: (value) => value.updatedAt,
    resources: () => [],
  },
];

/** The product of a raw finding, if it is one. */
export function productOfFinding(value: unknown): WrappedProduct | undefined {
  const finding = record(value);
  return finding === undefined ? undefined : WRAPPED_PRODUCTS.find((product) => product.matches(finding));
}

/** True for an EventBridge event as a rule target receives it (not a PutEvents entry). */
export function isEventEnvelope(value: unknown): boolean {
  const event = record(value);
  return event !== undefined && typeof event.source === 'string' && typeof event['detail-type'] === 'string' && 'detail' in event;
}

/** The findings in a `--wrap` value: one finding or event, a list, or a service's export (`{"Findings": [...]}`). */
function flatten(values: readonly unknown[]): unknown[] {
  return values.flatMap((value) => {
    const object = record(value);
    const list = object?.Findings ?? object?.findings;
    return Array.isArray(list) && Object.keys(object ?? {}).every((key) => ['Findings', 'findings', 'nextToken', 'NextToken'].includes(key)) ? list : [value];
  });
}

/** The PutEvents entries for `--wrap` values. Throws a `UsageError` naming a value that is neither a known finding nor an event. */
export function wrapFindings(values: readonly unknown[], eventBusName?: string): Array<Record<string, unknown>> {
  const bus = eventBusName === undefined ? {} : { EventBusName: eventBusName };
  return flatten(values).map((value, index) => {
    const object = record(value);
    if (object !== undefined && isEventEnvelope(object)) {
      const detail = object.detail;
      return {
        Source: object.source,
        DetailType: object['detail-type'],
        Detail: typeof detail === 'string' ? detail : JSON.stringify(detail),
        ...(Array.isArray(object.resources) && { Resources: object.resources }),
        ...(typeof object.time === 'string' && { Time: new Date(object.time) }),
        ...bus,
      };
    }
    const product = productOfFinding(object);
    if (object === undefined || product === undefined) {
      throw new UsageError(
        `--wrap: value ${index} is neither a ${WRAPPED_PRODUCTS.map((p) => p.name).join(', ')} finding nor an EventBridge event ` +
          '(a GuardDuty finding has service.serviceName "guardduty", an Inspector one a findingArn of inspector2, a Macie one classificationDetails or policyDetails)',
      );
    }
    const time = product.time(object);
    return {
      Source: product.source,
      DetailType: product.detailType,
      Detail: JSON.stringify(object),
      Resources: product.resources(object),
      ...(typeof time === 'string' && !Number.isNaN(Date.parse(time)) && { Time: new Date(time) }),
      ...bus,
    };
  });
}

/** What to tell a user who gave `put-events` a raw finding or a received event instead of entries. */
export function rawInputHint(entries: unknown): string | undefined {
  const list = Array.isArray(entries) ? entries : [entries];
  const raw = list.map((entry) => productOfFinding(entry)?.name ?? (isEventEnvelope(entry) ? 'event' : undefined)).find((name) => name !== undefined);
  if (raw === undefined) return undefined;
  const what = raw === 'event' ? 'an EventBridge event as a rule receives it' : `a raw ${raw} finding`;
  return `Hint: the entries look like ${what}, not PutEvents entries ({Source, DetailType, Detail}). Use: sechub put-events --wrap file://finding.json (wraps GuardDuty, Inspector and Macie findings, or received events, into their entries).`;
}

/** `put-events` fails (exit 1) when an entry failed, saying which and why. */
export function putEventsOutcome(output: Output, input: Record<string, unknown>): { code: number; message: string } | undefined {
  const failed = Number(output.FailedEntryCount ?? 0);
  if (failed === 0) return undefined;
  const entries = (output.Entries ?? []) as Array<{ ErrorCode?: string; ErrorMessage?: string }>;
  const reasons = entries.flatMap((entry, index) => (entry.ErrorCode === undefined ? [] : [`  Entries[${index}]: ${entry.ErrorCode}: ${entry.ErrorMessage ?? ''}`]));
  const details = ((input.Entries ?? []) as Array<Record<string, unknown>>).map((entry) => {
    try {
      return typeof entry.Detail === 'string' ? (JSON.parse(entry.Detail) as unknown) : undefined;
    } catch {
      return undefined;
    }
  });
  const hint = rawInputHint(input.Entries) ?? rawInputHint(details.filter((detail) => isEventEnvelope(detail)));
  return { code: 1, message: [`${failed} of ${entries.length} entries failed:`, ...reasons, ...(hint ? [hint] : [])].join('\n') };
}
