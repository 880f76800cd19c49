/**
 * Every playbook of the registry, its real ASL file on aws-local-stepfunctions, the shared tasks'
 * real cores on dynalite, the SDK tasks on the simulated member account: happy path, already fixed,
 * excluded, dry run, approval rejected and approved, a failing API call; and a hostile finding.
 * A new playbook is covered by adding a row to {@link ROWS}.
 */
import { startDynalite, type LocalDynamo } from '../../support/dynalite';
import type { AwsSecurityFinding } from '../../../lambdas/shared/asff/types';
import { PLAYBOOKS } from '../../../lambdas/remediation/playbooks';
import { OPT_OUT_TAG } from '../../../lambdas/remediation/contract';
import { addMember, decide, editMember, memberItem, recordOf, remediationWorld, startPlaybook, storedFinding, type RemediationWorld } from './harness';

jest.setTimeout(60_000);

const MEMBER = '123456789012';
const SECURITY_HUB = `arn:aws:securityhub:us-east-1::product/aws/securityhub`;
const GUARDDUTY = `arn:aws:securityhub:us-east-1::product/aws/guardduty`;
type Set = Array<{ path: Array<string | number>; value: unknown }>;

function controlFinding(id: string, controlId: string, type: string, resourceId: string, extra: Partial<AwsSecurityFinding> = {}): AwsSecurityFinding {
  return {
    SchemaVersion: '2018-10-08',
    Id: `arn:aws:securityhub:us-east-1:${MEMBER}:security-control/${controlId}/finding/${id}`,
    ProductArn: SECURITY_HUB,
    GeneratorId: `security-control/${controlId}`,
    AwsAccountId: MEMBER,
    Region: 'us-east-1',
    Types: ['Software and Configuration Checks/Industry and Regulatory Standards'],
    CreatedAt: '2026-11-01T10:00:00.000Z',
    UpdatedAt: '2026-11-01T10:00:00.000Z',
    Severity: { Label: 'HIGH' },
    Title: `${controlId} failed`,
    Description: `${controlId} failed on ${resourceId}`,
    Compliance: { Status: 'FAILED', SecurityControlId: controlId },
    Workflow: { Status: 'NEW' },
    RecordState: 'ACTIVE',
    Resources: [{ Type: type, Id: resourceId, Region: 'us-east-1', Partition: 'aws' }],
    ...extra,
  } as AwsSecurityFinding;
}

function threatFinding(id: string, guardDutyType: string, type: string, resourceId: string, details: Record<string, unknown> = {}): AwsSecurityFinding {
  return {
    SchemaVersion: '2018-10-08',
    Id: `arn:aws:guardduty:us-east-1:${MEMBER}:detector/12abc34d567e8fa901bc2d34e56789f0/finding/${id}`,
    ProductArn: GUARDDUTY,
    GeneratorId: 'arn:aws:guardduty:us-east-1:123456789012:detector/12abc34d567e8fa901bc2d34e56789f0',
    AwsAccountId: MEMBER,
    Region: 'us-east-1',
    Types: [`TTPs/${guardDutyType}`],
    ProductFields: { 'aws/guardduty/type': guardDutyType },
    CreatedAt: '2026-11-01T10:00:00.000Z',
    UpdatedAt: '2026-11-01T10:00:00.000Z',
    Severity: { Label: 'HIGH' },
    Title: guardDutyType,
    Description: guardDutyType,
    Workflow: { Status: 'NEW' },
    RecordState: 'ACTIVE',
    Resources: [{ Type: type, Id: resourceId, Region: 'us-east-1', Partition: 'aws', ...(Object.keys(details).length > 0 && { Details: details }) }],
  } as AwsSecurityFinding;
}

/** One playbook's test data: its finding, how to make its resource failing, fixed or opted out, and its write action. */
interface Row {
  playbookId: string;
  finding: AwsSecurityFinding;
  /** The resource as Config records it (type, id) — where the opt-out tag goes. */
  resource: [string, string];
  /** Makes the member account's resource non-compliant (before every case). */
  setup?: (world: RemediationWorld) => Promise<void>;
  /** Edits that make it compliant (the already-fixed case). */
  fix: (world: RemediationWorld) => Promise<void>;
  isFixed: (world: RemediationWorld) => boolean;
  /** The write action a failing-API case breaks. */
  act: string;
}

