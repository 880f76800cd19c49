import type { FilterKind } from './filter-conditions';

/**
 * Every filter attribute: its kind and the finding path it reads. Path syntax: members separated by
 * `.`; `[]` after a member flattens the array there (the attribute is multi-valued); the path `*`
 * means every string anywhere in the finding (the deprecated `Keyword`).
 */
export const FILTER_FIELDS = {
  ProductArn: ['string', 'ProductArn'],
  AwsAccountId: ['string', 'AwsAccountId'],
  AwsAccountName: ['string', 'AwsAccountName'],
  Id: ['string', 'Id'],
  GeneratorId: ['string', 'GeneratorId'],
  Region: ['string', 'Region'],
  Type: ['string', 'Types[]'],
  FirstObservedAt: ['date', 'FirstObservedAt'],
  LastObservedAt: ['date', 'LastObservedAt'],
  CreatedAt: ['date', 'CreatedAt'],
  UpdatedAt: ['date', 'UpdatedAt'],
  SeverityProduct: ['number', 'Severity.Product'],
  SeverityNormalized: ['number', 'Severity.Normalized'],
  SeverityLabel: ['string', 'Severity.Label'],
  Confidence: ['number', 'Confidence'],
  Criticality: ['number', 'Criticality'],
  Title: ['string', 'Title'],
  Description: ['string', 'Description'],
  RecommendationText: ['string', 'Remediation.Recommendation.Text'],
  SourceUrl: ['string', 'SourceUrl'],
  ProductFields: ['map', 'ProductFields'],
  ProductName: ['string', 'ProductName'],
  CompanyName: ['string', 'CompanyName'],
  UserDefinedFields: ['map', 'UserDefinedFields'],
  MalwareName: ['string', 'Malware[].Name'],
  MalwareType: ['string', 'Malware[].Type'],
  MalwarePath: ['string', 'Malware[].Path'],
  MalwareState: ['string', 'Malware[].State'],
  NetworkDirection: ['string', 'Network.Direction'],
  NetworkProtocol: ['string', 'Network.Protocol'],
  NetworkSourceIpV4: ['ip', 'Network.SourceIpV4'],
  NetworkSourceIpV6: ['ip', 'Network.SourceIpV6'],
  NetworkSourcePort: ['number', 'Network.SourcePort'],
  NetworkSourceDomain: ['string', 'Network.SourceDomain'],
  NetworkSourceMac: ['string', 'Network.SourceMac'],
  NetworkDestinationIpV4: ['ip', 'Network.DestinationIpV4'],
  NetworkDestinationIpV6: ['ip', 'Network.DestinationIpV6'],
  NetworkDestinationPort: ['number', 'Network.DestinationPort'],
  NetworkDestinationDomain: ['string', 'Network.DestinationDomain'],
  ProcessName: ['string', 'Process.Name'],
  ProcessPath: ['string', 'Process.Path'],
  ProcessPid: ['number', 'Process.Pid'],
  ProcessParentPid: ['number', 'Process.ParentPid'],
  ProcessLaunchedAt: ['date', 'Process.LaunchedAt'],
  ProcessTerminatedAt: ['date', 'Process.TerminatedAt'],
  ThreatIntelIndicatorType: ['string', 'ThreatIntelIndicators[].Type'],
  ThreatIntelIndicatorValue: ['string', 'ThreatIntelIndicators[].Value'],
  ThreatIntelIndicatorCategory: ['string', 'ThreatIntelIndicators[].Category'],
  ThreatIntelIndicatorLastObservedAt: ['date', 'ThreatIntelIndicators[].LastObservedAt'],
  ThreatIntelIndicatorSource: ['string', 'ThreatIntelIndicators[].Source'],
  ThreatIntelIndicatorSourceUrl: ['string', 'ThreatIntelIndicators[].SourceUrl'],
  ResourceType: ['string', 'Resources[].Type'],
  ResourceId: ['string', 'Resources[].Id'],
  ResourcePartition: ['string', 'Resources[].Partition'],
  ResourceRegion: ['string', 'Resources[].Region'],
  ResourceTags: ['map', 'Resources[].Tags'],
  ResourceProvider: ['string', 'Resources[].Provider'],
  ResourceOwnerAccountId: ['string', 'Resources[].Owner.Account.Id'],
  ResourceOwnerOrgId: ['string', 'Resources[].Owner.Org.Id'],
  ResourceApplicationName: ['string', 'Resources[].ApplicationName'],
  ResourceApplicationArn: ['string', 'Resources[].ApplicationArn'],
  ResourceAwsEc2InstanceType: ['string', 'Resources[].Details.AwsEc2Instance.Type'],
  ResourceAwsEc2InstanceImageId: ['string', 'Resources[].Details.AwsEc2Instance.ImageId'],
  ResourceAwsEc2InstanceIpV4Addresses: ['ip', 'Resources[].Details.AwsEc2Instance.IpV4Addresses[]'],
  ResourceAwsEc2InstanceIpV6Addresses: ['ip', 'Resources[].Details.AwsEc2Instance.IpV6Addresses[]'],
  ResourceAwsEc2InstanceKeyName: ['string', 'Resources[].Details.AwsEc2Instance.KeyName'],
  ResourceAwsEc2InstanceIamInstanceProfileArn: ['string', 'Resources[].Details.AwsEc2Instance.IamInstanceProfileArn'],
  ResourceAwsEc2InstanceVpcId: ['string', 'Resources[].Details.AwsEc2Instance.VpcId'],
  ResourceAwsEc2InstanceSubnetId: ['string', 'Resources[].Details.AwsEc2Instance.SubnetId'],
  ResourceAwsEc2InstanceLaunchedAt: ['date', 'Resources[].Details.AwsEc2Instance.LaunchedAt'],
  ResourceAwsS3BucketOwnerId: ['string', 'Resources[].Details.AwsS3Bucket.OwnerId'],
  ResourceAwsS3BucketOwnerName: ['string', 'Resources[].Details.AwsS3Bucket.OwnerName'],
  ResourceAwsIamAccessKeyUserName: ['string', 'Resources[].Details.AwsIamAccessKey.UserName'],
  ResourceAwsIamAccessKeyPrincipalName: ['string', 'Resources[].Details.AwsIamAccessKey.PrincipalName'],
  ResourceAwsIamAccessKeyStatus: ['string', 'Resources[].Details.AwsIamAccessKey.Status'],
  ResourceAwsIamAccessKeyCreatedAt: ['date', 'Resources[].Details.AwsIamAccessKey.CreatedAt'],
  ResourceAwsIamUserUserName: ['string', 'Resources[].Details.AwsIamUser.UserName'],
  ResourceContainerName: ['string', 'Resources[].Details.Container.Name'],
  ResourceContainerImageId: ['string', 'Resources[].Details.Container.ImageId'],
  ResourceContainerImageName: ['string', 'Resources[].Details.Container.ImageName'],
  ResourceContainerLaunchedAt: ['date', 'Resources[].Details.Container.LaunchedAt'],
  ResourceDetailsOther: ['map', 'Resources[].Details.Other'],
  ComplianceStatus: ['string', 'Compliance.Status'],
  ComplianceSecurityControlId: ['string', 'Compliance.SecurityControlId'],
  ComplianceAssociatedStandardsId: ['string', 'Compliance.AssociatedStandards[].StandardsId'],
  ComplianceSecurityControlParametersName: ['string', 'Compliance.SecurityControlParameters[].Name'],
  ComplianceSecurityControlParametersValue: ['string', 'Compliance.SecurityControlParameters[].Value[]'],
  VerificationState: ['string', 'VerificationState'],
  WorkflowState: ['string', 'WorkflowState'],
  WorkflowStatus: ['string', 'Workflow.Status'],
  RecordState: ['string', 'RecordState'],
  RelatedFindingsProductArn: ['string', 'RelatedFindings[].ProductArn'],
  RelatedFindingsId: ['string', 'RelatedFindings[].Id'],
  NoteText: ['string', 'Note.Text'],
  NoteUpdatedAt: ['date', 'Note.UpdatedAt'],
  NoteUpdatedBy: ['string', 'Note.UpdatedBy'],
  Keyword: ['keyword', '*'],
  FindingProviderFieldsConfidence: ['number', 'FindingProviderFields.Confidence'],
  FindingProviderFieldsCriticality: ['number', 'FindingProviderFields.Criticality'],
  FindingProviderFieldsRelatedFindingsId: ['string', 'FindingProviderFields.RelatedFindings[].Id'],
  FindingProviderFieldsRelatedFindingsProductArn: ['string', 'FindingProviderFields.RelatedFindings[].ProductArn'],
  FindingProviderFieldsSeverityLabel: ['string', 'FindingProviderFields.Severity.Label'],
  FindingProviderFieldsSeverityOriginal: ['string', 'FindingProviderFields.Severity.Original'],
  FindingProviderFieldsTypes: ['string', 'FindingProviderFields.Types[]'],
  Sample: ['boolean', 'Sample'],
  VulnerabilitiesExploitAvailable: ['string', 'Vulnerabilities[].ExploitAvailable'],
  VulnerabilitiesFixAvailable: ['string', 'Vulnerabilities[].FixAvailable'],
} as const satisfies Record<string, readonly [FilterKind, string]>;

