import { createHash } from 'node:crypto';
import type { AwsSecurityFinding, ComplianceStatus, WorkflowStatus } from '../../asff';
import { UnmappableEventError } from '../errors';
import { optionalObject, optionalString, requireString, truncate } from '../fields';
import { requireAccountId, requireIdentifier, requireRegion } from '../identity';
import { awsProductArn, partitionOf } from '../product';
import { productFields } from '../product-fields';
import { optionalTimestamp } from '../time';
import type { Normalizer, SourceEvent } from '../types';
import { asffResource } from '../../shared/resources/config-resource-types';

/**
 * AWS Config rule evaluations (EventBridge `source: aws.config`, `detail-type: Config Rules
 * Compliance Change`) mapped to ASFF as the Security Hub User Guide's field table for the Config
 * integration documents it.
 */

/** The prefix of Firewall Manager's service-linked Config rules: their evaluations go to the firewall-manager normalizer. */
export const FMS_RULE_PREFIX = 'FMManaged';

/** Security Hub's Types for every Config finding (documented: `["Software and Configuration Checks"]`). */
export const CONFIG_FINDING_TYPES: readonly string[] = ['Software and Configuration Checks'];

/** Config compliance type → ASFF Compliance.Status. NOT_APPLICABLE also archives the finding. */
const STATUS_BY_COMPLIANCE: ReadonlyMap<string, ComplianceStatus> = new Map([
  ['COMPLIANT', 'PASSED'],
  ['NON_COMPLIANT', 'FAILED'],
  ['NOT_APPLICABLE', 'NOT_AVAILABLE'],
  ['INSUFFICIENT_DATA', 'NOT_AVAILABLE'],
]);

/** ASFF's limit for Id; the Id is the rule ARN plus `/finding/` and 40 hex digits. */
const MAX_ID = 512;
const MAX_RULE_ARN = MAX_ID - '/finding/'.length - 40;

const NEW = 'detail.newEvaluationResult';
const QUALIFIER = `${NEW}.evaluationResultIdentifier.evaluationResultQualifier`;

/** A detail field, else the same field of the evaluation's qualifier (both carry rule name, resource type and id). */
function requireQualified(event: unknown, field: string): string {
  return optionalString(event, `detail.${field}`) ?? optionalString(event, `${QUALIFIER}.${field}`) ?? requireString(event, `detail.${field}`);
}

/**
 * Security Hub's Id form `<rule ARN>/finding/<hash>`: one finding per (rule, resource), so each
 * evaluation of the same resource updates it. The documentation does not say what is hashed; the
 * resource type and id are (SHA-1, 40 hex digits like the documented example).
 */
export function configFindingId(ruleArn: string, resourceType: string, resourceId: string): string {
  const hash = createHash('sha1').update(`${resourceType}/${resourceId}`).digest('hex');
  return `${ruleArn}/finding/${hash}`;
}

/** Maps one Config rule compliance change to its ASFF finding. */
export function normalizeConfig(event: SourceEvent): AwsSecurityFinding {
  if (optionalObject(event, NEW) === undefined) throw new UnmappableEventError('is required', NEW);
  const account = requireAccountId(event, 'detail.awsAccountId');
  const region = requireRegion(event, 'detail.awsRegion');
  const partition = partitionOf(region);
  const ruleArn = requireIdentifier(event, 'detail.configRuleARN', MAX_RULE_ARN);
  const ruleName = requireQualified(event, 'configRuleName');
  const resourceType = requireQualified(event, 'resourceType');
  const resourceId = requireQualified(event, 'resourceId');
  const complianceType = requireString(event, `${NEW}.complianceType`);
  const oldComplianceType = optionalString(event, 'detail.oldEvaluationResult.complianceType');
  const annotation = optionalString(event, `${NEW}.annotation`);
  const recordedAt =
    optionalTimestamp(event, `${NEW}.resultRecordedTime`) ?? optionalTimestamp(event, `${NEW}.configRuleInvokedTime`) ?? requireString(event, `${NEW}.resultRecordedTime`);

  // Unknown compliance types still map: Config may add values; the raw value stays in ProductFields.
  const status = STATUS_BY_COMPLIANCE.get(complianceType) ?? 'NOT_AVAILABLE';
  const workflow: WorkflowStatus = status === 'PASSED' ? 'RESOLVED' : 'NEW';
  const resource = asffResource(resourceType, resourceId, { partition, region, account });

  return {
    SchemaVersion: '2018-10-08',
    Id: configFindingId(ruleArn, resourceType, resourceId),
    ProductArn: awsProductArn(region, 'config'),
    ProductName: 'Config',
    CompanyName: 'AWS',
    Region: region,
    GeneratorId: ruleArn,
    AwsAccountId: account,
    Types: [...CONFIG_FINDING_TYPES],
    // Documented: both from resultRecordedTime. Without state CreatedAt cannot stay at the first evaluation.
    CreatedAt: recordedAt,
    UpdatedAt: recordedAt,
    Severity: { Label: 'MEDIUM', Normalized: 40 },
    Title: truncate(ruleName, 256),
    Description: truncate(`This finding is created for a resource compliance change for config rule: ${ruleName}`, 1024),
    ProductFields: productFields([
      ['aws/config/ConfigRuleArn', ruleArn],
      ['aws/config/ConfigRuleName', ruleName],
      ['aws/config/ConfigComplianceType', complianceType],
      ['aws/config/ResourceType', resourceType],
      ['aws/config/ResourceId', resourceId],
      ['aws/config/OldConfigComplianceType', oldComplianceType],
    ]),
    Resources: [{ ...resource, Partition: partition, Region: region }],
    Compliance: {
      Status: status,
      ...(annotation !== undefined ? { StatusReasons: [{ ReasonCode: complianceType, Description: annotation }] } : {}),
    },
    Workflow: { Status: workflow },
    RecordState: complianceType === 'NOT_APPLICABLE' ? 'ARCHIVED' : 'ACTIVE',
    FindingProviderFields: { Severity: { Label: 'MEDIUM' }, Types: [...CONFIG_FINDING_TYPES] },
  };
}

/** Maps AWS Config events to ASFF findings. */
export const configNormalizer: Normalizer = {
  id: 'config',
  title: 'AWS Config',
  eventPattern: {
    source: ['aws.config'],
    'detail-type': ['Config Rules Compliance Change'],
    $or: [{ detail: { configRuleName: [{ 'anything-but': { prefix: FMS_RULE_PREFIX } }] } }, { detail: { configRuleName: [{ exists: false }] } }],
  },
  normalize(event) {
    return [normalizeConfig(event)];
  },
};