const item = (world: RemediationWorld, type: string, id: string) => memberItem(world, type, id);
const config = (world: RemediationWorld, type: string, id: string) => item(world, type, id).configuration as Record<string, any>;
const supplementary = (world: RemediationWorld, type: string, id: string) => item(world, type, id).supplementaryConfiguration as Record<string, any>;
const edit = (type: string, id: string, set: Set) => (world: RemediationWorld) => editMember(world, type, id, set);
const ALL_BLOCKED = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };
const VPC = 'vpc-0a1b2c3d4e5f60718';
const SG = 'sg-0f0e0d0c0b0a09080';
const INSTANCE = 'i-0123456789abcdef1';
const KEY = 'AKIAIOSFODNN7BOB0001';

const ROWS: Row[] = [
  {
    playbookId: 's3-block-public-access',
    finding: controlFinding('s3-8', 'S3.8', 'AwsS3Bucket', 'arn:aws:s3:::public-website-assets'),
    resource: ['AWS::S3::Bucket', 'public-website-assets'],
    fix: edit('AWS::S3::Bucket', 'public-website-assets', [{ path: ['supplementaryConfiguration', 'PublicAccessBlockConfiguration'], value: ALL_BLOCKED }]),
    isFixed: (world) => JSON.stringify(supplementary(world, 'AWS::S3::Bucket', 'public-website-assets').PublicAccessBlockConfiguration) === JSON.stringify(ALL_BLOCKED),
    act: 's3:putPublicAccessBlock',
  },
  {
    playbookId: 's3-default-encryption',
    finding: controlFinding('s3-4', 'S3.4', 'AwsS3Bucket', 'arn:aws:s3:::public-website-assets'),
    resource: ['AWS::S3::Bucket', 'public-website-assets'],
    fix: edit('AWS::S3::Bucket', 'public-website-assets', [{ path: ['supplementaryConfiguration', 'ServerSideEncryptionConfiguration'], value: { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms' }, bucketKeyEnabled: true }] } }]),
    isFixed: (world) => (supplementary(world, 'AWS::S3::Bucket', 'public-website-assets').ServerSideEncryptionConfiguration?.rules ?? []).length > 0,
    act: 's3:putBucketEncryption',
  },
  {
    playbookId: 'sg-revoke-admin-ports',
    finding: controlFinding('ec2-19', 'EC2.19', 'AwsEc2SecurityGroup', `arn:aws:ec2:us-east-1:${MEMBER}:security-group/${SG}`),
    resource: ['AWS::EC2::SecurityGroup', SG],
    fix: (world) => editMember(world, 'AWS::EC2::SecurityGroup', SG, [{ path: ['configuration', 'ipPermissions'], value: config(world, 'AWS::EC2::SecurityGroup', SG).ipPermissions.filter((rule: any) => rule.fromPort !== 22) }]),
    isFixed: (world) => !config(world, 'AWS::EC2::SecurityGroup', SG).ipPermissions.some((rule: any) => rule.fromPort === 22 && rule.ipv4Ranges.some((range: any) => range.cidrIp === '0.0.0.0/0')),
    act: 'ec2:revokeSecurityGroupIngress',
  },
  {
    playbookId: 'ebs-default-encryption',
    finding: controlFinding('ec2-7', 'EC2.7', 'AwsAccount', `AWS::::Account:${MEMBER}`),
    resource: ['AWS::::Account', MEMBER],
    setup: edit('AWS::::Account', MEMBER, [{ path: ['configuration', 'ebsEncryptionByDefault'], value: false }]),
    fix: edit('AWS::::Account', MEMBER, [{ path: ['configuration', 'ebsEncryptionByDefault'], value: true }]),
    isFixed: (world) => config(world, 'AWS::::Account', MEMBER).ebsEncryptionByDefault === true,
    act: 'ec2:enableEbsEncryptionByDefault',
  },
  {
    playbookId: 'iam-deactivate-access-key',
    finding: threatFinding('iam-key', 'UnauthorizedAccess:IAMUser/MaliciousIPCaller', 'AwsIamAccessKey', `AWS::IAM::AccessKey:${KEY}`, { AwsIamAccessKey: { PrincipalName: 'bob', UserName: 'bob', PrincipalType: 'IAMUser' } }),
    resource: ['AWS::IAM::User', 'AIDABOB'],
    setup: edit('AWS::IAM::User', 'AIDABOB', [{ path: ['supplementaryConfiguration', 'AccessKeys'], value: [{ accessKeyId: KEY, status: 'Active', createDate: '2024-12-01T00:00:00Z' }, { accessKeyId: 'AKIAIOSFODNN7BOB0002', status: 'Active', createDate: '2025-05-20T00:00:00Z' }] }]),
    fix: edit('AWS::IAM::User', 'AIDABOB', [{ path: ['supplementaryConfiguration', 'AccessKeys', 0, 'status'], value: 'Inactive' }]),
    isFixed: (world) => supplementary(world, 'AWS::IAM::User', 'AIDABOB').AccessKeys[0].status === 'Inactive' && supplementary(world, 'AWS::IAM::User', 'AIDABOB').AccessKeys[1].status === 'Active',
    act: 'iam:updateAccessKey',
  },
  {
    playbookId: 'ec2-isolate-instance',
    finding: threatFinding('ec2-backdoor', 'Backdoor:EC2/C&CActivity.B', 'AwsEc2Instance', `arn:aws:ec2:us-east-1:${MEMBER}:instance/${INSTANCE}`),
    resource: ['AWS::EC2::Instance', INSTANCE],
    setup: (world) =>
      addMember(world, {
        accountId: MEMBER, awsRegion: 'us-east-1', resourceType: 'AWS::EC2::Volume', resourceId: 'vol-0bbb2222cccc33335', arn: `arn:aws:ec2:us-east-1:${MEMBER}:volume/vol-0bbb2222cccc33335`,
        configuration: { volumeId: 'vol-0bbb2222cccc33335', encrypted: true, size: 8, attachments: [{ instanceId: INSTANCE, device: '/dev/xvda', state: 'attached', volumeId: 'vol-0bbb2222cccc33335', deleteOnTermination: true }] },
      }),
    fix: async (world) => {
      await addMember(world, { accountId: MEMBER, awsRegion: 'us-east-1', resourceType: 'AWS::EC2::SecurityGroup', resourceId: 'sg-0123456789abcdef9', configuration: { groupName: 'open-security-hub-isolation', groupId: 'sg-0123456789abcdef9', vpcId: VPC, ipPermissions: [], ipPermissionsEgress: [] } });
      await editMember(world, 'AWS::EC2::Instance', INSTANCE, [{ path: ['configuration', 'securityGroups'], value: [{ groupName: 'open-security-hub-isolation', groupId: 'sg-0123456789abcdef9' }] }]);
    },
    isFixed: (world) => {
      const groups = config(world, 'AWS::EC2::Instance', INSTANCE).securityGroups;
      return groups.length === 1 && groups[0].groupName === 'open-security-hub-isolation';
    },
    act: 'ec2:createSnapshot', // its first write: the isolation group and the instance's groups come after
  },
  {
    playbookId: 'cloudtrail-log-file-validation',
    finding: controlFinding('ct-4', 'CloudTrail.4', 'AwsCloudTrailTrail', `arn:aws:cloudtrail:us-east-1:${MEMBER}:trail/org-trail`),
    resource: ['AWS::CloudTrail::Trail', 'org-trail'],
    setup: edit('AWS::CloudTrail::Trail', 'org-trail', [{ path: ['configuration', 'logFileValidationEnabled'], value: false }]),
    fix: edit('AWS::CloudTrail::Trail', 'org-trail', [{ path: ['configuration', 'logFileValidationEnabled'], value: true }]),
    isFixed: (world) => config(world, 'AWS::CloudTrail::Trail', 'org-trail').logFileValidationEnabled === true,
    act: 'cloudtrail:updateTrail',
  },
  {
    playbookId: 'vpc-flow-logs',
    finding: controlFinding('ec2-6', 'EC2.6', 'AwsEc2Vpc', `arn:aws:ec2:us-east-1:${MEMBER}:vpc/${VPC}`),
    resource: ['AWS::EC2::VPC', VPC],
    setup: edit('AWS::EC2::FlowLog', 'fl-0a1b2c3d4e5f60002', [{ path: ['configuration', 'resourceId'], value: 'vpc-0ffffffffffffffff' }]),
    fix: edit('AWS::EC2::FlowLog', 'fl-0a1b2c3d4e5f60002', [{ path: ['configuration', 'resourceId'], value: VPC }]),
    isFixed: (world) => world.config.store.latest().some((log) => log.resourceType === 'AWS::EC2::FlowLog' && (log.configuration as any).resourceId === VPC),
    act: 'ec2:createFlowLogs',
  },
  {
    playbookId: 'rds-snapshot-private',
    finding: controlFinding('rds-1', 'RDS.1', 'AwsRdsDbSnapshot', `arn:aws:rds:us-east-1:${MEMBER}:snapshot:legacy-db-final`),
    resource: ['AWS::RDS::DBSnapshot', 'legacy-db-final'],
    setup: (world) =>
      addMember(world, {
        accountId: MEMBER, awsRegion: 'us-east-1', resourceType: 'AWS::RDS::DBSnapshot', resourceId: 'legacy-db-final', resourceName: 'legacy-db-final', arn: `arn:aws:rds:us-east-1:${MEMBER}:snapshot:legacy-db-final`,
        configuration: { dBSnapshotIdentifier: 'legacy-db-final', dBInstanceIdentifier: 'legacy-db', encrypted: false },
        supplementaryConfiguration: { DBSnapshotAttributes: [{ attributeName: 'restore', attributeValues: ['all', '111122223333'] }] },
      }),
    fix: edit('AWS::RDS::DBSnapshot', 'legacy-db-final', [{ path: ['supplementaryConfiguration', 'DBSnapshotAttributes'], value: [{ attributeName: 'restore', attributeValues: ['111122223333'] }] }]),
    isFixed: (world) => {
      const restore = supplementary(world, 'AWS::RDS::DBSnapshot', 'legacy-db-final').DBSnapshotAttributes[0].attributeValues;
      return !restore.includes('all') && restore.includes('111122223333');
    },
    act: 'rds:modifyDBSnapshotAttribute',
  },
];

let dynamo: LocalDynamo;
beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(async () => {
  await dynamo.stop();
});

async function worldFor(row: Row): Promise<RemediationWorld> {
  const world = await remediationWorld(dynamo.client, await dynamo.newFindingsTable());
  await row.setup?.(world);
  const result = await world.store.importFindings([row.finding], { identity: 'test' });
  expect(result.FailedCount).toBe(0);
  return world;
}

const snapshot = (world: RemediationWorld) => JSON.stringify(world.config.store.latest());
const writes = (world: RemediationWorld) => world.member.calls.filter((call) => !/:(get|describe|list)/.test(call.action));

it('covers every playbook of the registry', () => {
  expect(ROWS.map((row) => row.playbookId).sort()).toEqual(PLAYBOOKS.map((playbook) => playbook.id).sort());
});

describe.each(ROWS.map((row) => [row.playbookId, row] as const))('%s', (playbookId, row) => {
  it('happy path: fixes the resource in the member account, verifies, resolves the finding with a Note naming the execution', async () => {
    const world = await worldFor(row);
    expect(row.isFixed(world)).toBe(false);
    const execution = (await world.machines.wait((await startPlaybook(world, playbookId, row.finding, { approved: true })).executionArn))!;
    expect({ status: execution.status, error: execution.error, cause: execution.cause }).toEqual({ status: 'SUCCEEDED', error: undefined, cause: undefined });
    expect(row.isFixed(world)).toBe(true);
    expect(world.configEvents.length).toBeGreaterThan(0);
    const finding = await storedFinding(world, row.finding);
    expect(finding.Workflow?.Status).toBe('RESOLVED');
    expect(finding.Note?.Text).toContain(execution.executionArn);
    expect((await recordOf(world, execution))?.status).toBe('SUCCEEDED');
  });

  it('already fixed: NO_OP, nothing changed', async () => {
    const world = await worldFor(row);
    await row.fix(world);
    const before = snapshot(world);
    const execution = (await world.machines.wait((await startPlaybook(world, playbookId, row.finding, { approved: true })).executionArn))!;
    expect(execution.status).toBe('SUCCEEDED');
    expect(snapshot(world)).toBe(before);
    expect(writes(world)).toEqual([]);
    expect((await recordOf(world, execution))?.status).toBe('NO_OP');
  });

  it(`excluded: the ${OPT_OUT_TAG}=off tag on the resource → SKIPPED, nothing changed`, async () => {
    const world = await worldFor(row);
    await editMember(world, row.resource[0], row.resource[1], [{ path: ['tags', OPT_OUT_TAG], value: 'Off' }]);
    const before = snapshot(world);
    const execution = (await world.machines.wait((await startPlaybook(world, playbookId, row.finding, { approved: true })).executionArn))!;
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output!).check).toMatchObject({ decision: 'SKIP', reason: expect.stringContaining('opt-out tag') });
    expect(snapshot(world)).toBe(before);
    expect(world.member.calls).toEqual([]);
  });

  it('dry run: DRY_RUN, nothing changed, the Note says what would change', async () => {
    const world = await worldFor(row);
    const before = snapshot(world);
    const execution = (await world.machines.wait((await startPlaybook(world, playbookId, row.finding, { dryRun: true, approved: true })).executionArn))!;
    expect(execution.status).toBe('SUCCEEDED');
    expect(snapshot(world)).toBe(before);
    expect(writes(world)).toEqual([]);
    const finding = await storedFinding(world, row.finding);
    expect(finding.Note?.Text).toMatch(new RegExp(`^Dry run of ${playbookId}: would \\S+`));
    expect(finding.Workflow?.Status).toBe('NEW');
  });

  it('approval rejected: REJECTED, nothing changed', async () => {
    const world = await worldFor(row);
    world.settings.playbooks[playbookId] = { requireApproval: true };
    const before = snapshot(world);
    const started = await startPlaybook(world, playbookId, row.finding, { approved: true });
    expect((await recordOf(world, started))?.status).toBe('AWAITING_APPROVAL');
    const execution = await decide(world, started, false);
    expect(execution.status).toBe('SUCCEEDED');
    expect((await recordOf(world, execution))?.status).toBe('REJECTED');
    expect(snapshot(world)).toBe(before);
    expect(writes(world)).toEqual([]);
    expect((await storedFinding(world, row.finding)).Workflow?.Status).toBe('NEW');
  });

  it('approval approved: proceeds and fixes', async () => {
    const world = await worldFor(row);
    world.settings.playbooks[playbookId] = { requireApproval: true };
    const started = await startPlaybook(world, playbookId, row.finding);
    expect(started.status).toBe('RUNNING');
    expect(row.isFixed(world)).toBe(false);
    const execution = await decide(world, started, true);
    expect(execution.status).toBe('SUCCEEDED');
    expect(row.isFixed(world)).toBe(true);
    expect((await storedFinding(world, row.finding)).Workflow?.Status).toBe('RESOLVED');
  });

  it('failing API call: the finding notes the failure, is not RESOLVED, the execution FAILED', async () => {
    const world = await worldFor(row);
    const [service] = row.act.split(':');
    world.member.injectFault(row.act, { code: 'InternalError', message: 'injected: the service failed' });
    const before = snapshot(world);
    const execution = (await world.machines.wait((await startPlaybook(world, playbookId, row.finding, { approved: true })).executionArn))!;
    expect(execution.status).toBe('FAILED');
    expect(snapshot(world)).toBe(before);
    const finding = await storedFinding(world, row.finding);
    expect(finding.Note?.Text).toContain(`${{ s3: 'S3', ec2: 'Ec2', iam: 'Iam', cloudtrail: 'CloudTrail', rds: 'Rds' }[service]}.InternalError`);
    expect(finding.Note?.Text).toContain(execution.executionArn);
    expect(finding.Workflow?.Status).not.toBe('RESOLVED');
    expect((await recordOf(world, execution))?.status).toBe('FAILED');
  });
});

describe('hostile findings are refused through a full execution', () => {
  const row = ROWS.find((candidate) => candidate.playbookId === 'sg-revoke-admin-ports')!;
  it.each([
    ['a resource ARN in another account', { Resources: [{ Type: 'AwsEc2SecurityGroup', Id: `arn:aws:ec2:us-east-1:999988887777:security-group/${SG}` }] }],
    ['a wrong resource type', { Resources: [{ Type: 'AwsS3Bucket', Id: 'arn:aws:s3:::public-website-assets' }] }],
    ['injected characters in the resource id', { Resources: [{ Type: 'AwsEc2SecurityGroup', Id: `arn:aws:ec2:us-east-1:${MEMBER}:security-group/${SG}","GroupId":"sg-00000000` }] }],
  ])('%s', async (_name, override) => {
    const world = await worldFor({ ...row, finding: { ...row.finding, ...(override as Partial<AwsSecurityFinding>) } });
    const before = snapshot(world);
    const execution = (await world.machines.wait((await startPlaybook(world, row.playbookId, { ...row.finding }, { approved: true })).executionArn))!;
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output!).check).toMatchObject({ decision: 'SKIP', reason: expect.stringMatching(/^Refused/) });
    expect(world.member.calls).toEqual([]);
    expect(snapshot(world)).toBe(before);
  });
});
