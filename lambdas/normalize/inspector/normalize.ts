import type { AwsSecurityFinding, SeverityLabel } from '../../asff';
import { UnmappableEventError } from '../errors';
import { optionalArray, optionalString, requireString } from '../fields';
import { isPartition, isRegion, partitionFor, regionAt, requireAccountId, requireIdentifier } from '../identity';
import { lookup } from '../objects';
import { awsProductArn } from '../product';
import { optionalTimestamp, requireTimestamp } from '../time';
import type { Normalizer, SourceEvent } from '../types';
import { reachabilityNetwork, reachabilityPath } from './network';
import { inspectorProductFields } from './product-fields';
import { type FindingOrigin, mapResource } from './resources';
import { optionalEnum } from './strings';
import { withoutEmpty } from '../objects';
import { truncateLikeSecurityHub } from './text';
import { codeVulnerabilities, packageVulnerabilities } from './vulnerabilities';

/** GeneratorId Security Hub gives every Amazon Inspector (v2) finding. */
export const INSPECTOR_GENERATOR_ID = 'AWSInspector';

/** Finding types Security Hub files each Inspector finding type under. */
const FINDING_TYPES = {
  PACKAGE_VULNERABILITY: 'Software and Configuration Checks/Vulnerabilities/CVE',
  NETWORK_REACHABILITY: 'Software and Configuration Checks/AWS Security Best Practices/Network Reachability',
  CODE_VULNERABILITY: 'Software and Configuration Checks/Vulnerabilities/CWE',
} as const;
type InspectorFindingType = keyof typeof FINDING_TYPES;

/** Inspector severities → labels; UNTRIAGED (no vendor severity yet) is INFORMATIONAL. */
const SEVERITY_LABELS: Readonly<Record<string, SeverityLabel>> = {
  INFORMATIONAL: 'INFORMATIONAL',
  LOW: 'LOW',
  MEDIUM: 'MEDIUM',
  HIGH: 'HIGH',
  CRITICAL: 'CRITICAL',
  UNTRIAGED: 'INFORMATIONAL',
};

/** `arn:<partition>:inspector2:<region>:<account>:finding/<id>` */
const FINDING_ARN = /^arn:([^:]+):inspector2:([^:]+):(\d{12}):finding\/\S+$/;
/** ASFF's limit for the finding Id (the finding ARN). */
const MAX_ID = 512;
/** Security Hub's recommendation text when Inspector gives none. */
const NO_RECOMMENDATION = 'None Provided';

/** Account, Region and partition of the finding: from the finding itself, never the envelope. */
function findingOrigin(event: unknown, findingArn: string): FindingOrigin {
  const account = requireAccountId(event, 'detail.awsAccountId');
  const [, arnPartition, arnRegion] = FINDING_ARN.exec(findingArn) ?? [];
  if (arnRegion !== undefined && !isRegion(arnRegion)) {
    throw new UnmappableEventError(`names no AWS Region: ${JSON.stringify(arnRegion.slice(0, 40))}`, 'detail.findingArn');
  }
  // The finding ARN names the Region Inspector (and so Security Hub) holds the finding in.
  const region = arnRegion ?? regionAt(event, 'detail.resources[0].region');
  if (region === undefined) {
    throw new UnmappableEventError('names no Region (nor does detail.resources[0].region)', 'detail.findingArn');
  }
  return { account, region, partition: isPartition(arnPartition) ? arnPartition : partitionFor(undefined, region) };
}

/** RecordState and (for suppressed findings) Workflow of an Inspector status. */
function lifecycle(status: string): Pick<AwsSecurityFinding, 'RecordState' | 'Workflow'> {
  if (status === 'ACTIVE') return { RecordState: 'ACTIVE' };
  if (status === 'SUPPRESSED') return { RecordState: 'ARCHIVED', Workflow: { Status: 'SUPPRESSED' } };
  return { RecordState: 'ARCHIVED' };
}

