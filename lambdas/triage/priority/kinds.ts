import type { AwsSecurityFinding } from '../../asff';
import { exposureOf } from './exposure';

/**
 * What a finding is about, for the threat factor and for correlation: an active threat (GuardDuty's
 * detections and other TTPs), a vulnerability (CVE/CWE), sensitive data (Macie's classification),
 * an exposure (public bucket, reachable port, a failed exposure control), or another
 * misconfiguration (configuration checks).
 */
export type FindingKind = 'threat' | 'vulnerability' | 'sensitive-data' | 'exposure' | 'misconfiguration';

/** ASFF type namespaces of threat detections. */
const THREAT_NAMESPACES = ['TTPs', 'Unusual Behaviors'];

function namespaces(finding: AwsSecurityFinding): string[] {
  return (finding.Types ?? []).map((type) => type.split('/')[0]);
}

/** The kind of a finding, from its Types (and Vulnerabilities, and exposure evidence). */
export function findingKind(finding: AwsSecurityFinding): FindingKind {
  const spaces = namespaces(finding);
  if (spaces.some((space) => THREAT_NAMESPACES.includes(space))) return 'threat';
  if (spaces.includes('Sensitive Data Identifications')) return 'sensitive-data';
  if ((finding.Vulnerabilities?.length ?? 0) > 0 || (finding.Types ?? []).some((type) => type.includes('/Vulnerabilities'))) {
    return 'vulnerability';
  }
  if (exposureOf(finding, { subjectOnly: true }) !== undefined) return 'exposure';
  return 'misconfiguration';
}

/** True while a finding asks for work: ACTIVE, not SUPPRESSED or RESOLVED, and not a PASSED control. */
export function isOpen(finding: AwsSecurityFinding): boolean {
  const status = finding.Workflow?.Status;
  return (finding.RecordState ?? 'ACTIVE') === 'ACTIVE' && status !== 'SUPPRESSED' && status !== 'RESOLVED' && finding.Compliance?.Status !== 'PASSED';
}
