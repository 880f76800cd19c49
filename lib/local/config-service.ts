/**
 * AWS Config on the embedded default's edge, over the simulated member account:
 *
 * - `X-Amz-Target: StarlingDoveService.*` (AWS JSON 1.1): the Config API calls the compliance
 *   functions make (see config-api.ts), so `@aws-sdk/client-config-service` and
 *   `aws configservice --endpoint-url` work against it;
 * - our own paths, for `sechub simulate-change`, tests and remediation playbooks:
 *   `GET /_sechub/config/resources[?resourceType=&accountId=&awsRegion=]` lists the recorded items,
 *   `POST /_sechub/config/resources` records an item (created or replaced),
 *   `POST /_sechub/config/simulate-change` edits one (`Set` path=value, `Unset` path, or `Delete`).
 *   Each recorded change puts AWS Config's `Config Configuration Item Change` event on the default
 *   bus, where the stack's own rules route it (to the change evaluator) — except for the account
 *   settings, recorders and scalable targets, which AWS Config does not record: a change of those
 *   puts the member collector's `Account Settings Recorded` event for the account and Region, as
 *   {@link publishAccountSettings} does for every account and Region at start.
 */
import { join } from 'node:path';
import { configOperations, CONFIG_TARGET_PREFIX } from './config-api';
import { RECORDED_SETTINGS_TYPES } from '../../lambdas/compliance';
import { accountSettingsEntry, changedItem, changeEventEntry, changeTypeOf, InvalidChangeError, parseAssignment, parsePath, type ItemChange } from './config-changes';
import { checkItem, ConfigItemStore, InvalidSeedItemError, isDeletedItem, readSeed, SIMULATED_ACCOUNT_DIR, type StoredConfigurationItem } from './config-store';
import type { EdgeRequest, EdgeResponse, EdgeService } from './engine';
import type { LocalEventBus } from './engine';
import { JsonServiceError, parseJsonBody, serveJson } from './engine';
import type { StackModel } from './engine';

/** Our paths on the edge. */
export const CONFIG_PATHS = { resources: '/_sechub/config/resources', simulateChange: '/_sechub/config/simulate-change' } as const;

/** The aggregator name when no function of the stack names one (the Compliance construct's default). */
export const DEFAULT_AGGREGATOR_NAME = 'open-security-hub';

/** The aggregator the stack's functions read (`CONFIG_AGGREGATOR_NAME` of their environment). */
export function aggregatorNameOf(model: Pick<StackModel, 'functions'>): string {
  for (const fn of Object.values(model.functions)) {
    const name = fn.environment.CONFIG_AGGREGATOR_NAME;
    if (name) return name;
  }
  return DEFAULT_AGGREGATOR_NAME;
}

/** Where the simulated account's items persist under a data dir. */
export function configItemsFile(dataDir: string): string {
  return join(dataDir, 'config', 'configuration-items.json');
}

/** The simulated AWS Config: its items, aggregator name and the account it answers as. */
export interface LocalConfig {
  store: ConfigItemStore;
  aggregatorName: string;
  /** The account and Region of the embedded default (GetResourceConfigHistory's "own account"). */
  account: string;
  region: string;
}

/** Opens the simulated account under `dataDir` (seeded from `seedDir` on first start). */
export async function openLocalConfig(options: {
  dataDir?: string;
  model: Pick<StackModel, 'functions'>;
  account: string;
  region: string;
  seedDir?: string;
}): Promise<LocalConfig> {
  const store = await ConfigItemStore.open({
    file: options.dataDir === undefined ? undefined : configItemsFile(options.dataDir),
    seed: () => readSeed(options.seedDir ?? SIMULATED_ACCOUNT_DIR),
  });
  return { store, aggregatorName: aggregatorNameOf(options.model), account: options.account, region: options.region };
}

/** An error of our own paths, in the restJson1 shape clients (and `sechub`) read. */
class ConfigPathError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly statusCode = 400,
  ) {
    super(message);
  }
}

