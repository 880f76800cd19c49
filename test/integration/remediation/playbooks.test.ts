/**
 * Every playbook of the registry, its real ASL file on aws-local-stepfunctions, the shared tasks'
 * real cores on dynalite, the SDK tasks on the simulated member account: happy path, already fixed,
 * excluded, dry run, approval rejected and approved, a failing API call; and a hostile finding.
 * A new playbook is covered by adding a row to {@link ROWS}.
 */
import { startDynalite, type LocalDynamo } from '../../support/dynalite';
import type { AwsSecurityFinding } from '../../../lambdas/asff/types';
import { PLAYBOOKS } from '../../../lambdas/remediation/playbooks';
import { OPT_OUT_TAG } from '../../../lambdas/remediation/contract';
import { decide, editMember, recordOf, remediationWorld, startPlaybook, storedFinding, type RemediationWorld } from './harness';
import { MEMBER, ROWS, SG, type Row } from './playbook-rows';

jest.setTimeout(60_000);

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
    [
      'injected characters in the resource id',
      { Resources: [{ Type: 'AwsEc2SecurityGroup', Id: `arn:aws:ec2:us-east-1:${MEMBER}:security-group/${SG}","GroupId":"sg-00000000` }] },
    ],
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
