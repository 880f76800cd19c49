/**
 * Changes to the simulated account's resources and the events AWS Config emits for them. Pure:
 * `path=value` edits of a configuration item, the next version of an item (new capture time and
 * state id), and the `Config Configuration Item Change` event in AWS Config's notification format
 * (oversized items become an OversizedConfigurationItemChangeNotification, as Config sends them).
 */
import { createHash } from 'node:crypto';
import { ACCOUNT_SETTINGS_DETAIL_TYPE, ACCOUNT_SETTINGS_SOURCE, RECORDER_TYPE, SCALABLE_TARGET_TYPE, type AccountSettingsDetail } from '../../lambdas/compliance';
import { isDeletedItem, type StoredConfigurationItem } from './config-store';
import type { PutEventsRequestEntry } from './engine';
import { MAX_REQUEST_BYTES, entrySize } from './engine';

/** A change request is malformed (a path, a value, a field). */
export class InvalidChangeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidChangeError';
  }
}

/** Top-level fields of an item a path may start with; any other first segment is under `configuration`. */
const ITEM_FIELDS = new Set(['configuration', 'supplementaryConfiguration', 'tags', 'resourceName', 'arn', 'availabilityZone', 'relationships', 'relatedEvents']);

/** `configuration.ipPermissions[0].ipv4Ranges` → `['configuration', 'ipPermissions', 0, 'ipv4Ranges']`. */
export function parsePath(path: string): Array<string | number> {
  const segments: Array<string | number> = [];
  for (const part of path.split('.')) {
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (match === null || (match[1] === '' && match[2] === '')) throw new InvalidChangeError(`Path '${path}': segment '${part}' is not a name or name[index]`);
    if (match[1] !== '') segments.push(/^\d+$/.test(match[1]) && segments.length > 0 ? Number(match[1]) : match[1]);
    for (const index of match[2].matchAll(/\[(\d+)\]/g)) segments.push(Number(index[1]));
  }
  if (segments.length === 0) throw new InvalidChangeError('Empty path');
  if (typeof segments[0] !== 'string' || !ITEM_FIELDS.has(segments[0])) segments.unshift('configuration');
  return segments;
}

/** `path=value`: the value as JSON when it parses, else as a string. */
export function parseAssignment(text: string): { path: Array<string | number>; value: unknown } {
  const equals = text.indexOf('=');
  if (equals <= 0) throw new InvalidChangeError(`'${text}' is not path=value`);
  const raw = text.slice(equals + 1);
  let value: unknown = raw;
  try {
    value = JSON.parse(raw);
  } catch {
    // a plain string
  }
  return { path: parsePath(text.slice(0, equals)), value };
}

const isContainer = (value: unknown): value is Record<string, unknown> | unknown[] => typeof value === 'object' && value !== null;

/** A JSON document stored as a string (Config's supplementary values such as AccessControlList). */
function parsedString(value: unknown): unknown {
  if (typeof value !== 'string' || !/^\s*[[{]/.test(value)) return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

/** Sets (or with `remove`, deletes) the value at `path` in a copy of `root`; creates objects on the way. */
export function setAtPath(root: unknown, path: ReadonlyArray<string | number>, value: unknown, remove = false): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const embedded = parsedString(root);
  if (embedded !== undefined) return JSON.stringify(setAtPath(embedded, path, value, remove));
  const container: Record<string, unknown> | unknown[] = Array.isArray(root) ? [...root] : isContainer(root) ? { ...root } : typeof head === 'number' ? [] : {};
  if (Array.isArray(container) && typeof head !== 'number') throw new InvalidChangeError(`'${head}' indexes a list: use [n]`);
  const current = (container as Record<string | number, unknown>)[head];
  if (remove && rest.length === 0) {
    if (Array.isArray(container)) container.splice(head as number, 1);
    else delete container[head as string];
    return container;
  }
  if (remove && current === undefined) return container;
  (container as Record<string | number, unknown>)[head] = setAtPath(current, rest, value, remove);
  return container;
}

/** What a change does to an item. */
export interface ItemChange {
  set?: ReadonlyArray<{ path: ReadonlyArray<string | number>; value: unknown }>;
  unset?: ReadonlyArray<ReadonlyArray<string | number>>;
  delete?: boolean;
}

/** A capture time after `previous` (Config's times only move forward). */
export function nextCaptureTime(previous: string | undefined, now: Date): string {
  const before = Date.parse(previous ?? '') || 0;
  return new Date(Math.max(now.getTime(), before + 1)).toISOString();
}

/** The next version of an item: the edits applied (or the deletion), captured now. */
export function changedItem(item: StoredConfigurationItem, change: ItemChange, now: Date): StoredConfigurationItem {
  const captureTime = nextCaptureTime(item.configurationItemCaptureTime, now);
  const stateId = String(Date.parse(captureTime));
  if (change.delete) {
    return {
      ...item,
      configurationItemStatus: 'ResourceDeleted',
      configurationItemCaptureTime: captureTime,
      configurationStateId: stateId,
      configuration: null,
      supplementaryConfiguration: {},
      relationships: [],
    };
  }
  let next: Record<string, unknown> = { ...item };
  for (const { path, value } of change.set ?? []) next = setAtPath(next, path, value) as Record<string, unknown>;
  for (const path of change.unset ?? []) next = setAtPath(next, path, undefined, true) as Record<string, unknown>;
  return {
    ...(next as unknown as StoredConfigurationItem),
    configurationItemStatus: isDeletedItem(item) ? 'ResourceDiscovered' : 'OK',
    configurationItemCaptureTime: captureTime,
    configurationStateId: stateId,
  };
}

/** CREATE, UPDATE or DELETE, as `configurationItemDiff.changeType`. */
export function changeTypeOf(previous: StoredConfigurationItem | undefined, item: StoredConfigurationItem): 'CREATE' | 'UPDATE' | 'DELETE' {
  if (isDeletedItem(item)) return 'DELETE';
  return previous === undefined || isDeletedItem(previous) ? 'CREATE' : 'UPDATE';
}

/** Config's `changedProperties`, one level deep into configuration and supplementary configuration. */
function changedProperties(previous: StoredConfigurationItem | undefined, item: StoredConfigurationItem): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  const compare = (prefix: string, before: unknown, after: unknown) => {
    const a = isContainer(before) && !Array.isArray(before) ? before : {};
    const b = isContainer(after) && !Array.isArray(after) ? after : {};
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (JSON.stringify(a[key]) === JSON.stringify(b[key])) continue;
      const changeType = !(key in a) ? 'CREATE' : !(key in b) ? 'DELETE' : 'UPDATE';
      changes[`${prefix}.${key}`] = { ...(key in a && { previousValue: a[key] }), ...(key in b && { updatedValue: b[key] }), changeType };
    }
  };
  compare('Configuration', previous?.configuration, item.configuration);
  compare('SupplementaryConfiguration', previous?.supplementaryConfiguration, item.supplementaryConfiguration);
  return changes;
}

