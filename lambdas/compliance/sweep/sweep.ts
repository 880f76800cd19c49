import { controlFindingId } from '../control-finding';
import type { ConfigurationItem } from '../controls/types';
import { fetchRelated, getAll, listAll, type ConfigItemsSource, type ResourceKey } from '../config-items';
import { ACCOUNT_DEPENDENCY_TYPES, ACCOUNT_TYPE, assembleAccountItem, controlsAt, EVALUATED_TYPES, findingPlace, RELATED_TYPES, type RelatedItems } from '../evaluate';
import { archiveFindings, evaluateAndImport, type ControlFindingsStore, type EvaluateItemsOutcome, type ImportCounts, type SettingsSource } from '../evaluate-import';
import type { AwsSecurityFinding } from '../../asff';

/**
 * The periodic sweep's tasks (the compliance-evaluation state machine calls them): list the
 * resources the controls evaluate, evaluate them in batches, archive the findings of resources
 * that are gone. Cores over a {@link ConfigItemsSource} and the store; no SDK, no env.
 */

/** Most resources one evaluate-batch task gets (BatchGetAggregateResourceConfig's limit). */
export const BATCH_SIZE = 100;
/** List pages one list task reads before handing back a NextToken (keeps its output ≪ 256 KiB). */
export const PAGES_PER_LIST = 5;

/** The resource types a sweep lists: every type a control evaluates (`AWS::::Account` = the aggregator's sources). */
export const SWEPT_TYPES = EVALUATED_TYPES;

/** Resource types one list task walks through in a row (an empty type then costs an API call, not state transitions). */
export const TYPES_PER_LIST_TASK = 8;

/** Separator of the types of a sweep group (resource types contain no spaces). */
const GROUP_SEPARATOR = ' ';

/**
 * The sweep's map items: {@link SWEPT_TYPES} in groups of {@link TYPES_PER_LIST_TASK}, each a
 * space-separated list of types. The state machine iterates groups, so the per-iteration
 * transitions grow with the groups, not with every type the catalogue evaluates.
 */
export const SWEEP_TYPE_GROUPS: readonly string[] = Array.from({ length: Math.ceil(SWEPT_TYPES.length / TYPES_PER_LIST_TASK) }, (_, i) =>
  SWEPT_TYPES.slice(i * TYPES_PER_LIST_TASK, (i + 1) * TYPES_PER_LIST_TASK).join(GROUP_SEPARATOR),
);

/** Input of the list task. */
export interface ListInput {
  /** One resource type, or a {@link SWEEP_TYPE_GROUPS} group of them. */
  resourceType: string;
  /** Where the previous list task of this group stopped (opaque: `<type index>|<Config token>`). */
  nextToken?: string;
}

/** Output of the list task: resource identifiers in batches of ≤ 100, and where to go on. */
export interface ListOutput {
  resourceType: string;
  batches: ResourceKey[][];
  count: number;
  nextToken?: string;
}

const byPlace = (a: ResourceKey, b: ResourceKey) => a.accountId.localeCompare(b.accountId) || a.awsRegion.localeCompare(b.awsRegion) || a.resourceId.localeCompare(b.resourceId);

/** Reads a list task's token: the type to go on with and its Config token. */
function cursorOf(nextToken: string | undefined, types: readonly string[]): { index: number; token?: string } {
  if (!nextToken) return { index: 0 };
  const bar = nextToken.indexOf('|');
  const index = Number(nextToken.slice(0, bar));
  if (bar < 0 || !Number.isInteger(index) || index < 0 || index >= types.length) throw new Error(`Invalid list nextToken for ${types.join(', ')}: ${nextToken}`);
  return { index, ...(bar < nextToken.length - 1 && { token: nextToken.slice(bar + 1) }) };
}

/**
 * Up to {@link PAGES_PER_LIST} pages of the resources of one type or of a group of types (walked
 * in order, an exhausted type giving way to the next), as identifiers (not items) sorted by
 * account and Region (so a batch shares its related items) in batches of ≤ 100.
 * `AWS::::Account` lists the account/Region pairs the aggregator collects from.
 */
export async function listResources(source: ConfigItemsSource, input: ListInput): Promise<ListOutput> {
  const types = input.resourceType.split(GROUP_SEPARATOR).filter((type) => type !== '');
  const keys: ResourceKey[] = [];
  let { index, token } = cursorOf(input.nextToken, types);
  for (let page = 0; page < PAGES_PER_LIST && index < types.length; page++) {
    const resourceType = types[index]!;
    if (resourceType === ACCOUNT_TYPE) {
      const response = await source.listAccountRegions(token);
      keys.push(...response.sources.map(({ accountId, awsRegion }) => ({ accountId, awsRegion, resourceType: ACCOUNT_TYPE, resourceId: accountId })));
      token = response.nextToken;
    } else {
      const response = await source.listResources(resourceType, {}, token);
      keys.push(...response.keys);
      token = response.nextToken;
    }
    if (!token) index++;
  }
  keys.sort(byPlace);
  const batches: ResourceKey[][] = [];
  for (let start = 0; start < keys.length; start += BATCH_SIZE) batches.push(keys.slice(start, start + BATCH_SIZE));
  const more = index < types.length;
  return { resourceType: input.resourceType, batches, count: keys.length, ...(more && { nextToken: `${index}|${token ?? ''}` }) };
}

