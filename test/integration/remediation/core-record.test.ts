import { FindingsStore } from '../../../lambdas/store/findings-store';
import type { AwsSecurityFinding } from '../../../lambdas/asff/types';
import { runCheck } from '../../../lambdas/remediation/check';
import type { CheckResult, RemediationOutcome } from '../../../lambdas/remediation/contract';
import { readFinding, updateFinding } from '../../../lambdas/wiring/remediation';
import { playbookById } from '../../../lambdas/remediation/playbooks';
import { runRecord } from '../../../lambdas/remediation/record';
import { defaultRemediationSettings } from '../../../lambdas/remediation/settings';
import { DynamoRateLimiter } from '../../../lambdas/remediation/state/rate-limit';
import { DynamoRemediationRecordStore } from '../../../lambdas/remediation/state/record-store';
import { startDynalite, type LocalDynamo } from '../../support/dynalite';
import { aFinding, identifierOf } from '../../support/findings';

const NOW = new Date('2026-11-27T22:00:00Z');
const PLAYBOOK = 's3-block-public-access';
let dynamo: LocalDynamo;
beforeAll(async () => (dynamo = await startDynalite()));
afterAll(async () => dynamo.stop());

function controlFinding(id: string): AwsSecurityFinding {
  return aFinding({
    Id: id,
    Region: 'us-east-1',
    RecordState: 'ACTIVE',
    Workflow: { Status: 'NEW' },
    Compliance: { Status: 'FAILED', SecurityControlId: 'S3.8' },
    Resources: [{ Type: 'AwsS3Bucket', Id: 'arn:aws:s3:::customer-data' }],
  } as Partial<AwsSecurityFinding>);
}

async function setup(finding: AwsSecurityFinding = controlFinding('f-1')) {
  const table = await dynamo.newFindingsTable();
  const store = new FindingsStore({ client: dynamo.client, tableName: table, now: () => NOW });
  await store.importFindings([finding], { identity: 'importer' });
  const records = new DynamoRemediationRecordStore(dynamo.client, table);
  const events: Array<{ type: string; detail: Record<string, unknown> }> = [];
  const checkDeps = {
    playbook: playbookById,
    readFinding: (identifier: { Id: string; ProductArn: string }) => readFinding(store, identifier),
    settings: async () => defaultRemediationSettings(),
    rateLimiter: new DynamoRateLimiter(dynamo.client, table),
    records,
    markNotified: (identifier: { Id: string; ProductArn: string }, note: string) => updateFinding(store, identifier, note, 'NOTIFIED'),
    now: () => NOW,
  };
  const recordDeps = {
    readFinding: checkDeps.readFinding,
    updateFinding: (identifier: { Id: string; ProductArn: string }, note: string, workflow?: string) => updateFinding(store, identifier, note, workflow),
    records,
    putEvent: async (type: string, detail: object) => void events.push({ type, detail: detail as Record<string, unknown> }),
    now: () => NOW,
  };
  return { store, records, events, checkDeps, recordDeps, finding };
}

const executionArn = (name: string) => `arn:aws:states:us-east-1:999988887777:execution:remediation-${PLAYBOOK}:${name}`;

const EARLY_CONFIRMATION = { findingVersion: 3, at: NOW.toISOString(), source: 'BATCH_IMPORT_FINDINGS:open-security-hub/compliance' };

async function checkThenRecord(outcome: RemediationOutcome, extra: { error?: { Error: string; Cause: string }; dryRun?: boolean; confirmedEarly?: boolean } = {}) {
  const context = await setup();
  const arn = executionArn(`run-${outcome.toLowerCase()}`);
  const check = await runCheck(
    { playbookId: PLAYBOOK, executionArn: arn, input: { finding: identifierOf(context.finding), requestedBy: 'cli:alice', dryRun: extra.dryRun } },
    context.checkDeps,
  );
  const afterCheck = await readFinding(context.store, identifierOf(context.finding));
  // The PASSED evaluation of the changed resource can land before Record (dispatch confirms a RUNNING record).
  if (extra.confirmedEarly) await context.records.transition(check.remediationId, ['RUNNING'], { confirmedBy: EARLY_CONFIRMATION });
  const result = await runRecord({ check, outcome, summary: 'turned on Block Public Access of customer-data', executionArn: arn, error: extra.error }, context.recordDeps);
  const after = (await readFinding(context.store, identifierOf(context.finding)))!;
  return { ...context, check, afterCheck, result, after, record: await context.records.get(check.remediationId), arn };
}

