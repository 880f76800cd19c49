import fc from 'fast-check';
import type { AwsSecurityFinding } from '../../../lambdas/asff/types';
import { findingKey } from '../../../lambdas/store/keys';
import {
  applyTransitions,
  compareMembers,
  correlationFromSummaries,
  emptySummary,
  groupKey,
  groupsToRefill,
  membershipOf,
  refilled,
  REFILL_BELOW,
  type Member,
  type ResourceSummary,
  type Transition,
} from '../../../lambdas/triage/correlation/summary';
import { summaryId } from '../../../lambdas/triage/correlation/summary-store';
import { withPriority } from '../../../lambdas/triage/priority/apply';
import { correlate } from '../../../lambdas/triage/priority/correlation';
import { aFinding } from '../../support/findings';

/**
 * The reference is the algorithm correlation had before the summaries: `correlate(finding, all)`
 * over every finding (what the old correlate-findings converged to after reading each resource's
 * findings whole). The summaries must give the same kinds, links and priority on small resources.
 */

const ACCOUNTS = ['111122223333', '444455556666'];
const RESOURCES = ['arn:aws:ec2:us-east-1:1:instance/i-1', 'arn:aws:ec2:us-east-1:1:instance/i-2', 'arn:aws:s3:::bucket-a'];
const PRODUCTS = [
  'arn:aws:securityhub:us-east-1::product/aws/guardduty',
  'arn:aws:securityhub:us-east-1::product/aws/inspector',
  'arn:aws:securityhub:us-east-1::product/aws/macie',
];
const TYPES = [
  ['TTPs/Initial Access/UnauthorizedAccess:EC2-SSHBruteForce'],
  ['Software and Configuration Checks/Vulnerabilities/CVE'],
  ['Sensitive Data Identifications/PII'],
  ['Software and Configuration Checks/AWS Security Best Practices'],
];
const LABELS = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;

/** One state of a finding (the fields correlation reads). */
const state = fc.record({
  account: fc.constantFrom(...ACCOUNTS),
  resources: fc.uniqueArray(fc.constantFrom(...RESOURCES), { minLength: 1, maxLength: 2 }),
  types: fc.constantFrom(...TYPES),
  label: fc.constantFrom(...LABELS),
  workflow: fc.constantFrom('NEW', 'NEW', 'NEW', 'NOTIFIED', 'SUPPRESSED', 'RESOLVED'),
  record: fc.constantFrom('ACTIVE', 'ACTIVE', 'ACTIVE', 'ARCHIVED'),
});

type State = typeof state extends fc.Arbitrary<infer T> ? T : never;

function findingOf(id: string, product: string, s: State): AwsSecurityFinding {
  return aFinding({
    Id: id,
    ProductArn: product,
    ProductName: product.split('/').pop(),
    AwsAccountId: s.account,
    Types: s.types,
    Severity: { Label: s.label },
    Workflow: { Status: s.workflow as 'NEW' },
    RecordState: s.record as 'ACTIVE',
    Resources: s.resources.map((Id) => ({ Type: 'Other', Id })),
  });
}

/** Findings, each with a history of 1–3 states; the stream's transitions interleaved, some delivered twice. */
const scenario = fc
  .array(fc.record({ product: fc.constantFrom(...PRODUCTS), states: fc.array(state, { minLength: 1, maxLength: 3 }) }), { minLength: 1, maxLength: 9 })
  .chain((specs) => {
    const histories = specs.map((spec, index) => spec.states.map((s) => findingOf(`f-${index}`, spec.product, s)));
    const steps = histories.flatMap((history, index) => history.map((_, version) => ({ index, version })));
    return fc.record({
      histories: fc.constant(histories),
      order: fc.shuffledSubarray(steps, { minLength: steps.length, maxLength: steps.length }),
      duplicates: fc.array(fc.nat(steps.length - 1), { maxLength: 4 }),
      batch: fc.integer({ min: 1, max: 6 }),
    });
  });

/** The stream's transitions for the histories, each finding's in order, interleaved as `order` says. */
function transitionsOf(histories: AwsSecurityFinding[][], order: Array<{ index: number; version: number }>, duplicates: number[]): Transition[] {
  // Keep per-finding order (a stream keeps per-key order): the n-th step of finding i is its n-th version.
  const next = histories.map(() => 0);
  const sequence = order.map(({ index }) => {
    const version = next[index]++;
    const finding = histories[index][version];
    const previous = version > 0 ? histories[index][version - 1] : undefined;
    return { token: `${findingKey(finding).slice(0, 12)}@${version + 1}`, before: membershipOf(previous), after: membershipOf(finding) } as Transition;
  });
  // Redelivery: a transition delivered again right after itself (a retried batch).
  return sequence.flatMap((transition, position) => (duplicates.includes(position) ? [transition, transition] : [transition]));
}

