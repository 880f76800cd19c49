import {
  UNSYNCED_ROOT_ID,
  accountPlace,
  centralConfigurationEnabled,
  centralConfigurationHold,
  centralConfigurationOutcome,
  defaultOrganizationState,
  organizationTree,
  ouPlace,
  readOrganization,
  type MemberRecord,
  type OrganizationState,
  type OrganizationsReader,
} from '../../../lambdas/organization';

const ADMIN = '000000000000';
const member = (accountId: string, overrides: Partial<MemberRecord> = {}): MemberRecord => ({
  accountId,
  status: 'Enabled',
  administratorId: ADMIN,
  invitedAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  source: 'organizations',
  ...overrides,
});

/** Root r-1 → Workloads (ou-w) → Prod (ou-p); Security (ou-s) under the root. */
const synced: OrganizationState = {
  ...defaultOrganizationState(),
  rootId: 'r-1',
  organizationalUnits: { 'ou-w': 'r-1', 'ou-p': 'ou-w', 'ou-s': 'r-1' },
};

describe('central configuration is in effect', () => {
  it('only with ConfigurationType CENTRAL whose Status is ENABLED', () => {
    expect(centralConfigurationEnabled(defaultOrganizationState())).toBe(false);
    expect(centralConfigurationEnabled({ configurationType: 'CENTRAL', configurationStatus: 'ENABLED' })).toBe(true);
    expect(centralConfigurationEnabled({ configurationType: 'CENTRAL', configurationStatus: 'PENDING' })).toBe(false);
    expect(centralConfigurationEnabled({ configurationType: 'CENTRAL', configurationStatus: 'FAILED' })).toBe(false);
  });

  it('is ENABLED by a switch to CENTRAL only with a home Region (a finding aggregator), else FAILED saying why', () => {
    expect(centralConfigurationOutcome(true)).toEqual({ configurationStatus: 'ENABLED' });
    expect(centralConfigurationOutcome(false)).toEqual({ configurationStatus: 'FAILED', statusMessage: expect.stringContaining('cross-Region aggregation') });
  });

  it('holds the aggregator and the delegated administrator only while in effect', () => {
    expect(centralConfigurationHold({ configurationType: 'CENTRAL', configurationStatus: 'ENABLED' }, 'delete the finding aggregator')).toMatch(
      /^Cannot delete the finding aggregator while the organization uses central configuration: .*ConfigurationType LOCAL/,
    );
    expect(centralConfigurationHold({ configurationType: 'CENTRAL', configurationStatus: 'FAILED' }, 'x')).toBeUndefined();
    expect(centralConfigurationHold(defaultOrganizationState(), 'x')).toBeUndefined();
  });
});

describe('where an account or OU sits, from what the sync stored', () => {
  it('places an account by its member record’s OU path, root first', () => {
    expect(accountPlace(synced, member('111111111111', { organizationPath: ['r-1', 'ou-w', 'ou-p'] }))).toEqual({ rootId: 'r-1', ouIds: ['ou-w', 'ou-p'] });
    expect(accountPlace(synced, member('111111111111', { organizationPath: ['r-1'] }))).toEqual({ rootId: 'r-1', ouIds: [] });
  });

  it('puts an account the sync has not placed directly under the root (the synced one, else r-root)', () => {
    expect(accountPlace(synced, member('222222222222', { source: 'first-contact' }))).toEqual({ rootId: 'r-1', ouIds: [] });
    expect(accountPlace(synced, undefined)).toEqual({ rootId: 'r-1', ouIds: [] });
    expect(accountPlace(defaultOrganizationState(), undefined)).toEqual({ rootId: UNSYNCED_ROOT_ID, ouIds: [] });
  });

  it('places an OU by its stored parents, an unknown OU under the root, and stops at a cycle', () => {
    expect(ouPlace(synced, 'ou-p')).toEqual({ rootId: 'r-1', ouIds: ['ou-w'] });
    expect(ouPlace(synced, 'ou-w')).toEqual({ rootId: 'r-1', ouIds: [] });
    expect(ouPlace(synced, 'ou-unknown')).toEqual({ rootId: 'r-1', ouIds: [] });
    const cyclic = { ...synced, organizationalUnits: { 'ou-x': 'ou-y', 'ou-y': 'ou-x' } };
    expect(ouPlace(cyclic, 'ou-x').ouIds.length).toBeLessThanOrEqual(5);
  });
});

