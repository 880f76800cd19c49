/**
 * A change of the findings table (one DynamoDB stream record) → at most one `Security Hub Findings -
 * Imported` event on the app's bus, per the contract in `lambdas/events/finding-events.ts`.
 * Pure: no SDK, no environment; the stream image is read as DynamoDB's attribute-value JSON.
 */
import type { AwsSecurityFinding } from '../asff';
import { APP_EVENT_SOURCE, FINDINGS_IMPORTED, type FindingChange, type FindingStateBefore, type FindingsImportedDetail } from './finding-events';
import type { ChangeRecord } from '../store';
import { FINDING_SK, TABLE_KEYS } from '../store';
import { PRIORITY_KEY } from '../filters';

/** The ProductFields key of a finding's priority score (0–100), as the priority stage writes it. */
export const PRIORITY_PRODUCT_FIELD = PRIORITY_KEY;

/** PutEvents' limit on one entry (and on a whole request), counted as EventBridge documents it. */
export const MAX_ENTRY_BYTES = 256 * 1024;

/** A DynamoDB attribute value, as stream images carry it (only what this module reads is typed). */
export type AttributeValue = { S?: string; N?: string } & Record<string, unknown>;

/** One DynamoDB stream record, as Lambda delivers it (the members this module reads). */
export interface FindingStreamRecord {
  eventID?: string;
  eventName?: 'INSERT' | 'MODIFY' | 'REMOVE' | string;
  dynamodb?: {
    Keys?: Record<string, AttributeValue>;
    NewImage?: Record<string, AttributeValue>;
    OldImage?: Record<string, AttributeValue>;
    SequenceNumber?: string;
  };
}

/** A PutEvents entry (the SDK's shape, without its types: this module is pure). */
export interface EventEntry {
  EventBusName: string;
  Source: string;
  DetailType: string;
  Detail: string;
  Resources: string[];
  Time: Date;
}

/** The event of one record: its PutEvents entry, and whether the finding in it was truncated. */
export interface FindingEvent {
  entry: EventEntry;
  truncated: boolean;
}

/** A stream record this module cannot read: names the record and the attribute. */
export class UnreadableStreamRecordError extends Error {
  override readonly name = 'UnreadableStreamRecordError';
}

/** The documented size of an entry: Time 14 bytes, then the UTF-8 bytes of Source, DetailType, Detail, Resources. */
export function entrySize(entry: Pick<EventEntry, 'Source' | 'DetailType' | 'Detail' | 'Resources'>): number {
  const bytes = (text: string) => Buffer.byteLength(text, 'utf8');
  return 14 + bytes(entry.Source) + bytes(entry.DetailType) + bytes(entry.Detail) + entry.Resources.reduce((sum, resource) => sum + bytes(resource), 0);
}

function stringAttribute(image: Record<string, AttributeValue> | undefined, name: string, where: string): string {
  const value = image?.[name]?.S;
  if (typeof value !== 'string') throw new UnreadableStreamRecordError(`${where}.${name}: expected a string attribute`);
  return value;
}

function parseJson<T>(text: string, where: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new UnreadableStreamRecordError(`${where}: not JSON (${(error as Error).message})`);
  }
}

/** The values consumers compare across a change, read from the finding before it. */
export function stateOf(finding: AwsSecurityFinding): FindingStateBefore {
  const priority = Number((finding.ProductFields as Record<string, string> | undefined)?.[PRIORITY_PRODUCT_FIELD]);
  const state: FindingStateBefore = {
    SeverityLabel: finding.Severity?.Label,
    WorkflowStatus: finding.Workflow?.Status,
    RecordState: finding.RecordState,
    ComplianceStatus: finding.Compliance?.Status,
    ...(Number.isFinite(priority) && { Priority: priority }),
  };
  return Object.fromEntries(Object.entries(state).filter(([, value]) => value !== undefined)) as FindingStateBefore;
}

/** Top-level fields of a change's leaf updates (`Workflow.Status` → `Workflow`), in order, once each. */
export function updatedFieldsOf(change: ChangeRecord): string[] {
  return [...new Set(change.updates.map((update) => update.UpdatedField.split('.')[0]))];
}

/** A finding without its resources' `Details` (the bulk of a large finding). */
function withoutResourceDetails(finding: AwsSecurityFinding): AwsSecurityFinding {
  return { ...finding, Resources: finding.Resources?.map(({ Details: _details, ...resource }) => resource) } as AwsSecurityFinding;
}

/**
 * The event for one stream record, or `undefined` when the record is not an event: not a finding
 * item, a removal (expiry), or a write that changed nothing the history records.
 *
 * An entry over 256 KB drops `Resources[].Details` and says so with `change.truncated`.
 *
 * @throws UnreadableStreamRecordError when a finding item lacks its `doc` or `change` JSON.
 */
export function findingEventOf(record: FindingStreamRecord, eventBusName: string): FindingEvent | undefined {
  if (record.eventName !== 'INSERT' && record.eventName !== 'MODIFY') return undefined;
  const image = record.dynamodb?.NewImage;
  const sortKey = image?.[TABLE_KEYS.sortKey]?.S ?? record.dynamodb?.Keys?.[TABLE_KEYS.sortKey]?.S;
  if (sortKey !== FINDING_SK) return undefined;
  const where = `record ${record.eventID ?? record.dynamodb?.SequenceNumber ?? '?'} NewImage`;
  const change = parseJson<ChangeRecord>(stringAttribute(image, 'change', where), `${where}.change`);
  if (!change.created && change.updates.length === 0) return undefined;
  const finding = parseJson<AwsSecurityFinding>(stringAttribute(image, 'doc', where), `${where}.doc`);

  const oldDoc = record.dynamodb?.OldImage?.doc?.S;
  const before = !change.created && oldDoc !== undefined ? stateOf(parseJson<AwsSecurityFinding>(oldDoc, `${where.replace('NewImage', 'OldImage')}.doc`)) : undefined;
  const summary: FindingChange = {
    created: change.created,
    version: change.version,
    source: change.source,
    updatedFields: updatedFieldsOf(change),
    ...(before !== undefined && { before }),
  };
  const entry = (detail: FindingsImportedDetail): EventEntry => ({
    EventBusName: eventBusName,
    Source: APP_EVENT_SOURCE,
    DetailType: FINDINGS_IMPORTED,
    // Security Hub names the finding in `resources` when its Id is an ARN (its own findings' are).
    Resources: finding.Id.startsWith('arn:') ? [finding.Id] : [],
    Time: new Date(change.time),
    Detail: JSON.stringify(detail),
  });
  const full = entry({ findings: [finding], change: summary });
  if (entrySize(full) <= MAX_ENTRY_BYTES) return { entry: full, truncated: false };
  return { entry: entry({ findings: [withoutResourceDetails(finding)], change: { ...summary, truncated: true } }), truncated: true };
}
