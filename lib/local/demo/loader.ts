/**
 * Loads the demo organization (fixtures.ts) into a running embedded default through the product's
 * own paths: the member accounts' resources are recorded in the simulated AWS Config (change
 * events → the change evaluator → control findings), drift and fixes are Config changes as
 * `sechub simulate-change` makes them, GuardDuty / Inspector / Macie / Config events go through
 * PutEvents → the stack's rules → the normalizers → the store, and the load ends with a compliance
 * sweep. After each phase settles, the score snapshot code stores one snapshot per day of the
 * phase with past timestamps, marked as demo data, so the trend has a line from day one.
 *
 * The data dir remembers the load (`demo/state.json`): a second start does not load it again;
 * {@link LocalDemo.reset} wipes the findings table and the simulated accounts and loads it afresh.
 */
import { BatchWriteItemCommand, ScanCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { currentScores, ScoreSnapshotStore } from '../../../lambdas/compliance';
import { DynamoComplianceSettingsStore } from '../../../lambdas/compliance';
import { FindingsStore } from '../../../lambdas/store';
import { TABLE_KEYS } from '../../../lambdas/store';
import { organizationStoreOn, syncMembership } from '../../../lambdas/organization';
import { demoOrganizationsReader } from './organization-reader';
import { publishAccountSettings, simulateChange, type LocalConfig } from '../config-service';
import { readSeed } from '../config-store';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from '../defaults';
import { seedLocalFindingAggregator } from '../finding-aggregator';
import type { LocalEventBus } from '../engine';
import { DEMO_DIR, demoEventEntry, demoItems, readDemoFixtures, type DemoFixtures, type DemoPhase } from './fixtures';

const DAY_MS = 86_400_000;

/** What the demo acts on: the running embedded default's parts. */
export interface DemoEnvironment {
  dataDir: string;
  config: LocalConfig;
  bus: Pick<LocalEventBus, 'putEvents'>;
  /** Resolves when every delivery, stream and execution has settled. */
  idle(): Promise<void>;
  /** Runs the compliance sweep (the stack's compliance-evaluation state machine): resolves when it succeeded, rejects with its error. */
  runSweep(): Promise<void>;
  /** DynamoDB as the handlers reach it (writes make stream records). */
  dynamo: DynamoDBClient;
  /** DynamoDB itself, without stream records: what a reset wipes through. */
  rawDynamo: DynamoDBClient;
  tableName: string;
  /** The simulated accounts' seed (lib/local/simulated-account by default). */
  seedDir?: string;
  /** The demo's files (this folder by default). */
  fixturesDir?: string;
  now?: () => Date;
}

/** What the data dir remembers of the demo. */
export interface DemoState {
  status: 'LOADING' | 'LOADED' | 'FAILED';
  /** Why the last load failed. */
  error?: string;
  startedAt: string;
  loadedAt?: string;
  /** Milliseconds the load took. */
  ms?: number;
  accounts?: number;
  regions?: string[];
  snapshots?: number;
}

/** Where the demo's state is kept under a data dir. */
export function demoStateFile(dataDir: string): string {
  return join(dataDir, 'demo', 'state.json');
}

/** Reads the demo's state, or undefined when it was never loaded here. */
export async function readDemoState(dataDir: string): Promise<DemoState | undefined> {
  try {
    return JSON.parse(await readFile(demoStateFile(dataDir), 'utf8')) as DemoState;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function writeDemoState(dataDir: string, state: DemoState): Promise<void> {
  await mkdir(dirname(demoStateFile(dataDir)), { recursive: true });
  await writeFile(demoStateFile(dataDir), `${JSON.stringify(state, null, 2)}\n`);
}

/** A load or reset is already running. */
export class DemoBusyError extends Error {
  constructor() {
    super('The demo organization is being loaded; try again when it is done');
    this.name = 'DemoBusyError';
  }
}

/** The demo organization of one embedded default. */
export class LocalDemo {
  private running: Promise<DemoState> | undefined;

  constructor(private readonly env: DemoEnvironment) {}

  /** The demo's state in this data dir. */
  state(): Promise<DemoState | undefined> {
    return readDemoState(this.env.dataDir);
  }

  /** True while a load or reset runs. */
  get busy(): boolean {
    return this.running !== undefined;
  }

  /** Loads the demo organization (progress lines to `onProgress`). */
  load(onProgress: (message: string) => void = () => undefined): Promise<DemoState> {
    return this.exclusive(() => this.loadNow(onProgress));
  }

  /** Wipes the findings table and the simulated accounts, then loads the demo again. */
  reset(onProgress: (message: string) => void = () => undefined): Promise<DemoState> {
    return this.exclusive(async () => {
      await this.env.idle();
      const removed = await wipeTable(this.env.rawDynamo, this.env.tableName);
      // The wipe took the finding aggregator with it: back to a fresh data dir's, so both Regions load again.
      await seedLocalFindingAggregator(this.env.rawDynamo, this.env.tableName, { accountId: LOCAL_ACCOUNT_ID, region: LOCAL_REGION });
      await this.env.config.store.replaceAll(await readSeed(this.env.seedDir));
      await rm(demoStateFile(this.env.dataDir), { force: true });
      onProgress(`reset: ${removed} items removed from ${this.env.tableName}, simulated accounts back to their seed`);
      return this.loadNow(onProgress);
    });
  }

  private async exclusive(work: () => Promise<DemoState>): Promise<DemoState> {
    if (this.running !== undefined) throw new DemoBusyError();
    this.running = work().catch(async (error: unknown) => {
      // A failed load says so (and why) instead of staying LOADING.
      const state = (await readDemoState(this.env.dataDir)) ?? { status: 'LOADING', startedAt: new Date().toISOString() };
      await writeDemoState(this.env.dataDir, { ...state, status: 'FAILED', error: (error as Error).message });
      throw error;
    });
    try {
      return await this.running;
    } finally {
      this.running = undefined;
    }
  }

  private async loadNow(onProgress: (message: string) => void): Promise<DemoState> {
    const env = this.env;
    const fixtures = await readDemoFixtures(env.fixturesDir ?? DEMO_DIR, env.seedDir);
    const started = Date.now();
    const loadedAt = (env.now ?? (() => new Date()))();
    await writeDemoState(env.dataDir, { status: 'LOADING', startedAt: loadedAt.toISOString() });
    // AWS Organizations first: the demo's accounts are members (with their OU paths) before they send anything.
    await syncMembership(organizationStoreOn(env.dynamo, env.tableName), demoOrganizationsReader(fixtures.organization), LOCAL_ACCOUNT_ID, loadedAt);
    const findings = new FindingsStore({ client: env.dynamo, tableName: env.tableName });
    const settings = new DynamoComplianceSettingsStore({ client: env.dynamo, tableName: env.tableName });
    const snapshots = new ScoreSnapshotStore({ client: env.dynamo, tableName: env.tableName });
    let stored = 0;
    for (const [i, phase] of fixtures.phases.entries()) {
      const next = fixtures.phases[i + 1]?.day ?? 0;
      const phaseStarted = Date.now();
      await applyPhase(env, fixtures, phase, loadedAt, onProgress);
      await env.idle();
      if (phase.record) {
        // The onboarding sweep stored its snapshot at the real time; in the story it ran on the phase's day (stored below).
        const taken = await snapshots.list(new Date(phaseStarted), new Date(Date.now() + DAY_MS));
        for (const snapshot of taken.filter((candidate) => !candidate.demo)) await snapshots.remove(snapshot);
      }
      onProgress(`${i + 1}/${fixtures.phases.length + 1} day ${phase.day}: ${phase.title} (${Date.now() - phaseStarted} ms)`);
      // The state now is the state of every day until the next phase: one snapshot per day, as the daily snapshot would have stored it.
      const snapshot = await currentScores(findings, await settings.get(), new Date(loadedAt.getTime() + phase.day * DAY_MS), { withScoped: true, demo: true });
      for (let day = phase.day; day < next; day++) {
        await snapshots.put({ ...snapshot, takenAt: new Date(loadedAt.getTime() + day * DAY_MS).toISOString() });
        stored++;
      }
    }
    const sweepStarted = Date.now();
    await sweepOrganization(env, onProgress);
    onProgress(
      `${fixtures.phases.length + 1}/${fixtures.phases.length + 1} today: the compliance sweep re-evaluated every resource and stored today's snapshot (${Date.now() - sweepStarted} ms)`,
    );
    const accounts = [fixtures.organization.seedAccount.accountId, ...fixtures.organization.accounts.map((account) => account.accountId)];
    const regions = [...new Set(fixtures.organization.accounts.flatMap((account) => Object.keys(account.regions)))].sort();
    const state: DemoState = {
      status: 'LOADED',
      startedAt: loadedAt.toISOString(),
      loadedAt: new Date().toISOString(),
      ms: Date.now() - started,
      accounts: accounts.length,
      regions,
      snapshots: stored,
    };
    await writeDemoState(env.dataDir, state);
    return state;
  }
}

/**
 * Runs a compliance sweep and waits until what it wrote has settled. A failed sweep (a task over its
 * timeout on a busy machine) is run once more — a sweep is idempotent — and a second failure fails
 * the load: the history must not be built on an organization that was not evaluated.
 */
export async function sweepOrganization(env: DemoEnvironment, onProgress: (message: string) => void): Promise<void> {
  try {
    await env.runSweep();
  } catch (error) {
    onProgress(`${(error as Error).message}; running it again`);
    await env.idle();
    await env.runSweep();
  }
  await env.idle();
}

/** Records, changes and events of one phase. */
async function applyPhase(env: DemoEnvironment, fixtures: DemoFixtures, phase: DemoPhase, loadedAt: Date, onProgress: (message: string) => void): Promise<void> {
  if (phase.record) {
    // The member accounts join with what their recorders already hold (as the seed account's items
    // are recorded at first start), their collectors report the account settings, and one
    // compliance sweep evaluates the organization: Security Hub's first evaluation of each.
    await env.config.store.recordAll(demoItems(fixtures));
    publishAccountSettings(env.config, env.bus);
    await env.idle();
    await sweepOrganization(env, onProgress);
  }
  for (const change of phase.changes) {
    await simulateChange(env.config, env.bus, {
      ResourceType: change.resourceType,
      ResourceId: change.resourceId,
      AccountId: change.account,
      AwsRegion: change.region,
      ...(change.set && { Set: change.set }),
      ...(change.unset && { Unset: change.unset }),
      ...(change.delete && { Delete: true }),
    });
  }
  const entries = phase.events.map((occurrence) => demoEventEntry(fixtures, occurrence, loadedAt));
  for (let start = 0; start < entries.length; start += 10) {
    const answer = env.bus.putEvents({ Entries: entries.slice(start, start + 10) });
    const failed = answer.Entries.find((entry) => entry.ErrorCode !== undefined);
    if (failed) throw new Error(`PutEvents refused a demo event: ${failed.ErrorCode}: ${failed.ErrorMessage}`);
  }
}

/** Deletes every item of the table (a local table of demo size: scan and batch deletes). */
async function wipeTable(client: DynamoDBClient, tableName: string): Promise<number> {
  let removed = 0;
  let start: Record<string, never> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: tableName,
        ProjectionExpression: '#pk, #sk',
        ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey, '#sk': TABLE_KEYS.sortKey },
        ExclusiveStartKey: start,
      }),
    );
    const keys = page.Items ?? [];
    for (let i = 0; i < keys.length; i += 25) {
      let requests = keys.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } }));
      while (requests.length > 0) {
        const answer = await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: requests } }));
        requests = (answer.UnprocessedItems?.[tableName] ?? []) as typeof requests;
      }
    }
    removed += keys.length;
    start = page.LastEvaluatedKey as typeof start;
  } while (start !== undefined);
  return removed;
}

/** True when nothing was ever kept in the data dir: no simulated accounts, no demo state (the first start). */
export async function isFreshDataDir(dataDir: string, configItemsFile: string): Promise<boolean> {
  const exists = (file: string) =>
    readFile(file).then(
      () => true,
      () => false,
    );
  return !(await exists(configItemsFile)) && !(await exists(demoStateFile(dataDir)));
}