function jsonAnswer(statusCode: number, body: unknown, headers: Record<string, string> = {}): EdgeResponse {
  return { statusCode, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

function text(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new ConfigPathError('InvalidInputException', `${name} must be a string`);
  return value;
}

function strings(value: unknown, name: string): string[] {
  if (value === undefined || value === null) return [];
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.some((entry) => typeof entry !== 'string')) throw new ConfigPathError('InvalidInputException', `${name} must be a list of strings`);
  return list as string[];
}

/** What a recorded change answers. */
export interface RecordedChange {
  ConfigurationItem: StoredConfigurationItem;
  ChangeType: 'CREATE' | 'UPDATE' | 'DELETE';
  MessageType: string;
  EventId?: string;
}

/** The simulated items the member collector would report for one account and Region. */
function settingsOf(config: LocalConfig, accountId: string, awsRegion: string): StoredConfigurationItem[] {
  return config.store.latest().filter((item) => RECORDED_SETTINGS_TYPES.includes(item.resourceType) && item.accountId === accountId && item.awsRegion === awsRegion);
}

/**
 * What the member stack's collector does, for the simulated account: puts ONE `Account Settings
 * Recorded` event per account and Region with an `AWS::::Account` item on the default bus (the
 * embedded default calls it at start; the admin side ignores settings that are not newer).
 */
export function publishAccountSettings(config: LocalConfig, bus: Pick<LocalEventBus, 'putEvents'>): number {
  const places = new Map<string, StoredConfigurationItem>();
  for (const item of config.store.latest()) if (item.resourceType === 'AWS::::Account' && !isDeletedItem(item)) places.set(`${item.accountId}|${item.awsRegion}`, item);
  const entries = [...places.values()].map((account) => accountSettingsEntry(settingsOf(config, account.accountId, account.awsRegion)));
  for (let start = 0; start < entries.length; start += 10) {
    const result = bus.putEvents({ Entries: entries.slice(start, start + 10) });
    const failed = result.Entries.find((answer) => answer.ErrorCode !== undefined);
    if (failed) throw new Error(`PutEvents refused the account settings event: ${failed.ErrorCode}: ${failed.ErrorMessage}`);
  }
  return entries.length;
}

/** Records a new version and puts Config's change event (or the collector's settings event) on the default bus. */
async function recordAndNotify(
  config: LocalConfig,
  bus: Pick<LocalEventBus, 'putEvents'>,
  previous: StoredConfigurationItem | undefined,
  item: StoredConfigurationItem,
): Promise<RecordedChange> {
  await config.store.record(item);
  const entry = RECORDED_SETTINGS_TYPES.includes(item.resourceType)
    ? accountSettingsEntry(settingsOf(config, item.accountId, item.awsRegion))
    : changeEventEntry(previous, item, new Date());
  const result = bus.putEvents({ Entries: [entry] });
  const [answer] = result.Entries;
  if (answer.ErrorCode !== undefined) throw new Error(`PutEvents refused the change event: ${answer.ErrorCode}: ${answer.ErrorMessage}`);
  return {
    ConfigurationItem: item,
    ChangeType: changeTypeOf(previous, item),
    MessageType: (JSON.parse(entry.Detail!) as { messageType?: string }).messageType ?? entry.DetailType!,
    EventId: answer.EventId,
  };
}

/**
 * Records the next version of a resource after `change` and notifies exactly as `simulate-change`
 * does (Config's change event, or the collector's settings event): the member-account emulation's
 * write path (lib/local/member-account/).
 */
export function recordChange(config: LocalConfig, bus: Pick<LocalEventBus, 'putEvents'>, previous: StoredConfigurationItem, change: ItemChange): Promise<RecordedChange> {
  return recordAndNotify(config, bus, previous, changedItem(previous, change, new Date()));
}

/** Our `simulate-change`: edits the latest item of one resource (found by type and id). */
export async function simulateChange(config: LocalConfig, bus: Pick<LocalEventBus, 'putEvents'>, input: Record<string, unknown>): Promise<RecordedChange> {
  const resourceType = text(input.ResourceType, 'ResourceType');
  const resourceId = text(input.ResourceId, 'ResourceId');
  if (resourceType === undefined || resourceId === undefined) throw new ConfigPathError('InvalidInputException', 'ResourceType and ResourceId are required');
  const accountId = text(input.AccountId, 'AccountId');
  const awsRegion = text(input.AwsRegion, 'AwsRegion');
  const remove = input.Delete === true || input.Delete === 'true';
  const candidates = config.store
    .find(resourceType, resourceId)
    .filter((item) => (accountId === undefined || item.accountId === accountId) && (awsRegion === undefined || item.awsRegion === awsRegion));
  if (candidates.length === 0) {
    throw new ConfigPathError('ResourceNotDiscoveredException', `Resource ${resourceId} of resourceType:${resourceType} is unknown or has not been discovered`, 404);
  }
  if (candidates.length > 1) {
    const where = candidates.map((item) => `${item.accountId}/${item.awsRegion}`).join(', ');
    throw new ConfigPathError('InvalidInputException', `${resourceType} ${resourceId} is recorded in ${where}: give AccountId and AwsRegion`);
  }
  const [previous] = candidates;
  if (remove && isDeletedItem(previous)) throw new ConfigPathError('InvalidInputException', `${resourceType} ${resourceId} is already deleted`);
  let change: ItemChange;
  try {
    change = {
      set: strings(input.Set, 'Set').map(parseAssignment),
      unset: strings(input.Unset, 'Unset').map(parsePath),
      delete: remove,
    };
  } catch (error) {
    if (error instanceof InvalidChangeError) throw new ConfigPathError('InvalidInputException', error.message);
    throw error;
  }
  if (!remove && change.set!.length === 0 && change.unset!.length === 0) {
    throw new ConfigPathError('InvalidInputException', 'Nothing to change: give Set (path=value), Unset (path) or Delete');
  }
  return recordAndNotify(config, bus, previous, changedItem(previous, change, new Date()));
}

/** Our `POST /_sechub/config/resources`: records a whole item (new resource, or a replacement). */
export async function putResource(config: LocalConfig, bus: Pick<LocalEventBus, 'putEvents'>, body: Record<string, unknown>): Promise<RecordedChange> {
  let posted: StoredConfigurationItem;
  try {
    posted = checkItem(body.ConfigurationItem ?? body, 'ConfigurationItem');
  } catch (error) {
    if (error instanceof InvalidSeedItemError) throw new ConfigPathError('InvalidInputException', error.message);
    throw error;
  }
  const previous = config.store.get(posted);
  const next = changedItem({ ...posted, configurationItemCaptureTime: previous?.configurationItemCaptureTime ?? posted.configurationItemCaptureTime }, {}, new Date());
  return recordAndNotify(config, bus, previous, {
    ...next,
    configurationItemStatus: previous === undefined || isDeletedItem(previous) ? 'ResourceDiscovered' : 'OK',
  });
}

function listResources(config: LocalConfig, query: URLSearchParams): { ConfigurationItems: StoredConfigurationItem[] } {
  const type = query.get('resourceType');
  const account = query.get('accountId');
  const region = query.get('awsRegion');
  const withDeleted = query.get('includeDeleted') === 'true';
  return {
    ConfigurationItems: config.store
      .latest()
      .filter(
        (item) =>
          (type === null || item.resourceType === type) &&
          (account === null || item.accountId === account) &&
          (region === null || item.awsRegion === region) &&
          (withDeleted || !isDeletedItem(item)),
      ),
  };
}

async function servePaths(config: LocalConfig, bus: Pick<LocalEventBus, 'putEvents'>, request: EdgeRequest): Promise<EdgeResponse> {
  try {
    if (request.path === CONFIG_PATHS.resources && request.method === 'GET') return jsonAnswer(200, listResources(config, request.query));
    if (request.method !== 'POST') throw new ConfigPathError('MethodNotAllowedException', `${request.method} ${request.path} is not supported`, 405);
    let body: Record<string, unknown>;
    try {
      body = parseJsonBody(request, 'InvalidInputException');
    } catch (error) {
      throw error instanceof JsonServiceError ? new ConfigPathError(error.type, error.message) : error;
    }
    if (request.path === CONFIG_PATHS.resources) return jsonAnswer(200, await putResource(config, bus, body));
    if (request.path === CONFIG_PATHS.simulateChange) return jsonAnswer(200, await simulateChange(config, bus, body));
    throw new ConfigPathError('UnknownOperationException', `No local service serves ${request.method} ${request.path}`, 404);
  } catch (error) {
    if (!(error instanceof ConfigPathError)) throw error;
    return jsonAnswer(error.statusCode, { __type: error.type, message: error.message }, { 'x-amzn-ErrorType': error.type });
  }
}

/** The edge service: `StarlingDoveService.*` targets and `/_sechub/config/*` paths. */
export function configService(config: LocalConfig, bus: Pick<LocalEventBus, 'putEvents'>): EdgeService {
  const operations = configOperations(config);
  return {
    name: 'config',
    matches: (request) => (request.target === undefined ? request.path.startsWith('/_sechub/config/') : request.target.startsWith(`${CONFIG_TARGET_PREFIX}.`)),
    handle: (request) => (request.target === undefined ? servePaths(config, bus, request) : serveJson('1.1', CONFIG_TARGET_PREFIX, operations, request)),
  };
}
