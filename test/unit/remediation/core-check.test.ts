import type { AwsSecurityFinding } from '../../../lambdas/asff/types';
import { approvalRequired, assess, runCheck, type CheckDependencies } from '../../../lambdas/remediation/check';
import { OPT_OUT_TAG } from '../../../lambdas/remediation/contract';
import { playbookById } from '../../../lambdas/remediation/playbooks';
import { defaultRemediationSettings, type RemediationSettings } from '../../../lambdas/remediation/settings';
import type { StoredRemediationRecord } from '../../../lambdas/remediation/state/record-store';
import { aFinding } from '../../support/findings';

const ACCOUNT = '111122223333';
const S3 = playbookById('s3-block-public-access')!;
const SG = playbookById('sg-revoke-admin-ports')!;
const KEY = playbookById('iam-deactivate-access-key')!;
const EXECUTION = 'arn:aws:states:us-east-1:999988887777:execution:remediation-s3-block-public-access:run-1';

function bucketFinding(overrides: Partial<AwsSecurityFinding> = {}): AwsSecurityFinding {
  return aFinding({
    Region: 'us-east-1',
    Compliance: { Status: 'FAILED', SecurityControlId: 'S3.8' },
    Workflow: { Status: 'NEW' },
    RecordState: 'ACTIVE',
    Resources: [{ Type: 'AwsS3Bucket', Id: 'arn:aws:s3:::customer-data', Partition: 'aws', Region: 'us-east-1' }],
    ...overrides,
  } as Partial<AwsSecurityFinding>);
}

function sgFinding(resourceId: string, overrides: Partial<AwsSecurityFinding> = {}): AwsSecurityFinding {
  return bucketFinding({
    Compliance: { Status: 'FAILED', SecurityControlId: 'EC2.19' },
    Resources: [{ Type: 'AwsEc2SecurityGroup', Id: resourceId }],
    ...overrides,
  } as Partial<AwsSecurityFinding>);
}

const settings = (change: Partial<RemediationSettings> = {}): RemediationSettings => ({ ...defaultRemediationSettings(), ...change });

describe('assess: a finding the playbook may act on', () => {
  it("proceeds on a failing bucket finding, with the member role of the finding's account and the expected bucket owner", () => {
    const result = assess(bucketFinding(), S3, settings());
    expect(result).toMatchObject({
      decision: 'PROCEED',
      target: {
        accountId: ACCOUNT,
        region: 'us-east-1',
        partition: 'aws',
        resourceId: 'customer-data',
        resourceArn: 'arn:aws:s3:::customer-data',
        roleArn: `arn:aws:iam::${ACCOUNT}:role/OpenSecurityHubRemediation`,
        parameters: { ExpectedBucketOwner: ACCOUNT },
      },
    });
  });

  it("proceeds on a security group of the finding's own account and Region", () => {
    const result = assess(sgFinding(`arn:aws:ec2:us-east-1:${ACCOUNT}:security-group/sg-0123456789abcdef0`), SG, settings());
    expect(result).toMatchObject({ decision: 'PROCEED', target: { resourceId: 'sg-0123456789abcdef0', accountId: ACCOUNT } });
  });
});

