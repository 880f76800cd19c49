/**
 * The alert group ledger's pure core: the group rebuilt from first ordinals is the group a
 * one-at-a-time fold would have had, for every version, whatever was counted after it — so the
 * atomic count and a replay after a crash give the verdict the old read-decide-write gave; what to
 * do after a refused count; the commands' shape.
 */
import fc from 'fast-check';
import {
  countUpdate,
  nextStep,
  openPut,
  ordinalOf,
  settleUpdate,
  stateBefore,
  summaryOf,
  verdictOf,
  type LedgerEntry,
  type LedgerItem,
} from '../../../../lambdas/triage/alerts/group-ledger';
import { MAX_GROUP_KINDS, verdictInGroup, type GroupFacts, type GroupState, type GroupVerdict } from '../../../../lambdas/triage/alerts/group-policy';
import { categoryOfKey } from '../../../../lambdas/triage/alerts/kinds';

const NOW = new Date('2026-12-08T10:00:00.000Z');
const SETTINGS = { windowMinutes: 60, priorityThreshold: 70 };
const KINDS = ['threat:TTPs/Backdoor', 'threat:Recon', 'control:EC2.8', 'vulnerability:CVE', 'exposure:Open port'];

const entryOf = (facts: GroupFacts, index: number): LedgerEntry => ({ versionKey: `v${index}`, facts, now: NOW, settings: SETTINGS });

/** The specification: decide each version against the group as the versions before it left it. */
function sequential(facts: GroupFacts[]): GroupVerdict[] {
  let state: GroupState = { openedAt: NOW.toISOString(), windowEnds: NOW.getTime() + 3_600_000, kinds: {}, highestRank: -1, maxPriority: -1, count: 0 };
  return facts.map((fact) => {
    const verdict = verdictInGroup(state, fact, SETTINGS);
    const kinds = { ...state.kinds };
    if (kinds[fact.kind.key] === undefined && Object.keys(kinds).length < MAX_GROUP_KINDS) kinds[fact.kind.key] = categoryOfKey(fact.kind.key);
    state = {
      ...state,
      kinds,
      highestRank: Math.max(state.highestRank, fact.severityRank),
      maxPriority: Math.max(state.maxPriority, fact.priority ?? -1),
      count: state.count + 1,
    };
    return verdict;
  });
}

/** What DynamoDB leaves after the counts of `facts` in this order (`if_not_exists`: the first ordinal stays). */
function ledgerAfter(facts: GroupFacts[]): LedgerItem {
  const item: LedgerItem = { ...openPut({ pk: 'ALERTGROUP#1#r', sk: 'GROUP' }, entryOf(facts[0], 0)).Item };
  const kindKeys = item.kindKeys as Set<string>;
  facts.slice(1).forEach((fact, at) => {
    const ordinal = at + 1;
    const first = (name: string) => (item[name] ??= ordinal);
    item[`v#v${ordinal}`] = ordinal;
    first(`r#${fact.severityRank}`);
    if (fact.priority !== undefined) first(`p#${fact.priority}`);
    if (kindKeys.has(fact.kind.key) || kindKeys.size < MAX_GROUP_KINDS) {
      first(`k#${fact.kind.key}`);
      kindKeys.add(fact.kind.key);
    }
    item.count = ordinal + 1;
  });
  return item;
}

const factsArb = fc.record({
  kind: fc.constantFrom(...KINDS).map((key) => ({ key, category: categoryOfKey(key) as GroupFacts['kind']['category'] })),
  severityRank: fc.integer({ min: 0, max: 4 }),
  priority: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
  priorityCrossed: fc.boolean(),
});

describe('alert group ledger', () => {
  it('gives every version the verdict of the one-at-a-time fold, read right after its count or long after (replay)', () => {
    fc.assert(
      fc.property(fc.array(factsArb, { minLength: 1, maxLength: 40 }), (facts) => {
        const expected = sequential(facts);
        const final = ledgerAfter(facts);
        facts.forEach((fact, index) => {
          expect(verdictOf(ledgerAfter(facts.slice(0, index + 1)), entryOf(fact, index))).toEqual(expected[index]);
          expect(verdictOf(final, entryOf(fact, index))).toEqual(expected[index]);
        });
      }),
      { numRuns: 150 },
    );
  });

  it('remembers at most MAX_GROUP_KINDS kinds and still alerts a kind past them as new, every time', () => {
    const facts: GroupFacts[] = Array.from({ length: MAX_GROUP_KINDS + 2 }, (_, index) => ({
      kind: { key: `threat:type-${Math.min(index, MAX_GROUP_KINDS)}`, category: 'threat' },
      severityRank: 3,
      priorityCrossed: false,
    }));
    const item = ledgerAfter(facts);
    expect((item.kindKeys as Set<string>).size).toBe(MAX_GROUP_KINDS);
    const verdicts = facts.map((fact, index) => verdictOf(item, entryOf(fact, index)));
    expect(verdicts.slice(-2).map((verdict) => verdict.rule)).toEqual(['new-kind', 'new-kind']);
    expect(verdicts).toEqual(sequential(facts));
  });

  it('says the version that opened the window opened it, and counts from there', () => {
    const fact: GroupFacts = { kind: { key: KINDS[0], category: 'threat' }, severityRank: 3, priority: 80, priorityCrossed: false };
    const item = ledgerAfter([fact, fact, { ...fact, severityRank: 4 }]);
    expect([0, 1, 2].map((index) => verdictOf(item, entryOf(fact, index)).rule)).toEqual(['group-opened', 'grouped', 'grouped']);
    expect(verdictOf(item, entryOf({ ...fact, severityRank: 4 }, 2))).toMatchObject({ rule: 'critical', count: 3, previousHighest: 'HIGH', openedAt: NOW.toISOString() });
    expect(stateBefore(item, 2)).toMatchObject({ count: 2, highestRank: 3, maxPriority: 80, kinds: { [KINDS[0]]: 'threat' } });
    expect(summaryOf({ ...item, sent: 2 })).toMatchObject({ count: 3, highestRank: 4, sent: 2 });
  });

  it('refuses to decide a version the item does not count', () => {
    const fact: GroupFacts = { kind: { key: KINDS[0], category: 'threat' }, severityRank: 3, priorityCrossed: false };
    expect(() => verdictOf(ledgerAfter([fact]), entryOf(fact, 7))).toThrow('version v7 is not counted');
  });
});

