import { labelFromNormalized } from '../../asff';
import type { AwsSecurityFinding, SeverityLabel } from '../../asff';
import { CRITICALITY_TAG } from '../../filters';
import { exposureOf } from './exposure';
import { findingKind, type FindingKind } from './kinds';

/**
 * The priority rules, as data: each factor tests the finding (and its correlation) and either adds
 * points or, for the state factors, sets the score outright. `computePriority` sums the points,
 * keeps the total within 0–100, and lists a reason per factor that applied. The README's table is
 * generated from this registry (`priorityFactorTable`) and a test keeps the two in step.
 */

/** What the correlate-findings function found on the finding's resources: the kinds of the other open findings. */
export interface Correlation {
  /** Kinds of the correlated findings (other products or other kinds, same resource and account), distinct. */
  kinds: FindingKind[];
}

/** What a factor sees. */
export interface FactorInput {
  finding: AwsSecurityFinding;
  correlation?: Correlation;
}

/** A factor's effect on one finding: points to add, or (`set`) the score itself. `label` names it in the reason. */
export type FactorEffect = { label: string; points: number } | { label: string; set: number };

/** One priority factor. */
export interface PriorityFactor {
  /** Stable id, e.g. `internet-exposed`. */
  readonly id: string;
  /** When it applies, for the README. */
  readonly when: string;
  /** Its effect, for the README (e.g. `+15`, `score 0`). */
  readonly effect: string;
  /** The pure test: the effect on this finding, or undefined when the factor does not apply. */
  readonly apply: (input: FactorInput) => FactorEffect | undefined;
}

/** Base points per severity label. */
export const SEVERITY_POINTS: Readonly<Record<SeverityLabel, number>> = { CRITICAL: 70, HIGH: 55, MEDIUM: 35, LOW: 15, INFORMATIONAL: 0 };

/** Points per value of the {@link CRITICALITY_TAG} resource tag. */
export const CRITICALITY_TAG_POINTS: Readonly<Record<string, number>> = { critical: 15, high: 10, medium: 0, low: -10 };

/** Kind pairs that together are worse than either alone ("toxic combinations"). */
export const TOXIC_PAIRS: ReadonlyArray<readonly [FindingKind, FindingKind]> = [
  ['threat', 'vulnerability'],
  ['sensitive-data', 'exposure'],
  ['threat', 'exposure'],
];

function severityLabel(finding: AwsSecurityFinding): SeverityLabel {
  const { Label, Normalized } = finding.Severity ?? {};
  if (Label) return Label;
  return typeof Normalized === 'number' && Normalized >= 0 && Normalized <= 100 ? labelFromNormalized(Normalized) : 'INFORMATIONAL';
}

function tagValue(finding: AwsSecurityFinding): string | undefined {
  for (const resource of finding.Resources) {
    for (const [key, value] of Object.entries(resource.Tags ?? {})) {
      if (key.toLowerCase() === CRITICALITY_TAG.toLowerCase() && Object.hasOwn(CRITICALITY_TAG_POINTS, value.toLowerCase())) {
        return value.toLowerCase();
      }
    }
  }
  return undefined;
}

const vulnerabilities = (finding: AwsSecurityFinding) => finding.Vulnerabilities ?? [];

