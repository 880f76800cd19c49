/**
 * Security Hub's finding filter language (`AwsSecurityFindingFilters`), as GetFindings, insights and
 * automation rules take it. The filter keys come from the one registry in `./fields`, so adding a key
 * is one registry entry.
 */
import type { FilterByKind } from './filter-conditions';
import type { FILTER_FIELDS, FilterKey } from './fields';

export type {
  StringFilterComparison,
  MapFilterComparison,
  StringFilter,
  NumberFilter,
  DateRangeUnit,
  DateRangeComparison,
  DateRange,
  DateFilter,
  BooleanFilter,
  MapFilter,
  IpFilter,
  KeywordFilter,
  FilterByKind,
  FilterKind,
} from './filter-conditions';

export type { FilterKey } from './fields';

/** Security Hub's finding filters: every attribute of the SDK's `AwsSecurityFindingFilters`. */
export type AwsSecurityFindingFilters = {
  [K in FilterKey]?: FilterByKind[(typeof FILTER_FIELDS)[K][0]][];
};

/** One sort criterion of GetFindings. */
export interface SortCriterion {
  Field?: string;
  SortOrder?: 'asc' | 'desc';
}