describe('after a refused count', () => {
  const fact: GroupFacts = { kind: { key: KINDS[0], category: 'threat' }, severityRank: 3, priorityCrossed: false };
  const open = ledgerAfter([fact]);

  it('replays a version counted already, even in a window that has ended since', () => {
    expect(nextStep(open, entryOf(fact, 0))).toBe('replay');
    expect(nextStep(open, { ...entryOf(fact, 0), now: new Date(NOW.getTime() + 7_200_000) })).toBe('replay');
  });

  it('opens the next window when it has ended, or replaces an item of the replaced layout', () => {
    expect(nextStep(open, { ...entryOf(fact, 1), now: new Date(NOW.getTime() + 3_600_000) })).toBe('open');
    expect(nextStep({ pk: 'p', sk: 'GROUP', rev: 3, windowEnds: NOW.getTime() + 60_000, pending: {} }, entryOf(fact, 1))).toBe('open');
  });

  it('counts without the kind when the group remembers the most kinds, else counts again', () => {
    const full = { ...open, kindKeys: new Set(Array.from({ length: MAX_GROUP_KINDS }, (_, index) => `threat:${index}`)) };
    expect(nextStep(full, entryOf(fact, 1))).toBe('count-without-kind');
    expect(nextStep(full, entryOf({ ...fact, kind: { key: 'threat:3', category: 'threat' } }, 1))).toBe('count');
    expect(nextStep(open, entryOf(fact, 1))).toBe('count');
    expect(nextStep(undefined, entryOf(fact, 1))).toBe('count');
  });
});

describe('the commands', () => {
  const fact: GroupFacts = { kind: { key: KINDS[2], category: 'misconfiguration' }, severityRank: 2, priority: 55, priorityCrossed: false };

  it('counts in one update: no read, the version absent, the window open or new, the count incremented last', () => {
    const update = countUpdate(entryOf(fact, 4), true);
    expect(update.ExpressionAttributeNames).toMatchObject({ '#version': 'v#v4', '#rank': 'r#2', '#priority': 'p#55', '#kind': 'k#control:EC2.8', '#legacy': 'rev' });
    expect(update.ConditionExpression).toContain('attribute_not_exists(#version)');
    expect(update.ConditionExpression).toContain('(attribute_not_exists(#windowEnds) OR #windowEnds > :now)');
    expect(update.ConditionExpression).toContain('size(#kindKeys) < :maxKinds');
    expect(update.UpdateExpression).toMatch(/#count = if_not_exists\(#count, :zero\) \+ :one ADD #kindKeys :kindSet$/);
    const withoutKind = countUpdate(entryOf({ ...fact, priority: undefined }, 4), false);
    expect(withoutKind.UpdateExpression).not.toMatch(/#kind|#priority/);
    expect(withoutKind.ConditionExpression).not.toContain('kindKeys');
  });

  it('opens a window only where none is open, and settles a version once, counting its alert', () => {
    const put = openPut({ pk: 'p', sk: 'GROUP' }, entryOf(fact, 0));
    expect(put.Item).toMatchObject({ count: 1, 'v#v0': 0, 'r#2': 0, 'p#55': 0, 'k#control:EC2.8': 0, windowEnds: NOW.getTime() + 3_600_000 });
    expect(put.ConditionExpression).toBe('attribute_not_exists(#pk) OR #windowEnds <= :now OR attribute_exists(#legacy)');
    expect(ordinalOf(put.Item, 'v0')).toBe(0);
    expect(settleUpdate('v0', true)).toMatchObject({ UpdateExpression: 'REMOVE #version ADD #sent :one', ConditionExpression: 'attribute_exists(#version)' });
    expect(settleUpdate('v0', false)).not.toHaveProperty('ExpressionAttributeValues');
  });
});
