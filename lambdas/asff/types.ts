/**
 * The AWS Security Finding Format (ASFF, schema version 2018-10-08) as TypeScript types. Member
 * names and shapes follow Security Hub's `AwsSecurityFinding`; `schemas/asff.schema.json` holds the
 * limits and `validate.ts` enforces them. Nested detail shapes live in `types-details.ts`.
 */
import type {
  Action,
  DataClassification,
  Detection,
  Malware,
  Network,
  NetworkPathComponent,
  PatchSummary,
  ProcessDetails,
  Threat,
  ThreatIntelIndicator,
  Vulnerability,
} from './types-details';

export type * from './types-details';

/** An ASFF timestamp string (RFC 3339; see `timestamps.ts`). */
export type AsffTimestamp = string;

/** Severity labels, lowest to highest. */
export type SeverityLabel = 'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
/** Investigation status of a finding (`Workflow.Status`). */
export type WorkflowStatus = 'NEW' | 'NOTIFIED' | 'RESOLVED' | 'SUPPRESSED';
/** Deprecated predecessor of `Workflow.Status`. */
export type WorkflowState = 'NEW' | 'ASSIGNED' | 'IN_PROGRESS' | 'DEFERRED' | 'RESOLVED';
/** Whether a finding is live (`ACTIVE`) or no longer relevant (`ARCHIVED`). */
export type RecordState = 'ACTIVE' | 'ARCHIVED';
/** Result of a control check (`Compliance.Status`). */
export type ComplianceStatus = 'PASSED' | 'WARNING' | 'FAILED' | 'NOT_AVAILABLE';
/** Veracity of a finding. */
export type VerificationState = 'UNKNOWN' | 'TRUE_POSITIVE' | 'FALSE_POSITIVE' | 'BENIGN_POSITIVE';
/** Partition of a resource. */
export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov' | 'aws-us-iso' | 'aws-us-iso-b' | 'AzureCloud';

/** A finding's severity: `Label` or `Normalized` must be present (Label is preferred). */
export interface Severity {
  Label?: SeverityLabel;
  /** Integer 0–100 (deprecated in favour of `Label`). */
  Normalized?: number;
  /** Native severity of the product (deprecated in favour of `Original`). */
  Product?: number;
  /** Native severity as the provider states it (≤ 64 chars). */
  Original?: string;
}

/** Another finding this one relates to. */
export interface RelatedFinding {
  ProductArn: string;
  Id: string;
}

/** A user-defined note (`Text` and `UpdatedBy` ≤ 512 chars). */
export interface Note {
  Text: string;
  UpdatedBy: string;
  UpdatedAt: AsffTimestamp;
}

/** Investigation workflow. */
export interface Workflow {
  Status?: WorkflowStatus;
}

/** Remediation guidance. */
export interface Remediation {
  Recommendation?: { Text?: string; Url?: string };
}

/** Control-check details of a finding. */
export interface Compliance {
  Status?: ComplianceStatus;
  /** Up to 32 requirement identifiers. */
  RelatedRequirements?: string[];
  StatusReasons?: Array<{ ReasonCode: string; Description?: string }>;
  SecurityControlId?: string;
  AssociatedStandards?: Array<{ StandardsId?: string }>;
  SecurityControlParameters?: Array<{ Name?: string; Value?: string[] }>;
}

/** A resource a finding refers to. */
export interface Resource {
  /** Resource type, e.g. `AwsS3Bucket` (≤ 256 chars). */
  Type: string;
  Id: string;
  Partition?: Partition;
  Region?: string;
  Provider?: 'AWS' | 'Azure';
  Owner?: { Account?: { Id?: string }; Org?: { Id?: string } };
  ResourceRole?: string;
  Tags?: Record<string, string>;
  DataClassification?: DataClassification;
  /** Type-specific details (`AwsS3Bucket`, `AwsEc2Instance`…), kept free-form. */
  Details?: Record<string, unknown>;
  ApplicationName?: string;
  ApplicationArn?: string;
}

/** The provider's own values of fields customers may change with BatchUpdateFindings. */
export interface FindingProviderFields {
  Confidence?: number;
  Criticality?: number;
  RelatedFindings?: RelatedFinding[];
  Severity?: { Label?: SeverityLabel; Original?: string };
  Types?: string[];
}

/** CodeGuru detector metadata. */
export interface GeneratorDetails {
  Name?: string;
  Description?: string;
  Labels?: string[];
}

/** A finding in the AWS Security Finding Format. */
export interface AwsSecurityFinding {
  SchemaVersion: '2018-10-08';
  Id: string;
  ProductArn: string;
  ProductName?: string;
  CompanyName?: string;
  Region?: string;
  GeneratorId: string;
  /** 12 digits. */
  AwsAccountId: string;
  AwsAccountName?: string;
  /** Up to 50 `namespace[/category[/classifier]]` strings. */
  Types?: string[];
  FirstObservedAt?: AsffTimestamp;
  LastObservedAt?: AsffTimestamp;
  CreatedAt: AsffTimestamp;
  UpdatedAt: AsffTimestamp;
  ProcessedAt?: AsffTimestamp;
  Severity: Severity;
  /** Integer 0–100. */
  Confidence?: number;
  /** Integer 0–100. */
  Criticality?: number;
  Title: string;
  Description: string;
  Remediation?: Remediation;
  SourceUrl?: string;
  /** Up to 50 pairs; keys ≤ 128 chars, values ≤ 2048 chars. */
  ProductFields?: Record<string, string>;
  /** Up to 50 pairs; keys ≤ 128 chars, values ≤ 1024 chars. */
  UserDefinedFields?: Record<string, string>;
  Malware?: Malware[];
  Network?: Network;
  NetworkPath?: NetworkPathComponent[];
  Process?: ProcessDetails;
  Threats?: Threat[];
  ThreatIntelIndicators?: ThreatIntelIndicator[];
  /** 1–32 resources. */
  Resources: Resource[];
  Compliance?: Compliance;
  VerificationState?: VerificationState;
  WorkflowState?: WorkflowState;
  Workflow?: Workflow;
  RecordState?: RecordState;
  /** Up to 10. */
  RelatedFindings?: RelatedFinding[];
  Note?: Note;
  Vulnerabilities?: Vulnerability[];
  PatchSummary?: PatchSummary;
  Action?: Action;
  FindingProviderFields?: FindingProviderFields;
  Sample?: boolean;
  GeneratorDetails?: GeneratorDetails;
  Detection?: Detection;
}
