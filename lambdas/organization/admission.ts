/**
 * The organization's import admission: a finding is accepted only from the administrator's own
 * account or an associated member; an account never seen becomes a member on its first finding
 * when AutoEnable is on. Once per batch it reads the organization state and the members of the
 * batch's accounts it has not cached (one BatchGet), so each finding costs a map lookup. A warm
 * Lambda reuses what it read for {@link ORGANIZATION_CACHE_MS}; the process that changes the
 * organization forgets its cache at once.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ImportAdmission } from '../store';
import { firstContactMember, membershipDecision, type MemberRecord, type OrganizationState } from './organization';
import { DynamoOrganizationStore, type OrganizationRepository } from './state/organization-store';
import { isFresh } from '../shared/freshness';

/** How long a warm Lambda reuses the organization it read: 30 s, as the hub state. */
export const ORGANIZATION_CACHE_MS = 30_000;

interface Cache {
  state?: { value: OrganizationState; loadedAt: number };
  members: Map<string, { member: MemberRecord | undefined; loadedAt: number }>;
}

const caches = new Map<string, Cache>();

/** Forgets the cached organization of `table` (after it changed). */
export function invalidateOrganization(table: string): void {
  caches.delete(table);
}

/** The error code of a finding refused because its account is not a member. */
export const NOT_MEMBER_ERROR_CODE = 'AccessDeniedException';

/** The admission over an organization repository; `cacheMs` 0 reads for every batch. */
export function organizationAdmission(repository: OrganizationRepository, tableName: string, cacheMs = ORGANIZATION_CACHE_MS): ImportAdmission {
  return {
    async prepare(now, findings) {
      const at = now.getTime();
      const cache: Cache = caches.get(tableName) ?? { members: new Map() };
      caches.set(tableName, cache);
      if (cache.state === undefined || !isFresh(cache.state.loadedAt, at, cacheMs)) cache.state = { value: await repository.get(), loadedAt: at };
      const state = cache.state.value;
      const accounts = [...new Set(findings.map((finding) => finding.AwsAccountId))];
      const missing = accounts.filter((account) => account !== state.administratorAccountId && !isFresh(cache.members.get(account)?.loadedAt ?? -Infinity, at, cacheMs));
      if (missing.length > 0) {
        const read = await repository.getMembers(missing);
        for (const account of missing) cache.members.set(account, { member: read.get(account), loadedAt: at });
      }
      const decisions = new Map<string, ReturnType<typeof membershipDecision>>();
      for (const account of accounts) {
        const decision = membershipDecision(state, account, cache.members.get(account)?.member);
        if (decision.admit && decision.enroll) {
          const member = firstContactMember(account, state.administratorAccountId ?? '', now);
          // Another writer may enroll it at the same moment (or the sync): either way it is a member now, unless it was removed.
          if (!(await repository.enroll(member))) {
            const current = (await repository.getMembers([account])).get(account);
            cache.members.set(account, { member: current, loadedAt: at });
            decisions.set(account, membershipDecision(state, account, current));
            continue;
          }
          cache.members.set(account, { member, loadedAt: at });
        }
        decisions.set(account, decision);
      }
      return (finding) => {
        const decision = decisions.get(finding.AwsAccountId);
        return decision === undefined || decision.admit ? undefined : { ErrorCode: NOT_MEMBER_ERROR_CODE, ErrorMessage: decision.reason };
      };
    },
  };
}

/** The organization store on the findings table, forgetting this process's cached organization on every write. */
export function organizationStoreOn(client: DynamoDBClient, tableName: string): DynamoOrganizationStore {
  return new DynamoOrganizationStore({ client, tableName, onChange: () => invalidateOrganization(tableName) });
}

/** The admission every writer's store is built with (`findingsStoreFromEnv`). */
export function organizationAdmissionOn(client: DynamoDBClient, tableName: string): ImportAdmission {
  return organizationAdmission(organizationStoreOn(client, tableName), tableName);
}
