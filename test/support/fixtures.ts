/**
 * The test fixtures under test/fixtures, one typed loader per kind. Every load parses the file
 * afresh, so a test may mutate what it gets.
 * - `events/<source>/<name>.json`: source events the normalizers take (GuardDuty, Inspector, Macie, Config);
 * - `config-items/<service>/<name>.json`: AWS Config configuration items the controls evaluate;
 * - `config-events/<name>.json`: Config item-change events (EventBridge);
 * - `third-party-asff/…`: third parties' real ASFF output (provenance in its SOURCES.md, index in manifest.json);
 * - `asff/`: whole ASFF findings (typed builders in asff/findings.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConfigurationItem } from '../../lambdas/compliance/controls/types';
import type { ConfigItemChangeEvent } from '../../lambdas/compliance/evaluate-change';
import type { SourceEvent } from '../../lambdas/normalize/types';

const ROOT = join(__dirname, '..', 'fixtures');

/** The folder of each kind of fixture. */
export const FIXTURE_DIRS = {
  asff: join(ROOT, 'asff'),
  events: join(ROOT, 'events'),
  configItems: join(ROOT, 'config-items'),
  configEvents: join(ROOT, 'config-events'),
  thirdPartyAsff: join(ROOT, 'third-party-asff'),
} as const;

/** A kind of fixture (a key of {@link FIXTURE_DIRS}). */
export type FixtureKind = keyof typeof FIXTURE_DIRS;

const withJson = (name: string): string => (name.endsWith('.json') ? name : `${name}.json`);

/** The absolute path of a fixture (`.json` added to `name` when missing). */
export function fixturePath(kind: FixtureKind, name: string): string {
  return join(FIXTURE_DIRS[kind], withJson(name));
}

/** A fixture file parsed as JSON, typed by the caller. */
export function fixtureJson<T>(kind: FixtureKind, name: string): T {
  return JSON.parse(readFileSync(fixturePath(kind, name), 'utf8')) as T;
}

/** The JSON files under a kind's folder (or a subfolder of it), as paths relative to the kind's folder, sorted. */
export function fixtureFiles(kind: FixtureKind, folder = ''): string[] {
  const base = join(FIXTURE_DIRS[kind], folder);
  return readdirSync(base, { recursive: true })
    .map(String)
    .filter((file) => file.endsWith('.json'))
    .map((file) => (folder === '' ? file : join(folder, file)))
    .sort();
}

/** A source event, `<source>/<name>` (e.g. `guardduty/ec2-ssh-brute-force`). */
export function sourceEvent<Detail = unknown>(name: string): SourceEvent<Detail> {
  return fixtureJson<SourceEvent<Detail>>('events', name);
}

/** A Config configuration item, `<service>/<name>` (e.g. `iam/user-no-mfa`). */
export function configItem(name: string): ConfigurationItem {
  return fixtureJson<ConfigurationItem>('configItems', name);
}

/** A Config item-change event, `<name>` (e.g. `security-group-open-admin`). */
export function configEvent(name: string): ConfigItemChangeEvent {
  return fixtureJson<ConfigItemChangeEvent>('configEvents', name);
}

/** A file of the third-party ASFF corpus (path relative to test/fixtures/third-party-asff), typed by the caller. */
export function thirdPartyAsff<T>(name: string): T {
  return fixtureJson<T>('thirdPartyAsff', name);
}

/** A Config item-change event that carries its configuration item inline (not an oversized-item summary). */
export type ConfigItemChangeEventWithItem = ConfigItemChangeEvent & {
  detail: { configurationItem: NonNullable<ConfigItemChangeEvent['detail']['configurationItem']> };
};

/** A Config item-change event with its item inline; throws naming the fixture when it has none. */
export function configEventWithItem(name: string): ConfigItemChangeEventWithItem {
  const event = configEvent(name);
  if (event.detail.configurationItem === undefined) throw new Error(`config-events/${withJson(name)}: detail.configurationItem is missing`);
  return event as ConfigItemChangeEventWithItem;
}
