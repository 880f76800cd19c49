import type { ConfigurationItem } from './controls/types';

/**
 * AWS Config's payloads → our {@link ConfigurationItem}. Pure: no SDK, no env.
 *
 * - The `Config Configuration Item Change` event carries the item as AWS Config notifies it
 *   (`awsAccountId`, `ARN`, `configuration` as an object).
 * - `BatchGetAggregateResourceConfig` and `GetResourceConfigHistory` return it as the Config API
 *   does (`accountId`, `arn`, `configuration` as a JSON string, `supplementaryConfiguration`
 *   values as JSON strings).
 */

/** A configuration item could not be mapped (a required field is missing or malformed). */
export class InvalidConfigurationItemError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidConfigurationItemError';
  }
}

/** The fields Config's change notifications carry for any item, full or summarized. */
interface NotifiedItemFields {
  awsAccountId?: unknown;
  awsRegion?: unknown;
  resourceType?: unknown;
  resourceId?: unknown;
  resourceName?: unknown;
  ARN?: unknown;
  configurationItemStatus?: unknown;
  configurationItemCaptureTime?: unknown;
}

/** `detail.configurationItem` of a ConfigurationItemChangeNotification (the fields we read). */
export interface NotifiedConfigurationItem extends NotifiedItemFields {
  configuration?: unknown;
  supplementaryConfiguration?: unknown;
  tags?: unknown;
}

/** `detail.configurationItemSummary` of an OversizedConfigurationItemChangeNotification. */
export interface ConfigurationItemSummary extends NotifiedItemFields {
  changeType?: unknown;
}

/** An item as the Config API returns it (BaseConfigurationItem / ConfigurationItem of the SDK). */
export interface ApiConfigurationItem {
  accountId?: string;
  awsRegion?: string;
  resourceType?: string;
  resourceId?: string;
  resourceName?: string;
  arn?: string;
  configurationItemStatus?: string;
  configurationItemCaptureTime?: Date | string;
  configuration?: string;
  supplementaryConfiguration?: Record<string, string>;
  tags?: Record<string, string>;
}

/** Who a configuration item is: enough to fetch it and to name its control findings. */
export interface ResourceKey {
  accountId: string;
  awsRegion: string;
  resourceType: string;
  resourceId: string;
}

const STATUSES = new Set(['OK', 'ResourceDiscovered', 'ResourceDeleted', 'ResourceNotRecorded', 'ResourceDeletedNotRecorded']);
const DELETED = new Set(['ResourceDeleted', 'ResourceDeletedNotRecorded']);

function requiredText(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new InvalidConfigurationItemError(`${field}: must be a non-empty string`);
  return value;
}

function optionalText(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function accountId(value: unknown, field: string): string {
  const text = typeof value === 'number' ? String(value).padStart(12, '0') : requiredText(value, field);
  if (!/^\d{12}$/.test(text)) throw new InvalidConfigurationItemError(`${field}: must be a 12-digit account id, got ${JSON.stringify(text)}`);
  return text;
}

/**
 * A Region, or `global`: AWS Config records global resources (IAM users, roles, groups, policies)
 * with `awsRegion` "global" (see `findingPlace` in evaluate.ts for where their findings live).
 */
function region(value: unknown, field: string): string {
  const text = requiredText(value, field);
  if (text === 'global') return text;
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(text)) throw new InvalidConfigurationItemError(`${field}: not a Region or "global": ${JSON.stringify(text)}`);
  return text;
}

/** A JSON document the Config API may deliver as a string (configuration, supplementary values). */
function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function tags(value: unknown): Record<string, string> | undefined {
  if (!isRecord(value)) return undefined;
  const entries = Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

function supplementary(value: unknown): Record<string, unknown> | undefined {
  if (!isRecord(value)) return undefined;
  return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, parseJson(entry)]));
}

function status(value: unknown): ConfigurationItem['configurationItemStatus'] {
  return typeof value === 'string' && STATUSES.has(value) ? (value as ConfigurationItem['configurationItemStatus']) : undefined;
}

function captureTime(value: unknown): string | undefined {
  if (value instanceof Date) return value.toISOString();
  return optionalText(value);
}

function build(
  fields: { accountId: string; awsRegion: string; resourceType: string; resourceId: string },
  rest: { resourceName?: unknown; arn?: unknown; status?: unknown; captureTime?: unknown; configuration?: unknown; supplementary?: unknown; tags?: unknown },
): ConfigurationItem {
  const configuration = parseJson(rest.configuration);
  const item: ConfigurationItem = { ...fields, configuration: isRecord(configuration) ? configuration : null };
  const resourceName = optionalText(rest.resourceName);
  if (resourceName) item.resourceName = resourceName;
  const arn = optionalText(rest.arn);
  if (arn) item.arn = arn;
  const itemStatus = status(rest.status);
  if (itemStatus) item.configurationItemStatus = itemStatus;
  const time = captureTime(rest.captureTime);
  if (time) item.configurationItemCaptureTime = time;
  const extra = supplementary(rest.supplementary);
  if (extra) item.supplementaryConfiguration = extra;
  const itemTags = tags(rest.tags);
  if (itemTags) item.tags = itemTags;
  return item;
}