/** The registry, in the order reasons are listed. */
export const PRIORITY_FACTORS: readonly PriorityFactor[] = [
  {
    id: 'record-archived',
    when: 'RecordState is ARCHIVED',
    effect: 'score 0',
    apply: ({ finding }) => (finding.RecordState === 'ARCHIVED' ? { label: 'record ARCHIVED', set: 0 } : undefined),
  },
  {
    id: 'workflow-closed',
    when: 'Workflow.Status is SUPPRESSED or RESOLVED',
    effect: 'score 0',
    apply: ({ finding }) => {
      const status = finding.Workflow?.Status;
      return status === 'SUPPRESSED' || status === 'RESOLVED' ? { label: `workflow ${status}`, set: 0 } : undefined;
    },
  },
  {
    id: 'control-passed',
    when: 'Compliance.Status is PASSED',
    effect: 'score 0',
    apply: ({ finding }) => (finding.Compliance?.Status === 'PASSED' ? { label: 'compliance PASSED', set: 0 } : undefined),
  },
  {
    id: 'severity',
    when: 'Severity.Label (or the label of Severity.Normalized)',
    effect: 'CRITICAL +70, HIGH +55, MEDIUM +35, LOW +15, INFORMATIONAL +0',
    apply: ({ finding }) => {
      const label = severityLabel(finding);
      return { label: `severity ${label}`, points: SEVERITY_POINTS[label] };
    },
  },
  {
    id: 'internet-exposed',
    when:
      'the resource is reachable from the internet: Macie public bucket, public S3 ACL, a FAILED exposure control ' +
      '(S3.1/2/3/8, EC2.2/9/13/18/19/21/53/54, Lambda.1, RDS.2, EKS.1), security group ingress from 0.0.0.0/0 or ::/0, ' +
      'a public IP on the instance or network interface, Inspector Network Reachability',
    effect: '+15',
    apply: ({ finding }) => {
      const evidence = exposureOf(finding);
      return evidence ? { label: `internet-exposed (${evidence})`, points: 15 } : undefined;
    },
  },
  {
    id: 'exploit-available',
    when: 'a vulnerability has ExploitAvailable YES (Inspector)',
    effect: '+10',
    apply: ({ finding }) => {
      const exploited = vulnerabilities(finding).find((vulnerability) => vulnerability.ExploitAvailable === 'YES');
      return exploited ? { label: `exploit available (${exploited.Id})`, points: 10 } : undefined;
    },
  },
  {
    id: 'epss',
    when: 'the highest EpssScore (probability of exploitation in 30 days)',
    effect: '≥ 0.1: +10; ≥ 0.01: +5',
    apply: ({ finding }) => {
      const epss = Math.max(-1, ...vulnerabilities(finding).map((vulnerability) => vulnerability.EpssScore ?? -1));
      if (epss >= 0.1) return { label: `EPSS ${epss}`, points: 10 };
      if (epss >= 0.01) return { label: `EPSS ${epss}`, points: 5 };
      return undefined;
    },
  },
  {
    id: 'remote-cvss',
    when: 'a CVSS vector is network-reachable without privileges (AV:N and PR:N)',
    effect: '+5',
    apply: ({ finding }) =>
      vulnerabilities(finding).some((vulnerability) =>
        (vulnerability.Cvss ?? []).some(({ BaseVector = '' }) => /(^|\/)AV:N(\/|$)/.test(BaseVector) && /(^|\/)PR:N(\/|$)/.test(BaseVector)),
      )
        ? { label: 'CVSS AV:N/PR:N', points: 5 }
        : undefined,
  },
  {
    id: 'fix-available',
    when: 'a vulnerability has FixAvailable YES: fixing it pays off at once',
    effect: '+3',
    apply: ({ finding }) => (vulnerabilities(finding).some((vulnerability) => vulnerability.FixAvailable === 'YES') ? { label: 'fix available', points: 3 } : undefined),
  },
  {
    id: 'threat-detection',
    when: 'the finding is a threat detection (Types in TTPs/ or Unusual Behaviors/, e.g. GuardDuty), not a configuration check',
    effect: '+10',
    apply: ({ finding }) => (findingKind(finding) === 'threat' ? { label: 'threat detection', points: 10 } : undefined),
  },
  {
    id: 'criticality-tag',
    when: `a resource tag ${CRITICALITY_TAG} (key and value case-insensitive)`,
    effect: 'critical +15, high +10, medium +0, low −10',
    apply: ({ finding }) => {
      const value = tagValue(finding);
      return value === undefined || CRITICALITY_TAG_POINTS[value] === 0 ? undefined : { label: `tag ${CRITICALITY_TAG}=${value}`, points: CRITICALITY_TAG_POINTS[value] };
    },
  },
  {
    id: 'asff-criticality',
    when: 'the ASFF Criticality field (0–100)',
    effect: 'round((Criticality − 50) / 5): −10 … +10',
    apply: ({ finding }) => {
      const criticality = finding.Criticality;
      if (typeof criticality !== 'number') return undefined;
      const points = Math.round((criticality - 50) / 5);
      return points === 0 ? undefined : { label: `Criticality ${criticality}`, points };
    },
  },
  {
    id: 'correlation',
    when:
      'other open findings on the same resource and account, from another product or of another kind (correlate-findings); ' +
      'a toxic pair (threat + vulnerability, sensitive data + exposure, threat + exposure) counts more',
    effect: 'toxic pair +15, otherwise +5',
    apply: ({ finding, correlation }) => {
      const kinds = correlation?.kinds ?? [];
      if (kinds.length === 0) return undefined;
      const own = findingKind(finding);
      const partner = kinds.find((kind) => TOXIC_PAIRS.some(([a, b]) => (a === own && b === kind) || (b === own && a === kind)));
      return partner
        ? { label: `correlated (${own} + ${partner} on the same resource)`, points: 15 }
        : { label: `correlated (${kinds.join(', ')} on the same resource)`, points: 5 };
    },
  },
];

/** The registry as a Markdown table (the README's `### Priority` carries this exact text). */
export function priorityFactorTable(): string {
  const rows = PRIORITY_FACTORS.map((factor) => `| \`${factor.id}\` | ${factor.when} | ${factor.effect} |`);
  return ['| factor | when | effect |', '|---|---|---|', ...rows].join('\n');
}