function remediation(event: unknown): AwsSecurityFinding['Remediation'] {
  const path = 'detail.remediation.recommendation';
  const text = optionalString(event, `${path}.text`) ?? NO_RECOMMENDATION;
  const url = optionalString(event, `${path}.Url`) ?? optionalString(event, `${path}.url`);
  return { Recommendation: withoutEmpty({ Text: truncateLikeSecurityHub(text, 512), Url: url }) };
}

/** Maps one Inspector2 Finding event to the ASFF finding Security Hub would hold. */
export function normalizeInspectorFinding(event: SourceEvent): AwsSecurityFinding {
  const findingArn = requireIdentifier(event, 'detail.findingArn', MAX_ID);
  const type = optionalEnum(event, 'detail.type', Object.keys(FINDING_TYPES) as InspectorFindingType[]);
  if (type === undefined) throw new UnmappableEventError('is required', 'detail.type');
  const severity = requireString(event, 'detail.severity').toUpperCase();
  const label = lookup(SEVERITY_LABELS, severity);
  if (label === undefined) throw new UnmappableEventError(`is not an Inspector severity: ${severity.slice(0, 40)}`, 'detail.severity');
  const status = optionalEnum(event, 'detail.status', ['ACTIVE', 'SUPPRESSED', 'CLOSED'] as const);
  if (status === undefined) throw new UnmappableEventError('is required', 'detail.status');

  const origin = findingOrigin(event, findingArn);
  const resourceCount = optionalArray(event, 'detail.resources').length;
  if (resourceCount < 1 || resourceCount > 32) {
    throw new UnmappableEventError(`must hold 1 to 32 resources, got ${resourceCount}`, 'detail.resources');
  }
  const resources = Array.from({ length: resourceCount }, (_, index) => mapResource(event, index, origin));

  const firstObservedAt = requireTimestamp(event, 'detail.firstObservedAt');
  const lastObservedAt = optionalTimestamp(event, 'detail.lastObservedAt');
  const updatedAt = optionalTimestamp(event, 'detail.updatedAt') ?? lastObservedAt ?? firstObservedAt;
  const types = [FINDING_TYPES[type]];
  const severityFields = { Label: label, Original: severity };

  return withoutEmpty<AwsSecurityFinding>({
    SchemaVersion: '2018-10-08',
    Id: findingArn,
    ProductArn: awsProductArn(origin.region, 'inspector'),
    ProductName: 'Inspector',
    CompanyName: 'Amazon',
    Region: origin.region,
    GeneratorId: INSPECTOR_GENERATOR_ID,
    AwsAccountId: origin.account,
    Types: types,
    FirstObservedAt: firstObservedAt,
    LastObservedAt: lastObservedAt,
    CreatedAt: firstObservedAt,
    UpdatedAt: updatedAt,
    Severity: severityFields,
    Title: truncateLikeSecurityHub(requireString(event, 'detail.title'), 256),
    Description: truncateLikeSecurityHub(requireString(event, 'detail.description'), 1024),
    Remediation: remediation(event),
    ProductFields: inspectorProductFields(event, status, resources),
    Resources: resources.map((item) => item.resource),
    ...lifecycle(status),
    Vulnerabilities: type === 'PACKAGE_VULNERABILITY' ? packageVulnerabilities(event) : type === 'CODE_VULNERABILITY' ? codeVulnerabilities(event) : undefined,
    Network: type === 'NETWORK_REACHABILITY' ? reachabilityNetwork(event) : undefined,
    NetworkPath: type === 'NETWORK_REACHABILITY' ? reachabilityPath(event) : undefined,
    FindingProviderFields: { Severity: { ...severityFields }, Types: [...types] },
  });
}

/** Maps Amazon Inspector (v2) finding events to ASFF findings, as Security Hub's integration does. */
export const inspectorNormalizer: Normalizer = {
  id: 'inspector',
  title: 'Amazon Inspector',
  eventPattern: { source: ['aws.inspector2'], 'detail-type': ['Inspector2 Finding'] },
  normalize: (event) => [normalizeInspectorFinding(event)],
};