/** The item of a ConfigurationItemChangeNotification (`detail.configurationItem`). */
export function fromNotification(ci: NotifiedConfigurationItem): ConfigurationItem {
  if (!isRecord(ci)) throw new InvalidConfigurationItemError('detail.configurationItem: must be an object');
  return build(
    {
      accountId: accountId(ci.awsAccountId, 'detail.configurationItem.awsAccountId'),
      awsRegion: region(ci.awsRegion, 'detail.configurationItem.awsRegion'),
      resourceType: requiredText(ci.resourceType, 'detail.configurationItem.resourceType'),
      resourceId: requiredText(ci.resourceId, 'detail.configurationItem.resourceId'),
    },
    {
      resourceName: ci.resourceName,
      arn: ci.ARN,
      status: ci.configurationItemStatus,
      captureTime: ci.configurationItemCaptureTime,
      configuration: ci.configuration,
      supplementary: ci.supplementaryConfiguration,
      tags: ci.tags,
    },
  );
}

/** The resource an OversizedConfigurationItemChangeNotification summarizes. */
export function summaryKey(summary: ConfigurationItemSummary): ResourceKey & { capturedAt?: string; deleted: boolean } {
  if (!isRecord(summary)) throw new InvalidConfigurationItemError('detail.configurationItemSummary: must be an object');
  return {
    accountId: accountId(summary.awsAccountId, 'detail.configurationItemSummary.awsAccountId'),
    awsRegion: region(summary.awsRegion, 'detail.configurationItemSummary.awsRegion'),
    resourceType: requiredText(summary.resourceType, 'detail.configurationItemSummary.resourceType'),
    resourceId: requiredText(summary.resourceId, 'detail.configurationItemSummary.resourceId'),
    capturedAt: optionalText(summary.configurationItemCaptureTime),
    deleted: typeof summary.configurationItemStatus === 'string' && DELETED.has(summary.configurationItemStatus),
  };
}

/** An item the Config API returned (BatchGetAggregateResourceConfig, GetResourceConfigHistory). */
export function fromApiItem(ci: ApiConfigurationItem): ConfigurationItem {
  return build(
    {
      accountId: accountId(ci.accountId, 'accountId'),
      awsRegion: region(ci.awsRegion, 'awsRegion'),
      resourceType: requiredText(ci.resourceType, 'resourceType'),
      resourceId: requiredText(ci.resourceId, 'resourceId'),
    },
    {
      resourceName: ci.resourceName,
      arn: ci.arn,
      status: ci.configurationItemStatus,
      captureTime: ci.configurationItemCaptureTime,
      configuration: ci.configuration,
      supplementary: ci.supplementaryConfiguration,
      tags: ci.tags,
    },
  );
}

/** Whether an item records a deleted resource. */
export function isDeleted(item: Pick<ConfigurationItem, 'configurationItemStatus'>): boolean {
  return item.configurationItemStatus !== undefined && DELETED.has(item.configurationItemStatus);
}

/** Where configuration items come from (the Config aggregator, or a fake in tests). */
export interface ConfigItemsSource {
  /** One page of the resources of a type, optionally in one account and Region. */
  listResources(resourceType: string, scope: { accountId?: string; awsRegion?: string }, nextToken?: string): Promise<{ keys: ResourceKey[]; nextToken?: string }>;
  /** One page of the account/Region pairs the aggregator collects from. */
  listAccountRegions(nextToken?: string): Promise<{ sources: Array<{ accountId: string; awsRegion: string }>; nextToken?: string }>;
  /** The current items of up to 100 resources; resources Config no longer has are left out. */
  getItems(keys: ResourceKey[]): Promise<ConfigurationItem[]>;
}

/** Every resource of a type in one account and Region (all pages). */
export async function listAll(source: ConfigItemsSource, resourceType: string, scope: { accountId?: string; awsRegion?: string }): Promise<ResourceKey[]> {
  const keys: ResourceKey[] = [];
  let nextToken: string | undefined;
  do {
    const page = await source.listResources(resourceType, scope, nextToken);
    keys.push(...page.keys);
    nextToken = page.nextToken;
  } while (nextToken);
  return keys;
}

/** The items of any number of resources, 100 per call. */
export async function getAll(source: ConfigItemsSource, keys: ResourceKey[]): Promise<ConfigurationItem[]> {
  const items: ConfigurationItem[] = [];
  for (let start = 0; start < keys.length; start += 100) items.push(...(await source.getItems(keys.slice(start, start + 100))));
  return items;
}

/**
 * The related items of one account and Region for the given types, as a lookup by type (list,
 * then batch-get). `overrides` replace the fetched copy of the same resource (the item a change
 * event just delivered is newer than the aggregator's).
 */
export async function fetchRelated(
  source: ConfigItemsSource,
  accountId: string,
  awsRegion: string,
  types: readonly string[],
  overrides: readonly ConfigurationItem[] = [],
): Promise<(resourceType: string) => ConfigurationItem[]> {
  const byType = new Map<string, ConfigurationItem[]>();
  for (const type of new Set(types)) {
    const keys = await listAll(source, type, { accountId, awsRegion });
    byType.set(type, await getAll(source, keys));
  }
  for (const item of overrides) {
    if (!byType.has(item.resourceType) || item.accountId !== accountId || item.awsRegion !== awsRegion) continue;
    const others = byType.get(item.resourceType)!.filter((other) => other.resourceId !== item.resourceId);
    byType.set(item.resourceType, isDeleted(item) ? others : [...others, item]);
  }
  return (resourceType) => byType.get(resourceType) ?? [];
}
