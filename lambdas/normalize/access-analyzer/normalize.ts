import type { AwsSecurityFinding, SeverityLabel } from '../../asff';
import { asffResource } from '../../shared/resources/config-resource-types';
import { UnmappableEventError } from '../errors';
import { optionalBoolean, optionalObject, requireString, stringList, truncate } from '../fields';
import { requireAccountId, requireIdentifier, requireRegion } from '../identity';
import { awsProductArn, partitionOf } from '../product';
import { productFields } from '../product-fields';
import { requireTimestamp } from '../time';
import type { Normalizer, SourceEvent } from '../types';
import { normalizeUnusedAccess } from './unused';

/**
 * IAM Access Analyzer external access findings (EventBridge `source: aws.access-analyzer`,
 * `detail-type: Access Analyzer Finding`; unused access findings: `./unused.ts`) mapped to ASFF as
 * the IAM User Guide's "Integration with AWS Security Hub" documents it: the two finding types,
 * their titles and descriptions, the resource with the external principal, action and condition in
 * `Details.Other`, the console link.
 *
 * One deliberate difference: Security Hub folds all of a resource's Access Analyzer findings into
 * one finding (Id `<analyzer ARN>/<resource ARN>`), active while any of them is. A stateless
 * normalizer sees one Access Analyzer finding per event and cannot know the others, so each maps
 * to its own finding (Id `<analyzer ARN>/<resource ARN>/<finding id>`), archived when it is
 * resolved or archived: the resource stays visible exactly while some access remains.
 */

/** ASFF type of a finding that grants public access. */
export const PUBLIC_ACCESS_TYPE = 'Effects/Data Exposure/External Access Granted';
/** ASFF type of a finding that grants cross-account access. */
export const CROSS_ACCOUNT_TYPE = 'Software and Configuration Checks/AWS Security Best Practices/External Access Granted';

/** The detail-type of unused access findings (external access findings are `Access Analyzer Finding`). */
export const UNUSED_ACCESS_DETAIL_TYPE = 'Unused Access Finding for IAM entities';

/**
 * Cross-account access is LOW (Normalized 1), as the guide's typical finding shows. The guide gives
 * no severity for public access; it is HIGH here (Normalized 70): any anonymous principal can use it.
 */
const SEVERITY: Readonly<Record<'public' | 'crossAccount', { Label: SeverityLabel; Normalized: number }>> = {
  public: { Label: 'HIGH', Normalized: 70 },
  crossAccount: { Label: 'LOW', Normalized: 1 },
};

const REMEDIATION =
  "If the access isn't intended, it indicates a potential security risk. Use the console for the resource to modify or remove the policy that grants the unintended access. " +
  'You can use the Rescan button on the Finding details page in the Access Analyzer console to confirm whether the change removed the access. If the access is removed, the status changes to Resolved.';

/** `{"AWS": "444455556666"}` → `["AWS", "444455556666"]` (the first principal; the others stay in ProductFields). */
function principalOf(event: SourceEvent): [string, string] {
  const principal = optionalObject(event, 'detail.principal') ?? {};
  const [kind] = Object.keys(principal);
  if (kind === undefined) return ['AWS', 'unknown'];
  return [kind, requireString(event, `detail.principal.${kind}`)];
}

/** The analyzer's ARN: the event's first resource (EventBridge puts it there). */
function analyzerArn(event: SourceEvent): string {
  const arn = requireString(event, 'resources[0]');
  if (!/^arn:aws[a-z-]*:access-analyzer:[a-z0-9-]+:\d{12}:analyzer\/.+/.test(arn)) throw new UnmappableEventError('is not an Access Analyzer analyzer ARN', 'resources[0]');
  return arn;
}

