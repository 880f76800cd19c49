/** Links between the console's views. */
import { encodeFilters, type AwsSecurityFindingFilters } from './filters';
import { href } from './router';

/** Links to the findings list with `filters`. */
export function findingsLink(filters: AwsSecurityFindingFilters): string {
  return href('findings', { f: encodeFilters(filters) });
}
