import { authorizeOperation, callerScope, scopedInput, scopedServices } from '../../../lambdas/api/caller-scope';
import { defaultComplianceSettings, type ComplianceSettings } from '../../../lambdas/compliance';
import type { ApiServices } from '../../../lambdas/api/operation';
import type { MemberRecord, OrganizationRepository } from '../../../lambdas/organization';
import { memberCallerArn } from '../../../lib/local/caller-accounts';
import { callerArn } from '../../../lib/local/engine';

const LOCATION = { accountId: '000000000000', region: 'us-east-1', partition: 'aws' };
const enabled: MemberRecord = { accountId: '111111111111', status: 'Enabled', administratorId: '000000000000', invitedAt: 'x', updatedAt: 'x', source: 'first-contact' };

function servicesWith(members: MemberRecord[]): ApiServices {
  const repository = {
    getMembers: async (ids: readonly string[]) => new Map(members.filter((entry) => ids.includes(entry.accountId)).map((entry) => [entry.accountId, entry])),
  } as unknown as OrganizationRepository;
  return { findings: {} as ApiServices['findings'], organization: { repository } };
}

describe('the caller scope', () => {
  it('makes the API’s own account, and an identity that is no IAM ARN, the administrator', async () => {
    await expect(callerScope({ identity: 'arn:aws:iam::000000000000:user/a' }, servicesWith([]), LOCATION)).resolves.toEqual({ role: 'administrator', accountId: '000000000000' });
    await expect(callerScope({ identity: 'tester' }, servicesWith([]), LOCATION)).resolves.toEqual({ role: 'administrator', accountId: '000000000000' });
  });

  it('makes an associated member a member, and refuses any other account', async () => {
    await expect(callerScope({ identity: 'arn:aws:sts::111111111111:assumed-role/r/s' }, servicesWith([enabled]), LOCATION)).resolves.toEqual({
      role: 'member',
      accountId: '111111111111',
    });
    await expect(callerScope({ identity: 'arn:aws:sts::111111111111:assumed-role/r/s' }, servicesWith([{ ...enabled, status: 'Removed' }]), LOCATION)).rejects.toThrow(
      /not an associated member/,
    );
    await expect(callerScope({ identity: 'arn:aws:iam::111111111111:user/a' }, { findings: {} as ApiServices['findings'] }, LOCATION)).rejects.toThrow(/not an associated member/);
  });

  it('lets a member call its operations only', () => {
    const scope = { role: 'member' as const, accountId: '111111111111' };
    expect(() => authorizeOperation(scope, 'GetFindings')).not.toThrow();
    expect(() => authorizeOperation(scope, 'CreateAutomationRule')).toThrow(/CreateAutomationRule is for the administrator account only/);
    expect(() => authorizeOperation({ role: 'administrator', accountId: '000000000000' }, 'CreateAutomationRule')).not.toThrow();
  });

  it("scopes a member's scores to its own account and refuses another's", () => {
    const scope = { role: 'member' as const, accountId: '111111111111' };
    expect(scopedInput('GetSecurityScores', {}, scope)).toEqual({ AccountId: '111111111111' });
    expect(() => scopedInput('GetSecurityScores', { AccountId: '222222222222' }, scope)).toThrow(/its own scores only/);
  });
});

describe('compliance state as a member sees it', () => {
  const organization: ComplianceSettings = defaultComplianceSettings();
  const own: ComplianceSettings = { ...defaultComplianceSettings(), enabledStandards: [], controls: { 'S3.1': { enabled: false, disabledReason: 'by policy' } } };
  const asked: string[] = [];
  const compliance = {
    settings: { get: async () => organization, update: async () => organization },
    snapshots: {} as NonNullable<ApiServices['compliance']>['snapshots'],
    settingsOfAccount: () => async (accountId: string) => {
      asked.push(accountId);
      return own;
    },
  };
  const services: ApiServices = { findings: {} as ApiServices['findings'], compliance };

  it('reads the member account’s own effective settings, once per request, and refuses writes', async () => {
    const member = scopedServices(services, { role: 'member', accountId: '111111111111' }).compliance!;
    expect(await member.settings.get()).toBe(own);
    expect(await member.settings.get()).toBe(own);
    expect(asked).toEqual(['111111111111']);
    await expect(member.settings.update((current) => current)).rejects.toThrow(/only the administrator account changes standards and controls/);
  });

  it('leaves the administrator the organization’s settings', async () => {
    expect(await scopedServices(services, { role: 'administrator', accountId: '000000000000' }).compliance!.settings.get()).toBe(organization);
  });
});

describe("the embedded default's caller accounts", () => {
  const headers = (authorization: string, extra: Record<string, string> = {}) => ({ authorization, ...extra });
  const signed = (key: string) => `AWS4-HMAC-SHA256 Credential=${key}/20261201/us-east-1/securityhub/aws4_request, SignedHeaders=host, Signature=x`;

  it('maps a 12-digit access key id (optionally with a name) to a user of that account', () => {
    expect(memberCallerArn('111111111111')).toBe('arn:aws:iam::111111111111:user/local');
    expect(memberCallerArn('111111111111-alice')).toBe('arn:aws:iam::111111111111:user/alice');
    expect(memberCallerArn('local')).toBeUndefined();
  });

  it('names the caller from the signature only, whatever identity headers the client adds', () => {
    expect(callerArn(headers(signed('111111111111')), '000000000000', memberCallerArn)).toBe('arn:aws:iam::111111111111:user/local');
    expect(callerArn(headers(signed('local'), { 'x-amz-account-id': '111111111111' }), '000000000000', memberCallerArn)).toBe('arn:aws:iam::000000000000:user/local');
  });
});
