/**
 * The organization's import admission: a finding is accepted only from the administrator's own
 * account or an associated member; an account never seen becomes a member on its first finding
 * when AutoEnable is on. Once per batch it reads the organization state and the members of the
 * batch's accounts it has not cached (one BatchGet), so each finding costs a map lookup. A warm
 * Lambda reuses what it read for {@link ORGANIZATION_CACHE_MS}; the process that changes the
 * organization forgets its cache at once. Batches that run at once share the reads in flight and an
 * account's enrolment.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ImportAdmission } from '../store';
import { firstContactMember, membershipDecision, type MemberRecord, type OrganizationState } from './organization';
import { DynamoOrganizationStore, type OrganizationRepository } from './state/organization-store';
import { FreshCache } from '../shared/freshness';

/** How long a warm Lambda reuses the organization it read: 30 s, as the hub state. */
export const ORGANIZATION_CACHE_MS = 30_000;

/** What a process read of one table's organization (every concurrent batch shares the reads in flight). */
interface Cache {
  state: FreshCache<OrganizationState>;
  members: FreshCache<MemberRecord | undefined>;
  /** Enrolments in flight, by account: a concurrent batch of the same account awaits it instead of racing it. */
  enrolling: Map<string, Promise<MemberRecord | undefined>>;
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
      let cache = caches.get(tableName);
      if (cache === undefined) {
        cache = { state: new FreshCache(), members: new FreshCache(), enrolling: new Map() };
        caches.set(tableName, cache);
      }
      const { members, enrolling } = cache;
      const state = await cache.state.get('', at, cacheMs, () => repository.get());
      const accounts = [...new Set(findings.map((finding) => finding.AwsAccountId))].filter((account) => account !== state.administratorAccountId);
      // The accounts no fresh read (or read in flight) answers, in one BatchGet shared by their entries.
      const missing: string[] = [];
      let read: Promise<Map<string, MemberRecord>> | undefined;
      const readMissing = () => (read ??= Promise.resolve().then(() => repository.getMembers(missing)));
      const known = await Promise.all(
        accounts.map((account) =>
          members.get(account, at, cacheMs, () => {
            missing.push(account);
            return readMissing().then((found) => found.get(account));
          }),
        ),
      );
      const decisions = new Map<string, ReturnType<typeof membershipDecision>>();
      for (const [index, account] of accounts.entries()) {
        let member = known[index];
        let decision = membershipDecision(state, account, member);
        if (decision.admit && decision.enroll) {
          let enrolment = enrolling.get(account);
          if (enrolment === undefined) {
            enrolment = enroll(repository, firstContactMember(account, state.administratorAccountId ?? '', now));
            enrolling.set(account, enrolment);
            void enrolment.then(
              () => enrolling.delete(account),
              () => enrolling.delete(account),
            );
          }
          member = await enrolment;
          members.set(account, member, at);
          decision = membershipDecision(state, account, member);
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

/** Enrols a first-contact member; another writer may enrol it at the same moment (or the sync): either way it is a member now, unless it was removed. */
async function enroll(repository: OrganizationRepository, member: MemberRecord): Promise<MemberRecord | undefined> {
  if (await repository.enroll(member)) return member;
  return (await repository.getMembers([member.accountId])).get(member.accountId);
}

/** The organization store on the findings table, forgetting this process's cached organization on every write. */
export function organizationStoreOn(client: DynamoDBClient, tableName: string): DynamoOrganizationStore {
  return new DynamoOrganizationStore({ client, tableName, onChange: () => invalidateOrganization(tableName) });
}

/** The admission every writer's store is built with (`findingsStoreFromEnv`). */
export function organizationAdmissionOn(client: DynamoDBClient, tableName: string): ImportAdmission {
  return organizationAdmission(organizationStoreOn(client, tableName), tableName);
}
