import { normalizedFromLabel, type AwsSecurityFinding, type SeverityLabel } from '../../asff';
import { UnmappableEventError } from '../errors';
import { optionalString, requireString } from '../fields';
import { requireAccountId, requireIdentifier, requireRegion } from '../identity';
import { awsProductArn, partitionOf } from '../product';
import { productFields } from '../product-fields';
import { requireTimestamp } from '../time';
import type { Normalizer, SourceEvent } from '../types';

/**
 * AWS Systems Manager Patch Manager patch compliance (EventBridge `source: aws.ssm`, `detail-type:
 * Configuration Compliance State Change`, `detail.compliance-type: Patch`) mapped to ASFF as the
 * Systems Manager User Guide's "Integrating Patch Manager with AWS Security Hub" documents it: one
 * finding per noncompliant managed node, Types `Software and Configuration Checks/Patch Management`,
 * the resource as `AwsEc2Instance` (also for on-premises `mi-` nodes, as Security Hub reports them),
 * severity from the most severe noncompliant patch, Security Hub's title, description, remediation
 * and Fleet Manager link, and `PatchSummary.Id` the patch baseline.
 *
 * Deliberate differences, because the event is not what Patch Manager sends Security Hub:
 * - the event names no Run Command invocation, so the Id is per node
 *   (`arn:aws:patchmanager:<region>:<account>:instance/<node>`), not per patching operation;
 * - the event carries no patch counts nor operation, so `PatchSummary` has only its `Id`;
 * - a `compliant` event archives the node's finding (RecordState `ARCHIVED`, Workflow `RESOLVED`):
 *   Patch Manager never updates a finding in Security Hub, which leaves it active until resolved by hand;
 * - the resource Id of an EC2 instance is its ARN, as GuardDuty, Inspector and Config report it,
 *   so the findings on one instance correlate (Security Hub's example shows the bare instance id).
 */

/** Security Hub's Types for every Patch Manager finding (the guide's list). */
export const PATCH_FINDING_TYPES: readonly string[] = ['Software and Configuration Checks/Patch Management'];

/** Security Hub's title for a noncompliant managed node. */
export const PATCH_TITLE = 'Systems Manager Patch Summary - Managed Instance Non-Compliant';

const DESCRIPTION =
  'This AWS control checks whether each instance that is managed by AWS Systems Manager is in compliance with the rules of the patch baseline that applies to that instance when a compliance Scan runs.';

const REMEDIATION = {
  Text: "For information about bringing instances into patch compliance, see 'Remediating out-of-compliance instances (Patch Manager)'.",
  Url: 'https://docs.aws.amazon.com/systems-manager/latest/userguide/patch-compliance-remediation.html',
};

/**
 * Patch compliance severity (the most severe noncompliant patch) → ASFF label. `UNSPECIFIED`, the
 * default compliance level of a baseline's rules, is INFORMATIONAL as in Security Hub's example.
 */
const SEVERITY_BY_COMPLIANCE: ReadonlyMap<string, SeverityLabel> = new Map([
  ['CRITICAL', 'CRITICAL'],
  ['HIGH', 'HIGH'],
  ['MEDIUM', 'MEDIUM'],
  ['LOW', 'LOW'],
  ['INFORMATIONAL', 'INFORMATIONAL'],
  ['UNSPECIFIED', 'INFORMATIONAL'],
]);

/** A managed node id: an EC2 instance (`i-…`) or a hybrid-activated node (`mi-…`). */
const NODE_ID = /^(i|mi)-[0-9a-f]{8,17}$/;

function patchSeverity(event: SourceEvent): SeverityLabel {
  const raw = optionalString(event, 'detail.severity');
  if (raw === undefined) return 'INFORMATIONAL';
  const label = SEVERITY_BY_COMPLIANCE.get(raw.toUpperCase());
  if (label === undefined)
    throw new UnmappableEventError(`must be one of ${[...SEVERITY_BY_COMPLIANCE.keys()].join(', ')} (any case), got ${JSON.stringify(raw)}`, 'detail.severity');
  return label;
}

