import { defaultOrganizationState, organizationAdmission, type MemberRecord, type OrganizationRepository } from '../../../lambdas/organization';
import type { AwsSecurityFinding } from '../../../lambdas/asff';

const ADMIN = '000000000000';
const NOW = new Date('2026-12-01T00:00:00Z');

/** An in-memory repository counting the reads and enrolments the admission makes. */
function repository(members: MemberRecord[] = []) {
  const stored = new Map(members.map((member) => [member.accountId, member]));
  const calls = { get: 0, getMembers: 0, enroll: 0, refused: 0 };
  const repo: Pick<OrganizationRepository, 'get' | 'getMembers' | 'enroll'> = {
    async get() {
      calls.get++;
      return { ...defaultOrganizationState(), administratorAccountId: ADMIN, autoEnable: true };
    },
    async getMembers(accountIds) {
      calls.getMembers++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return new Map(accountIds.flatMap((id) => (stored.has(id) ? [[id, stored.get(id)!] as const] : [])));
    },
    async enroll(member) {
      calls.enroll++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (stored.has(member.accountId)) {
        calls.refused++;
        return false;
      }
      stored.set(member.accountId, member);
      return true;
    },
  };
  return { repo: repo as OrganizationRepository, calls, stored };
}

const findingOf = (account: string) => ({ AwsAccountId: account }) as AwsSecurityFinding;

describe('organizationAdmission: batches that run at once', () => {
  it('share one read of the organization and members, and one enrolment of a first-contact account', async () => {
    const { repo, calls, stored } = repository();
    const admission = organizationAdmission(repo, `table-${Math.random()}`);
    const admits = await Promise.all(Array.from({ length: 16 }, () => admission.prepare(NOW, [findingOf('111122223333'), findingOf(ADMIN)])));
    expect(admits.map((admit) => admit(findingOf('111122223333')))).toEqual(Array(16).fill(undefined));
    expect(calls).toEqual({ get: 1, getMembers: 1, enroll: 1, refused: 0 });
    expect(stored.get('111122223333')).toMatchObject({ accountId: '111122223333', administratorId: ADMIN });
    // A later batch within the cache age reads nothing.
    await admission.prepare(new Date(NOW.getTime() + 1000), [findingOf('111122223333')]);
    expect(calls).toEqual({ get: 1, getMembers: 1, enroll: 1, refused: 0 });
  });

  it('reads the accounts a batch adds in one BatchGet, and still reads for every batch with cache age 0', async () => {
    const member = (accountId: string, status: MemberRecord['status']): MemberRecord =>
      ({ accountId, status, administratorId: ADMIN, invitedAt: NOW.toISOString(), updatedAt: NOW.toISOString(), source: 'organizations' }) as MemberRecord;
    const { repo, calls } = repository([member('222222222222', 'Enabled'), member('333333333333', 'Removed')]);
    const admission = organizationAdmission(repo, `table-${Math.random()}`, 0);
    const admit = await admission.prepare(NOW, [findingOf('222222222222'), findingOf('333333333333')]);
    expect(admit(findingOf('222222222222'))).toBeUndefined();
    expect(admit(findingOf('333333333333'))).toMatchObject({ ErrorCode: 'AccessDeniedException' });
    expect(calls.getMembers).toBe(1);
    await admission.prepare(NOW, [findingOf('222222222222')]);
    expect(calls).toMatchObject({ get: 2, getMembers: 2, enroll: 0 });
  });

  it('an enrolment another writer won is read back, not retried', async () => {
    const { repo, calls, stored } = repository();
    const admission = organizationAdmission(repo, `table-${Math.random()}`);
    const enroll = repo.enroll.bind(repo);
    repo.enroll = async (member) => {
      stored.set(member.accountId, { ...member, source: 'organizations' } as MemberRecord); // the sync got there first
      return enroll(member);
    };
    const admit = await admission.prepare(NOW, [findingOf('444444444444')]);
    expect(admit(findingOf('444444444444'))).toBeUndefined();
    expect(calls).toMatchObject({ enroll: 1, refused: 1, getMembers: 2 });
  });
});
