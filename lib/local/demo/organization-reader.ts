/**
 * The demo organization as AWS Organizations would list it: one root (`r-demo`), the OUs named by
 * the accounts' `organizationalUnit` paths, the accounts under them. The membership sync reads it
 * through the same reader interface as the real ListRoots / ListOrganizationalUnitsForParent /
 * ListAccountsForParent, so the demo's accounts become members with their OU path.
 */
import { createHash } from 'node:crypto';
import type { OrganizationsReader } from '../../../lambdas/organization';
import type { DemoOrganization } from './fixtures';

/** The demo organization's root id. */
export const DEMO_ROOT_ID = 'r-demo';

/** The id of the OU at a path of names (`Workloads/Prod`): `ou-demo-` and 8 hex digits of its path, stable across starts. */
export function demoOuId(path: string): string {
  return `ou-demo-${createHash('sha256').update(path).digest('hex').slice(0, 8)}`;
}

/** The reader over the demo organization. */
export function demoOrganizationsReader(organization: DemoOrganization): OrganizationsReader {
  const accounts = [organization.seedAccount, ...organization.accounts];
  const parentOf = (path: string | undefined) => (path === undefined ? DEMO_ROOT_ID : demoOuId(path));
  const paths = new Set<string>();
  for (const account of accounts) {
    const parts = account.organizationalUnit?.split('/') ?? [];
    for (let depth = 1; depth <= parts.length; depth++) paths.add(parts.slice(0, depth).join('/'));
  }
  const childrenOf = (parent: string) => [...paths].filter((path) => parentOf(path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : undefined) === parent).map(demoOuId);
  return {
    listRoots: async () => [DEMO_ROOT_ID],
    listOrganizationalUnits: async (parent) => childrenOf(parent),
    listAccounts: async (parent) =>
      accounts
        .filter((account) => parentOf(account.organizationalUnit) === parent)
        .map((account) => ({ id: account.accountId, email: `${account.name}@example.com`, status: 'ACTIVE' })),
  };
}
