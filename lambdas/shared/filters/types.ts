// Placeholder: replaced by the full AwsSecurityFindingFilters types.
/** Security Hub's finding filters. */
export type AwsSecurityFindingFilters = Record<string, unknown[]>;
/** One sort criterion of GetFindings. */
export interface SortCriterion {
  Field?: string;
  SortOrder?: 'asc' | 'desc';
}
