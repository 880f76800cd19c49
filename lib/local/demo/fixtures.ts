/**
 * The demo organization's data (this folder): organization.json (accounts, Regions, resource
 * sets), timeline.json (phases of changes and events, day by day before the load) and
 * events/<source>/<name>.json (EventBridge events of GuardDuty, Inspector, Macie and AWS Config
 * with placeholders). Reading checks every file against its schema and names the file and field of
 * what is wrong; expanding is pure and deterministic: fixed ids, times relative to the load.
 */
import Ajv, { type JSONSchemaType } from 'ajv';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkItem, SIMULATED_ACCOUNT_DIR, type StoredConfigurationItem } from '../config-store';
import type { PutEventsRequestEntry } from '../engine';

/** Where the demo's files are. */
export const DEMO_DIR = __dirname;

/** A member account of the demo and the resource sets it records per Region (the first Region is its home). */
export interface DemoAccount {
  accountId: string;
  name: string;
  /** Its OU in the simulated AWS Organizations, a path of OU names under the root (`Workloads/Prod`); the root when absent. */
  organizationalUnit?: string;
  regions: Record<string, string[]>;
}

/** organization.json */
export interface DemoOrganization {
  description?: string;
  seedAccount: { accountId: string; name: string; organizationalUnit?: string };
  seedRegion: string;
  bucketNames: string[];
  accounts: DemoAccount[];
}

/** A change of a resource, as `sechub simulate-change` takes it. */
export interface DemoChange {
  account: string;
  region: string;
  resourceType: string;
  resourceId: string;
  set?: string[];
  unset?: string[];
  delete?: boolean;
}

/** One event of the replay: a template for an account and Region, `at` before the load (`-2d3h`). */
export interface DemoEventOccurrence {
  event: string;
  account: string;
  region: string;
  at: string;
}

/** One phase of timeline.json. */
export interface DemoPhase {
  day: number;
  title: string;
  record?: boolean;
  changes: DemoChange[];
  events: DemoEventOccurrence[];
}

/** Everything the loader needs, checked. */
export interface DemoFixtures {
  organization: DemoOrganization;
  phases: DemoPhase[];
  /** Event templates by `<source>/<name>`. */
  templates: Map<string, string>;
  /** The simulated account's seed items by set (file name without `.json`). */
  seedSets: Map<string, StoredConfigurationItem[]>;
}

/** A demo file is not what the loader can use. */
export class DemoFixtureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DemoFixtureError';
  }
}

const ACCOUNT = { type: 'string', pattern: '^\\d{12}$' } as const;
const REGION = { type: 'string', pattern: '^[a-z]{2}(-[a-z]+)+-\\d$' } as const;
const OFFSET = /^-(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+(?:\.\d+)?)s)?$/;

/** An OU path of names under the root: `Workloads/Prod`. */
const OU_PATH = { type: 'string', pattern: '^[\\w .-]+(/[\\w .-]+)*$', nullable: true } as const;

const organizationSchema: JSONSchemaType<DemoOrganization> = {
  type: 'object',
  required: ['seedAccount', 'seedRegion', 'bucketNames', 'accounts'],
  additionalProperties: false,
  properties: {
    description: { type: 'string', nullable: true },
    seedAccount: {
      type: 'object',
      required: ['accountId', 'name'],
      additionalProperties: false,
      properties: { accountId: ACCOUNT, name: { type: 'string' }, organizationalUnit: OU_PATH },
    },
    seedRegion: REGION,
    bucketNames: { type: 'array', items: { type: 'string' } },
    accounts: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['accountId', 'name', 'regions'],
        additionalProperties: false,
        properties: {
          accountId: ACCOUNT,
          name: { type: 'string', minLength: 1 },
          organizationalUnit: OU_PATH,
          regions: { type: 'object', required: [], minProperties: 1, additionalProperties: { type: 'array', items: { type: 'string' } } },
        },
      },
    },
  },
};

const timelineSchema: JSONSchemaType<{ description?: string; phases: DemoPhase[] }> = {
  type: 'object',
  required: ['phases'],
  additionalProperties: false,
  properties: {
    description: { type: 'string', nullable: true },
    phases: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['day', 'title', 'changes', 'events'],
        additionalProperties: false,
        properties: {
          day: { type: 'integer', maximum: -1 },
          title: { type: 'string' },
          record: { type: 'boolean', nullable: true },
          changes: {
            type: 'array',
            items: {
              type: 'object',
              required: ['account', 'region', 'resourceType', 'resourceId'],
              additionalProperties: false,
              properties: {
                account: ACCOUNT,
                region: REGION,
                resourceType: { type: 'string' },
                resourceId: { type: 'string' },
                set: { type: 'array', items: { type: 'string', pattern: '^[^=]+=' }, nullable: true },
                unset: { type: 'array', items: { type: 'string' }, nullable: true },
                delete: { type: 'boolean', nullable: true },
              },
            },
          },
          events: {
            type: 'array',
            items: {
              type: 'object',
              required: ['event', 'account', 'region', 'at'],
              additionalProperties: false,
              properties: { event: { type: 'string' }, account: ACCOUNT, region: REGION, at: { type: 'string', pattern: OFFSET.source } },
            },
          },
        },
      },
    },
  },
};

