/**
 * AWS Config's API over the simulated account's recorded items, as the compliance functions call
 * it (AWS JSON 1.1, `X-Amz-Target: StarlingDoveService.<Operation>`): the aggregator operations
 * (ListAggregateDiscoveredResources, BatchGetAggregateResourceConfig,
 * DescribeConfigurationAggregatorSourcesStatus) on one aggregator that spans every recorded
 * account and Region, and the own-account operations (GetResourceConfigHistory,
 * ListDiscoveredResources) on the items of the account the embedded default pretends to be.
 * Member names, limits and error codes are Config's.
 */
import { ResourceType } from '@aws-sdk/client-config-service';
import { createHash } from 'node:crypto';
import { isDeletedItem, type ConfigItemStore, type StoredConfigurationItem } from './config-store';
import { JsonServiceError, type JsonOperations } from './engine';
import { RECORDED_SETTINGS_TYPES } from '../../lambdas/compliance';

/** The X-Amz-Target prefix of AWS Config. */
export const CONFIG_TARGET_PREFIX = 'StarlingDoveService';

/**
 * Types the simulated account records but the Config API refuses, as AWS's does (ValidationException):
 * the account settings item, the recorders (Config.1) and DynamoDB's scalable targets (DynamoDB.1).
 * The simulated account delivers them as the member stack's collector does, in an `Account Settings
 * Recorded` event (config-service.ts), and the compliance functions read them from the stored settings.
 */
export const COLLECTOR_RECORDED_TYPES: readonly string[] = RECORDED_SETTINGS_TYPES;

const KNOWN_TYPES = new Set<string>(Object.values(ResourceType).filter((type) => !COLLECTOR_RECORDED_TYPES.includes(type)));

/** Options of {@link configOperations}. */
export interface ConfigApiOptions {
  store: ConfigItemStore;
  /** The aggregator's name (the stack's `CONFIG_AGGREGATOR_NAME`). */
  aggregatorName: string;
  /** The caller's own account (GetResourceConfigHistory, ListDiscoveredResources). */
  account: string;
  region: string;
  /** Signs page tokens, so a token cannot be forged or replayed with other filters. */
  tokenSecret?: string;
}

function validation(member: string, value: string, constraint: string): JsonServiceError {
  return new JsonServiceError('ValidationException', `1 validation error detected: Value ${value} at '${member}' failed to satisfy constraint: ${constraint}`);
}

function optionalString(input: Record<string, unknown>, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new JsonServiceError('SerializationException', `${name} must be a string`);
  return value;
}

function requiredString(input: Record<string, unknown>, name: string): string {
  const value = optionalString(input, name);
  if (value === undefined || value === '') throw validation(name, 'null', 'Member must not be null');
  return value;
}

/** Config's limits: 0 or absent means the default; above the maximum is an InvalidLimitException. */
function limitOf(input: Record<string, unknown>, name: string, max: number, fallback: number): number {
  const value = input[name];
  if (value === undefined || value === null || value === 0) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new JsonServiceError('SerializationException', `${name} must be an integer`);
  if (value > max)
    throw new JsonServiceError('InvalidLimitException', `Value '${value}' at '${name}' failed to satisfy constraint: Member must have value less than or equal to ${max}`);
  return value;
}

function resourceTypeOf(input: Record<string, unknown>, name: string, store: ConfigItemStore): string {
  const type = requiredString(input, name);
  const recordedOnlyHere = !COLLECTOR_RECORDED_TYPES.includes(type) && store.latest().some((item) => item.resourceType === type);
  if (!KNOWN_TYPES.has(type) && !recordedOnlyHere) {
    throw validation(name, `'${type}'`, 'Member must satisfy enum value set: [AWS::EC2::CustomerGateway, AWS::EC2::EIP, …]');
  }
  return type;
}

/** Epoch seconds, as the JSON protocols carry timestamps. */
function epochSeconds(time: string | undefined): number | undefined {
  if (time === undefined) return undefined;
  const ms = Date.parse(time);
  return Number.isNaN(ms) ? undefined : ms / 1000;
}

/** A JSON document as the Config API returns it: a JSON string (strings are already one). */
function asJsonString(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value ?? null);
}