/** Maps one Access Analyzer finding event to its ASFF finding. */
export function normalizeAccessAnalyzer(event: SourceEvent): AwsSecurityFinding {
  if (event['detail-type'] === UNUSED_ACCESS_DETAIL_TYPE) return normalizeUnusedAccess(event, analyzerArn(event));
  const account = requireAccountId(event, 'detail.accountId');
  const region = requireRegion(event, 'region');
  const partition = partitionOf(region);
  const findingId = requireIdentifier(event, 'detail.id', 128);
  const resourceType = requireString(event, 'detail.resourceType');
  const resourceArn = requireIdentifier(event, 'detail.resource', 256);
  const status = requireString(event, 'detail.status');
  const isPublic = optionalBoolean(event, 'detail.isPublic') ?? false;
  const isDeleted = optionalBoolean(event, 'detail.isDeleted') ?? false;
  const actions = stringList(event, 'detail.action');
  const condition = optionalObject(event, 'detail.condition');
  const [principalType, principal] = principalOf(event);
  const resource = asffResource(resourceType, resourceArn, { partition, region, account });
  const access = isPublic ? 'public' : 'crossAccount';
  const accessText = isPublic ? 'allows public access' : 'allows cross-account access';
  const type = isPublic ? PUBLIC_ACCESS_TYPE : CROSS_ACCOUNT_TYPE;
  const analyzer = analyzerArn(event);
  const closed = isDeleted || status === 'RESOLVED' || status === 'ARCHIVED';

  return {
    SchemaVersion: '2018-10-08',
    Id: truncate(`${analyzer}/${resourceArn}/${findingId}`, 512, ''),
    ProductArn: awsProductArn(region, 'access-analyzer'),
    ProductName: 'IAM Access Analyzer',
    CompanyName: 'AWS',
    Region: region,
    GeneratorId: 'aws/access-analyzer',
    AwsAccountId: account,
    Types: [type],
    CreatedAt: requireTimestamp(event, 'detail.createdAt'),
    UpdatedAt: requireTimestamp(event, 'detail.updatedAt'),
    Severity: SEVERITY[access],
    Title: truncate(`${resource.Type}/${resourceArn}/ ${accessText}`, 256),
    Description: truncate(`${resourceType}/${resourceArn}/ ${accessText}${isPublic ? '' : ` from ${principalType} ${principal}`}`, 1024),
    Remediation: { Recommendation: { Text: REMEDIATION } },
    SourceUrl: `https://console.aws.amazon.com/access-analyzer/home?region=${region}#/findings/details/${encodeURIComponent(findingId)}`,
    ProductFields: productFields([
      ['aws/access-analyzer/FindingId', findingId],
      ['aws/access-analyzer/AnalyzerArn', analyzer],
      ['aws/access-analyzer/FindingStatus', status],
      ['aws/access-analyzer/ResourceType', resourceType],
      ['aws/access-analyzer/IsPublic', String(isPublic)],
    ]),
    Resources: [
      {
        ...resource,
        Partition: partition,
        Region: region,
        Details: {
          Other: {
            'External Principal Type': truncate(principalType, 1024),
            Condition: condition === undefined || Object.keys(condition).length === 0 ? 'none' : truncate(JSON.stringify(condition), 1024),
            'Action Granted': truncate(actions.join(',') || 'none', 1024),
            'External Principal': truncate(principal, 1024),
          },
        },
      },
    ],
    Workflow: { Status: status === 'RESOLVED' ? 'RESOLVED' : 'NEW' },
    RecordState: closed ? 'ARCHIVED' : 'ACTIVE',
  };
}

/** Maps IAM Access Analyzer external access and unused access findings to ASFF findings. */
export const accessAnalyzerNormalizer: Normalizer = {
  id: 'access-analyzer',
  title: 'IAM Access Analyzer',
  eventPattern: { source: ['aws.access-analyzer'], 'detail-type': ['Access Analyzer Finding', UNUSED_ACCESS_DETAIL_TYPE] },
  normalize(event) {
    return [normalizeAccessAnalyzer(event)];
  },
};
