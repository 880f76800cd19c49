/**
 * The names under which prioritization stores its results on a finding, and the resource tag it
 * reads. Other components (finding events, alerts, insights, the CLI) import these, never copy them.
 */

/** `ProductFields` key of the priority score: an integer 0–100, as a string (e.g. `"85"`). */
export const PRIORITY_KEY = 'opensecurityhub/Priority';

/** `ProductFields` key of the reasons for the score, joined by `; ` (e.g. `severity HIGH: +55; exploit available: +10`). */
export const PRIORITY_REASONS_KEY = 'opensecurityhub/PriorityReasons';

/**
 * `ProductFields` key of the correlation the correlate-findings function found: the kinds of the
 * other open findings on the same resource, sorted and comma-separated (e.g. `threat,vulnerability`).
 * Kept across re-imports by the priority stage.
 */
export const CORRELATION_KEY = 'opensecurityhub/CorrelatedKinds';

/**
 * Resource tag that states how critical a resource is: `critical`, `high`, `medium` or `low`
 * (key and value compared case-insensitively, so `criticality=High` counts).
 */
export const CRITICALITY_TAG = 'Criticality';

/** Longest `ProductFields` value ASFF allows (2,048 characters): the reasons are cut to fit. */
export const MAX_PRODUCT_FIELD_VALUE = 2048;

/** The sort field GetFindings accepts for the priority (`SortCriteria: [{ Field: 'Priority' }]`). */
export const PRIORITY_SORT_FIELD = 'Priority';

/** The stored priority of a finding, or undefined when it has none (never prioritized, or unreadable). */
export function storedPriority(finding: { ProductFields?: Record<string, string> }): number | undefined {
  const text = finding.ProductFields?.[PRIORITY_KEY];
  if (text === undefined || !/^\d{1,3}$/.test(text)) return undefined;
  const value = Number(text);
  return value <= 100 ? value : undefined;
}
