import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { putScoreEvents, scoreChangeEntries, type PutEventsBatch } from '../../compliance';
import type { AccountSettingsResolver, ComplianceSettings } from '../../compliance';
import { ScoreSnapshotStore, takeScoreSnapshot, type ScoreSnapshot, type ScoreSnapshotRepository } from '../../compliance';
import { requireEnv } from '../../shared/env';
import { partitionOf } from '../../normalize';
import { findingsStoreFromEnv } from '../../wiring/findings-store';
import type { FindingsStoreApi } from '../../store';
import { sweepTask, type SweepDeps } from '../../wiring/sweep-task';
import { awsClient } from '../../shared/clients';

/** Input of the snapshot task (the state machine's state; nothing is read from it). */
export type SnapshotInput = Record<string, unknown>;

/** Output of the snapshot task: counts only. */
export interface SnapshotOutput {
  takenAt: string;
  summaryScore: number | null;
  scoreChanges: number;
  controlChanges: number;
  eventsPut: number;
}

/** What the snapshot task needs besides the sweep's deps. */
export interface SnapshotDeps {
  findings: FindingsStoreApi;
  snapshots: ScoreSnapshotRepository;
  putEvents: PutEventsBatch;
  eventBusName: string;
  region: string;
}

/**
 * Takes a score snapshot and puts an event per score and control-status change. The events go
 * out before the snapshot is stored: if PutEvents fails the task fails with nothing stored, and
 * its retry finds the same changes (at least once, never lost).
 */
export async function snapshotScores(deps: SnapshotDeps, settings: ComplianceSettings, now: Date, settingsOfAccount?: AccountSettingsResolver): Promise<SnapshotOutput> {
  let taken: ScoreSnapshot | undefined;
  const deferred: ScoreSnapshotRepository = {
    put: async (snapshot) => {
      taken = snapshot;
    },
    list: (since, at, limit) => deps.snapshots.list(since, at, limit),
    latest: (at) => deps.snapshots.latest(at),
    listScoped: (scope, since, at) => deps.snapshots.listScoped(scope, since, at),
  };
  const { snapshot, changes } = await takeScoreSnapshot({ findings: deps.findings, settings, snapshots: deferred, now, settingsOfAccount });
  const entries = scoreChangeEntries(changes, {
    eventBusName: deps.eventBusName,
    region: deps.region,
    partition: partitionOf(deps.region),
    scores: snapshot.scores,
    enabledStandards: snapshot.enabledStandards,
    takenAt: snapshot.takenAt,
  });
  const eventsPut = await putScoreEvents(entries, deps.putEvents);
  await deps.snapshots.put(taken ?? snapshot);
  return { takenAt: snapshot.takenAt, summaryScore: snapshot.scores.summary.score, scoreChanges: changes.scores.length, controlChanges: changes.controls.length, eventsPut };
}

/** The deployed wiring: the table from `FINDINGS_TABLE`, the bus from `EVENT_BUS_NAME`. */
export function snapshotDepsFromEnv(): SnapshotDeps {
  const events = awsClient(EventBridgeClient);
  return {
    findings: findingsStoreFromEnv(),
    snapshots: new ScoreSnapshotStore({ client: awsClient(DynamoDBClient), tableName: requireEnv('FINDINGS_TABLE') }),
    putEvents: (Entries) => events.send(new PutEventsCommand({ Entries })),
    eventBusName: process.env.EVENT_BUS_NAME ?? requireEnv('EVENT_BUS_NAME'),
    region: process.env.AWS_REGION ?? 'us-east-1',
  };
}

/** Sweep task "Snapshot Scores": stores a score snapshot after the sweep and puts change events on the bus. */
export const createSnapshotHandler = (createDeps?: () => SweepDeps, createSnapshotDeps: () => SnapshotDeps = snapshotDepsFromEnv) => {
  let snapshotDeps: SnapshotDeps | undefined;
  return sweepTask<SnapshotInput, SnapshotOutput>(
    'snapshot',
    async (_input, { settings, settingsFor, now }) => {
      snapshotDeps ??= createSnapshotDeps();
      // Each account's findings count for the controls its own settings enable (central configuration).
      return snapshotScores(snapshotDeps, await settings(), now(), settingsFor?.());
    },
    createDeps,
  );
};

export const handler = createSnapshotHandler();
