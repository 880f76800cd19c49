/**
 * Alert grouping as a pure function: one resource's alert group as it stood just before a finding
 * was counted (bounded: the kinds of problem seen, the highest severity and priority, the count —
 * never a list of members) and the alertable finding → whether it alerts on its own, by which rule
 * and why (the group's item and its atomic count are `group-ledger.ts`). Grouping cuts repeats of the same problem; it never holds a finding that is a new kind of
 * problem for the resource, CRITICAL, crossing the priority threshold, or above the group's highest
 * priority or severity. The rules are data ({@link GROUP_RULES}), checked in order.
 */
import { SEVERITY_LABELS } from '../../asff';
import { categoryOfKey, type ProblemKind } from './kinds';

/** Kinds a group remembers; a kind past this many is still alerted (as new), but not remembered. */
export const MAX_GROUP_KINDS = 100;

/** One resource's alert group while its window is open. */
export interface GroupState {
  /** When the window opened (ISO) and when it ends (epoch ms). */
  openedAt: string;
  windowEnds: number;
  /** Kind key → category, for every kind of problem alerted or counted in the window. */
  kinds: Record<string, string>;
  /** Highest severity rank in the window (INFORMATIONAL 0 … CRITICAL 4). */
  highestRank: number;
  /** Highest priority in the window; -1 when no finding had one. */
  maxPriority: number;
  /** Alertable findings counted in the window. */
  count: number;
}

/** A group as it stands, for `explain-alert`: its state and the alerts it sent. */
export interface GroupSummary extends GroupState {
  /** Of the findings counted, the ones that alerted. */
  sent: number;
}

/** What the group looks at in a finding. */
export interface GroupFacts {
  kind: ProblemKind;
  severityRank: number;
  priority?: number;
  /** The stateless policy's reason is a priority crossing the threshold. */
  priorityCrossed: boolean;
}

/** The settings grouping reads. */
export interface GroupSettings {
  windowMinutes: number;
  priorityThreshold: number;
}

/** A group's verdict on one finding. */
export interface GroupVerdict {
  send: boolean;
  /** The {@link GROUP_RULES} id that decided. */
  rule: string;
  /** Why, in words (the message's and `explain-alert`'s). */
  reason: string;
  /** The group's highest severity label before this finding (`none` for a new group). */
  previousHighest: string;
  /** The group after recording the finding (for the message): its count and when it opened. */
  count: number;
  openedAt: string;
}

/** A grouping rule: `reason` when it sends the finding on its own. */
export interface GroupRule {
  id: string;
  description: string;
  applies(group: GroupState, facts: GroupFacts, settings: GroupSettings): string | undefined;
}

const label = (rank: number) => SEVERITY_LABELS[rank] ?? 'none';
const CRITICAL_RANK = SEVERITY_LABELS.indexOf('CRITICAL');

/** The rules that send a finding although its resource's group is open, in order. */
export const GROUP_RULES: readonly GroupRule[] = [
  {
    id: 'critical',
    description: 'The finding is CRITICAL: it alerts on its own, whatever its group.',
    applies: (_group, facts) => (facts.severityRank >= CRITICAL_RANK ? 'CRITICAL finding: alerts on its own' : undefined),
  },
  {
    id: 'new-kind',
    description: 'A new kind of problem for the resource: another category (a threat after a misconfiguration), another GuardDuty/Inspector/Macie type, another control.',
    applies: (group, facts) => {
      if (group.kinds[facts.kind.key] !== undefined) return undefined;
      const seen = [...new Set(Object.keys(group.kinds).map(categoryOfKey))];
      const category = categoryOfKey(facts.kind.key);
      return seen.includes(category)
        ? `new kind of problem on this resource: ${facts.kind.key}`
        : `first ${category} on this resource (it had: ${seen.join(', ') || 'nothing'}): ${facts.kind.key}`;
    },
  },
  {
    id: 'priority-crossed',
    description: "The priority crossed the threshold (ALERT_PRIORITY_THRESHOLD) — the finding's own, or the group's first at or above it.",
    applies: (group, facts, settings) => {
      if (facts.priority === undefined) return undefined;
      if (facts.priorityCrossed) return `priority ${facts.priority} crossed the threshold ${settings.priorityThreshold}`;
      return facts.priority >= settings.priorityThreshold && group.maxPriority < settings.priorityThreshold
        ? `priority ${facts.priority} is the group's first at or above the threshold ${settings.priorityThreshold}`
        : undefined;
    },
  },
  {
    id: 'priority-above-group',
    description: "The priority is above the highest priority in the resource's group.",
    applies: (group, facts) =>
      facts.priority !== undefined && facts.priority > group.maxPriority
        ? `priority ${facts.priority} is above the group's highest (${group.maxPriority < 0 ? 'none' : group.maxPriority})`
        : undefined,
  },
  {
    id: 'severity-above-group',
    description: "The severity is above the highest severity in the resource's group.",
    applies: (group, facts) =>
      facts.severityRank > group.highestRank ? `raises this resource's alert group from ${label(group.highestRank)} to ${label(facts.severityRank)}` : undefined,
  },
];

/**
 * The verdict on one alertable finding, given its resource's group as it stood just before the
 * finding was counted (`before.count === 0`: the finding opened the window, and alerts).
 */
export function verdictInGroup(before: GroupState, facts: GroupFacts, settings: GroupSettings): GroupVerdict {
  const counted = { previousHighest: label(before.highestRank), count: before.count + 1, openedAt: before.openedAt };
  if (before.count === 0) return { send: true, rule: 'group-opened', reason: `first alert for this resource in ${settings.windowMinutes} min`, ...counted };
  for (const rule of GROUP_RULES) {
    const reason = rule.applies(before, facts, settings);
    if (reason !== undefined) return { send: true, rule: rule.id, reason, ...counted };
  }
  return { send: false, rule: 'grouped', reason: heldReason(before, facts), ...counted };
}

function heldReason(group: GroupState, facts: GroupFacts): string {
  const priority = facts.priority === undefined ? 'no priority' : `priority ${facts.priority} <= the group's highest ${group.maxPriority}`;
  return `same kind of problem (${facts.kind.key}) already in this resource's group since ${group.openedAt}; ${priority}; severity ${label(facts.severityRank)} <= ${label(group.highestRank)}; not CRITICAL`;
}
