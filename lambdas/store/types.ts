/**
 * Request and response shapes of the findings store. They are Security Hub's own API shapes
 * (member names as in the restJson1 wire format), so the API layer passes them through unchanged.
 */
import type { AwsSecurityFinding } from '../asff';
import type { AwsSecurityFindingFilters, SortCriterion } from '../filters';

/** A finding's identity in Security Hub: its `Id` within its `ProductArn`. */
export interface FindingIdentifier {
  Id: string;
  ProductArn: string;
}

/** Who is calling, as recorded in history (`UpdateSource.Identity`) and in `Note.UpdatedBy` checks. */
export interface CallerContext {
  /** IAM principal ARN (deployed) or a local name (embedded default). */
  identity: string;
}

/** BatchImportFindings response. */
export interface BatchImportFindingsResponse {
  SuccessCount: number;
  FailedCount: number;
  FailedFindings: Array<{ Id: string; ErrorCode: string; ErrorMessage: string }>;
  /**
   * Our addition (clients that do not know it ignore it): findings counted as successful but left
   * unchanged because their UpdatedAt was not newer than the stored one, with the reason.
   */
  IgnoredFindings?: Array<{ Id: string; ProductArn: string; Reason: string }>;
}

/** BatchUpdateFindings request (the customer-owned fields only). */
export interface BatchUpdateFindingsRequest {
  FindingIdentifiers: FindingIdentifier[];
  Note?: { Text: string; UpdatedBy: string };
  Severity?: { Label?: string; Normalized?: number; Product?: number };
  VerificationState?: string;
  Confidence?: number;
  Criticality?: number;
  Types?: string[];
  UserDefinedFields?: Record<string, string>;
  Workflow?: { Status?: string };
  RelatedFindings?: FindingIdentifier[];
}

/** BatchUpdateFindings response. */
export interface BatchUpdateFindingsResponse {
  ProcessedFindings: FindingIdentifier[];
  UnprocessedFindings: Array<{ FindingIdentifier: FindingIdentifier; ErrorCode: string; ErrorMessage: string }>;
}

/** GetFindings request. */
export interface GetFindingsRequest {
  Filters?: AwsSecurityFindingFilters;
  SortCriteria?: SortCriterion[];
  MaxResults?: number;
  NextToken?: string;
}

/** How the planner answered a GetFindings call (not on the wire; logged and benchmarked). */
export interface QueryPlanReport {
  /** The index queried, or `scan` when no index applied. */
  access: string;
  /** Index partitions queried. */
  partitions: number;
  /** Index entries read. */
  indexItemsRead: number;
  /** Findings fetched and tested against the filters. */
  itemsRead: number;
  /** Findings returned. */
  itemsReturned: number;
  /** True when the requested order is not the index's, so every match was read and sorted. */
  sortedInMemory: boolean;
  /** Set when an in-memory sort's page came from the order its first page kept: only the page's findings were read. */
  keptOrder?: boolean;
}

/** GetFindings response. */
export interface GetFindingsResponse {
  Findings: AwsSecurityFinding[];
  NextToken?: string;
}

/** GetFindingHistory request. */
export interface GetFindingHistoryRequest {
  FindingIdentifier: FindingIdentifier;
  StartTime?: string;
  EndTime?: string;
  MaxResults?: number;
  NextToken?: string;
}

/** One change of one field, as GetFindingHistory reports it. */
export interface FindingHistoryUpdate {
  UpdatedField: string;
  OldValue?: string;
  NewValue?: string;
}

/** One history record: a create or a change of a finding. */
export interface FindingHistoryRecord {
  FindingIdentifier: FindingIdentifier;
  UpdateTime: string;
  FindingCreated: boolean;
  UpdateSource: { Type: 'BATCH_IMPORT_FINDINGS' | 'BATCH_UPDATE_FINDINGS'; Identity: string };
  Updates: FindingHistoryUpdate[];
  NextToken?: string;
}

/** GetFindingHistory response. */
export interface GetFindingHistoryResponse {
  Records: FindingHistoryRecord[];
  NextToken?: string;
}

/** The findings store: the only code that writes findings. */
export interface FindingsStoreApi {
  importFindings(findings: unknown[], caller: CallerContext): Promise<BatchImportFindingsResponse>;
  updateFindings(request: BatchUpdateFindingsRequest, caller: CallerContext): Promise<BatchUpdateFindingsResponse>;
  getFindings(request: GetFindingsRequest): Promise<GetFindingsResponse & { plan: QueryPlanReport }>;
  getFindingHistory(request: GetFindingHistoryRequest): Promise<GetFindingHistoryResponse>;
  /** Every matching finding, a page at a time, in one pass through the planner (no order). */
  forEachFindingPage(
    filters: AwsSecurityFindingFilters,
    visit: (findings: AwsSecurityFinding[]) => void | Promise<void>,
    options?: { pageSize?: number },
  ): Promise<{ plan: QueryPlanReport; maxPage: number }>;
}
