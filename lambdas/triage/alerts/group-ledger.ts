/**
 * One resource's alert group as a *ledger* item that each finding version counts itself into with
 * one atomic `UpdateItem` — no read before it, no version to compare, so any number of findings
 * arriving at once on one resource are all counted, none refused, none retried. Pure: the item's
 * layout, the commands that write it, and the group as it stood just before any version it counts.
 *
 * Top-level attributes only, so the update that counts the first finding of a window also creates
 * the item (a nested map would have to exist first):
 *
 * - `openedAt`, `windowEnds`, `expiresAt`: the window, set by its first finding (`if_not_exists`);
 * - `count`: versions counted. A version's **ordinal** is the count just before it (0: it opened
 *   the window);
 * - `v#<version key>`: a version being decided → its ordinal. It makes a redelivery idempotent
 *   (the update is conditional on its absence) and is removed once the decision is stored;
 * - `k#<kind key>`, `r#<severity rank>`, `p#<priority>`: the ordinal of the first version of that
 *   kind, severity rank or priority (`if_not_exists`: the first one stays);
 * - `kindKeys`: the kinds remembered, a String Set (`ADD`), only so that a condition can cap them
 *   at {@link MAX_GROUP_KINDS} (`size()`);
 * - `sent`: alerts sent, added when a sending decision is settled.
 *
 * So the group *before* ordinal `o` is exact whatever was counted after it: the kinds whose first
 * ordinal is below `o`, the highest rank and priority whose first ordinal is below `o`, `o`
 * findings. The first attempt and a retry of a version decide against the same state (a retry
 * after a crash finds its ordinal and gets the verdict of the first attempt).
 *
 * What one update cannot express is resetting an expired window (a SET cannot choose between
 * keeping and replacing a value by comparing another): the update is refused when the window has
 * ended, and a conditional Put opens the next window. Concurrent findings at that moment are
 * refused at most twice each (their count, and a Put another finding won), once per window; the
 * one Put that lands opens it, the others count into it.
 *
 * The ordinal is read from `count` by the same update that increments it: operands see the item
 * as it was before the update, and the increment is the last SET action, so a left-to-right
 * reading agrees. It is `SET count = count + 1`, not `ADD`: dynalite applies an ADD to the very
 * value object another action read, which would shift every ordinal by one.
 */
import { TABLE_KEYS } from '../../store';
import { categoryOfKey } from './kinds';
import { MAX_GROUP_KINDS, verdictInGroup, type GroupFacts, type GroupSettings, type GroupState, type GroupSummary, type GroupVerdict } from './group-policy';

/** A ledger item as the document client reads it (numbers, strings, a `Set` of kind keys). */
export type LedgerItem = Record<string, unknown>;

/** One finding version to count in one group. */
export interface LedgerEntry {
  /** See `versionKeyOf`. */
  versionKey: string;
  facts: GroupFacts;
  now: Date;
  settings: GroupSettings;
}

/** An `UpdateItem`'s expression members. */
export interface UpdateParts {
  UpdateExpression: string;
  ConditionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, unknown>;
}

/** A conditional `PutItem`'s members (without the table). */
export interface PutParts {
  Item: Record<string, unknown>;
  ConditionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, unknown>;
}

/** What to do after the count was refused, read off the item as it is now. */
export type NextStep = 'replay' | 'open' | 'count-without-kind' | 'count';

const DAY_MS = 86_400_000;
const VERSION = 'v#';
const KIND = 'k#';
const RANK = 'r#';
const PRIORITY = 'p#';
const KIND_KEYS = 'kindKeys';
/** The revision attribute of the optimistic-concurrency item this layout replaced: such an item is replaced. */
const LEGACY = 'rev';

/** The ordinal `versionKey` was counted at, while it is being decided. */
export function ordinalOf(item: LedgerItem | undefined, versionKey: string): number | undefined {
  const ordinal = item?.[VERSION + versionKey];
  return typeof ordinal === 'number' ? ordinal : undefined;
}

const windowOf = (entry: LedgerEntry) => {
  const windowEnds = entry.now.getTime() + entry.settings.windowMinutes * 60_000;
  return { openedAt: entry.now.toISOString(), windowEnds, [TABLE_KEYS.expiresAt]: Math.floor((windowEnds + DAY_MS) / 1000) };
};

/**
 * The update that counts the entry's version: creates the group when there is none, counts into an
 * open window, refused only when the version is counted already, the window has ended, or the kind
 * is new and the group remembers {@link MAX_GROUP_KINDS} kinds (`rememberKind: false` counts it
 * without remembering it). Ask for `ALL_NEW` and read the verdict with {@link verdictOf}.
 */
