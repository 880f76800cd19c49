/**
 * Security-score snapshots for trends: computed from the control findings in the store, kept on
 * the findings table (`pk` = `SCORE#snapshots`, `sk` = `S#<takenAt>`, 90 days then TTL), and
 * compared with the previous one so the caller can emit events for what changed.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AwsSecurityFindingFilters } from '../../shared/filters/types';
import { TABLE_KEYS } from '../../shared/store/table-schema';
import type { FindingsStoreApi } from '../../shared/store/types';
import { CONTROLS } from '../controls/registry';
import { controlStatuses, isControlEnabled, type ControlFindingView, type ControlStatus } from '../control-status';
import { compareScores, securityScores, type ScoreChanges, type SecurityScores } from '../scores';
import type { ComplianceSettings } from '../settings';
import type { StandardId } from '../standards';

/** How long snapshots are kept (days). */
export const SNAPSHOT_RETENTION_DAYS = 90;
const SNAPSHOT_PARTITION = 'SCORE#snapshots';
const DAY_MS = 86_400_000;
/** Values per filter attribute (Security Hub's limit, which the store enforces). */
const FILTER_VALUES = 20;

/** The scores at one moment, with every control's status. */
export interface ScoreSnapshot {
  takenAt: string;
  enabledStandards: StandardId[];
  scores: SecurityScores;
  controls: Record<string, ControlStatus>;
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
}

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
    await this.client.send(
      new PutCommand({
        TableName: this.table,
        Item: { [TABLE_KEYS.partitionKey]: SNAPSHOT_PARTITION, [TABLE_KEYS.sortKey]: `S#${snapshot.takenAt}`, ...snapshot, [TABLE_KEYS.expiresAt]: expiresAt },
      }),
    );
  }

  /** Snapshots taken at or after `since`, newest first, at most `limit`; expired ones never show. */
  async list(since: Date, now: Date, limit = Number.POSITIVE_INFINITY): Promise<ScoreSnapshot[]> {
    const snapshots: ScoreSnapshot[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: '#pk = :pk AND #sk >= :since',
          FilterExpression: '#expires > :now',
          ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey, '#sk': TABLE_KEYS.sortKey, '#expires': TABLE_KEYS.expiresAt },
          ExpressionAttributeValues: { ':pk': SNAPSHOT_PARTITION, ':since': `S#${since.toISOString()}`, ':now': Math.floor(now.getTime() / 1000) },
          ScanIndexForward: false,
          ExclusiveStartKey: start,
          ...(Number.isFinite(limit) && { Limit: limit }),
        }),
      );
      for (const item of page.Items ?? []) {
        snapshots.push({ takenAt: item.takenAt, enabledStandards: item.enabledStandards, scores: item.scores, controls: item.controls } as ScoreSnapshot);
      }
      start = page.LastEvaluatedKey;
    } while (start !== undefined && snapshots.length < limit);
    return snapshots.slice(0, limit);
  }

  /** The newest snapshot still kept, or undefined. */
  async latest(now: Date): Promise<ScoreSnapshot | undefined> {
    return (await this.list(new Date(now.getTime() - SNAPSHOT_RETENTION_DAYS * DAY_MS), now, 1))[0];
  }
}

/**
 * Every ACTIVE control finding of the enabled controls, paged through the store's planner
 * (`ComplianceSecurityControlId`, 20 values a query, served by the control index).
 */
export async function readControlFindings(findings: FindingsStoreApi, controlIds: readonly string[]): Promise<ControlFindingView[]> {
  const found: ControlFindingView[] = [];
  for (let i = 0; i < controlIds.length; i += FILTER_VALUES) {
    const filters: AwsSecurityFindingFilters = {
      ComplianceSecurityControlId: controlIds.slice(i, i + FILTER_VALUES).map((Value) => ({ Value, Comparison: 'EQUALS' })),
      RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' }],
    } as AwsSecurityFindingFilters;
    let NextToken: string | undefined;
    do {
      const page = await findings.getFindings({ Filters: filters, MaxResults: 100, ...(NextToken !== undefined && { NextToken }) });
      found.push(...(page.Findings as ControlFindingView[]));
      NextToken = page.NextToken;
    } while (NextToken);
  }
  return found;
}

/** The current control statuses and scores, from the store (nothing written). */
export async function currentScores(findings: FindingsStoreApi, settings: ComplianceSettings, now: Date): Promise<ScoreSnapshot> {
  const enabled = CONTROLS.filter((control) => isControlEnabled(control, settings)).map((control) => control.id);
  const controls = controlStatuses(await readControlFindings(findings, enabled), settings);
  return { takenAt: now.toISOString(), enabledStandards: [...settings.enabledStandards], scores: securityScores(controls, settings.enabledStandards), controls };
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
}): Promise<SnapshotResult> {
  const previous = await deps.snapshots.latest(deps.now);
  const snapshot = await currentScores(deps.findings, deps.settings, deps.now);
  await deps.snapshots.put(snapshot);
  return { snapshot, ...(previous && { previous }), changes: compareScores(previous, snapshot) };
}
