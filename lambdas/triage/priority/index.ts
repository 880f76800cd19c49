/** Prioritization: the factor registry, the score, the import stage and correlation. */
export * from '../../filters/priority-field';
export { computePriority, type Priority } from './compute';
export { PRIORITY_FACTORS, priorityFactorTable, type Correlation, type PriorityFactor } from './factors';
export { priorityStage } from './stage';
export { correlate, reviseWithCorrelation, resourceIdsOf, type CorrelationResult } from './correlation';
export { findingKind, isOpen, type FindingKind } from './kinds';
