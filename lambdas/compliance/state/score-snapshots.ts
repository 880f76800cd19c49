/**
 * Security-score snapshots for trends: computed from the control findings in the store, kept on
 * the findings table (`pk` = `SCORE#snapshots`, `sk` = `S#<takenAt>`, 90 days then TTL), and
 * compared with the previous one so the caller can emit events for what changed. Each snapshot
 * carries the scores per account and per Region; each account and each Region also gets an item
 * of its own (`pk` = `SCORE#snapshots#A#<account>` / `SCORE#snapshots#R#<region>`) with its
 * breakdown the other way, so a trend scoped to an account, a Region or both is one query.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AwsSecurityFindingFilters } from '../../filters';
import { COMPLIANCE_STATUSES, ITEM_KINDS, TABLE_KEYS } from '../../store';
import type { FindingsStoreApi } from '../../store';
import { CONTROLS } from '../controls/registry';
import { isControlEnabled, type ControlStatus } from '../control-status';
import { compareScores, type ScoreChanges, type SecurityScores } from '../scores';
import { scopedScores, scopesOf, scoreCells, type ScopedFindingView, type ScopeScore, type ScoreScope } from '../scoped-scores';
import { packScopes, unpackScopes, type PackedScope } from './score-snapshot-codec';
import type { ComplianceSettings } from '../settings';
import type { AccountSettingsResolver } from '../configuration-policies/effective-settings';
import type { StandardId } from '../standards';

/** How long snapshots are kept (days). */
export const SNAPSHOT_RETENTION_DAYS = 90;
const SNAPSHOT_PARTITION = ITEM_KINDS.scoreSnapshot.pk.fixed;
/** Sort key of a snapshot taken at `takenAt` (ISO), the same in every scope. */
const snapshotSortKey = (takenAt: string) => ITEM_KINDS.scoreSnapshot.sk.build(takenAt);
const DAY_MS = 86_400_000;

/** The scores at one moment and scope, per account and per Region within it. */
export interface ScoresAt {
  takenAt: string;
  enabledStandards: StandardId[];
  scores: SecurityScores;
  /** Per account within the scope (older snapshots: none). */
  accounts: ScopeScore[];
  /** Per Region within the scope (older snapshots: none). */
  regions: ScopeScore[];
  /** Backfilled by the demo organization (lib/local/demo/), not measured. */
  demo?: boolean;
}

/** The organization's scores at one moment, with every control's status. */
export interface ScoreSnapshot extends ScoresAt {
  controls: Record<string, ControlStatus>;
  /** Each account's and each Region's own scores (stored as items of their own; not read back by `list`). */
  scoped?: ScopedScores[];
}

/** One account's or Region's scores at one moment (`scope` names which). */
export interface ScopedScores extends Omit<ScoresAt, 'enabledStandards' | 'takenAt'> {
  scope: { accountId: string } | { region: string };
}

/** Options of {@link ScoreSnapshotStore}. */
export interface ScoreSnapshotStoreOptions {
  client: DynamoDBClient;
  tableName: string;
}

/** Where snapshots are kept. */
export interface ScoreSnapshotRepository {
  put(snapshot: ScoreSnapshot): Promise<void>;
  /** Snapshots taken at or after `since`, newest first. */
  list(since: Date, now: Date, limit?: number): Promise<ScoreSnapshot[]>;
  latest(now: Date): Promise<ScoreSnapshot | undefined>;
  /** Scores of an account, a Region or both taken at or after `since`, newest first; moments when the scope had no control findings are left out. */
  listScoped(scope: ScoreScope, since: Date, now: Date): Promise<ScoresAt[]>;
}

const scopePartition = (scope: ScopedScores['scope']): string =>
  'accountId' in scope ? ITEM_KINDS.accountScoreSnapshot.pk.build(scope.accountId) : ITEM_KINDS.regionScoreSnapshot.pk.build(scope.region);
/** At most this many item writes of one snapshot in flight. */
const PUT_CONCURRENCY = 10;

/** Snapshots on the findings table, newest first. */
export class ScoreSnapshotStore implements ScoreSnapshotRepository {
  private readonly client: DynamoDBDocumentClient;
  private readonly table: string;

  constructor(options: ScoreSnapshotStoreOptions) {
    this.client = DynamoDBDocumentClient.from(options.client, { marshallOptions: { removeUndefinedValues: true } });
    this.table = options.tableName;
  }

