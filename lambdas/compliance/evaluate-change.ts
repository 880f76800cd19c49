import { controlsFor } from './controls/registry';
import type { ConfigurationItem } from './controls/types';
import {
  fetchRelated,
  fromNotification,
  getAll,
  listAll,
  isDeleted,
  summaryKey,
  type ConfigItemsSource,
  type ConfigurationItemSummary,
  type NotifiedConfigurationItem,
  type ResourceKey,
} from './config-items';
import { ACCOUNT_DEPENDENCY_TYPES, ACCOUNT_TYPE, assembleAccountItem, dependentsOf, isAffected, RELATED_TYPES } from './evaluate';
import { addCounts, emptyCounts, evaluateAndImport, type ControlFindingsStore, type EvaluateItemsOutcome, type SettingsSource } from './evaluate-import';
import { ACCOUNT_SETTINGS_DETAIL_TYPE, ACCOUNT_SETTINGS_SOURCE, parseAccountSettings, SCALABLE_TARGET_TYPE } from './account-settings';
import type { AccountSettingsRepository } from './state/account-settings-store';

/** The detail of a `Config Configuration Item Change` event (the fields we read). */
export interface ConfigItemChangeDetail {
  messageType?: string;
  configurationItem?: NotifiedConfigurationItem;
  configurationItemSummary?: ConfigurationItemSummary;
}

/** A `Config Configuration Item Change` event from EventBridge. */
export interface ConfigItemChangeEvent {
  id?: string;
  source?: string;
  'detail-type'?: string;
  account?: string;
  detail: ConfigItemChangeDetail;
}

/** The aggregator does not have the item an oversized notification announced yet: retry later. */
export class StaleConfigurationItemError extends Error {
  constructor(key: ResourceKey, capturedAt: string | undefined) {
    super(`${key.resourceType} ${key.resourceId} (${key.accountId}/${key.awsRegion}): the Config API has no item captured at or after ${capturedAt ?? 'the notification'} yet`);
    this.name = 'StaleConfigurationItemError';
  }
}

/** The event is not a configuration item change we can read. */
export class UnsupportedConfigEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedConfigEventError';
  }
}

/** Where the change handler reads items: the aggregator, and optionally the own account's history. */
export interface ChangeItemsSource extends ConfigItemsSource {
  /** GetResourceConfigHistory (limit 1) for a resource of the caller's own account. */
  getOwnItem?(key: ResourceKey): Promise<ConfigurationItem | undefined>;
}

/** What one change event did. */
export interface ChangeOutcome extends EvaluateItemsOutcome {
  resourceType: string;
  resourceId: string;
  messageType: string;
  /** Resources of other types re-evaluated because their controls read the changed item. */
  dependents: number;
  /** Why nothing was evaluated (no control reads this type). */
  skipped?: string;
}

const captured = (item: ConfigurationItem) => Date.parse(item.configurationItemCaptureTime ?? '') || 0;

/** The full item of an oversized notification, from the Config API (newest of aggregator and own history). */
async function resolveOversized(source: ChangeItemsSource, summary: ConfigurationItemSummary): Promise<ConfigurationItem> {
  const key = summaryKey(summary);
  if (key.deleted) {
    // A deleted resource has no configuration to fetch: the summary says all the controls need.
    return {
      accountId: key.accountId,
      awsRegion: key.awsRegion,
      resourceType: key.resourceType,
      resourceId: key.resourceId,
      configurationItemStatus: 'ResourceDeleted',
      configuration: null,
      ...(key.capturedAt && { configurationItemCaptureTime: key.capturedAt }),
    };
  }
  const wanted = Date.parse(key.capturedAt ?? '') || 0;
  const fresh = (item: ConfigurationItem | undefined) => (item && captured(item) >= wanted ? item : undefined);
  const [aggregated] = await source.getItems([key]);
  const item = fresh(aggregated) ?? fresh(await source.getOwnItem?.(key));
  if (!item) throw new StaleConfigurationItemError(key, key.capturedAt);
  return item;
}

