/** Security Hub's finding filter language: types, field registry, validation, matching and sorting. */
export * from './types';
export { FILTER_FIELDS, isFilterKey, kindOf, valuesOf, keyOfPath } from './fields';
export { validateFilters, MAX_FILTER_ATTRIBUTES, MAX_FILTER_VALUES, type ValidateFiltersOptions } from './validate';
export { compileFilters, matchesFilters, type FindingPredicate } from './match';
export { restrictToAccount } from './account-scope';
export { validateSortCriteria, compareFindings, compileComparator, DEFAULT_SORT } from './sort';
/**
 * The filters domain's front door: everything other code (functions, other domains, lib, bin) may use.
 * Inside the domain, files import each other directly.
 */
export { readerOf } from './fields';

export { CORRELATION_KEY, CRITICALITY_TAG, MAX_PRODUCT_FIELD_VALUE, PRIORITY_KEY, PRIORITY_REASONS_KEY, PRIORITY_SORT_FIELD, storedPriority } from './priority-field';

export type { AwsSecurityFindingFilters, DateFilter, FilterKey, SortCriterion, StringFilter } from './types';
