import type { AwsSecurityFinding } from '../../asff';
import { asffResource } from '../../shared/resources/config-resource-types';
import { UnmappableEventError } from '../errors';
import { optionalBoolean, optionalInteger, requireString, truncate } from '../fields';
import { requireAccountId, requireIdentifier, requireRegion } from '../identity';
import { awsProductArn, partitionOf } from '../product';
import { productFields } from '../product-fields';
import { requireTimestamp } from '../time';
import type { SourceEvent } from '../types';

/**
 * IAM Access Analyzer unused access findings (EventBridge `detail-type: Unused Access Finding for IAM
 * entities`) mapped to ASFF as the IAM User Guide's "Integration with AWS Security Hub" documents
 * them: the four finding types with their ASFF types and titles, LOW severity, the role or user as
 * the resource, the unused counts in `ProductFields`, and one Security Hub finding per Access
 * Analyzer finding (unused access findings are not grouped per resource), resolved with it.
 */

const PREFIX = 'Software and Configuration Checks/AWS Security Best Practices/';

/** Per Access Analyzer finding type: the ASFF type, what the title and description say, the Id suffix and the remediation. */
interface UnusedKind {
  readonly type: string;
  readonly title: string;
  readonly description: string;
  readonly idSuffix: string;
  readonly remediation: string;
}

/** The four unused access finding types (the guide's table; the Id suffix of UnusedPermission as its example shows it). */
export const UNUSED_ACCESS_KINDS: Readonly<Record<string, UnusedKind>> = {
  UnusedPermission: {
    type: `${PREFIX}Unused Permission`,
    title: 'contains unused permissions',
    description: 'contains unused service and action-level permissions',
    idSuffix: 'UnusedPermissions',
    remediation:
      'If the unused permissions aren’t required, delete the permissions to refine access to your account. Use the IAM console to modify or remove the policy that grants the unused permissions. If all the unused permissions are removed, the status of the finding changes to Resolved.',
  },
  UnusedIAMRole: {
    type: `${PREFIX}Unused IAM Role`,
    title: 'contains unused IAM role',
    description: 'contains unused IAM role',
    idSuffix: 'UnusedIAMRole',
    remediation: 'If the role isn’t required, delete it with the IAM console. When the role is deleted or used again, the status of the finding changes to Resolved.',
  },
  UnusedIAMUserPassword: {
    type: `${PREFIX}Unused IAM User Password`,
    title: 'contains unused IAM user password',
    description: 'contains unused IAM user password',
    idSuffix: 'UnusedIAMUserPassword',
    remediation:
      'If console access isn’t required, remove the user’s password with the IAM console. When the password is removed or used again, the status of the finding changes to Resolved.',
  },
  UnusedIAMUserAccessKey: {
    type: `${PREFIX}Unused IAM User Access Key`,
    title: 'contains unused IAM user access key',
    description: 'contains unused IAM user access key',
    idSuffix: 'UnusedIAMUserAccessKey',
    remediation:
      'If the access key isn’t required, deactivate and then delete it with the IAM console. When the key is deleted or used again, the status of the finding changes to Resolved.',
  },
};

/** The guide's example: LOW, Normalized 1 (Security Hub gives no other severity for unused access). */
const SEVERITY = { Label: 'LOW', Normalized: 1 } as const;

function kindOf(event: SourceEvent): UnusedKind {
  const findingType = requireString(event, 'detail.findingType');
  if (!Object.hasOwn(UNUSED_ACCESS_KINDS, findingType)) {
    throw new UnmappableEventError(`must be one of ${Object.keys(UNUSED_ACCESS_KINDS).join(', ')}, got ${JSON.stringify(findingType)}`, 'detail.findingType');
  }
  return UNUSED_ACCESS_KINDS[findingType]!;
}

const count = (event: SourceEvent, path: string): string | undefined => optionalInteger(event, path)?.toString();

/**
 * Maps one unused access finding event. The Id is `<analyzer ARN>/<resource ARN>/<suffix>` as in the
 * guide's example; an unused access key's Id also ends with the finding id, since a user has up to
 * two keys and each has its own finding.
 */
export function normalizeUnusedAccess(event: SourceEvent, analyzer: string): AwsSecurityFinding {
  const kind = kindOf(event);
  const findingType = requireString(event, 'detail.findingType');
  const account = requireAccountId(event, 'detail.accountId');
  const region = requireRegion(event, 'region');
  const partition = partitionOf(region);
  const findingId = requireIdentifier(event, 'detail.findingId', 128);
  const resourceType = requireString(event, 'detail.resourceType');
  const resourceArn = requireIdentifier(event, 'detail.resource', 256);
  const status = requireString(event, 'detail.status');
  const isDeleted = optionalBoolean(event, 'detail.isDeleted') ?? false;
  const resource = asffResource(resourceType, resourceArn, { partition, region, account });
  const closed = isDeleted || status === 'RESOLVED' || status === 'ARCHIVED';
  const suffix = findingType === 'UnusedIAMUserAccessKey' ? `${kind.idSuffix}/${findingId}` : kind.idSuffix;

  return {
    SchemaVersion: '2018-10-08',
    Id: truncate(`${analyzer}/${resourceArn}/${suffix}`, 512, ''),
    ProductArn: awsProductArn(region, 'access-analyzer'),
    ProductName: 'IAM Access Analyzer',
    CompanyName: 'AWS',
    Region: region,
    GeneratorId: 'aws/access-analyzer',
    AwsAccountId: account,
    Types: [kind.type],
    CreatedAt: requireTimestamp(event, 'detail.createdAt'),
    UpdatedAt: requireTimestamp(event, 'detail.updatedAt'),
    Severity: { ...SEVERITY },
    Title: truncate(`${resource.Type}/${resourceArn}/ ${kind.title}`, 256),
    Description: truncate(`${resourceType}/${resourceArn}/ ${kind.description}`, 1024),
    Remediation: { Recommendation: { Text: kind.remediation } },
    SourceUrl: `https://${region}.console.aws.amazon.com/access-analyzer/home?region=${region}#/unused-access-findings?resource=${encodeURIComponent(resourceArn)}`,
    ProductFields: productFields([
      ['numberOfUnusedActions', count(event, 'detail.numberOfUnusedActions')],
      ['numberOfUnusedServices', count(event, 'detail.numberOfUnusedServices')],
      ['resourceOwnerAccount', account],
      ['findingId', findingId],
      ['findingType', findingType],
      ['aws/access-analyzer/AnalyzerArn', analyzer],
      ['aws/access-analyzer/FindingStatus', status],
    ]),
    Resources: [{ ...resource, Partition: partition, Region: region }],
    Workflow: { Status: status === 'RESOLVED' ? 'RESOLVED' : 'NEW' },
    RecordState: closed ? 'ARCHIVED' : 'ACTIVE',
    FindingProviderFields: { Severity: { Label: SEVERITY.Label }, Types: [kind.type] },
  };
}