function fold(transitions: Transition[], batch: number): Map<string, ResourceSummary> {
  const summaries = new Map<string, ResourceSummary>();
  for (let start = 0; start < transitions.length; start += batch) {
    const chunk = transitions.slice(start, start + batch);
    const touched = new Set(chunk.flatMap((t) => [t.before, t.after].flatMap((m) => (m ? m.resources.map((r) => summaryId(m.account, r)) : []))));
    for (const id of touched) {
      const [account, resourceId] = id.split('\n');
      const current = summaries.get(id) ?? emptySummary(account, resourceId);
      summaries.set(id, applyTransitions(current, chunk).summary);
    }
  }
  return summaries;
}

describe('resource summaries against the brute-force reference', () => {
  it('give every finding the kinds, links and priority `correlate` over all findings gives (small resources)', () => {
    fc.assert(
      fc.property(scenario, ({ histories, order, duplicates, batch }) => {
        const summaries = fold(transitionsOf(histories, order, duplicates), batch);
        const finals = histories.map((history) => history[history.length - 1]);
        for (const finding of finals) {
          const membership = membershipOf(finding);
          const mine = new Map(
            (membership?.resources ?? []).flatMap((r) => {
              const summary = summaries.get(summaryId(finding.AwsAccountId, r));
              return summary ? [[r, summary] as const] : [];
            }),
          );
          const got = correlationFromSummaries(membership, mine, 10);
          const want = correlate(finding, finals);
          expect(got).toEqual(want);
          expect(withPriority(finding, got.correlation, got.links, [])).toEqual(withPriority(finding, want.correlation, want.links, []));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('count every open finding once, however often a transition is delivered', () => {
    fc.assert(
      fc.property(scenario, ({ histories, order, duplicates, batch }) => {
        const summaries = fold(transitionsOf(histories, order, duplicates), batch);
        const finals = histories.map((history) => history[history.length - 1]);
        for (const summary of summaries.values()) {
          for (const [key, group] of Object.entries(summary.groups)) {
            const members = finals.filter((finding) => {
              const m = membershipOf(finding);
              return m && m.account === summary.account && m.resources.includes(summary.resourceId) && groupKey(m.kind, m.product) === key;
            });
            expect(group.count).toBe(members.length);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('a hot group (more members than a summary lists)', () => {
  const member = (n: number, s: number): Member => ({ i: `cve-${String(n).padStart(4, '0')}`, a: PRODUCTS[1], s });
  const membership = (m: Member) => ({ account: ACCOUNTS[0], resources: [RESOURCES[0]], kind: 'vulnerability' as const, product: 'inspector', member: m });

  it('keeps its list the strongest prefix of its members, and asks for a refill before it runs short', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ n: fc.nat(80), s: fc.nat(4), leave: fc.boolean() }), { minLength: 1, maxLength: 300 }), (ops) => {
        let summary = emptySummary(ACCOUNTS[0], RESOURCES[0]);
        const present = new Map<number, Member>();
        let version = 0;
        for (const op of ops) {
          const before = present.get(op.n);
          const after = op.leave ? undefined : member(op.n, op.s);
          if (!before && !after) continue;
          summary = applyTransitions(summary, [{ token: `t${++version}`, before: before && membership(before), after: after && membership(after) }]).summary;
          if (after) present.set(op.n, after);
          else present.delete(op.n);
          const group = summary.groups[groupKey('vulnerability', 'inspector')];
          const all = [...present.values()].sort(compareMembers);
          if (all.length === 0) {
            expect(group).toBeUndefined();
            continue;
          }
          expect(group.count).toBe(all.length);
          expect(group.top).toEqual(all.slice(0, group.top.length));
          if (group.top.length < Math.min(all.length, REFILL_BELOW)) {
            expect(groupsToRefill(summary)).toContain(groupKey('vulnerability', 'inspector'));
            summary = { ...summary, groups: { ...summary.groups, [groupKey('vulnerability', 'inspector')]: refilled(group, all) } };
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('links a threat to the 10 strongest of 500 CVEs (severity, then identity), listed in identity order', () => {
    let summary = emptySummary(ACCOUNTS[0], RESOURCES[0]);
    const cves = Array.from({ length: 500 }, (_, n) => member(n, (n * 7) % 5));
    summary = applyTransitions(
      summary,
      cves.map((m, n) => ({ token: `c${n}`, after: membership(m) })),
    ).summary;
    const threat = { account: ACCOUNTS[0], resources: [RESOURCES[0]], kind: 'threat' as const, product: 'guardduty', member: { i: 'threat', a: PRODUCTS[0], s: 3 } };
    const { correlation, links } = correlationFromSummaries(threat, new Map([[RESOURCES[0], summary]]), 10);
    expect(correlation.kinds).toEqual(['vulnerability']);
    const strongest = [...cves]
      .sort(compareMembers)
      .slice(0, 10)
      .map((m) => m.i)
      .sort();
    expect(links.map((link) => link.Id)).toEqual(strongest);
    expect(JSON.stringify(summary).length).toBeLessThan(10_000);
  });
});
