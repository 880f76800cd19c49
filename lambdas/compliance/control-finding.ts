import { createHash } from 'node:crypto';
import type { AwsSecurityFinding } from '../asff';
import { ACCOUNT_RESOURCE_TYPE, asffResource } from '../shared/resources/config-resource-types';
import { partitionOf } from '../normalize';
import type { ConfigurationItem, ControlDefinition, Evaluation, ParameterValue } from './controls/types';
import type { StandardId } from './standards';
import { mappingsOf } from './standards-membership';

/** Types of every control finding, as Security Hub sets them. */
const CONTROL_FINDING_TYPES = ['Software and Configuration Checks/Industry and Regulatory Standards'];
const RECOMMENDATION = 'For information on how to correct this issue, consult the AWS Security Hub controls documentation.';

/** What one control said about one resource, and when. */
export interface ControlEvaluation {
  control: ControlDefinition;
  item: ConfigurationItem;
  evaluation: Evaluation;
  /** The enabled standards that contain this control and have it enabled (AssociatedStandards). */
  enabledStandards: readonly StandardId[];
  /** When the evaluation ran (ISO-8601). */
  evaluatedAt: string;
  /** The parameter values the control evaluated with (Compliance.SecurityControlParameters). */
  parameters?: Record<string, ParameterValue>;
}

/** `Compliance.SecurityControlParameters`: each parameter with a value, its value as strings (a list: one per entry). */
function securityControlParameters(parameters: Record<string, ParameterValue> | undefined): Array<{ Name: string; Value: string[] }> {
  return Object.entries(parameters ?? {})
    .map(([Name, value]) => ({ Name, Value: (Array.isArray(value) ? value : [value]).map(String).filter((entry) => entry !== '') }))
    .filter((parameter) => parameter.Value.length > 0);
}

/** A stable UUID-shaped id from the parts that identify a (control, resource) pair. */
function stableUuid(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\n')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The Id of the one consolidated finding of a control on a resource (Security Hub's form). */
export function controlFindingId(control: string, item: Pick<ConfigurationItem, 'accountId' | 'awsRegion' | 'resourceType' | 'resourceId'>): string {
  const partition = partitionOf(item.awsRegion);
  const uuid = stableUuid(item.accountId, item.awsRegion, control, item.resourceType, item.resourceId);
  return `arn:${partition}:securityhub:${item.awsRegion}:${item.accountId}:security-control/${control}/finding/${uuid}`;
}

/**
 * The consolidated control finding Security Hub would produce for an evaluation: one finding per
 * (control, resource), `GeneratorId: security-control/<ID>`, Compliance with the status, the
 * enabled standards it belongs to, their requirement ids and the reason. NOT_APPLICABLE archives
 * the finding (the store keeps it only if one already exists).
 */
export function controlFinding({ control, item, evaluation, enabledStandards, evaluatedAt, parameters }: ControlEvaluation): AwsSecurityFinding {
  const controlParameters = securityControlParameters(parameters);
  const partition = partitionOf(item.awsRegion);
  const mappings = mappingsOf(control).filter((mapping) => enabledStandards.includes(mapping.standard));
  const id = item.resourceType === ACCOUNT_RESOURCE_TYPE ? item.resourceId : (item.arn ?? item.resourceId);
  const resource = asffResource(item.resourceType, id, { partition, region: item.awsRegion, account: item.accountId });
  const applicable = evaluation.status !== 'NOT_APPLICABLE';
  return {
    SchemaVersion: '2018-10-08',
    Id: controlFindingId(control.id, item),
    ProductArn: `arn:${partition}:securityhub:${item.awsRegion}::product/aws/securityhub`,
    ProductName: 'Security Hub',
    CompanyName: 'AWS',
    Region: item.awsRegion,
    GeneratorId: `security-control/${control.id}`,
    AwsAccountId: item.accountId,
    Types: CONTROL_FINDING_TYPES,
    CreatedAt: evaluatedAt,
    UpdatedAt: evaluatedAt,
    Severity: { Label: control.severity, Original: control.severity },
    Title: control.title,
    Description: control.description,
    Remediation: { Recommendation: { Text: RECOMMENDATION, Url: control.remediationUrl } },
    ProductFields: { 'aws/securityhub/ProductName': 'Security Hub', 'aws/securityhub/CompanyName': 'AWS', ControlId: control.id },
    Resources: [
      {
        Type: resource.Type,
        Id: resource.Id,
        Partition: partition,
        Region: item.awsRegion,
        ...(item.tags && Object.keys(item.tags).length > 0 && { Tags: item.tags }),
      },
    ],
    Compliance: {
      Status: applicable ? evaluation.status : 'NOT_AVAILABLE',
      SecurityControlId: control.id,
      ...(controlParameters.length > 0 && { SecurityControlParameters: controlParameters }),
      AssociatedStandards: mappings.map((mapping) => ({ StandardsId: `standards/${mapping.standard}` })),
      RelatedRequirements: mappings.flatMap((mapping) => mapping.requirements).slice(0, 32),
      StatusReasons: [{ ReasonCode: applicable ? evaluation.status : 'NOT_APPLICABLE', Description: evaluation.reason.slice(0, 1024) }],
    },
    RecordState: applicable ? 'ACTIVE' : 'ARCHIVED',
  } as AwsSecurityFinding;
}