describe('Check and Record on a real store', () => {
  it('moves the finding to NOTIFIED while running, then RESOLVED with the note and the execution on success, keeping history', async () => {
    const { afterCheck, after, record, events, store, finding, arn } = await checkThenRecord('SUCCEEDED');
    expect(afterCheck?.Workflow?.Status).toBe('NOTIFIED');
    expect(after.Workflow?.Status).toBe('RESOLVED');
    expect(after.Note).toMatchObject({
      Text: `Remediated by ${PLAYBOOK}: turned on Block Public Access of customer-data. Execution ${arn}`,
      UpdatedBy: 'open-security-hub/remediation',
    });
    expect(record).toMatchObject({ status: 'SUCCEEDED', endedAt: NOW.toISOString(), startedAt: NOW.toISOString(), requestedBy: 'cli:alice' });
    expect(record).not.toHaveProperty('taskToken');
    expect(events.map((event) => event.type)).toEqual(['Remediation Completed']);
    const history = await store.getFindingHistory({ FindingIdentifier: identifierOf(finding) });
    const workflowChanges = history.Records.flatMap((entry) =>
      (entry.Updates ?? []).filter((update) => update.UpdatedField.startsWith('Workflow')).map((update) => update.NewValue),
    );
    // Newest first: NOTIFIED → RESOLVED after NEW → NOTIFIED, both by the remediation identity.
    expect(workflowChanges).toEqual(['RESOLVED', 'NOTIFIED']);
    expect(history.Records[0].UpdateSource).toEqual({ Type: 'BATCH_UPDATE_FINDINGS', Identity: 'open-security-hub/remediation' });
  });

  it('never resolves a failed remediation: NEW, the error on the note, Remediation Failed', async () => {
    const { after, record, events } = await checkThenRecord('FAILED', { error: { Error: 'S3.AccessDeniedException', Cause: 'not authorized' } });
    expect(after.Workflow?.Status).toBe('NEW');
    expect(after.Note?.Text).toMatch(/FAILED: S3\.AccessDeniedException: not authorized/);
    expect(record?.status).toBe('FAILED');
    expect(events.map((event) => event.type)).toEqual(['Remediation Failed']);
  });

  it('keeps a confirmation that landed before Record when the run fixed it, and drops it when the run failed', async () => {
    expect((await checkThenRecord('SUCCEEDED', { confirmedEarly: true })).record).toMatchObject({ status: 'SUCCEEDED', confirmedBy: EARLY_CONFIRMATION });
    const failed = (await checkThenRecord('FAILED', { confirmedEarly: true, error: { Error: 'S3.AccessDeniedException', Cause: 'not authorized' } })).record;
    expect(failed?.status).toBe('FAILED');
    expect(failed).not.toHaveProperty('confirmedBy');
  });

  it('keeps a control finding open when the resource was already compliant (the next evaluation resolves it)', async () => {
    const { after, record } = await checkThenRecord('NO_OP');
    expect(after.Workflow?.Status).toBe('NEW');
    expect(after.Note?.Text).toMatch(/already compliant/);
    expect(record?.status).toBe('NO_OP');
  });

  it('notes a dry run without a record or a workflow change', async () => {
    const { after, record } = await checkThenRecord('DRY_RUN', { dryRun: true });
    expect(after.Workflow?.Status).toBe('NEW');
    expect(after.Note?.Text).toMatch(/^Dry run of s3-block-public-access: would turned on|^Dry run of s3-block-public-access: would /);
    expect(record).toBeUndefined();
  });

  it('puts a rejected remediation back to the workflow it had', async () => {
    const { after, record } = await checkThenRecord('REJECTED', { error: { Error: 'Remediation.Rejected', Cause: 'Rejected by bob: change freeze' } });
    expect(after.Workflow?.Status).toBe('NEW');
    expect(after.Note?.Text).toMatch(/rejected \(Rejected by bob: change freeze\)/);
    expect(record?.status).toBe('REJECTED');
  });

  it('notes a skip without touching the workflow of a suppressed finding', async () => {
    const context = await setup();
    await updateFinding(context.store, identifierOf(context.finding), 'accepted risk', 'SUPPRESSED');
    const arn = executionArn('run-skip');
    const check = await runCheck({ playbookId: PLAYBOOK, executionArn: arn, input: { finding: identifierOf(context.finding), requestedBy: 'auto' } }, context.checkDeps);
    expect(check).toMatchObject({ decision: 'SKIP', reason: expect.stringMatching(/SUPPRESSED/) } satisfies Partial<CheckResult>);
    await runRecord({ check, outcome: 'SKIPPED', summary: check.reason, executionArn: arn }, context.recordDeps);
    const after = await readFinding(context.store, identifierOf(context.finding));
    expect(after?.Workflow?.Status).toBe('SUPPRESSED');
    expect(after?.Note?.Text).toBe('accepted risk');
  });

  it('counts executions per account and hour with conditional writes: the eleventh is refused', async () => {
    const table = await dynamo.newFindingsTable();
    const limiter = new DynamoRateLimiter(dynamo.client, table);
    const taken = await Promise.all(Array.from({ length: 12 }, () => limiter.take('111122223333', 10, NOW)));
    expect(taken.filter(Boolean)).toHaveLength(10);
    expect(await limiter.take('111122223333', 10, new Date(NOW.getTime() + 3_600_000))).toBe(true);
    expect(await limiter.take('444455556666', 10, NOW)).toBe(true);
  });
});
