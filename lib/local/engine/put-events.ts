/**
 * EventBridge's PutEvents, the parts that do not route: request and entry validation with the
 * service's error codes and messages, entry size, bus names, and the event envelope a rule target
 * receives. Pure.
 */
import { JsonServiceError } from './json-protocol';

/** A PutEvents entry as the wire carries it (the SDK sends `Time` as epoch seconds). */
export interface PutEventsRequestEntry {
  Time?: number | string;
  Source?: string;
  Resources?: string[];
  DetailType?: string;
  Detail?: string;
  EventBusName?: string;
  TraceHeader?: string;
}

/** One entry of the answer: an `EventId`, or an `ErrorCode` and `ErrorMessage`. */
export interface PutEventsResultEntry {
  EventId?: string;
  ErrorCode?: string;
  ErrorMessage?: string;
}

/** The event a rule target receives. */
export interface EventEnvelope {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, unknown>;
}

/** Entries per request (PutEvents' documented maximum). */
export const MAX_ENTRIES = 10;
/**
 * Total entry size per request, counted as EventBridge documents it ("Calculating PutEvents event
 * entry size"): Time 14 bytes, the UTF-8 bytes of Source, DetailType, Detail and each resource.
 */
export const MAX_REQUEST_BYTES = 256 * 1024;

const BUS_NAME = /^[/.\-_A-Za-z0-9]{1,256}$/;
const BUS_ARN = /^arn:aws[\w-]*:events:([a-z]+-[a-z]+-[\w-]+):(\d{12}):event-bus\/([/.\-_A-Za-z0-9]+)$/;

/** The documented size of one entry. */
export function entrySize(entry: PutEventsRequestEntry): number {
  const bytes = (text: unknown) => (typeof text === 'string' ? Buffer.byteLength(text, 'utf8') : 0);
  let size = entry.Time !== undefined ? 14 : 0;
  size += bytes(entry.Source) + bytes(entry.DetailType) + bytes(entry.Detail);
  for (const resource of entry.Resources ?? []) size += bytes(resource);
  return size;
}

function validationError(member: string, constraint: string, value: string): JsonServiceError {
  return new JsonServiceError('ValidationException', `1 validation error detected: Value ${value} at '${member}' failed to satisfy constraint: ${constraint}`);
}

/**
 * Checks the request as a whole; throws a `ValidationException` as EventBridge answers it
 * (no entries, more than 10, a bus name or ARN of the wrong form, entries over the size limit).
 */
export function validatePutEventsRequest(input: Record<string, unknown>): PutEventsRequestEntry[] {
  const entries = input.Entries;
  if (entries === undefined || entries === null) throw validationError('entries', 'Member must not be null', 'null');
  if (!Array.isArray(entries)) throw new JsonServiceError('SerializationException', 'Entries must be a list');
  if (entries.length < 1) throw validationError('entries', 'Member must have length greater than or equal to 1', "'[]'");
  if (entries.length > MAX_ENTRIES) {
    throw validationError('entries', `Member must have length less than or equal to ${MAX_ENTRIES}`, `'[${entries.length} entries]'`);
  }
  entries.forEach((entry: PutEventsRequestEntry, index) => {
    if (entry === null || typeof entry !== 'object') throw new JsonServiceError('SerializationException', `Entries[${index}] must be a structure`);
    const bus = entry.EventBusName;
    if (bus !== undefined && (typeof bus !== 'string' || !(BUS_NAME.test(bus) || BUS_ARN.test(bus)))) {
      throw validationError(
        `entries.${index + 1}.member.eventBusName`,
        'Member must satisfy regular expression pattern: (arn:aws[\\w-]*:events:[a-z]+-[a-z]+-[\\w-]+:[0-9]{12}:event-bus\\/)?[/\\.\\-_A-Za-z0-9]+',
        `'${String(bus)}'`,
      );
    }
  });
  const total = (entries as PutEventsRequestEntry[]).reduce((sum, entry) => sum + entrySize(entry), 0);
  if (total > MAX_REQUEST_BYTES) throw new JsonServiceError('ValidationException', 'Total size of the entries in the request is over the limit.');
  return entries as PutEventsRequestEntry[];
}

/** An entry's verdict: its parsed detail, or the per-entry error EventBridge answers. */
export type EntryCheck = { ok: true; detail: Record<string, unknown> } | { ok: false; ErrorCode: string; ErrorMessage: string };

function required(name: string): EntryCheck {
  return { ok: false, ErrorCode: 'InvalidArgument', ErrorMessage: `Parameter ${name} is not valid. Reason: ${name} is a required argument.` };
}

/** Checks one entry as EventBridge does: Source, DetailType, Detail required; Detail a JSON object. */
export function checkEntry(entry: PutEventsRequestEntry): EntryCheck {
  if (typeof entry.Source !== 'string' || entry.Source === '') return required('Source');
  if (typeof entry.DetailType !== 'string' || entry.DetailType === '') return required('DetailType');
  if (typeof entry.Detail !== 'string' || entry.Detail === '') return required('Detail');
  let detail: unknown;
  try {
    detail = JSON.parse(entry.Detail);
  } catch {
    return { ok: false, ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  }
  if (detail === null || typeof detail !== 'object' || Array.isArray(detail)) {
    return { ok: false, ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  }
  return { ok: true, detail: detail as Record<string, unknown> };
}

/**
 * The bus an entry goes to: `default` when unnamed, the name, or the name in an ARN of this account
 * and Region. An ARN of another account or Region is returned whole (no local bus has that name).
 */
export function busNameOf(entry: PutEventsRequestEntry, account: string, region: string): string {
  const bus = entry.EventBusName;
  if (bus === undefined || bus === '') return 'default';
  const arn = BUS_ARN.exec(bus);
  if (arn === null) return bus;
  return arn[1] === region && arn[2] === account ? arn[3] : bus;
}

/** EventBridge's event time: RFC 3339 in UTC to the second (`2026-01-02T03:04:05Z`). */
export function formatEventTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The entry's `Time` (epoch seconds from the SDK, or an RFC 3339 string), or `now`. */
export function eventTime(entry: PutEventsRequestEntry, now: Date): Date {
  if (typeof entry.Time === 'number' && Number.isFinite(entry.Time)) return new Date(entry.Time * 1000);
  if (typeof entry.Time === 'string') {
    const parsed = new Date(entry.Time);
    if (!Number.isNaN(parsed.getTime())) return parsed;
  }
  return now;
}

/** Builds the event a target receives, with EventBridge's members in EventBridge's order. */
export function toEnvelope(entry: PutEventsRequestEntry, detail: Record<string, unknown>, context: { id: string; account: string; region: string; now: Date }): EventEnvelope {
  return {
    version: '0',
    id: context.id,
    'detail-type': entry.DetailType!,
    source: entry.Source!,
    account: context.account,
    time: formatEventTime(eventTime(entry, context.now)),
    region: context.region,
    resources: [...(entry.Resources ?? [])],
    detail,
  };
}
