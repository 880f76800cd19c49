/**
 * The organization domain's front door: the administrator, the organization configuration and
 * the members (with their place in AWS Organizations), the membership sync and the import
 * admission. Inside the domain, files import each other directly.
 */
import type { OrganizationRepository } from './state/organization-store';
import type { MemberRecord, OrganizationState } from './organization';
import { planMembershipSync, readOrganization, type OrganizationsReader } from './sync';

export {
  ASSOCIATED_STATUSES,
  CENTRAL_AUTO_ENABLE_REFUSED,
  CENTRAL_CONFIGURATION_REQUIRED,
  MEMBER_ACCOUNT_LIMIT,
  MEMBER_STATUSES,
  accountOfPrincipal,
  centralConfigurationEnabled,
  centralConfigurationHold,
  centralConfigurationOutcome,
  defaultOrganizationState,
  isAssociated,
  memberShape,
  membershipDecision,
  validateAccountId,
} from './organization';
export type { AutoEnableStandards, ConfigurationStatus, ConfigurationType, MemberRecord, MemberSource, MemberStatus, OrganizationState } from './organization';
export { NOT_MEMBER_ERROR_CODE, ORGANIZATION_CACHE_MS, invalidateOrganization, organizationAdmission, organizationAdmissionOn, organizationStoreOn } from './admission';
export { UNSYNCED_ROOT_ID, accountPlace, organizationTree, ouPlace, rootOf } from './tree';
export type { OrganizationTree, TreePlace, TreeTarget } from './tree';
export { DynamoOrganizationStore } from './state/organization-store';
export type { MemberPage, OrganizationRepository } from './state/organization-store';
export { organizationsReader } from './state/organizations-reader';
export { planMembershipSync, readOrganization, readOrganizationAccounts } from './sync';
export type { OrganizationAccount, OrganizationTreeRead, OrganizationsReader } from './sync';

/**
 * An account's parents in AWS Organizations, root first (`['r-…', 'ou-…']`), as the last sync
 * stored them; undefined for an account the sync has not seen (a first-contact or CreateMembers
 * member outside the organization, or no member at all). Central configuration reads it to find
 * the policy an account inherits.
 */
export async function accountOrganizationPath(repository: Pick<OrganizationRepository, 'getMembers'>, accountId: string): Promise<string[] | undefined> {
  return (await repository.getMembers([accountId])).get(accountId)?.organizationPath;
}

/** What one sync did. */
export interface MembershipSyncResult {
  accounts: number;
  written: number;
  enabled: number;
}

/**
 * Reads the organization and writes what changed: new accounts (Enabled when AutoEnable is on),
 * OU moves, suspensions, accounts that left; the root and the OU tree go on the organization state. Records `administratorId` as the administrator when
 * none is, so the administrator's own findings are always accepted. Reads every member once
 * (one Query page per 1 MB), so a sync costs O(accounts).
 */
export async function syncMembership(repository: OrganizationRepository, reader: OrganizationsReader, administratorId: string, now: Date): Promise<MembershipSyncResult> {
  const { rootIds, organizationalUnits, accounts } = await readOrganization(reader);
  const state: OrganizationState = await repository.update((current) => ({
    ...current,
    administratorAccountId: current.administratorAccountId ?? administratorId,
    syncedAt: now.toISOString(),
    // Central configuration's tree: the root and where each OU sits (accounts' places are on their member records).
    ...(rootIds[0] !== undefined && { rootId: rootIds[0] }),
    organizationalUnits,
  }));
  const current = new Map<string, MemberRecord>();
  let after: string | undefined;
  do {
    const page = await repository.listMembers(1000, after);
    for (const member of page.members) current.set(member.accountId, member);
    after = page.last;
  } while (after !== undefined);
  const writes = planMembershipSync(state, state.administratorAccountId ?? administratorId, current, accounts, now);
  await repository.putMembers(writes);
  return { accounts: accounts.length, written: writes.length, enabled: writes.filter((member) => member.status === 'Enabled').length };
}