describe('assess: refusals of a hostile or stale finding', () => {
  const refusals: Array<[string, AwsSecurityFinding, typeof S3, RegExp]> = [
    ['a resource ARN in another account', sgFinding('arn:aws:ec2:us-east-1:444455556666:security-group/sg-0123456789abcdef0'), SG, /belongs to account 444455556666/],
    ['a resource ARN in another Region', sgFinding(`arn:aws:ec2:eu-west-1:${ACCOUNT}:security-group/sg-0123456789abcdef0`), SG, /is in eu-west-1/],
    ['a resource in another partition', sgFinding(`arn:aws-cn:ec2:us-east-1:${ACCOUNT}:security-group/sg-0123456789abcdef0`), SG, /partition aws-cn/],
    [
      'a resource of the wrong type',
      bucketFinding({ Resources: [{ Type: 'AwsEc2SecurityGroup', Id: 'arn:aws:s3:::customer-data' }] } as Partial<AwsSecurityFinding>),
      S3,
      /not the playbook's AwsS3Bucket/,
    ],
    [
      'injected characters in a bucket name',
      bucketFinding({ Resources: [{ Type: 'AwsS3Bucket', Id: 'arn:aws:s3:::data"; rm -rf /' }] } as Partial<AwsSecurityFinding>),
      S3,
      /not a well-formed AwsS3Bucket/,
    ],
    ['injected characters in a security group id', sgFinding(`arn:aws:ec2:us-east-1:${ACCOUNT}:security-group/sg-01234567$(id)`), SG, /not a well-formed/],
    [
      'a bucket name shaped like an IP address',
      bucketFinding({ Resources: [{ Type: 'AwsS3Bucket', Id: 'arn:aws:s3:::192.168.1.1' }] } as Partial<AwsSecurityFinding>),
      S3,
      /not a well-formed/,
    ],
    ['a suppressed finding', bucketFinding({ Workflow: { Status: 'SUPPRESSED' } } as Partial<AwsSecurityFinding>), S3, /workflow is SUPPRESSED/],
    ['a resolved finding', bucketFinding({ Workflow: { Status: 'RESOLVED' } } as Partial<AwsSecurityFinding>), S3, /workflow is RESOLVED/],
    ['an archived finding', bucketFinding({ RecordState: 'ARCHIVED' }), S3, /ARCHIVED/],
    ['a passed control finding', bucketFinding({ Compliance: { Status: 'PASSED', SecurityControlId: 'S3.8' } } as Partial<AwsSecurityFinding>), S3, /PASSED, not FAILED/],
    [
      'a control the playbook does not remediate',
      bucketFinding({ Compliance: { Status: 'FAILED', SecurityControlId: 'S3.5' } } as Partial<AwsSecurityFinding>),
      S3,
      /does not remediate/,
    ],
    ['an invalid account id', bucketFinding({ AwsAccountId: '1111' }), S3, /no valid AwsAccountId/],
    [
      'an opt-out tag on the resource',
      bucketFinding({ Resources: [{ Type: 'AwsS3Bucket', Id: 'arn:aws:s3:::customer-data', Tags: { [OPT_OUT_TAG.toUpperCase()]: 'OFF' } }] } as Partial<AwsSecurityFinding>),
      S3,
      /opt-out tag/,
    ],
  ];

  it.each(refusals)('refuses %s', (_name, finding, playbook, reason) => {
    const result = assess(finding, playbook, settings());
    expect(result.decision).toBe('SKIP');
    expect(result.reason).toMatch(reason);
    expect('target' in result).toBe(false);
  });

  it('refuses an access key finding whose key id carries injected characters', () => {
    const finding = aFinding({
      ProductArn: 'arn:aws:securityhub:us-east-1::product/aws/guardduty',
      Region: 'us-east-1',
      Types: ['TTPs/Initial Access/UnauthorizedAccess:IAMUser-MaliciousIPCaller'],
      Resources: [{ Type: 'AwsIamAccessKey', Id: 'AWS::IAM::AccessKey:AKIA0000000000000000;x' }],
    } as Partial<AwsSecurityFinding>);
    expect(assess(finding, KEY, settings()).reason).toMatch(/not a well-formed AwsIamAccessKey/);
    const clean = {
      ...finding,
      Resources: [
        { Type: 'AwsIamAccessKey', Id: 'AWS::IAM::AccessKey:AKIAABCDEFGHIJKLMNOP', Details: { AwsIamAccessKey: { PrincipalType: 'IAMUser', PrincipalName: 'build-bot' } } },
      ],
    } as AwsSecurityFinding;
    expect(assess(clean, KEY, settings())).toMatchObject({ decision: 'PROCEED', target: { resourceId: 'AKIAABCDEFGHIJKLMNOP', parameters: { userName: 'build-bot' } } });
    const badUser = { ...finding, Resources: [{ ...clean.Resources[0], Details: { AwsIamAccessKey: { PrincipalName: 'bot; rm' } } }] } as AwsSecurityFinding;
    expect(assess(badUser, KEY, settings()).reason).toMatch(/no valid IAM user name/);
    const temporary = { ...finding, Resources: [{ ...clean.Resources[0], Id: 'AWS::IAM::AccessKey:ASIAABCDEFGHIJKLMNOP' }] } as AwsSecurityFinding;
    expect(assess(temporary, KEY, settings()).reason).toMatch(/temporary/);
  });

  it('refuses a regional resource outside the Region the playbook runs in, but not a global one', () => {
    expect(assess(bucketFinding(), S3, settings(), 'eu-west-1').reason).toMatch(/runs in eu-west-1/);
    expect(assess(bucketFinding(), S3, settings(), 'us-east-1').decision).toBe('PROCEED');
  });

  it('refuses a GuardDuty finding GuardDuty itself archived', () => {
    const finding = aFinding({
      ProductArn: 'arn:aws:securityhub:us-east-1::product/aws/guardduty',
      Region: 'us-east-1',
      Types: ['TTPs/Initial Access/UnauthorizedAccess:IAMUser-MaliciousIPCaller'],
      ProductFields: { 'aws/guardduty/service/archived': 'true' },
      Resources: [{ Type: 'AwsIamAccessKey', Id: 'AWS::IAM::AccessKey:AKIAABCDEFGHIJKLMNOP' }],
    } as Partial<AwsSecurityFinding>);
    expect(assess(finding, KEY, settings()).reason).toMatch(/archived in GuardDuty/);
  });

  it("excludes an account on the deny list, one off a playbook's allow list, and a disabled playbook", () => {
    expect(assess(bucketFinding(), S3, settings({ deniedAccountIds: [ACCOUNT] })).reason).toMatch(/deny list of the remediation settings/);
    expect(assess(bucketFinding(), S3, settings({ playbooks: { [S3.id]: { allowedAccountIds: ['444455556666'] } } })).reason).toMatch(/not on the allow list of playbook/);
    expect(assess(bucketFinding(), S3, settings({ playbooks: { [S3.id]: { enabled: false } } })).reason).toMatch(/disabled/);
  });
});