const ajv = new Ajv({ allErrors: true });
const checkOrganization = ajv.compile(organizationSchema);
const checkTimeline = ajv.compile(timelineSchema);

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new DemoFixtureError(`${file}: ${(error as Error).message}`);
  }
}

function checked<T>(value: unknown, check: ReturnType<typeof ajv.compile<T>>, file: string): T {
  if (check(value)) return value as T;
  const errors = (check.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message}`).join('; ');
  throw new DemoFixtureError(`${file}: ${errors}`);
}

/** Milliseconds of an offset before the load: `-2d3h` → -183_600_000. */
export function parseOffset(text: string, where: string): number {
  const match = OFFSET.exec(text);
  if (match === null || text === '-') throw new DemoFixtureError(`${where}: '${text}' is not an offset such as -2d3h30m`);
  const [, d = '0', h = '0', m = '0', s = '0'] = match;
  return -Math.round(((Number(d) * 24 + Number(h)) * 60 + Number(m)) * 60_000 + Number(s) * 1000);
}

/** Reads and checks the demo's files (and the seed sets they re-home). */
export async function readDemoFixtures(dir: string = DEMO_DIR, seedDir: string = SIMULATED_ACCOUNT_DIR): Promise<DemoFixtures> {
  const organization = checked(await readJson(join(dir, 'organization.json')), checkOrganization, 'organization.json');
  const { phases } = checked(await readJson(join(dir, 'timeline.json')), checkTimeline, 'timeline.json');
  const templates = new Map<string, string>();
  for (const source of (await readdir(join(dir, 'events'))).sort()) {
    for (const file of (await readdir(join(dir, 'events', source))).filter((name) => name.endsWith('.json')).sort()) {
      templates.set(`${source}/${file.slice(0, -'.json'.length)}`, await readFile(join(dir, 'events', source, file), 'utf8'));
    }
  }
  const fixtures = { organization, phases, templates, seedSets: await seedSetsOf(seedDir) };
  checkReferences(fixtures);
  return fixtures;
}

async function seedSetsOf(seedDir: string): Promise<Map<string, StoredConfigurationItem[]>> {
  const sets = new Map<string, StoredConfigurationItem[]>();
  for (const file of (await readdir(seedDir)).filter((name) => name.endsWith('.json')).sort()) {
    sets.set(file.slice(0, -'.json'.length), await readSeedFile(join(seedDir, file)));
  }
  return sets;
}

async function readSeedFile(file: string): Promise<StoredConfigurationItem[]> {
  const items = await readJson(file);
  if (!Array.isArray(items)) throw new DemoFixtureError(`${file}: must be a list of configuration items`);
  return items.map((item, i) => checkItem(item, `${file}[${i}]`));
}

/** Every set, account, Region and template the timeline names exists; phases go forward in time. */
function checkReferences(fixtures: DemoFixtures): void {
  const regionsOf = new Map(fixtures.organization.accounts.map((account) => [account.accountId, Object.keys(account.regions)]));
  regionsOf.set(fixtures.organization.seedAccount.accountId, [fixtures.organization.seedRegion]);
  fixtures.organization.accounts.forEach((account, i) => {
    for (const [region, sets] of Object.entries(account.regions)) {
      if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) throw new DemoFixtureError(`organization.json: /accounts/${i}/regions: '${region}' is not a Region`);
      for (const set of sets)
        if (!fixtures.seedSets.has(set)) throw new DemoFixtureError(`organization.json: /accounts/${i}/regions/${region}: no resource set '${set}' in lib/local/simulated-account`);
    }
  });
  let day = Number.NEGATIVE_INFINITY;
  fixtures.phases.forEach((phase, p) => {
    if (phase.day <= day) throw new DemoFixtureError(`timeline.json: /phases/${p}/day: phases must go forward in time (${phase.day} after ${day})`);
    day = phase.day;
    const place = (where: string, account: string, region: string) => {
      if (!regionsOf.get(account)?.includes(region)) throw new DemoFixtureError(`timeline.json: ${where}: account ${account} records nothing in ${region} (organization.json)`);
    };
    phase.changes.forEach((change, c) => {
      place(`/phases/${p}/changes/${c}`, change.account, change.region);
    });
    phase.events.forEach((event, e) => {
      place(`/phases/${p}/events/${e}`, event.account, event.region);
      if (!fixtures.templates.has(event.event)) throw new DemoFixtureError(`timeline.json: /phases/${p}/events/${e}/event: no template events/${event.event}.json`);
      parseOffset(event.at, `timeline.json: /phases/${p}/events/${e}/at`);
    });
  });
}

/** Replaces the seed's account, Region and bucket names in every string of a value. */
function rehome(value: unknown, replace: (text: string) => string): unknown {
  if (typeof value === 'string') return replace(value);
  if (Array.isArray(value)) return value.map((entry) => rehome(entry, replace));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, rehome(entry, replace)]));
  return value;
}

/** The configuration items of the demo's accounts: the seed sets re-homed to each account and Region. */
export function demoItems(fixtures: DemoFixtures): StoredConfigurationItem[] {
  const { seedAccount, seedRegion, bucketNames } = fixtures.organization;
  const items: StoredConfigurationItem[] = [];
  for (const account of fixtures.organization.accounts) {
    const [home] = Object.keys(account.regions);
    for (const [region, sets] of Object.entries(account.regions)) {
      const suffix = region === home ? `-${account.accountId}` : `-${account.accountId}-${region}`;
      const names = new RegExp(`(${[seedAccount.accountId, seedRegion, ...bucketNames].map((text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'g');
      const replace = (text: string) => text.replace(names, (found) => (found === seedAccount.accountId ? account.accountId : found === seedRegion ? region : `${found}${suffix}`));
      for (const set of sets) for (const item of fixtures.seedSets.get(set)!) items.push(rehome(item, replace) as StoredConfigurationItem);
    }
  }
  return items;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Inspector's EventBridge time format: `Wed Sep 04 16:59:44.356 UTC 2024`. */
function inspectorTime(at: Date): string {
  return `${DAYS[at.getUTCDay()]} ${MONTHS[at.getUTCMonth()]} ${pad(at.getUTCDate())} ${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())}.${pad(at.getUTCMilliseconds(), 3)} UTC ${at.getUTCFullYear()}`;
}

/** A fixed id of one occurrence (hex), the same on every load. */
function occurrenceId(occurrence: DemoEventOccurrence): string {
  return createHash('sha256').update(`${occurrence.event}|${occurrence.account}|${occurrence.region}|${occurrence.at}`).digest('hex');
}

/**
 * The PutEvents entry of one occurrence: the template with `{{ACCOUNT}}`, `{{REGION}}`,
 * `{{FINDING_ID}}`, `{{EVENT_ID}}` and `{{AT…}}` (the event's time, `{{AT-2h}}` before it,
 * `|inspector` in Inspector's format) filled in, timed `at` before `loadedAt`.
 */
export function demoEventEntry(fixtures: DemoFixtures, occurrence: DemoEventOccurrence, loadedAt: Date): PutEventsRequestEntry {
  const at = loadedAt.getTime() + parseOffset(occurrence.at, occurrence.event);
  const id = occurrenceId(occurrence);
  const text = fixtures.templates
    .get(occurrence.event)!
    .replace(/\{\{(ACCOUNT|REGION|FINDING_ID|EVENT_ID|AT([+-][0-9dhms.]+)?(\|inspector)?)\}\}/g, (_all, name: string, offset?: string, format?: string) => {
      if (name === 'ACCOUNT') return occurrence.account;
      if (name === 'REGION') return occurrence.region;
      if (name === 'FINDING_ID') return id.slice(0, 32);
      if (name === 'EVENT_ID') return `${id.slice(0, 8)}-${id.slice(8, 12)}-4${id.slice(13, 16)}-8${id.slice(17, 20)}-${id.slice(20, 32)}`;
      const ms = offset === undefined ? 0 : offset.startsWith('+') ? -parseOffset(`-${offset.slice(1)}`, occurrence.event) : parseOffset(offset, occurrence.event);
      const time = new Date(at + ms);
      return format === undefined ? time.toISOString() : inspectorTime(time);
    });
  const left = /\{\{[^}]*\}\}/.exec(text);
  if (left !== null) throw new DemoFixtureError(`events/${occurrence.event}.json: unknown placeholder ${left[0]}`);
  const event = JSON.parse(text) as { source: string; 'detail-type': string; resources?: string[]; detail: unknown };
  return { Source: event.source, DetailType: event['detail-type'], Resources: event.resources ?? [], Detail: JSON.stringify(event.detail), Time: at / 1000 };
}