/** The item a change event is about: delivered in the event, or resolved through the Config API. */
export async function changedItem(event: ConfigItemChangeEvent, source: ChangeItemsSource): Promise<ConfigurationItem> {
  const detail = event.detail ?? {};
  switch (detail.messageType) {
    case 'ConfigurationItemChangeNotification':
      return fromNotification(detail.configurationItem ?? {});
    case 'OversizedConfigurationItemChangeNotification':
      return resolveOversized(source, detail.configurationItemSummary ?? {});
    default:
      throw new UnsupportedConfigEventError(`detail.messageType: ${JSON.stringify(detail.messageType)} is not a configuration item change`);
  }
}

/**
 * The resources of other types whose verdicts a change of `changed` can move (the controls'
 * declared `reads`: a flow log's VPC, a bucket's trails, a scalable target's table), read from the
 * Config API in the changed item's account and Region.
 */
export async function affectedSubjects(source: ConfigItemsSource, changed: ConfigurationItem): Promise<ConfigurationItem[]> {
  const dependencies = dependentsOf(changed.resourceType);
  const subjects: ConfigurationItem[] = [];
  for (const subjectType of new Set(dependencies.map((dependency) => dependency.subjectType))) {
    const keys = await listAll(source, subjectType, { accountId: changed.accountId, awsRegion: changed.awsRegion });
    const items = await getAll(source, keys);
    subjects.push(...items.filter((subject) => !isDeleted(subject) && isAffected(dependencies, changed, subject)));
  }
  return subjects;
}

/**
 * Evaluates the controls a configuration item change can affect and imports what changed: the
 * item's own controls; the account-level controls when the item is one they read (a trail, a
 * detector, a recorder, the account's S3 public access block or settings); and the resources of
 * other types whose controls declare they read it (its dependents). Related items come from the
 * Config API, with the changed item in place of its older copy. A deleted resource evaluates
 * NOT_APPLICABLE everywhere, which archives its findings. A global resource's findings live in
 * `homeRegion` (see findingPlace).
 */
export async function evaluateConfigChange(
  event: ConfigItemChangeEvent,
  deps: { source: ChangeItemsSource; store: ControlFindingsStore; settings: SettingsSource; now: Date; homeRegion?: string },
): Promise<ChangeOutcome> {
  const messageType = event.detail?.messageType ?? '';
  const item = await changedItem(event, deps.source);
  return evaluateChangedItem(item, messageType, deps);
}

/** {@link evaluateConfigChange} once the changed item is known (also the account settings path). */
export async function evaluateChangedItem(
  item: ConfigurationItem,
  messageType: string,
  deps: { source: ConfigItemsSource; store: ControlFindingsStore; settings: SettingsSource; now: Date; homeRegion?: string },
): Promise<ChangeOutcome> {
  const base = { resourceType: item.resourceType, resourceId: item.resourceId, messageType };
  const ownControls = item.resourceType !== ACCOUNT_TYPE && controlsFor(item.resourceType).length > 0;
  const affectsAccount = ACCOUNT_DEPENDENCY_TYPES.includes(item.resourceType);
  const hasDependents = dependentsOf(item.resourceType).length > 0;
  if (!ownControls && !affectsAccount && !hasDependents) {
    return { ...base, items: 0, dependents: 0, errors: [], ...emptyCounts(), skipped: `no control evaluates or reads ${item.resourceType}` };
  }
  const dependents = hasDependents ? await affectedSubjects(deps.source, item) : [];
  const types = [
    ...(ownControls && !isDeleted(item) ? (RELATED_TYPES[item.resourceType] ?? []) : []),
    ...(affectsAccount ? ACCOUNT_DEPENDENCY_TYPES : []),
    ...dependents.flatMap((subject) => RELATED_TYPES[subject.resourceType] ?? []),
  ];
  const related = await fetchRelated(deps.source, item.accountId, item.awsRegion, types, [item]);
  const items = [...(ownControls ? [item] : []), ...(affectsAccount ? [assembleAccountItem(item.accountId, item.awsRegion, related)] : []), ...dependents];
  const outcome = await evaluateAndImport(items, () => related, deps.settings, deps.now, deps.store, deps.homeRegion);
  return { ...base, dependents: dependents.length, ...outcome };
}