/** The `BaseConfigurationItem` of BatchGetAggregateResourceConfig (no tags, relationships or events). */
export function toBaseConfigurationItem(item: StoredConfigurationItem): Record<string, unknown> {
  const supplementary = Object.fromEntries(Object.entries(item.supplementaryConfiguration ?? {}).map(([key, value]) => [key, asJsonString(value)]));
  return {
    version: item.version ?? '1.3',
    accountId: item.accountId,
    configurationItemCaptureTime: epochSeconds(item.configurationItemCaptureTime),
    configurationItemStatus: item.configurationItemStatus,
    ...(item.configurationStateId !== undefined && { configurationStateId: item.configurationStateId }),
    ...(item.arn !== undefined && { arn: item.arn }),
    resourceType: item.resourceType,
    resourceId: item.resourceId,
    ...(item.resourceName !== undefined && { resourceName: item.resourceName }),
    awsRegion: item.awsRegion,
    ...(item.availabilityZone !== undefined && { availabilityZone: item.availabilityZone }),
    ...(item.resourceCreationTime !== undefined && { resourceCreationTime: epochSeconds(item.resourceCreationTime) }),
    configuration: asJsonString(item.configuration),
    supplementaryConfiguration: supplementary,
  };
}

/** The `ConfigurationItem` of GetResourceConfigHistory (the base item plus tags, relationships, events). */
export function toConfigurationItem(item: StoredConfigurationItem): Record<string, unknown> {
  const hash = createHash('md5')
    .update(JSON.stringify(item.configuration ?? null))
    .digest('hex');
  return {
    ...toBaseConfigurationItem(item),
    configurationItemMD5Hash: hash,
    tags: item.tags ?? {},
    relatedEvents: item.relatedEvents ?? [],
    relationships: item.relationships ?? [],
  };
}

/** Page tokens: the last key served, bound (by an HMAC) to the operation and its filters. */
function pageTokens(secret: string) {
  const mac = (payload: string) => createHash('sha256').update(`${secret}\u0000${payload}`).digest('base64url').slice(0, 22);
  return {
    issue(scope: string, lastKey: string): string {
      const payload = Buffer.from(JSON.stringify({ s: scope, k: lastKey })).toString('base64url');
      return `${payload}.${mac(payload)}`;
    },
    /** The last key of a token issued for `scope`, or an InvalidNextTokenException. */
    read(scope: string, token: string | undefined): string | undefined {
      if (token === undefined || token === '') return undefined;
      const [payload, signature] = token.split('.');
      const invalid = new JsonServiceError('InvalidNextTokenException', 'The nextToken provided is invalid');
      if (!payload || signature !== mac(payload)) throw invalid;
      const { s, k } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { s?: string; k?: string };
      if (s !== scope || typeof k !== 'string') throw invalid;
      return k;
    },
  };
}

/** One page of `all` (sorted by `keyOf`) after the token's key. */
function page<T>(
  all: readonly T[],
  keyOf: (value: T) => string,
  limit: number,
  tokens: ReturnType<typeof pageTokens>,
  scope: string,
  token: string | undefined,
): { items: T[]; nextToken?: string } {
  const after = tokens.read(scope, token);
  const rest = after === undefined ? [...all] : all.filter((value) => keyOf(value) > after);
  const items = rest.slice(0, limit);
  return rest.length > limit ? { items, nextToken: tokens.issue(scope, keyOf(items[items.length - 1])) } : { items };
}

const sortKey = (item: Pick<StoredConfigurationItem, 'accountId' | 'awsRegion' | 'resourceId'>) => `${item.accountId}/${item.awsRegion}/${item.resourceId}`;

