/**
 * Approvals reach people (issue 11): a playbook waiting for approval alerts with what would change,
 * who may approve, the commands (which work as printed) and the console link; reminders go out
 * before the timeout; no decision within the configured timeout ends REJECTED with a note. The
 * real playbook ASL on aws-local-stepfunctions (the embedded default's engine), short timeouts.
 */
import { createApi } from '../../../lambdas/api/api';
import { sendDueReminders } from '../../../lambdas/remediation/approval-reminders';
import type { AwaitingApprovalDetail } from '../../../lambdas/remediation/approvals';
import { REMEDIATION_EVENTS } from '../../../lambdas/remediation/contract';
import type { RemediationSettingsRepository } from '../../../lambdas/remediation/state/settings-store';
import { approvalMessage } from '../../../lambdas/triage/alerts/approval-message';
import { serveApi } from '../../support/api-server';
import { runSechubAt } from '../../support/cli';
import { startDynalite, type LocalDynamo } from '../../support/dynalite';
import { recordOf, remediationWorld, startPlaybook, storedFinding, type RemediationWorld } from './harness';
import { ROWS } from './playbook-rows';

jest.setTimeout(30_000);
const row = ROWS.find((candidate) => candidate.playbookId === 's3-block-public-access')!;
const API = 'https://abc123.execute-api.us-east-1.amazonaws.com/prod';

let dynamo: LocalDynamo;
beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(async () => {
  await dynamo.stop();
});

async function waitingWorld(approval: NonNullable<RemediationWorld['settings']['approval']>): Promise<RemediationWorld> {
  const world = await remediationWorld(dynamo.client, await dynamo.newFindingsTable());
  await row.setup?.(world);
  await world.store.importFindings([row.finding], { identity: 'test' });
  world.settings.playbooks[row.playbookId] = { requireApproval: true };
  world.settings.approval = approval;
  return world;
}

const awaitingEvents = (world: RemediationWorld, type: string) =>
  world.appEvents.filter((event) => event.detailType === type).map((event) => event.detail as unknown as AwaitingApprovalDetail);

it('alerts who may approve with what would change, the commands and the console link, and the printed approve command works', async () => {
  const world = await waitingWorld({ approvers: ['alice', 'arn:aws:iam::111122223333:role/SecOps*'] });
  const started = await startPlaybook(world, row.playbookId, row.finding);
  const [detail] = awaitingEvents(world, REMEDIATION_EVENTS.awaitingApproval);
  const message = approvalMessage(detail, { apiUrl: API });

  expect(message.subject).toBe(`[APPROVAL NEEDED] s3-block-public-access on arn:aws:s3:::public-website-assets`);
  expect(message.body).toContain(
    'What would change: turn on all four Block Public Access settings (BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets) of S3 bucket public-website-assets',
  );
  expect(message.body).toContain('Approvers:  alice, arn:aws:iam::111122223333:role/SecOps*');
  expect(message.body).toMatch(/Times out: {2}\S+ \(after 24 h\): then REJECTED/);
  expect(message.body).toContain(`Console:    ${API}/console/#/findings/${encodeURIComponent(row.finding.Id)}?productArn=${encodeURIComponent(row.finding.ProductArn)}`);
  expect(message.body).toContain(`  npx sechub approve-remediation --endpoint-url ${API} --remediation-id ${started.name}`);
  expect(message.body).toContain(`  npx sechub reject-remediation --endpoint-url ${API} --remediation-id ${started.name} --reason 'why not'`);
  expect(message.attributes).toMatchObject({
    alertKind: { StringValue: 'approval-requested' },
    alertId: { StringValue: `${started.name}:approval` },
    remediationId: { StringValue: started.name },
  });
  expect(detail.reminders).toHaveLength(2); // at half-time and 1 h before

  // The command as the alert prints it, against the API: bob is no approver, alice is.
  const settings: RemediationSettingsRepository = { get: async () => ({ settings: world.settings, version: 1 }), put: async () => 1 };
  const argv = (line: string) =>
    line
      .trim()
      .split(/\s+/)
      .slice(2)
      .filter((_, index, all) => all[index - 1] !== '--endpoint-url' && all[index] !== '--endpoint-url');
  const approveLine = message.body.split('\n').find((line) => line.includes('approve-remediation'))!;
  for (const [identity, expected] of [
    ['bob', 1],
    ['alice', 0],
  ] as const) {
    const served = await serveApi(createApi({ findings: world.store, remediation: { records: world.records, settings, tasks: world.tasks, awaiting: world.awaiting } }), {
      identity,
    });
    const run = await runSechubAt(served.endpoint, argv(approveLine));
    await served.stop();
    expect([identity, run.code === 0 ? 0 : 1]).toEqual([identity, expected]);
    if (identity === 'bob') expect(run.stderr).toContain('bob may not decide remediation');
  }
  const execution = (await world.machines.wait(started.executionArn))!;
  expect(execution.status).toBe('SUCCEEDED');
  expect((await recordOf(world, execution))?.decision).toMatchObject({ approved: true, by: 'alice' });
  expect(await world.awaiting.list()).toEqual([]);
});

it('reminds before the timeout, then times out into REJECTED with a note, changing nothing', async () => {
  const world = await waitingWorld({ timeoutSeconds: 3, reminderSecondsBeforeTimeout: [2] });
  const started = await startPlaybook(world, row.playbookId, row.finding);
  expect((await recordOf(world, started))?.status).toBe('AWAITING_APPROVAL');
  const sweep = () =>
    sendDueReminders({
      awaiting: world.awaiting,
      records: world.records,
      putEvent: async (type, detail) => void world.appEvents.push({ detailType: type, detail: detail as Record<string, unknown> }),
      now: () => new Date(),
    });

  expect((await sweep()).reminded).toEqual([]); // not due yet
  await new Promise((resolve) => setTimeout(resolve, 1_200));
  expect((await sweep()).reminded).toEqual([started.name]);
  expect((await sweep()).reminded).toEqual([]); // once
  const [reminder] = awaitingEvents(world, REMEDIATION_EVENTS.approvalReminder);
  const message = approvalMessage(reminder);
  expect(message.subject).toBe('[APPROVAL REMINDER 1/1] s3-block-public-access on arn:aws:s3:::public-website-assets');
  expect(message.body).toContain('still waits for approval; 2 s left');
  expect(message.attributes.alertId).toEqual({ DataType: 'String', StringValue: `${started.name}:reminder-1` });

  const execution = (await world.machines.wait(started.executionArn))!;
  const record = await recordOf(world, execution);
  expect(execution.status).toBe('SUCCEEDED');
  expect(record).toMatchObject({ status: 'REJECTED', decision: { approved: false, by: 'timeout', reason: 'approval timed out: no decision within 3 s' } });
  expect((await storedFinding(world, row.finding)).Note?.Text).toMatch(/^Remediation s3-block-public-access rejected: approval timed out \(no decision within 3 s\)/);
  expect(row.isFixed(world)).toBe(false);
  expect(await world.awaiting.list()).toEqual([]);
});
