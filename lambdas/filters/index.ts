/** Security Hub's finding filter language: types, field registry, validation, matching and sorting. */
export * from './types';
export { FILTER_FIELDS, isFilterKey, kindOf, valuesOf, keyOfPath } from './fields';
export { validateFilters, MAX_FILTER_ATTRIBUTES, MAX_FILTER_VALUES, type ValidateFiltersOptions } from './validate';
export { compileFilters, matchesFilters, type FindingPredicate } from './match';
export { validateSortCriteria, compareFindings, compileComparator, DEFAULT_SORT } from './sort';
