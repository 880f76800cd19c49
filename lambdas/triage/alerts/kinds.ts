/**
 * The *kind of problem* a finding reports on its resource, for alert grouping: a threat detection,
 * a vulnerability, sensitive data, an exposure or a misconfiguration (prioritization's categories),
 * refined by what exactly it is — a control (`control:EC2.8`), a GuardDuty, Inspector or Macie type
 * (`threat:TTPs/Command and Control/Backdoor:EC2-C&CActivity.B`,
 * `vulnerability:Software and Configuration Checks/Vulnerabilities/CVE`). Within an alert group, a
 * kind not seen before alerts on its own. Pure.
 */
import type { AwsSecurityFinding } from '../../asff';
import { findingKind, type FindingKind } from '../priority/kinds';

/** Longest kind key kept (longer ones are cut; kinds are compared by key). */
export const MAX_KIND_LENGTH = 200;

/** A finding's kind of problem. */
export interface ProblemKind {
  /** Prioritization's category (threat, vulnerability, sensitive-data, exposure, misconfiguration). */
  category: FindingKind;
  /** `<category>:<control id or first type>`, at most {@link MAX_KIND_LENGTH} characters. */
  key: string;
}

/**
 * The kind of `finding`: a control finding by its control (SecurityControlId, else GeneratorId, so
 * each control is its own kind); any other by its category and first type (each GuardDuty,
 * Inspector or Macie type is its own kind; many CVEs of one instance are one kind).
 */
export function problemKindOf(finding: AwsSecurityFinding): ProblemKind {
  const category = findingKind(finding);
  const what =
    finding.Compliance !== undefined
      ? `control:${finding.Compliance.SecurityControlId ?? finding.GeneratorId}`
      : `${category}:${finding.Types?.[0] ?? finding.GeneratorId ?? 'unspecified'}`;
  return { category, key: what.slice(0, MAX_KIND_LENGTH) };
}

/** The category of a stored kind key (`control:…` keys are configuration checks). */
export function categoryOfKey(key: string): string {
  return key.startsWith('control:') ? 'control' : key.split(':')[0];
}
