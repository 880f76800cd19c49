/**
 * AWS Organizations on the embedded default, read-only, for the organization-sync function (the
 * same handler as deployed, its endpoint `AWS_ENDPOINT_URL_ORGANIZATIONS`): ListRoots,
 * ListOrganizationalUnitsForParent and ListAccountsForParent (AWS JSON 1.1), over the demo
 * organization once it is loaded, else a root holding the local administrator account and the
 * simulated member account.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { organizationStoreOn, syncMembership, type OrganizationsReader } from '../../lambdas/organization';
import type { EdgeService } from './engine/edge';
import { serveJson } from './engine/json-protocol';
import { DEMO_DIR, type DemoOrganization } from './demo/fixtures';
import { readDemoState } from './demo/loader';
import { DEMO_ROOT_ID, demoOrganizationsReader } from './demo/organization-reader';

/** The X-Amz-Target prefix of AWS Organizations. */
export const ORGANIZATIONS_TARGET_PREFIX = 'AWSOrganizationsV20161128';

/** The organization without the demo: the administrator and the simulated member account under the root. */
function baseReader(account: string, seedAccount: string): OrganizationsReader {
  return {
    listRoots: async () => [DEMO_ROOT_ID],
    listOrganizationalUnits: async () => [],
    listAccounts: async (parent) => (parent === DEMO_ROOT_ID ? [account, seedAccount].map((id) => ({ id, email: `${id}@example.com`, status: 'ACTIVE' })) : []),
  };
}

/** The reader of this data dir's organization: the demo's once loaded, else the base one. */
export async function localOrganizationsReader(dataDir: string, account: string): Promise<OrganizationsReader> {
  const organization = JSON.parse(await readFile(join(DEMO_DIR, 'organization.json'), 'utf8')) as DemoOrganization;
  const state = await readDemoState(dataDir);
  return state?.status === 'LOADED' || state?.status === 'LOADING' ? demoOrganizationsReader(organization) : baseReader(account, organization.seedAccount.accountId);
}

/**
 * At start, the organization sync the deployed stack runs hourly, once, when this data dir's
 * organization was never synced: so the root and the accounts' OU paths central configuration reads
 * exist from the first request, not from the first hourly run. One GetItem when it was synced
 * already; else the sync over the local organization (the base one: two accounts under the root).
 * Returns whether it synced.
 */
export async function syncOrganizationAtStart(options: { dynamo: DynamoDBClient; tableName: string; dataDir: string; account: string; now?: Date }): Promise<boolean> {
  const repository = organizationStoreOn(options.dynamo, options.tableName);
  if ((await repository.get()).syncedAt !== undefined) return false;
  await syncMembership(repository, await localOrganizationsReader(options.dataDir, options.account), options.account, options.now ?? new Date());
  return true;
}

/** AWS Organizations' read operations behind the edge. */
export function organizationsService(options: { dataDir: string; account: string }): EdgeService {
  const arn = (kind: string, id: string) => `arn:aws:organizations::${options.account}:${kind}/o-local/${id}`;
  const reader = () => localOrganizationsReader(options.dataDir, options.account);
  const operations = {
    ListRoots: async () => ({ Roots: (await (await reader()).listRoots()).map((Id) => ({ Id, Arn: arn('root', Id), Name: 'Root', PolicyTypes: [] })) }),
    ListOrganizationalUnitsForParent: async (input: Record<string, unknown>) => ({
      OrganizationalUnits: (await (await reader()).listOrganizationalUnits(String(input.ParentId))).map((Id) => ({ Id, Arn: arn('ou', Id), Name: Id })),
    }),
    ListAccountsForParent: async (input: Record<string, unknown>) => ({
      Accounts: (await (await reader()).listAccounts(String(input.ParentId))).map((account) => ({
        Id: account.id,
        Arn: arn('account', account.id),
        Email: account.email,
        Name: account.id,
        Status: account.status,
      })),
    }),
  };
  return {
    name: 'organizations',
    matches: (request) => request.target?.startsWith(`${ORGANIZATIONS_TARGET_PREFIX}.`) ?? false,
    handle: (request) => serveJson('1.1', ORGANIZATIONS_TARGET_PREFIX, operations, request),
  };
}
