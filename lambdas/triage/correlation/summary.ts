/**
 * Correlation in bounded work per change: one summary per (account, resource) holds, per group of
 * open findings (one kind from one product), how many there are and the strongest of them. A
 * finding's correlation is read from the summaries of its resources, never from the findings
 * themselves. Pure: the summary store and the stream handler live beside it.
 *
 * The rule is the one `correlate` (priority/correlation.ts) states: two open findings of one account
 * correlate when they share a resource and differ in product or kind. A finding of group g on
 * resource R correlates with every finding of R's other groups, so
 * - its correlated kinds are the kinds of R's other non-empty groups (exact: counts are kept);
 * - its links are the strongest of those findings; each group's list is the strongest prefix of its
 *   members, so the strongest links are always among them.
 */
import type { AwsSecurityFinding, RelatedFinding, SeverityLabel } from '../../asff';
import { labelFromNormalized } from '../../asff';
import type { CorrelationResult } from '../priority/correlation';
import { TOXIC_PAIRS } from '../priority/factors';
import { findingKind, isOpen, type FindingKind } from '../priority/kinds';

/** Members kept per group: the strongest, so links (≤ 10) can be chosen without reading the findings. */
export const TOP_PER_GROUP = 20;
/** Below this many listed members (and more exist), a group's list is refilled from the resource's findings. */
export const REFILL_BELOW = 10;
/** Transitions remembered per summary, so a redelivered stream record is not counted twice. */
export const APPLIED_MEMORY = 256;

/** One open finding as a summary lists it. */
export interface Member {
  /** Id and ProductArn (the link). */
  i: string;
  a: string;
  /** Severity rank, 0 (INFORMATIONAL) … 4 (CRITICAL). */
  s: number;
}

/** The open findings of one kind from one product on a resource. */
export interface Group {
  kind: FindingKind;
  product: string;
  count: number;
  /** The strongest members (severity, then identity), a prefix of the group's order. */
  top: Member[];
}

/** A resource's summary. */
export interface ResourceSummary {
  account: string;
  resourceId: string;
  /** By {@link groupKey}. */
  groups: Record<string, Group>;
  /** Tokens of the transitions already counted, oldest first (≤ {@link APPLIED_MEMORY}). */
  applied: string[];
}

/** What a finding contributes to the summaries of its resources while it is open. */
export interface Membership {
  account: string;
  resources: string[];
  kind: FindingKind;
  product: string;
  member: Member;
}

/** One change of a finding, as a stream record tells it: its membership before and after. */
export interface Transition {
  /** Unique per change of one finding (its key and new version): makes applying it idempotent. */
  token: string;
  before?: Membership;
  after?: Membership;
}

const LABELS: SeverityLabel[] = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];

function severityOf(finding: AwsSecurityFinding): number {
  const { Label, Normalized } = finding.Severity ?? {};
  const label = Label ?? (typeof Normalized === 'number' && Normalized >= 0 && Normalized <= 100 ? labelFromNormalized(Normalized) : 'INFORMATIONAL');
  return Math.max(0, LABELS.indexOf(label));
}

/** The product a finding counts under (as `correlate` compares them). */
export const productOf = (finding: AwsSecurityFinding) => finding.ProductName ?? finding.ProductArn;

/** The group key of a kind and product. */
export const groupKey = (kind: FindingKind, product: string) => `${kind}\n${product}`;

const identity = (member: Pick<Member, 'i' | 'a'>) => `${member.a}\n${member.i}`;

/** The membership of a finding, or undefined when it is not open (it then counts nowhere). */
export function membershipOf(finding: AwsSecurityFinding | undefined): Membership | undefined {
  if (!finding || !isOpen(finding)) return undefined;
  return {
    account: finding.AwsAccountId,
    resources: [...new Set(finding.Resources.map((resource) => resource.Id))],
    kind: findingKind(finding),
    product: productOf(finding),
    member: { i: finding.Id, a: finding.ProductArn, s: severityOf(finding) },
  };
}

