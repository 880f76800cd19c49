/**
 * Membership from AWS Organizations: walks the organization's tree (roots, OUs, accounts under
 * each parent) and decides which member records to write. The walk goes through a small reader
 * interface (AWS Organizations' ListRoots / ListOrganizationalUnitsForParent /
 * ListAccountsForParent deployed, the demo organization on the embedded default); the plan is pure.
 */
import type { MemberRecord, OrganizationState } from './organization';

/** An account of the organization, with its parents root first. */
export interface OrganizationAccount {
  id: string;
  email?: string;
  /** AWS Organizations' account status: ACTIVE, SUSPENDED, PENDING_CLOSURE. */
  status?: string;
  /** Parent ids, root first: `['r-abcd', 'ou-abcd-1', 'ou-abcd-2']`. */
  path: string[];
}

/** What the walk reads of AWS Organizations. */
export interface OrganizationsReader {
  listRoots(): Promise<string[]>;
  listOrganizationalUnits(parentId: string): Promise<string[]>;
  listAccounts(parentId: string): Promise<Array<{ id: string; email?: string; status?: string }>>;
}

/** The organization's tree as one walk read it. */
export interface OrganizationTreeRead {
  /** Its roots (AWS Organizations has one). */
  rootIds: string[];
  /** Each OU's parent (a root or another OU). */
  organizationalUnits: Record<string, string>;
  accounts: OrganizationAccount[];
}

/** The organization's roots, OUs and accounts with their OU paths: one ListAccountsForParent and one ListOrganizationalUnitsForParent per root and OU. */
export async function readOrganization(reader: OrganizationsReader): Promise<OrganizationTreeRead> {
  const accounts: OrganizationAccount[] = [];
  const organizationalUnits: Record<string, string> = {};
  const rootIds = await reader.listRoots();
  const pending: string[][] = rootIds.map((root) => [root]);
  while (pending.length > 0) {
    const path = pending.shift() as string[];
    const parent = path[path.length - 1];
    const [children, members] = await Promise.all([reader.listOrganizationalUnits(parent), reader.listAccounts(parent)]);
    for (const account of members) accounts.push({ ...account, path });
    for (const child of children) {
      organizationalUnits[child] = parent;
      pending.push([...path, child]);
    }
  }
  return { rootIds, organizationalUnits, accounts };
}

/** Every account of the organization with its OU path (see {@link readOrganization}). */
export async function readOrganizationAccounts(reader: OrganizationsReader): Promise<OrganizationAccount[]> {
  return (await readOrganization(reader)).accounts;
}

function samePath(a: readonly string[] | undefined, b: readonly string[]): boolean {
  return a !== undefined && a.length === b.length && a.every((part, index) => part === b[index]);
}

/**
 * The member records a sync writes: a new organization account becomes `Enabled` when AutoEnable
 * is on (or the configuration is CENTRAL, where policies decide what an account runs) and
 * `Created` otherwise (CreateMembers enables it); a known member keeps its status and gets its
 * current OU path and email; a suspended account is `AccountSuspended`; an account that came from
 * the organization and left it is `Removed`. Only changed records are returned.
 */
export function planMembershipSync(
  state: OrganizationState,
  administratorId: string,
  current: ReadonlyMap<string, MemberRecord>,
  accounts: readonly OrganizationAccount[],
  now: Date,
): MemberRecord[] {
  const at = now.toISOString();
  const writes: MemberRecord[] = [];
  const seen = new Set<string>();
  for (const account of accounts) {
    if (account.id === administratorId) continue;
    seen.add(account.id);
    const existing = current.get(account.id);
    const suspended = account.status === 'SUSPENDED' || account.status === 'PENDING_CLOSURE';
    if (existing === undefined) {
      const enabled = state.autoEnable || state.configurationType === 'CENTRAL';
      const status = suspended ? 'AccountSuspended' : enabled ? 'Enabled' : 'Created';
      writes.push({
        accountId: account.id,
        ...(account.email && { email: account.email }),
        status,
        administratorId,
        invitedAt: at,
        updatedAt: at,
        source: 'organizations',
        organizationPath: account.path,
      });
      continue;
    }
    const status = suspended ? 'AccountSuspended' : existing.status === 'AccountSuspended' ? 'Enabled' : existing.status;
    if (status !== existing.status || !samePath(existing.organizationPath, account.path) || (account.email !== undefined && account.email !== existing.email)) {
      writes.push({ ...existing, status, ...(account.email && { email: account.email }), organizationPath: account.path, updatedAt: at });
    }
  }
  for (const member of current.values()) {
    if (member.source === 'organizations' && !seen.has(member.accountId) && member.status !== 'Removed' && member.status !== 'Deleted') {
      writes.push({ ...member, status: 'Removed', updatedAt: at });
    }
  }
  return writes;
}
