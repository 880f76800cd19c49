/**
 * The asff domain's front door: everything other code (functions, other domains, lib, bin) may use.
 * Inside the domain, files import each other directly.
 */
export { PRODUCTS, catalogueProduct, isAwsProduct, isDefaultProduct, parseProductArn, productArnOf } from './products';
export type { CatalogueProduct } from './products';
export { SEVERITY_LABELS, completeSeverity, isSeverityLabel, labelFromNormalized, normalizedFromLabel, severityRank } from './severity';
export { isAsffTimestamp, parseAsffInstant, timestampMillis, toSortableTimestamp } from './timestamps';
export type { Instant } from './timestamps';
export type {
  Action,
  ActionPortDetails,
  ActionRemoteIpDetails,
  AwsSecurityFinding,
  ComplianceStatus,
  DataClassification,
  Network,
  NetworkPathComponent,
  Occurrences,
  Partition,
  ProcessDetails,
  Range,
  RelatedFinding,
  Resource,
  Severity,
  SeverityLabel,
  SoftwarePackage,
  VerificationState,
  Vulnerability,
  WorkflowStatus,
} from './types';
export { validateFinding } from './validate';