/** A filter attribute name (`SeverityLabel`, `ResourceId`, …). */
export type FilterKey = keyof typeof FILTER_FIELDS;

/** A reader of the values at one registry path. */
export type ValueReader = (finding: object) => unknown[];

interface Step {
  readonly member: string;
  readonly flatten: boolean;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function collectStrings(value: unknown, into: unknown[]): void {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) for (const item of value) collectStrings(item, into);
  else if (isObject(value)) for (const item of Object.values(value)) collectStrings(item, into);
}

/** Compiles a registry path into a reader; absent and `null` members yield no value. */
export function compilePath(path: string): ValueReader {
  if (path === '*') {
    return (finding) => {
      const strings: unknown[] = [];
      collectStrings(finding, strings);
      return strings;
    };
  }
  const steps: Step[] = path.split('.').map((part) => ({
    member: part.replace(/\[\]$/, ''),
    flatten: part.endsWith('[]'),
  }));
  return (finding) => {
    let current: unknown[] = [finding];
    for (const { member, flatten } of steps) {
      const next: unknown[] = [];
      for (const holder of current) {
        if (!isObject(holder) || Array.isArray(holder) || !Object.hasOwn(holder, member)) continue;
        const value = holder[member];
        if (value === undefined || value === null) continue;
        if (flatten && Array.isArray(value)) {
          for (const item of value) if (item !== undefined && item !== null) next.push(item);
        } else next.push(value);
      }
      if (next.length === 0) return next;
      current = next;
    }
    return current;
  };
}