/** The Config operations (exported for tests; the edge service serves them). */
export function configOperations(options: ConfigApiOptions): JsonOperations {
  const { store, aggregatorName, account } = options;
  const tokens = pageTokens(options.tokenSecret ?? createHash('sha256').update(`${process.pid}:${Date.now()}:${Math.random()}`).digest('hex'));

  const aggregator = (input: Record<string, unknown>): void => {
    const name = requiredString(input, 'ConfigurationAggregatorName');
    if (name !== aggregatorName) {
      throw new JsonServiceError('NoSuchConfigurationAggregatorException', `The configuration aggregator does not exist. Check the configuration aggregator name and try again.`);
    }
  };
  /** What the aggregator has: the latest item of each resource that is not deleted. */
  const current = () => store.latest().filter((item) => !isDeletedItem(item));

  return {
    async ListAggregateDiscoveredResources(input) {
      aggregator(input);
      const resourceType = resourceTypeOf(input, 'ResourceType', store);
      const filters = (input.Filters ?? {}) as Record<string, unknown>;
      const accountId = optionalString(filters, 'AccountId');
      const awsRegion = optionalString(filters, 'Region');
      const resourceId = optionalString(filters, 'ResourceId');
      const resourceName = optionalString(filters, 'ResourceName');
      const limit = limitOf(input, 'Limit', 100, 100);
      const matching = current()
        .filter(
          (item) =>
            item.resourceType === resourceType &&
            (accountId === undefined || item.accountId === accountId) &&
            (awsRegion === undefined || item.awsRegion === awsRegion) &&
            (resourceId === undefined || item.resourceId === resourceId) &&
            (resourceName === undefined || item.resourceName === resourceName),
        )
        .sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1));
      const scope = JSON.stringify(['ListAggregateDiscoveredResources', aggregatorName, resourceType, accountId, awsRegion, resourceId, resourceName]);
      const { items, nextToken } = page(matching, sortKey, limit, tokens, scope, optionalString(input, 'NextToken'));
      return {
        ResourceIdentifiers: items.map((item) => ({
          SourceAccountId: item.accountId,
          SourceRegion: item.awsRegion,
          ResourceId: item.resourceId,
          ResourceType: item.resourceType,
          ...(item.resourceName !== undefined && { ResourceName: item.resourceName }),
        })),
        ...(nextToken !== undefined && { NextToken: nextToken }),
      };
    },

    async BatchGetAggregateResourceConfig(input) {
      aggregator(input);
      const identifiers = input.ResourceIdentifiers;
      if (!Array.isArray(identifiers)) throw validation('resourceIdentifiers', 'null', 'Member must not be null');
      if (identifiers.length < 1 || identifiers.length > 100) {
        throw validation('resourceIdentifiers', `'[${identifiers.length} identifiers]'`, 'Member must have length less than or equal to 100 and greater than or equal to 1');
      }
      const items: Record<string, unknown>[] = [];
      identifiers.forEach((identifier: unknown, index) => {
        const member = (identifier ?? {}) as Record<string, unknown>;
        const where = `resourceIdentifiers.${index + 1}.member`;
        for (const field of ['SourceAccountId', 'SourceRegion', 'ResourceId', 'ResourceType']) {
          if (typeof member[field] !== 'string' || member[field] === '') throw validation(`${where}.${field[0].toLowerCase()}${field.slice(1)}`, 'null', 'Member must not be null');
        }
        resourceTypeOf(member, 'ResourceType', store);
        const item = store.get({
          accountId: member.SourceAccountId as string,
          awsRegion: member.SourceRegion as string,
          resourceType: member.ResourceType as string,
          resourceId: member.ResourceId as string,
        });
        // As Config: a resource the aggregator does not have (or no longer has) is left out.
        if (item !== undefined && !isDeletedItem(item)) items.push(toBaseConfigurationItem(item));
      });
      return { BaseConfigurationItems: items, UnprocessedResourceIdentifiers: [] };
    },

    async DescribeConfigurationAggregatorSourcesStatus(input) {
      aggregator(input);
      const limit = limitOf(input, 'Limit', 100, 100);
      const wanted = Array.isArray(input.UpdateStatus) ? (input.UpdateStatus as string[]) : [];
      const sources = new Map<string, { accountId: string; awsRegion: string; updated: number }>();
      for (const item of store.latest()) {
        const key = `${item.accountId}/${item.awsRegion}`;
        const updated = Date.parse(item.configurationItemCaptureTime) || 0;
        const known = sources.get(key);
        if (known === undefined || known.updated < updated) sources.set(key, { accountId: item.accountId, awsRegion: item.awsRegion, updated });
      }
      // Every source of the simulation succeeds; a filter for another status matches none.
      const all = wanted.length > 0 && !wanted.includes('SUCCEEDED') ? [] : [...sources.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
      const scope = JSON.stringify(['DescribeConfigurationAggregatorSourcesStatus', aggregatorName, wanted]);
      const { items, nextToken } = page(all, ([key]) => key, limit, tokens, scope, optionalString(input, 'NextToken'));
      return {
        AggregatedSourceStatusList: items.map(([, source]) => ({
          SourceId: source.accountId,
          SourceType: 'ACCOUNT',
          AwsRegion: source.awsRegion,
          LastUpdateStatus: 'SUCCEEDED',
          LastUpdateTime: source.updated / 1000,
        })),
        ...(nextToken !== undefined && { NextToken: nextToken }),
      };
    },

    async GetResourceConfigHistory(input) {
      const resourceType = resourceTypeOf(input, 'resourceType', store);
      const resourceId = requiredString(input, 'resourceId');
      const limit = limitOf(input, 'limit', 100, 10);
      const later = typeof input.laterTime === 'number' ? input.laterTime * 1000 : Number.POSITIVE_INFINITY;
      const earlier = typeof input.earlierTime === 'number' ? input.earlierTime * 1000 : Number.NEGATIVE_INFINITY;
      if (later < earlier)
        throw new JsonServiceError('InvalidTimeRangeException', 'The specified time range is not valid. The earlier time is not chronologically before the later time.');
      const versions = store.history({ accountId: account, awsRegion: options.region, resourceType, resourceId });
      if (versions.length === 0) {
        throw new JsonServiceError('ResourceNotDiscoveredException', `Resource ${resourceId} of resourceType:${resourceType} is unknown or has not been discovered`);
      }
      const inRange = versions.filter((item) => {
        const time = Date.parse(item.configurationItemCaptureTime);
        return time <= later && time >= earlier;
      });
      const ordered = input.chronologicalOrder === 'Forward' ? inRange.reverse() : inRange;
      const keyed = ordered.map((item, index) => ({ item, key: String(index).padStart(6, '0') }));
      const scope = JSON.stringify(['GetResourceConfigHistory', resourceType, resourceId, input.laterTime, input.earlierTime, input.chronologicalOrder]);
      const { items, nextToken } = page(keyed, ({ key }) => key, limit, tokens, scope, optionalString(input, 'nextToken'));
      return { configurationItems: items.map(({ item }) => toConfigurationItem(item)), ...(nextToken !== undefined && { nextToken }) };
    },

    async ListDiscoveredResources(input) {
      const resourceType = resourceTypeOf(input, 'resourceType', store);
      const ids = Array.isArray(input.resourceIds) ? (input.resourceIds as string[]) : undefined;
      const name = optionalString(input, 'resourceName');
      if (ids !== undefined && name !== undefined) {
        throw new JsonServiceError('ValidationException', 'You cannot specify both resourceIds and resourceName in the same request.');
      }
      const limit = limitOf(input, 'limit', 100, 100);
      const withDeleted = input.includeDeletedResources === true;
      const matching = store
        .latest()
        .filter(
          (item) =>
            item.accountId === account &&
            item.awsRegion === options.region &&
            item.resourceType === resourceType &&
            (withDeleted || !isDeletedItem(item)) &&
            (ids === undefined || ids.includes(item.resourceId)) &&
            (name === undefined || item.resourceName === name),
        )
        .sort((a, b) => (a.resourceId < b.resourceId ? -1 : 1));
      const scope = JSON.stringify(['ListDiscoveredResources', resourceType, ids, name, withDeleted]);
      const { items, nextToken } = page(matching, (item) => item.resourceId, limit, tokens, scope, optionalString(input, 'nextToken'));
      return {
        resourceIdentifiers: items.map((item) => ({
          resourceType: item.resourceType,
          resourceId: item.resourceId,
          ...(item.resourceName !== undefined && { resourceName: item.resourceName }),
          ...(isDeletedItem(item) && { resourceDeletionTime: epochSeconds(item.configurationItemCaptureTime) }),
        })),
        ...(nextToken !== undefined && { nextToken }),
      };
    },
  };
}
