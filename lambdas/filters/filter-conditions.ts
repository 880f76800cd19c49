/**
 * The condition shapes of the finding filter language, one per filter kind (`string`, `number`, `date`, …).
 * The filter registry (./fields) and the filters type (./types) both build on them.
 */
/** String comparisons. `CONTAINS` / `NOT_CONTAINS` are accepted only in automation-rule criteria. */
export type StringFilterComparison = 'EQUALS' | 'PREFIX' | 'NOT_EQUALS' | 'PREFIX_NOT_EQUALS' | 'CONTAINS' | 'NOT_CONTAINS';

/** Map comparisons. `CONTAINS` / `NOT_CONTAINS` are accepted only in automation-rule criteria. */
export type MapFilterComparison = 'EQUALS' | 'NOT_EQUALS' | 'CONTAINS' | 'NOT_CONTAINS';

/** A condition on a string attribute; `Value` is case-sensitive. */
export interface StringFilter {
  Value?: string;
  Comparison?: StringFilterComparison;
}

/** A condition on a number attribute; every bound given must hold. */
export interface NumberFilter {
  Gte?: number;
  Lte?: number;
  Eq?: number;
  Gt?: number;
  Lt?: number;
}

/** The only date range unit Security Hub knows. */
export type DateRangeUnit = 'DAYS';

/** `WITHIN` (default): in the last `Value` days; `OLDER_THAN`: before that. */
export type DateRangeComparison = 'WITHIN' | 'OLDER_THAN';

/** A date range relative to the time of the request. */
export interface DateRange {
  Value?: number;
  Unit?: DateRangeUnit;
  Comparison?: DateRangeComparison;
}

/** A condition on a timestamp attribute: `Start` and `End` inclusive, and/or a relative `DateRange`. */
export interface DateFilter {
  Start?: string;
  End?: string;
  DateRange?: DateRange;
}

/** A condition on a boolean attribute. */
export interface BooleanFilter {
  Value?: boolean;
}

/** A condition on one key of a string map attribute (tags, product fields…). */
export interface MapFilter {
  Key?: string;
  Value?: string;
  Comparison?: MapFilterComparison;
}

/** A condition on an IP address attribute: the address lies in `Cidr` (IPv4 or IPv6). */
export interface IpFilter {
  Cidr?: string;
}

/** Deprecated keyword condition. */
export interface KeywordFilter {
  Value?: string;
}

/** Each filter kind and the shape of one of its conditions. */
export interface FilterByKind {
  string: StringFilter;
  number: NumberFilter;
  date: DateFilter;
  boolean: BooleanFilter;
  map: MapFilter;
  ip: IpFilter;
  keyword: KeywordFilter;
}

/** The kind of a filter attribute, which decides its condition shape and how it matches. */
export type FilterKind = keyof FilterByKind;