export function countUpdate(entry: LedgerEntry, rememberKind: boolean): UpdateParts {
  const window = windowOf(entry);
  const { facts } = entry;
  const names: Record<string, string> = {
    '#openedAt': 'openedAt',
    '#windowEnds': 'windowEnds',
    '#expiresAt': TABLE_KEYS.expiresAt,
    '#count': 'count',
    '#version': VERSION + entry.versionKey,
    '#rank': RANK + facts.severityRank,
    '#legacy': LEGACY,
  };
  const values: Record<string, unknown> = {
    ':openedAt': window.openedAt,
    ':windowEnds': window.windowEnds,
    ':expiresAt': window[TABLE_KEYS.expiresAt],
    ':zero': 0,
    ':one': 1,
    ':now': entry.now.getTime(),
  };
  const ordinal = 'if_not_exists(#count, :zero)';
  const sets = [
    '#openedAt = if_not_exists(#openedAt, :openedAt)',
    '#windowEnds = if_not_exists(#windowEnds, :windowEnds)',
    '#expiresAt = if_not_exists(#expiresAt, :expiresAt)',
    `#version = ${ordinal}`,
    `#rank = if_not_exists(#rank, ${ordinal})`,
  ];
  if (facts.priority !== undefined) {
    names['#priority'] = PRIORITY + facts.priority;
    sets.push(`#priority = if_not_exists(#priority, ${ordinal})`);
  }
  let conditions = 'attribute_not_exists(#legacy) AND attribute_not_exists(#version) AND (attribute_not_exists(#windowEnds) OR #windowEnds > :now)';
  let add = '';
  if (rememberKind) {
    Object.assign(names, { '#kind': KIND + facts.kind.key, '#kindKeys': KIND_KEYS });
    Object.assign(values, { ':kindKey': facts.kind.key, ':kindSet': new Set([facts.kind.key]), ':maxKinds': MAX_GROUP_KINDS });
    sets.push(`#kind = if_not_exists(#kind, ${ordinal})`);
    add = ' ADD #kindKeys :kindSet';
    conditions += ' AND (attribute_not_exists(#kindKeys) OR size(#kindKeys) < :maxKinds OR contains(#kindKeys, :kindKey))';
  }
  sets.push(`#count = ${ordinal} + :one`); // last: see the module comment
  return { UpdateExpression: `SET ${sets.join(', ')}${add}`, ConditionExpression: conditions, ExpressionAttributeNames: names, ExpressionAttributeValues: values };
}

/** The Put that opens the next window with the entry's version as its first (ordinal 0), if the window is still over. */
export function openPut(key: Record<string, string>, entry: LedgerEntry): PutParts {
  const { facts } = entry;
  return {
    Item: {
      ...key,
      ...windowOf(entry),
      count: 1,
      [VERSION + entry.versionKey]: 0,
      [RANK + facts.severityRank]: 0,
      ...(facts.priority !== undefined && { [PRIORITY + facts.priority]: 0 }),
      [KIND + facts.kind.key]: 0,
      [KIND_KEYS]: new Set([facts.kind.key]),
    },
    ConditionExpression: 'attribute_not_exists(#pk) OR #windowEnds <= :now OR attribute_exists(#legacy)',
    ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey, '#windowEnds': 'windowEnds', '#legacy': LEGACY },
    ExpressionAttributeValues: { ':now': entry.now.getTime() },
  };
}

/** The update that forgets a decided version (and counts its alert), once: refused when it is forgotten already. */
export function settleUpdate(versionKey: string, sent: boolean): Omit<UpdateParts, 'ExpressionAttributeValues'> & { ExpressionAttributeValues?: Record<string, unknown> } {
  return {
    UpdateExpression: `REMOVE #version${sent ? ' ADD #sent :one' : ''}`,
    ConditionExpression: 'attribute_exists(#version)',
    ExpressionAttributeNames: { '#version': VERSION + versionKey, ...(sent && { '#sent': 'sent' }) },
    ...(sent && { ExpressionAttributeValues: { ':one': 1 } }),
  };
}

/** After a refused count: what the item says to do next. */
export function nextStep(item: LedgerItem | undefined, entry: LedgerEntry): NextStep {
  if (item === undefined) return 'count';
  if (ordinalOf(item, entry.versionKey) !== undefined) return 'replay';
  if (item[LEGACY] !== undefined || typeof item.windowEnds !== 'number' || item.windowEnds <= entry.now.getTime()) return 'open';
  const kinds = item[KIND_KEYS];
  const full = kinds instanceof Set && kinds.size >= MAX_GROUP_KINDS && !kinds.has(entry.facts.kind.key);
  return full ? 'count-without-kind' : 'count';
}

/** The keys under `prefix` whose first ordinal is below `ordinal`: the values seen before that version. */
function seenBefore(item: LedgerItem, prefix: string, ordinal: number): string[] {
  return Object.entries(item)
    .filter(([name, first]) => name.startsWith(prefix) && typeof first === 'number' && first < ordinal)
    .map(([name]) => name.slice(prefix.length));
}

const highest = (values: string[]) => values.reduce((max, value) => Math.max(max, Number(value)), -1);

/** The group as it stood just before the version counted at `ordinal` (`Infinity`: as it stands). */
export function stateBefore(item: LedgerItem, ordinal: number): GroupState {
  return {
    openedAt: String(item.openedAt),
    windowEnds: Number(item.windowEnds),
    kinds: Object.fromEntries(seenBefore(item, KIND, ordinal).map((key) => [key, categoryOfKey(key)])),
    highestRank: highest(seenBefore(item, RANK, ordinal)),
    maxPriority: highest(seenBefore(item, PRIORITY, ordinal)),
    count: Math.min(ordinal, Number(item.count ?? 0)),
  };
}

/** The group's verdict on the entry's version, from an item that counts it (throws if it does not). */
export function verdictOf(item: LedgerItem, entry: LedgerEntry): GroupVerdict {
  const ordinal = ordinalOf(item, entry.versionKey);
  if (ordinal === undefined) throw new Error(`version ${entry.versionKey} is not counted in this alert group`);
  return verdictInGroup(stateBefore(item, ordinal), entry.facts, entry.settings);
}

/** The group as it stands (for `explain-alert`), or undefined for none (or an item of the replaced layout). */
export function summaryOf(item: LedgerItem | undefined): GroupSummary | undefined {
  if (item === undefined || item[LEGACY] !== undefined || typeof item.openedAt !== 'string') return undefined;
  return { ...stateBefore(item, Number.POSITIVE_INFINITY), sent: Number(item.sent ?? 0) };
}