/** `compliant` / `non_compliant` (any case); anything else cannot be mapped. */
function isNonCompliant(event: SourceEvent): boolean {
  const status = requireString(event, 'detail.compliance-status').toUpperCase();
  if (status !== 'COMPLIANT' && status !== 'NON_COMPLIANT')
    throw new UnmappableEventError(`must be compliant or non_compliant, got ${JSON.stringify(status.toLowerCase())}`, 'detail.compliance-status');
  return status === 'NON_COMPLIANT';
}

/** Maps one Patch Manager compliance state change to the node's ASFF finding. */
export function normalizeSsmPatchManager(event: SourceEvent): AwsSecurityFinding {
  const complianceType = requireString(event, 'detail.compliance-type');
  if (complianceType !== 'Patch') throw new UnmappableEventError(`must be Patch, got ${JSON.stringify(complianceType)}`, 'detail.compliance-type');
  const account = requireAccountId(event, 'account');
  const region = requireRegion(event, 'region');
  const partition = partitionOf(region);
  const nodeId = requireIdentifier(event, 'detail.resource-id', 64);
  if (!NODE_ID.test(nodeId)) throw new UnmappableEventError(`must be a managed node id (i-… or mi-…), got ${JSON.stringify(nodeId)}`, 'detail.resource-id');
  const nonCompliant = isNonCompliant(event);
  const label = patchSeverity(event);
  const baseline = optionalString(event, 'detail.patch-baseline-id');
  if (baseline !== undefined && baseline.length > 256) throw new UnmappableEventError(`must be at most 256 characters, got ${baseline.length}`, 'detail.patch-baseline-id');
  const time = requireTimestamp(event, 'time');
  const resourceId = nodeId.startsWith('i-')
    ? `arn:${partition}:ec2:${region}:${account}:instance/${nodeId}`
    : `arn:${partition}:ssm:${region}:${account}:managed-instance/${nodeId}`;

  return {
    SchemaVersion: '2018-10-08',
    Id: `arn:${partition}:patchmanager:${region}:${account}:instance/${nodeId}`,
    ProductArn: awsProductArn(region, 'ssm-patch-manager'),
    ProductName: 'Systems Manager Patch Manager',
    CompanyName: 'AWS',
    Region: region,
    GeneratorId: baseline ?? 'aws/ssm-patch-manager',
    AwsAccountId: account,
    Types: [...PATCH_FINDING_TYPES],
    CreatedAt: time,
    UpdatedAt: time,
    Severity: { Label: label, Normalized: normalizedFromLabel(label) },
    Title: PATCH_TITLE,
    Description: DESCRIPTION,
    Remediation: { Recommendation: { ...REMEDIATION } },
    SourceUrl: `https://${region}.console.aws.amazon.com/systems-manager/fleet-manager/${nodeId}/patch?region=${region}`,
    ProductFields: productFields([
      ['aws/ssm-patch-manager/ComplianceStatus', nonCompliant ? 'NON_COMPLIANT' : 'COMPLIANT'],
      ['aws/ssm-patch-manager/ComplianceSeverity', optionalString(event, 'detail.severity')],
      ['aws/ssm-patch-manager/PatchBaselineId', baseline],
      ['aws/ssm-patch-manager/ResourceType', optionalString(event, 'detail.resource-type')],
    ]),
    Resources: [{ Type: 'AwsEc2Instance', Id: resourceId, Partition: partition, Region: region }],
    ...(baseline !== undefined ? { PatchSummary: { Id: baseline } } : {}),
    Workflow: { Status: nonCompliant ? 'NEW' : 'RESOLVED' },
    RecordState: nonCompliant ? 'ACTIVE' : 'ARCHIVED',
    FindingProviderFields: { Severity: { Label: label }, Types: [...PATCH_FINDING_TYPES] },
  };
}

/** Maps Patch Manager patch compliance changes to ASFF findings (one per managed node). */
export const ssmPatchManagerNormalizer: Normalizer = {
  id: 'ssm-patch-manager',
  title: 'AWS Systems Manager Patch Manager',
  eventPattern: { source: ['aws.ssm'], 'detail-type': ['Configuration Compliance State Change'], detail: { 'compliance-type': ['Patch'] } },
  normalize(event) {
    return [normalizeSsmPatchManager(event)];
  },
};