const READERS = new Map<string, ValueReader>(Object.entries(FILTER_FIELDS).map(([key, [, path]]) => [key, compilePath(path)]));

/** True when `key` is a filter attribute of the registry. */
export function isFilterKey(key: string): key is FilterKey {
  return Object.hasOwn(FILTER_FIELDS, key);
}

/** The kind of a filter attribute. */
export function kindOf(key: FilterKey): FilterKind {
  return FILTER_FIELDS[key][0];
}

/** The compiled reader of a filter attribute's values. */
export function readerOf(key: FilterKey): ValueReader {
  return READERS.get(key) as ValueReader;
}

/**
 * All values of a filter attribute in a finding (any finding object: `AwsSecurityFinding` or plain
 * JSON), arrays on the path flattened; `[]` when absent.
 */
export function valuesOf(finding: object, key: FilterKey): unknown[] {
  return readerOf(key)(finding);
}

const KEYS_BY_PATH = new Map<string, FilterKey>(
  (Object.keys(FILTER_FIELDS) as FilterKey[]).flatMap((key) => {
    const path = FILTER_FIELDS[key][1];
    return [
      [path, key],
      [path.replace(/\[\]/g, ''), key],
    ] as const;
  }),
);

/** The filter attribute whose path is `path` (with or without `[]` markers), if any. */
export function keyOfPath(path: string): FilterKey | undefined {
  return KEYS_BY_PATH.get(path);
}
