/**
 * Which playbook a stored finding calls for, read from its (untrusted) fields: the control id,
 * the ASFF Types, and the GuardDuty type. The registry's own matching (`playbookFor`) does the
 * picking; this module extracts its input. Pure.
 */
import type { AwsSecurityFinding } from '../asff';
import type { PlaybookDefinition } from './contract';
import { playbookFor, type PlaybookMatchInput } from './playbooks';

/**
 * The GuardDuty type of a GuardDuty finding: `ProductFields['aws/guardduty/type']` when present,
 * else recovered from its ASFF type (`TTPs/…/UnauthorizedAccess:IAMUser-X` → `UnauthorizedAccess:IAMUser/X`).
 */
export function guardDutyTypeOf(finding: AwsSecurityFinding): string | undefined {
  if (!/:product\/aws\/guardduty$/.test(finding.ProductArn)) return undefined;
  const field = (finding.ProductFields as Record<string, unknown> | undefined)?.['aws/guardduty/type'];
  if (typeof field === 'string') return field;
  const last = finding.Types?.[0]?.split('/').pop();
  if (last === undefined || !last.includes(':')) return undefined;
  const [purpose, rest] = [last.slice(0, last.indexOf(':')), last.slice(last.indexOf(':') + 1)];
  return `${purpose}:${rest.replace('-', '/')}`;
}

/** The registry's match input of a finding. */
export function matchInputOf(finding: AwsSecurityFinding): PlaybookMatchInput {
  return {
    securityControlId: typeof finding.Compliance?.SecurityControlId === 'string' ? finding.Compliance.SecurityControlId : undefined,
    types: Array.isArray(finding.Types) ? finding.Types.filter((type): type is string => typeof type === 'string') : [],
    guardDutyType: guardDutyTypeOf(finding),
  };
}

/** The playbook that remediates a finding, or undefined. */
export function selectPlaybook(finding: AwsSecurityFinding): PlaybookDefinition | undefined {
  return playbookFor(matchInputOf(finding));
}

/** True when `playbook` remediates the finding's control, ASFF type or GuardDuty type. */
export function matchesPlaybook(playbook: PlaybookDefinition, finding: AwsSecurityFinding): boolean {
  const { securityControlId, types = [], guardDutyType } = matchInputOf(finding);
  const { remediates } = playbook;
  return (
    (securityControlId !== undefined && remediates.securityControlIds?.includes(securityControlId) === true) ||
    types.some((type) => remediates.findingTypePrefixes?.some((prefix) => type.startsWith(prefix))) ||
    (guardDutyType !== undefined && remediates.guardDutyTypePrefixes?.some((prefix) => guardDutyType.startsWith(prefix)) === true)
  );
}
