import { accountOfPrincipal, defaultOrganizationState, membershipDecision, type MemberRecord } from '../../../lambdas/organization';
import { planMembershipSync, readOrganizationAccounts, type OrganizationsReader } from '../../../lambdas/organization';
import { restrictToAccount } from '../../../lambdas/filters';

const NOW = new Date('2026-12-01T00:00:00Z');
const ADMIN = '000000000000';

const member = (accountId: string, overrides: Partial<MemberRecord> = {}): MemberRecord => ({
  accountId,
  status: 'Enabled',
  administratorId: ADMIN,
  invitedAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  source: 'organizations',
  organizationPath: ['r-1'],
  ...overrides,
});

describe('membershipDecision', () => {
  const state = { ...defaultOrganizationState(), administratorAccountId: ADMIN };

  it("admits the administrator's own account without a member record", () => {
    expect(membershipDecision({ ...state, autoEnable: false }, ADMIN, undefined)).toEqual({ admit: true });
  });

  it('enrolls an account never seen when AutoEnable is on, and refuses it when off', () => {
    expect(membershipDecision(state, '111111111111', undefined)).toEqual({ admit: true, enroll: true });
    expect(membershipDecision({ ...state, autoEnable: false }, '111111111111', undefined)).toMatchObject({
      admit: false,
      reason: expect.stringContaining('not a member (AutoEnable is off)'),
    });
  });

  it('refuses a removed or deleted member even with AutoEnable on', () => {
    for (const status of ['Removed', 'Deleted', 'AccountSuspended'] as const) {
      expect(membershipDecision(state, '111111111111', member('111111111111', { status }))).toMatchObject({ admit: false, reason: expect.stringContaining(`status ${status}`) });
    }
  });
});

describe('accountOfPrincipal', () => {
  it('reads the account of IAM and STS principal ARNs, and nothing else', () => {
    expect(accountOfPrincipal('arn:aws:iam::111122223333:user/alice')).toBe('111122223333');
    expect(accountOfPrincipal('arn:aws:sts::111122223333:assumed-role/Responder/alice')).toBe('111122223333');
    expect(accountOfPrincipal('arn:aws:s3:::111122223333')).toBeUndefined();
    expect(accountOfPrincipal('normalizer/asff')).toBeUndefined();
    expect(accountOfPrincipal('arn:aws:iam::12345:user/x')).toBeUndefined();
  });
});

describe('the membership sync', () => {
  const tree: Record<string, { ous: string[]; accounts: Array<{ id: string; status?: string }> }> = {
    'r-1': { ous: ['ou-a'], accounts: [{ id: ADMIN }, { id: '111111111111' }] },
    'ou-a': { ous: ['ou-b'], accounts: [{ id: '222222222222' }] },
    'ou-b': { ous: [], accounts: [{ id: '333333333333', status: 'SUSPENDED' }] },
  };
  const reader: OrganizationsReader = {
    listRoots: async () => ['r-1'],
    listOrganizationalUnits: async (parent) => tree[parent].ous,
    listAccounts: async (parent) => tree[parent].accounts,
  };

  it('reads every account with its parents, root first', async () => {
    const accounts = await readOrganizationAccounts(reader);
    expect(accounts.map((account) => [account.id, account.path])).toEqual([
      [ADMIN, ['r-1']],
      ['111111111111', ['r-1']],
      ['222222222222', ['r-1', 'ou-a']],
      ['333333333333', ['r-1', 'ou-a', 'ou-b']],
    ]);
  });

  it('enables new accounts when AutoEnable is on, creates them otherwise, and skips the administrator', async () => {
    const accounts = await readOrganizationAccounts(reader);
    const on = planMembershipSync(defaultOrganizationState(), ADMIN, new Map(), accounts, NOW);
    const off = planMembershipSync({ ...defaultOrganizationState(), autoEnable: false }, ADMIN, new Map(), accounts, NOW);
    expect(on.map((entry) => [entry.accountId, entry.status])).toEqual([
      ['111111111111', 'Enabled'],
      ['222222222222', 'Enabled'],
      ['333333333333', 'AccountSuspended'],
    ]);
    expect(off.map((entry) => entry.status)).toEqual(['Created', 'Created', 'AccountSuspended']);
  });

  it('writes only what changed: an OU move, and a member that left the organization as Removed', async () => {
    const accounts = await readOrganizationAccounts(reader);
    const current = new Map([
      ['111111111111', member('111111111111')],
      ['222222222222', member('222222222222', { organizationPath: ['r-1'] })],
      ['333333333333', member('333333333333', { status: 'AccountSuspended', organizationPath: ['r-1', 'ou-a', 'ou-b'] })],
      ['444444444444', member('444444444444')],
      ['555555555555', member('555555555555', { source: 'first-contact', organizationPath: undefined })],
    ]);
    const writes = planMembershipSync(defaultOrganizationState(), ADMIN, current, accounts, NOW);
    expect(writes.map((entry) => [entry.accountId, entry.status, entry.organizationPath])).toEqual([
      ['222222222222', 'Enabled', ['r-1', 'ou-a']],
      ['444444444444', 'Removed', ['r-1']],
    ]);
  });
});

describe('restrictToAccount', () => {
  it('adds the account when the caller named none, and keeps it when the caller asked for it', () => {
    expect(restrictToAccount({ Title: [{ Value: 'x', Comparison: 'EQUALS' }] }, '111111111111', NOW)).toEqual({
      Title: [{ Value: 'x', Comparison: 'EQUALS' }],
      AwsAccountId: [{ Value: '111111111111', Comparison: 'EQUALS' }],
    });
    expect(restrictToAccount({ AwsAccountId: [{ Value: '1111', Comparison: 'PREFIX' }] }, '111111111111', NOW)).toEqual({
      AwsAccountId: [{ Value: '111111111111', Comparison: 'EQUALS' }],
    });
  });

  it('matches nothing when the caller asked for other accounts only', () => {
    expect(restrictToAccount({ AwsAccountId: [{ Value: '222222222222', Comparison: 'EQUALS' }] }, '111111111111', NOW)).toBeUndefined();
    expect(restrictToAccount({ AwsAccountId: [{ Value: '111111111111', Comparison: 'NOT_EQUALS' }] }, '111111111111', NOW)).toBeUndefined();
  });
});