  /** Stores a snapshot; it expires {@link SNAPSHOT_RETENTION_DAYS} days after it was taken. */
  async put(snapshot: ScoreSnapshot): Promise<void> {
    const expiresAt = Math.floor((Date.parse(snapshot.takenAt) + SNAPSHOT_RETENTION_DAYS * DAY_MS) / 1000);
    const { scoped = [], accounts, regions, ...rest } = snapshot;
    const item = (partition: string, body: Record<string, unknown>) => ({
      [TABLE_KEYS.partitionKey]: partition,
      [TABLE_KEYS.sortKey]: snapshotSortKey(snapshot.takenAt),
      takenAt: snapshot.takenAt,
      enabledStandards: snapshot.enabledStandards,
      ...(snapshot.demo && { demo: true }),
      ...body,
      [TABLE_KEYS.expiresAt]: expiresAt,
    });
    const items = [
      item(SNAPSHOT_PARTITION, { ...rest, accounts: packScopes(accounts), regions: packScopes(regions) }),
      ...scoped.map((entry) => item(scopePartition(entry.scope), { scores: entry.scores, accounts: packScopes(entry.accounts), regions: packScopes(entry.regions) })),
    ];
    // Scoped items first: a reader that sees the organization's item finds its scopes too.
    for (let i = 1; i < items.length; i += PUT_CONCURRENCY) {
      await Promise.all(items.slice(i, i + PUT_CONCURRENCY).map((Item) => this.client.send(new PutCommand({ TableName: this.table, Item }))));
    }
    await this.client.send(new PutCommand({ TableName: this.table, Item: items[0] }));
  }

  /** Deletes a snapshot: the organization's item and its accounts' and Regions' own items. */
  async remove(snapshot: Pick<ScoresAt, 'takenAt' | 'accounts' | 'regions'>): Promise<void> {
    const partitions = [
      ...snapshot.accounts.map((entry) => scopePartition({ accountId: entry.scope })),
      ...snapshot.regions.map((entry) => scopePartition({ region: entry.scope })),
      SNAPSHOT_PARTITION,
    ];
    for (const partition of partitions) {
      await this.client.send(new DeleteCommand({ TableName: this.table, Key: { [TABLE_KEYS.partitionKey]: partition, [TABLE_KEYS.sortKey]: snapshotSortKey(snapshot.takenAt) } }));
    }
  }

  /** Snapshots taken at or after `since`, newest first, at most `limit`; expired ones never show. */
  async list(since: Date, now: Date, limit = Number.POSITIVE_INFINITY): Promise<ScoreSnapshot[]> {
    return (await this.query(SNAPSHOT_PARTITION, since, now, limit)).map((item) => ({
      ...scoresAtOf(item),
      controls: item.controls as Record<string, ControlStatus>,
    }));
  }

  /** Scores of an account, a Region or both taken at or after `since`, newest first (expired ones never show). */
  async listScoped(scope: ScoreScope, since: Date, now: Date): Promise<ScoresAt[]> {
    if (scope.accountId === undefined && scope.region === undefined) return this.list(since, now);
    const partition = scopePartition(scope.accountId !== undefined ? { accountId: scope.accountId } : { region: scope.region! });
    const entries = (await this.query(partition, since, now)).map(scoresAtOf);
    if (scope.accountId === undefined || scope.region === undefined) return entries;
    // Account and Region: the account's item has its Region's cell.
    return entries.flatMap((entry) => {
      const cell = entry.regions.find((region) => region.scope === scope.region);
      if (cell === undefined) return [];
      return [{ ...entry, scores: cell.scores, accounts: [{ scope: scope.accountId!, scores: cell.scores }], regions: [cell] }];
    });
  }

  private async query(partition: string, since: Date, now: Date, limit = Number.POSITIVE_INFINITY): Promise<Record<string, unknown>[]> {
    const snapshots: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: '#pk = :pk AND #sk >= :since',
          FilterExpression: '#expires > :now',
          ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey, '#sk': TABLE_KEYS.sortKey, '#expires': TABLE_KEYS.expiresAt },
          ExpressionAttributeValues: { ':pk': partition, ':since': snapshotSortKey(since.toISOString()), ':now': Math.floor(now.getTime() / 1000) },
          ScanIndexForward: false,
          ExclusiveStartKey: start,
          ...(Number.isFinite(limit) && { Limit: limit }),
        }),
      );
      snapshots.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start !== undefined && snapshots.length < limit);
    return snapshots.slice(0, limit);
  }

  /** The newest snapshot still kept, or undefined. */
  async latest(now: Date): Promise<ScoreSnapshot | undefined> {
    return (await this.list(new Date(now.getTime() - SNAPSHOT_RETENTION_DAYS * DAY_MS), now, 1))[0];
  }
}

function scoresAtOf(item: Record<string, unknown>): ScoresAt {
  const enabledStandards = item.enabledStandards as StandardId[];
  return {
    takenAt: item.takenAt as string,
    enabledStandards,
    scores: item.scores as SecurityScores,
    accounts: unpackScopes(item.accounts as PackedScope[] | undefined, enabledStandards),
    regions: unpackScopes(item.regions as PackedScope[] | undefined, enabledStandards),
    ...(item.demo === true && { demo: true }),
  };
}

/**
 * Every ACTIVE control finding of the enabled controls, with only the fields scores need. One pass
 * over the ACTIVE findings that have a compliance status (the store's compliance index, or the
 * account / Region index when scoped), keeping those whose `Compliance.SecurityControlId` is
 * enabled: the number of requests grows with the findings read, not with the number of controls
 * (asking per control id cost 5 index queries per enabled control, findings or not).
 */
