/**
 * A filter restricted to one account: what a member account's caller may see. The result is the
 * intersection of the caller's own AwsAccountId conditions with `AwsAccountId EQUALS <account>`,
 * written in the filter language itself (so the query planner can use the account's index):
 * `EQUALS account` when the caller's conditions admit the account, else undefined — nothing can
 * match (the language has no "false" to write it with: EQUALS cannot be combined with NOT_EQUALS).
 */
import type { AwsSecurityFinding } from '../asff';
import { compileFilters } from './match';
import type { AwsSecurityFindingFilters } from './types';

/** `filters` narrowed to the findings of `accountId`; undefined when they exclude that account. */
export function restrictToAccount(filters: AwsSecurityFindingFilters | undefined, accountId: string, now: Date): AwsSecurityFindingFilters | undefined {
  const own = { Value: accountId, Comparison: 'EQUALS' as const };
  const requested = filters?.AwsAccountId;
  if (requested === undefined || requested.length === 0) return { ...filters, AwsAccountId: [own] };
  const admits = compileFilters({ AwsAccountId: requested }, now)({ AwsAccountId: accountId } as AwsSecurityFinding);
  return admits ? { ...filters, AwsAccountId: [own] } : undefined;
}