describe('the organization tree over the store', () => {
  const members = [
    member('111111111111', { organizationPath: ['r-1', 'ou-w', 'ou-p'] }),
    member('222222222222', { organizationPath: ['r-1', 'ou-s'] }),
    member('333333333333', { status: 'Removed', organizationPath: ['r-1'] }),
  ];
  const repository = {
    getMembers: async (ids: readonly string[]) => new Map(members.filter((m) => ids.includes(m.accountId)).map((m) => [m.accountId, m])),
    listMembers: async (limit: number, after?: string) => {
      const rest = members.filter((m) => after === undefined || m.accountId > after);
      const page = rest.slice(0, limit);
      return { members: page, ...(rest.length > limit && { last: page[page.length - 1].accountId }) };
    },
  };

  it('answers the paths of accounts, OUs and the root, and lists the OUs and the members still in the organization', async () => {
    const tree = organizationTree(repository, async () => synced);
    expect(await tree.rootId()).toBe('r-1');
    expect(await tree.pathOf({ type: 'ACCOUNT', id: '111111111111' })).toEqual({ rootId: 'r-1', ouIds: ['ou-w', 'ou-p'] });
    expect(await tree.pathOf({ type: 'ORGANIZATIONAL_UNIT', id: 'ou-p' })).toEqual({ rootId: 'r-1', ouIds: ['ou-w'] });
    expect(await tree.pathOf({ type: 'ROOT', id: 'r-1' })).toEqual({ rootId: 'r-1', ouIds: [] });
    expect(await tree.targets()).toEqual([
      { type: 'ORGANIZATIONAL_UNIT', id: 'ou-w' },
      { type: 'ORGANIZATIONAL_UNIT', id: 'ou-p' },
      { type: 'ORGANIZATIONAL_UNIT', id: 'ou-s' },
      { type: 'ACCOUNT', id: '111111111111' },
      { type: 'ACCOUNT', id: '222222222222' },
    ]);
  });
});

describe('the places of every target at once', () => {
  it('reads the state once and the accounts in one batch', async () => {
    const members = [member('111111111111', { organizationPath: ['r-1', 'ou-w', 'ou-p'] }), member('222222222222', { organizationPath: ['r-1', 'ou-s'] })];
    let states = 0;
    let batches = 0;
    const tree = organizationTree(
      {
        getMembers: async (ids) => {
          batches++;
          return new Map(members.filter((m) => ids.includes(m.accountId)).map((m) => [m.accountId, m]));
        },
        listMembers: async () => ({ members }),
      },
      async () => {
        states++;
        return synced;
      },
    );
    const places = await tree.pathsOf([
      { type: 'ROOT', id: 'r-1' },
      { type: 'ORGANIZATIONAL_UNIT', id: 'ou-p' },
      { type: 'ACCOUNT', id: '111111111111' },
      { type: 'ACCOUNT', id: '222222222222' },
      { type: 'ACCOUNT', id: '999999999999' },
    ]);
    expect(Object.fromEntries(places)).toEqual({
      'r-1': { rootId: 'r-1', ouIds: [] },
      'ou-p': { rootId: 'r-1', ouIds: ['ou-w'] },
      '111111111111': { rootId: 'r-1', ouIds: ['ou-w', 'ou-p'] },
      '222222222222': { rootId: 'r-1', ouIds: ['ou-s'] },
      '999999999999': { rootId: 'r-1', ouIds: [] },
    });
    expect({ states, batches }).toEqual({ states: 1, batches: 1 });
  });
});

describe('reading the organization', () => {
  it('records the root and each OU’s parent with the accounts', async () => {
    const tree: Record<string, { ous: string[]; accounts: string[] }> = {
      'r-1': { ous: ['ou-w', 'ou-s'], accounts: [ADMIN] },
      'ou-w': { ous: ['ou-p'], accounts: [] },
      'ou-p': { ous: [], accounts: ['111111111111'] },
      'ou-s': { ous: [], accounts: ['222222222222'] },
    };
    const reader: OrganizationsReader = {
      listRoots: async () => ['r-1'],
      listOrganizationalUnits: async (parent) => tree[parent].ous,
      listAccounts: async (parent) => tree[parent].accounts.map((id) => ({ id })),
    };
    const read = await readOrganization(reader);
    expect(read.rootIds).toEqual(['r-1']);
    expect(read.organizationalUnits).toEqual({ 'ou-w': 'r-1', 'ou-s': 'r-1', 'ou-p': 'ou-w' });
    expect(read.accounts.find((account) => account.id === '111111111111')?.path).toEqual(['r-1', 'ou-w', 'ou-p']);
  });
});