export async function readControlFindings(findings: FindingsStoreApi, controlIds: readonly string[], scope: ScoreScope = {}): Promise<ScopedFindingView[]> {
  const enabled = new Set(controlIds);
  // Naming every compliance status lets the planner read the compliance index without its partition
  // of findings that have none (GuardDuty, Inspector, …: most of a store); a control finding has one.
  const filters: AwsSecurityFindingFilters = {
    RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' }],
    ComplianceStatus: COMPLIANCE_STATUSES.map((Value) => ({ Value, Comparison: 'EQUALS' })),
    ...(scope.accountId !== undefined && { AwsAccountId: [{ Value: scope.accountId, Comparison: 'EQUALS' }] }),
    ...(scope.region !== undefined && { Region: [{ Value: scope.region, Comparison: 'EQUALS' }] }),
  } as AwsSecurityFindingFilters;
  const found: ScopedFindingView[] = [];
  await findings.forEachFindingPage(filters, (page) => {
    for (const finding of page as ScopedFindingView[]) {
      const controlId = finding.Compliance?.SecurityControlId;
      if (controlId === undefined || !enabled.has(controlId)) continue;
      found.push({
        AwsAccountId: finding.AwsAccountId,
        Region: finding.Region,
        RecordState: finding.RecordState,
        GeneratorId: finding.GeneratorId,
        ...(finding.Workflow && { Workflow: { Status: finding.Workflow.Status } }),
        Compliance: { Status: finding.Compliance?.Status, SecurityControlId: controlId },
      });
    }
  });
  return found;
}

/** Options of {@link currentScores}. */
export interface CurrentScoresOptions {
  /** Only this account's and/or Region's control findings count (default: the organization). */
  scope?: ScoreScope;
  /** Also compute each account's and each Region's own scores (`scoped`, what a stored snapshot keeps). */
  withScoped?: boolean;
  /** Mark the snapshot as demo data. */
  demo?: boolean;
  /**
   * Each account's effective settings (its configuration policy under central configuration): an
   * account's findings count only for the controls enabled for it. Resolved once per account with
   * control findings. Without it every account counts with `settings`.
   */
  settingsOfAccount?: AccountSettingsResolver;
}

/** The effective settings of every account among `findings`, resolved once each. */
async function settingsOfAccounts(findings: readonly ScopedFindingView[], resolve: AccountSettingsResolver): Promise<Map<string, ComplianceSettings>> {
  const accounts = [...new Set(findings.flatMap((finding) => (finding.AwsAccountId === undefined ? [] : [finding.AwsAccountId])))];
  return new Map(await Promise.all(accounts.map(async (account) => [account, await resolve(account)] as const)));
}

/** The current control statuses and scores (at a scope, with the breakdown per account and Region), from the store (nothing written). */
export async function currentScores(findings: FindingsStoreApi, settings: ComplianceSettings, now: Date, options: CurrentScoresOptions = {}): Promise<ScoreSnapshot> {
  const enabled = CONTROLS.filter((control) => isControlEnabled(control, settings)).map((control) => control.id);
  const found = await readControlFindings(findings, enabled, options.scope);
  const cells = scoreCells(found, settings, CONTROLS, options.settingsOfAccount && (await settingsOfAccounts(found, options.settingsOfAccount)));
  const at = scopedScores(cells, options.scope);
  const scopes = options.withScoped ? scopesOf(cells) : undefined;
  const scoped: ScopedScores[] | undefined = scopes && [
    ...scopes.accounts.map((accountId) => ({ scope: { accountId }, ...withoutControls(scopedScores(cells, { accountId })) })),
    ...scopes.regions.map((region) => ({ scope: { region }, ...withoutControls(scopedScores(cells, { region })) })),
  ];
  return {
    takenAt: now.toISOString(),
    enabledStandards: [...settings.enabledStandards],
    scores: at.scores,
    controls: at.controls,
    accounts: at.accounts,
    regions: at.regions,
    ...(options.demo && { demo: true }),
    ...(scoped && { scoped }),
  };
}

function withoutControls<T extends { controls: unknown }>(value: T): Omit<T, 'controls'> {
  const { controls: _controls, ...rest } = value;
  return rest;
}

/** What a snapshot returns: it, the one before, and what changed between them. */
export interface SnapshotResult {
  snapshot: ScoreSnapshot;
  previous?: ScoreSnapshot;
  changes: ScoreChanges;
}

/** Computes the current scores, stores them as a snapshot and reports what changed since the last one. */
export async function takeScoreSnapshot(deps: {
  findings: FindingsStoreApi;
  settings: ComplianceSettings;
  snapshots: ScoreSnapshotRepository;
  now: Date;
  /** Mark it as demo data (the demo organization's backfilled history). */
  demo?: boolean;
  /** Each account's effective settings ({@link CurrentScoresOptions.settingsOfAccount}). */
  settingsOfAccount?: AccountSettingsResolver;
}): Promise<SnapshotResult> {
  const previous = await deps.snapshots.latest(deps.now);
  const snapshot = await currentScores(deps.findings, deps.settings, deps.now, { withScoped: true, demo: deps.demo, settingsOfAccount: deps.settingsOfAccount });
  await deps.snapshots.put(snapshot);
  return { snapshot, ...(previous && { previous }), changes: compareScores(previous, snapshot) };
}
