/**
 * The membership sync's reader over AWS Organizations (`@aws-sdk/client-organizations`):
 * ListRoots, ListOrganizationalUnitsForParent and ListAccountsForParent, every page.
 */
import { ListAccountsForParentCommand, ListOrganizationalUnitsForParentCommand, ListRootsCommand, type OrganizationsClient } from '@aws-sdk/client-organizations';
import type { OrganizationsReader } from '../sync';

async function allPages<T>(read: (token: string | undefined) => Promise<{ items: T[]; next?: string }>): Promise<T[]> {
  const all: T[] = [];
  let token: string | undefined;
  do {
    const page = await read(token);
    all.push(...page.items);
    token = page.next;
  } while (token !== undefined);
  return all;
}

/** The reader over an Organizations client (the management account's, or a delegated administrator's). */
export function organizationsReader(client: OrganizationsClient): OrganizationsReader {
  return {
    listRoots: () =>
      allPages(async (NextToken) => {
        const page = await client.send(new ListRootsCommand({ NextToken }));
        return { items: (page.Roots ?? []).flatMap((root) => (root.Id ? [root.Id] : [])), next: page.NextToken };
      }),
    listOrganizationalUnits: (ParentId) =>
      allPages(async (NextToken) => {
        const page = await client.send(new ListOrganizationalUnitsForParentCommand({ ParentId, NextToken }));
        return { items: (page.OrganizationalUnits ?? []).flatMap((unit) => (unit.Id ? [unit.Id] : [])), next: page.NextToken };
      }),
    listAccounts: (ParentId) =>
      allPages(async (NextToken) => {
        const page = await client.send(new ListAccountsForParentCommand({ ParentId, NextToken }));
        return {
          items: (page.Accounts ?? []).flatMap((account) =>
            account.Id ? [{ id: account.Id, ...(account.Email && { email: account.Email }), ...(account.Status && { status: account.Status }) }] : [],
          ),
          next: page.NextToken,
        };
      }),
  };
}