/** True when two memberships count the same way (so the change needs no summary write). */
export function sameMembership(a: Membership | undefined, b: Membership | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** Strongest first: higher severity, then identity ascending (a total order). */
export function compareMembers(a: Member, b: Member): number {
  if (a.s !== b.s) return b.s - a.s;
  const [x, y] = [identity(a), identity(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** An empty summary. */
export function emptySummary(account: string, resourceId: string): ResourceSummary {
  return { account, resourceId, groups: {}, applied: [] };
}

function removeMember(group: Group, member: Member): void {
  group.count = Math.max(0, group.count - 1);
  group.top = group.top.filter((listed) => identity(listed) !== identity(member));
}

function addMember(group: Group, member: Member): void {
  const complete = group.top.length >= group.count; // every member is listed
  group.count += 1;
  const others = group.top.filter((listed) => identity(listed) !== identity(member));
  const weakest = others[others.length - 1];
  // Only a member stronger than the weakest listed one may join a list that is not complete.
  if (complete || weakest === undefined || compareMembers(member, weakest) < 0) {
    group.top = [...others, member].sort(compareMembers).slice(0, TOP_PER_GROUP);
  } else group.top = others;
}

/**
 * Applies the transitions that touch `resourceId` (in order) to its summary, skipping those already
 * applied; returns the new summary and whether it changed. Pure.
 */
export function applyTransitions(summary: ResourceSummary, transitions: readonly Transition[]): { summary: ResourceSummary; changed: boolean } {
  const next: ResourceSummary = structuredClone(summary);
  let changed = false;
  const on = (membership: Membership | undefined) => membership !== undefined && membership.account === summary.account && membership.resources.includes(summary.resourceId);
  for (const transition of transitions) {
    if (next.applied.includes(transition.token)) continue;
    const [before, after] = [on(transition.before) ? transition.before : undefined, on(transition.after) ? transition.after : undefined];
    if (!before && !after) continue;
    if (before) {
      const key = groupKey(before.kind, before.product);
      const group = next.groups[key];
      if (group) {
        removeMember(group, before.member);
        if (group.count === 0) delete next.groups[key];
      }
    }
    if (after) {
      const key = groupKey(after.kind, after.product);
      next.groups[key] ??= { kind: after.kind, product: after.product, count: 0, top: [] };
      addMember(next.groups[key], after.member);
    }
    next.applied = [...next.applied, transition.token].slice(-APPLIED_MEMORY);
    changed = true;
  }
  return { summary: next, changed };
}

/** Groups whose list ran short of the members that exist: refill them from the resource's findings. */
export function groupsToRefill(summary: ResourceSummary): string[] {
  return Object.entries(summary.groups)
    .filter(([, group]) => group.top.length < Math.min(group.count, REFILL_BELOW))
    .map(([key]) => key);
}

/** A group's list rebuilt from its members as read (any order, any number): the strongest prefix. */
export function refilled(group: Group, members: readonly Member[]): Group {
  const unique = [...new Map([...group.top, ...members].map((member) => [identity(member), member])).values()];
  return { ...group, top: unique.sort(compareMembers).slice(0, TOP_PER_GROUP) };
}

function toxic(own: FindingKind, other: FindingKind): boolean {
  return TOXIC_PAIRS.some(([a, b]) => (a === own && b === other) || (b === own && a === other));
}

/**
 * The correlation of a finding of `membership` from the summaries of its resources (missing ones
 * count as empty): the kinds of the other groups, and up to `maxLinks` links, the strongest first
 * (a toxic partner, then another kind, then the same kind from another product; then severity and
 * identity), returned in identity order as `correlate` orders them. Pure.
 */
export function correlationFromSummaries(membership: Membership | undefined, summaries: ReadonlyMap<string, ResourceSummary>, maxLinks: number): CorrelationResult {
  if (!membership) return { correlation: { kinds: [] }, links: [] };
  const own = groupKey(membership.kind, membership.product);
  const kinds = new Set<FindingKind>();
  const candidates = new Map<string, { member: Member; tier: number }>();
  for (const resourceId of membership.resources) {
    const summary = summaries.get(resourceId);
    for (const [key, group] of Object.entries(summary?.groups ?? {})) {
      if (key === own || group.count === 0) continue;
      kinds.add(group.kind);
      const tier = toxic(membership.kind, group.kind) ? 0 : group.kind !== membership.kind ? 1 : 2;
      for (const member of group.top.slice(0, maxLinks)) {
        if (member.i === membership.member.i && member.a === membership.member.a) continue;
        const known = candidates.get(identity(member));
        if (!known || tier < known.tier) candidates.set(identity(member), { member, tier });
      }
    }
  }
  const chosen = [...candidates.values()]
    .sort((x, y) => x.tier - y.tier || compareMembers(x.member, y.member))
    .slice(0, Math.max(0, maxLinks))
    .map(({ member }) => member)
    .sort((x, y) => (identity(x) < identity(y) ? -1 : identity(x) > identity(y) ? 1 : 0));
  const links: RelatedFinding[] = chosen.map((member) => ({ ProductArn: member.a, Id: member.i }));
  return { correlation: { kinds: [...kinds].sort() }, links };
}

/**
 * What a resource's summary gives a finding of group `key` on it: its kinds and the candidates a
 * link may be chosen from. Two summaries that give a group the same view leave its findings as they
 * are, so only groups whose view changed are revisited.
 */
export function viewOf(summary: ResourceSummary | undefined, key: string, maxLinks = 10): string {
  const parts: string[] = [];
  for (const [other, group] of Object.entries(summary?.groups ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (other === key || group.count === 0) continue;
    parts.push(`${other}:${group.top.slice(0, maxLinks).map(identity).join(',')}`);
  }
  return parts.join('|');
}

/** The kinds a summary gives a group (the part of its view that decides priority). */
export function kindsViewOf(summary: ResourceSummary | undefined, key: string): string {
  return [
    ...new Set(
      Object.entries(summary?.groups ?? {})
        .filter(([other, group]) => other !== key && group.count > 0)
        .map(([, group]) => group.kind),
    ),
  ]
    .sort()
    .join(',');
}