/** An `Account Settings Recorded` event from a member account's collector. */
export interface AccountSettingsEvent {
  id?: string;
  source?: string;
  'detail-type'?: string;
  account?: string;
  detail: unknown;
}

/** Whether an event is a collector's `Account Settings Recorded` event (else a Config item change). */
export function isAccountSettingsEvent(event: { source?: string; 'detail-type'?: string }): boolean {
  return event.source === ACCOUNT_SETTINGS_SOURCE && event['detail-type'] === ACCOUNT_SETTINGS_DETAIL_TYPE;
}

/**
 * Stores the newest account settings of an account and Region (only when newer than the stored
 * ones; only from that account itself or the `trustedAccount`, the admin's own) and then evaluates the account-level controls on them, and DynamoDB.1 on the tables whose
 * scalable targets changed. An older or equal snapshot changes nothing (`skipped` says so).
 */
export async function evaluateAccountSettings(
  event: AccountSettingsEvent,
  deps: {
    source: ConfigItemsSource;
    store: ControlFindingsStore;
    accountSettings: AccountSettingsRepository;
    settings: SettingsSource;
    now: Date;
    homeRegion?: string;
    trustedAccount?: string;
  },
): Promise<ChangeOutcome> {
  const snapshot = parseAccountSettings(event.detail);
  if (event.account !== undefined && event.account !== deps.trustedAccount && event.account !== snapshot.accountId) {
    throw new UnsupportedConfigEventError(
      `detail.configurationItem.awsAccountId: ${snapshot.accountId}, but the event came from account ${event.account}: an account may only send its own settings`,
    );
  }
  const [account] = snapshot.items;
  const previous = await deps.accountSettings.get(snapshot.accountId, snapshot.awsRegion);
  if (!(await deps.accountSettings.putIfNewer(snapshot))) {
    return {
      resourceType: account.resourceType,
      resourceId: account.resourceId,
      messageType: ACCOUNT_SETTINGS_DETAIL_TYPE,
      items: 0,
      dependents: 0,
      errors: [],
      ...emptyCounts(),
      skipped: `settings captured at ${snapshot.capturedAt} are not newer than the stored ones`,
    };
  }
  const outcome = await evaluateChangedItem(account, ACCOUNT_SETTINGS_DETAIL_TYPE, deps);
  const targets = (items: ConfigurationItem[] | undefined) =>
    new Map((items ?? []).filter((item) => item.resourceType === SCALABLE_TARGET_TYPE).map((item) => [item.resourceId, JSON.stringify(item.configuration)]));
  const before = targets(previous?.items);
  const after = targets(snapshot.items);
  const changedTargets = [
    ...snapshot.items.filter((item) => item.resourceType === SCALABLE_TARGET_TYPE && before.get(item.resourceId) !== after.get(item.resourceId)),
    ...(previous?.items ?? [])
      .filter((item) => item.resourceType === SCALABLE_TARGET_TYPE && !after.has(item.resourceId))
      .map((item) => ({ ...item, configurationItemStatus: 'ResourceDeleted' as const })),
  ];
  for (const target of changedTargets) {
    const more = await evaluateChangedItem(target, ACCOUNT_SETTINGS_DETAIL_TYPE, deps);
    addCounts(outcome, more);
    outcome.items += more.items;
    outcome.dependents += more.dependents;
    outcome.errors.push(...more.errors);
  }
  return outcome;
}
