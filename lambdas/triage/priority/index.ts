/** Prioritization: the factor registry, the score, the import stage and correlation. */
export { CORRELATION_KEY, CRITICALITY_TAG, MAX_PRODUCT_FIELD_VALUE, PRIORITY_KEY, PRIORITY_REASONS_KEY, PRIORITY_SORT_FIELD, storedPriority } from '../../filters';
export { computePriority, type Priority } from './compute';
export { PRIORITY_FACTORS, priorityFactorTable, type Correlation, type PriorityFactor } from './factors';
export { priorityStage } from './stage';
export { correlate, reviseWithCorrelation, resourceIdsOf, type CorrelationResult } from './correlation';
export { findingKind, isOpen, type FindingKind } from './kinds';