/** The item as Config notifies it (`awsAccountId`, `ARN`, `configuration` as an object). */
function notifiedItem(item: StoredConfigurationItem): Record<string, unknown> {
  return {
    relatedEvents: item.relatedEvents ?? [],
    relationships: item.relationships ?? [],
    configuration: item.configuration ?? null,
    supplementaryConfiguration: item.supplementaryConfiguration ?? {},
    tags: item.tags ?? {},
    ...summary(item),
  };
}

function summary(item: StoredConfigurationItem): Record<string, unknown> {
  return {
    configurationItemVersion: item.version ?? '1.3',
    configurationItemCaptureTime: item.configurationItemCaptureTime,
    configurationStateId: Number(item.configurationStateId ?? Date.parse(item.configurationItemCaptureTime)),
    awsAccountId: item.accountId,
    configurationItemStatus: item.configurationItemStatus,
    resourceType: item.resourceType,
    resourceId: item.resourceId,
    ...(item.resourceName !== undefined && { resourceName: item.resourceName }),
    ...(item.arn !== undefined && { ARN: item.arn }),
    awsRegion: item.awsRegion,
    ...(item.availabilityZone !== undefined && { availabilityZone: item.availabilityZone }),
    configurationStateMd5Hash: '',
    ...(item.resourceCreationTime !== undefined && { resourceCreationTime: item.resourceCreationTime }),
  };
}

/**
 * The PutEvents entry of AWS Config's `Config Configuration Item Change` event for a new version
 * of an item. When the notification would not fit an event, Config sends an
 * OversizedConfigurationItemChangeNotification with a summary, and readers fetch the item.
 */
export function changeEventEntry(previous: StoredConfigurationItem | undefined, item: StoredConfigurationItem, now: Date): PutEventsRequestEntry {
  const changeType = changeTypeOf(previous, item);
  const common = { recordVersion: '1.3', notificationCreationTime: now.toISOString() };
  const entry = (detail: Record<string, unknown>): PutEventsRequestEntry => ({
    Source: 'aws.config',
    DetailType: 'Config Configuration Item Change',
    Resources: item.arn !== undefined ? [item.arn] : [],
    Detail: JSON.stringify(detail),
  });
  const full = entry({
    ...common,
    messageType: 'ConfigurationItemChangeNotification',
    configurationItemDiff: { changedProperties: changedProperties(previous, item), changeType },
    configurationItem: notifiedItem(item),
  });
  if (entrySize(full) <= MAX_REQUEST_BYTES) return full;
  const bucketKey = createHash('sha256').update(`${item.resourceType}/${item.resourceId}/${item.configurationItemCaptureTime}`).digest('hex').slice(0, 16);
  return entry({
    ...common,
    messageType: 'OversizedConfigurationItemChangeNotification',
    configurationItemSummary: { changeType, ...summary(item) },
    s3DeliverySummary: {
      s3BucketLocation: `config-bucket-${item.accountId}/AWSLogs/${item.accountId}/Config/${item.awsRegion}/${bucketKey}.json`,
      errorCode: null,
      errorMessage: null,
    },
  });
}

/**
 * The member collector's `Account Settings Recorded` event for one account and Region of the
 * simulated account (lambdas/compliance/account-settings.ts): its `AWS::::Account` item, recorders
 * and scalable targets, in Config's notification shape, the same event the member stack's collector
 * puts. The account item's capture time is the newest of them, so any change makes the event newer.
 */
export function accountSettingsEntry(items: readonly StoredConfigurationItem[]): PutEventsRequestEntry {
  const live = items.filter((item) => !isDeletedItem(item));
  const account = live.find((item) => item.resourceType === 'AWS::::Account');
  if (account === undefined) throw new InvalidChangeError('The simulated account has no AWS::::Account item for this account and Region');
  const newest = live
    .map((item) => item.configurationItemCaptureTime)
    .sort()
    .at(-1)!;
  const detail: AccountSettingsDetail = {
    configurationItem: notifiedItem({ ...account, configurationItemCaptureTime: newest }),
    configurationRecorders: live.filter((item) => item.resourceType === RECORDER_TYPE).map(notifiedItem),
    scalableTargets: live.filter((item) => item.resourceType === SCALABLE_TARGET_TYPE).map(notifiedItem),
  };
  return { Source: ACCOUNT_SETTINGS_SOURCE, DetailType: ACCOUNT_SETTINGS_DETAIL_TYPE, Resources: [], Detail: JSON.stringify(detail) };
}
