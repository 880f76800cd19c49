/**
 * The store domain's front door: everything other code (functions, other domains, lib, bin) may use.
 * Inside the domain, files import each other directly.
 */
export { FindingsStore } from './findings-store';
export type { Revision, RevisionResult } from './findings-store';
export { diffFindings } from './history';
export type { ChangeRecord, ChangeSource } from './history';
export type { ProviderField } from './import-rules';
export { allAdmissions } from './import-stages';
export type { ImportAdmission, ImportRefusal, ImportStage, ImportStep } from './import-stages';
export { findingKey } from './keys';
export { ensureFindingsTableLayout } from './migrate-table';
export { readPartition } from './partition-items';
export { fromFindingItem } from './record';
export type { StoredFinding } from './record';
export { COMPLIANCE_STATUSES, FINDING_INDEXES, TABLE_KEYS, indexKeyNames } from './table-schema';
export { FINDING_SK, ITEM_KINDS, isItemOf, itemKey } from './item-kinds';
export type { ItemKind, ItemKindName, ItemKindOwner, KeyShape } from './item-kinds';
export type {
  BatchImportFindingsResponse,
  BatchUpdateFindingsRequest,
  CallerContext,
  FindingHistoryUpdate,
  FindingIdentifier,
  FindingsStoreApi,
  GetFindingHistoryRequest,
  GetFindingsRequest,
  QueryPlanReport,
} from './types';
export { applyUpdate, validateUpdateRequest } from './update-rules';
export { CONFLICT, VersionedItems, ifCondition, isConditionFailure, retryOnConflict, versionCondition } from './versioned-item';
export type { RetryOptions, RoundResult, VersionedRead } from './versioned-item';