/** Output of the evaluate-batch task. */
export interface EvaluateBatchOutput extends Omit<EvaluateItemsOutcome, 'errors'> {
  /** Listed resources the Config API no longer returned (deleted since): archive-stale takes them. */
  missing: number;
  errorCount: number;
  errors: EvaluateItemsOutcome['errors'];
}

/**
 * Evaluates a batch: per account and Region, batch-gets the items, fetches the related items
 * their controls read once, assembles the account item for `AWS::::Account` keys; then evaluates
 * every item of the batch (with each account's settings) and imports what changed in one pass, so
 * the stored control findings of the whole batch are read 100 at a time, whatever its places.
 */
export async function evaluateBatch(
  source: ConfigItemsSource,
  store: ControlFindingsStore,
  settings: SettingsSource,
  keys: ResourceKey[],
  now: Date,
  homeRegion?: string,
): Promise<EvaluateBatchOutput> {
  const groups = new Map<string, ResourceKey[]>();
  for (const key of keys) {
    const place = `${key.accountId}|${key.awsRegion}`;
    groups.set(place, [...(groups.get(place) ?? []), key]);
  }
  let missing = 0;
  const items: ConfigurationItem[] = [];
  const relatedOf = new Map<ConfigurationItem, RelatedItems>();
  for (const group of groups.values()) {
    const { accountId, awsRegion } = group[0];
    const resourceKeys = group.filter((key) => key.resourceType !== ACCOUNT_TYPE);
    const withAccount = resourceKeys.length < group.length;
    const fetched = await getAll(source, resourceKeys);
    missing += resourceKeys.length - fetched.length;
    const types = [...fetched.flatMap((item) => RELATED_TYPES[item.resourceType] ?? []), ...(withAccount ? ACCOUNT_DEPENDENCY_TYPES : [])];
    const related = await fetchRelated(source, accountId, awsRegion, types);
    for (const item of [...fetched, ...(withAccount ? [assembleAccountItem(accountId, awsRegion, related)] : [])]) {
      items.push(item);
      relatedOf.set(item, related);
    }
  }
  const outcome = await evaluateAndImport(items, (item) => relatedOf.get(item) ?? (() => []), settings, now, store, homeRegion);
  return {
    ...outcome,
    missing,
    errorCount: outcome.errors.length,
    errors: outcome.errors.slice(0, 20), // the task output stays small; the handler logs them all
  };
}

/** Input of the archive-stale task. */
export interface ArchiveStaleInput {
  /** The sweep's start (ISO), for the reason text. */
  startedAt: string;
  /** Only this account's findings (a state machine may fan out per account). */
  accountId?: string;
}

/** Output of the archive-stale task. */
export interface ArchiveStaleOutput extends ImportCounts {
  listed: number;
  active: number;
  stale: number;
}

/**
 * Archives the ACTIVE control findings whose resource Config no longer has: lists every swept
 * resource (identifiers only), computes the Ids of their control findings, and archives ACTIVE
 * control findings outside that set — only those last updated before the listing began, so a
 * resource created during the sweep is never archived. Per-account controls are expected only in
 * the home Region (their findings elsewhere are archived), global resources' findings only there.
 */
export async function archiveStale(source: ConfigItemsSource, store: ControlFindingsStore, input: ArchiveStaleInput, now: Date, homeRegion?: string): Promise<ArchiveStaleOutput> {
  const listedAt = now.getTime();
  const expected = new Set<string>();
  let listed = 0;
  const expect = (listedKey: ResourceKey) => {
    listed++;
    const key = findingPlace(listedKey, homeRegion); // a global resource's findings live in the home Region
    for (const control of controlsAt(key.resourceType, key.awsRegion, homeRegion)) expected.add(controlFindingId(control.id, key));
  };
  let token: string | undefined;
  do {
    const page = await source.listAccountRegions(token);
    page.sources
      .filter((place) => !input.accountId || place.accountId === input.accountId)
      .forEach(({ accountId, awsRegion }) => {
        expect({ accountId, awsRegion, resourceType: ACCOUNT_TYPE, resourceId: accountId });
      });
    token = page.nextToken;
  } while (token);
  for (const type of SWEPT_TYPES.filter((type) => type !== ACCOUNT_TYPE)) {
    (await listAll(source, type, { accountId: input.accountId })).forEach(expect);
  }

  const stale: AwsSecurityFinding[] = [];
  let active = 0;
  const filters = {
    RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' as const }],
    GeneratorId: [{ Value: 'security-control/', Comparison: 'PREFIX' as const }],
    ProductName: [{ Value: 'Security Hub', Comparison: 'EQUALS' as const }],
    ...(input.accountId && { AwsAccountId: [{ Value: input.accountId, Comparison: 'EQUALS' as const }] }),
  };
  // One pass through the planner (no order): paged GetFindings would re-read every match per page.
  await store.forEachFindingPage(filters, (page) => {
    active += page.length;
    stale.push(...page.filter((finding) => !expected.has(finding.Id) && Date.parse(finding.UpdatedAt) < listedAt));
  });
  const counts = await archiveFindings(store, stale, `The resource no longer exists in AWS Config (sweep started ${input.startedAt}).`, now);
  return { ...counts, evaluated: 0, listed, active, stale: stale.length };
}