describe('approvalRequired', () => {
  it('needs approval for a destructive playbook unless pre-approved, and always when the settings force it', () => {
    expect(approvalRequired(KEY, settings(), undefined)).toBe(true);
    expect(approvalRequired(KEY, settings(), true)).toBe(false);
    expect(approvalRequired(S3, settings(), undefined)).toBe(false);
    expect(approvalRequired(S3, settings({ playbooks: { [S3.id]: { requireApproval: true } } }), true)).toBe(true);
  });
});

describe('runCheck', () => {
  function deps(finding: AwsSecurityFinding | undefined, options: { slots?: number; tags?: Record<string, string> } = {}) {
    const records = new Map<string, StoredRemediationRecord>();
    const notified: string[] = [];
    let slots = options.slots ?? 10;
    const dependencies: CheckDependencies = {
      playbook: playbookById,
      readFinding: async () => finding,
      settings: async () => settings(),
      currentTags: async () => options.tags,
      rateLimiter: { take: async () => slots-- > 0 },
      records: {
        create: async (record) => {
          if (records.has(record.remediationId)) return false;
          records.set(record.remediationId, record);
          return true;
        },
        get: async (id) => records.get(id),
        transition: async () => {
          throw new Error('not used');
        },
        list: async () => ({ records: [] }),
        ofFinding: async () => [],
      },
      markNotified: async (_identifier, note) => void notified.push(note),
      now: () => new Date('2026-11-27T22:00:00Z'),
    };
    return { dependencies, records, notified };
  }
  const task = (input: Record<string, unknown> = {}) => ({
    playbookId: S3.id,
    executionArn: EXECUTION,
    input: { finding: { Id: 'finding-1', ProductArn: bucketFinding().ProductArn }, requestedBy: 'cli:alice', ...input },
  });

  it('records RUNNING and notes the finding once, even when the task is retried', async () => {
    const { dependencies, records, notified } = deps(bucketFinding());
    const first = await runCheck(task(), dependencies);
    const again = await runCheck(task(), dependencies);
    expect(first).toMatchObject({ decision: 'PROCEED', remediationId: 'run-1', approvalRequired: false, dryRun: false });
    expect(again.decision).toBe('PROCEED');
    expect(records.get('run-1')).toMatchObject({ status: 'RUNNING', workflowBefore: 'NEW', requestedBy: 'cli:alice', executionArn: EXECUTION });
    expect(notified).toEqual([`Remediation s3-block-public-access started by cli:alice, execution ${EXECUTION}`]);
  });

  it('keeps no record and notes nothing on a dry run', async () => {
    const { dependencies, records, notified } = deps(bucketFinding());
    const result = await runCheck(task({ dryRun: true }), dependencies);
    expect(result).toMatchObject({ decision: 'PROCEED', dryRun: true });
    expect(records.size).toBe(0);
    expect(notified).toEqual([]);
  });

  it('skips when the account used its executions of the hour', async () => {
    const { dependencies, records } = deps(bucketFinding(), { slots: 0 });
    const result = await runCheck(task(), dependencies);
    expect(result).toMatchObject({ decision: 'SKIP', reason: expect.stringMatching(/Rate-limited: account 111122223333 reached 10/) });
    expect(records.size).toBe(0);
  });

  it('skips a finding that is gone, and a resource whose current Config item opts out', async () => {
    expect((await runCheck(task(), deps(undefined).dependencies)).reason).toMatch(/not found/);
    expect((await runCheck(task(), deps(bucketFinding(), { tags: { [OPT_OUT_TAG]: 'off' } }).dependencies)).reason).toMatch(/current Config item carries the opt-out tag/);
  });

  it('refuses an unknown playbook and an input without a finding', async () => {
    expect((await runCheck({ ...task(), playbookId: 'nope' }, deps(bucketFinding()).dependencies)).reason).toMatch(/no playbook nope/);
    expect((await runCheck({ ...task(), input: { requestedBy: 'x' } } as never, deps(bucketFinding()).dependencies)).reason).toMatch(/names no finding/);
  });
});
