import { SendTaskFailureCommand, SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { sendOwnOperation } from '../../../bin/cli/own-operations';
import { createApi } from '../../../lambdas/api/api';
import { requestApproval } from '../../../lambdas/remediation/approvals';
import type { CheckResult } from '../../../lambdas/remediation/contract';
import { taskTokenClient } from '../../../lambdas/wiring/remediation';
import { DynamoRemediationRecordStore } from '../../../lambdas/remediation/state/record-store';
import { DynamoRemediationSettingsStore } from '../../../lambdas/remediation/state/settings-store';
import { FindingsStore } from '../../../lambdas/store/findings-store';
import { serveApi, type ServedApi } from '../../support/api-server';
import { startDynalite, type LocalDynamo } from '../../support/dynalite';
import { PRODUCT_ARN } from '../../support/findings';

const sfn = mockClient(SFNClient);
const NOW = new Date('2026-11-27T22:00:00Z');
let dynamo: LocalDynamo;
let served: ServedApi;
let records: DynamoRemediationRecordStore;
const events: string[] = [];

beforeAll(async () => {
  dynamo = await startDynalite();
  const table = await dynamo.newFindingsTable();
  records = new DynamoRemediationRecordStore(dynamo.client, table);
  served = await serveApi(
    createApi({
      findings: new FindingsStore({ client: dynamo.client, tableName: table }),
      remediation: { records, settings: new DynamoRemediationSettingsStore(dynamo.client, table), tasks: taskTokenClient(new SFNClient({ region: 'us-east-1' })), now: () => NOW },
    }),
  );
});
afterAll(async () => {
  await served.stop();
  await dynamo.stop();
});
beforeEach(() => {
  sfn.reset();
  sfn.on(SendTaskSuccessCommand).resolves({});
  sfn.on(SendTaskFailureCommand).resolves({});
});

async function waitingRemediation(id: string): Promise<void> {
  const executionArn = `arn:aws:states:us-east-1:999988887777:execution:remediation-iam-deactivate-access-key:${id}`;
  await records.create({
    remediationId: id,
    playbookId: 'iam-deactivate-access-key',
    executionArn,
    finding: { Id: `finding-${id}`, ProductArn: PRODUCT_ARN },
    requestedBy: 'custom-action',
    status: 'RUNNING',
    startedAt: NOW.toISOString(),
  });
  const check = {
    remediationId: id,
    playbookId: 'iam-deactivate-access-key',
    decision: 'PROCEED',
    reason: 'applies',
    dryRun: false,
    approvalRequired: true,
    finding: { Id: `finding-${id}`, ProductArn: PRODUCT_ARN },
  } as CheckResult;
  await requestApproval({ check, taskToken: `token-${id}`, executionArn }, { records, putEvent: async (type) => void events.push(type), now: () => NOW });
}

const call = (path: string, input: Record<string, unknown>) => sendOwnOperation(served.client, path, input);

describe('approvals through the API', () => {
  it('lists a waiting remediation without its task token, and approves it with SendTaskSuccess', async () => {
    await waitingRemediation('approve-1');
    expect(events).toContain('Remediation Awaiting Approval');
    const listed = await call('/remediations/list', { Status: 'AWAITING_APPROVAL' });
    expect((listed.Remediations as Array<Record<string, unknown>>).map((record) => record.remediationId)).toContain('approve-1');
    expect(JSON.stringify(listed)).not.toContain('token-approve-1');

    const approved = await call('/remediations/approve', { RemediationId: 'approve-1' });

    expect(approved.Remediation).toMatchObject({ status: 'RUNNING', decision: { approved: true, by: 'tester' } });
    const [sent] = sfn.commandCalls(SendTaskSuccessCommand);
    expect(sent.args[0].input.taskToken).toBe('token-approve-1');
    expect(JSON.parse(sent.args[0].input.output ?? '{}')).toMatchObject({ approved: true, approvedBy: 'tester' });
  });

  it('rejects with SendTaskFailure Remediation.Rejected and the reason', async () => {
    await waitingRemediation('reject-1');
    const rejected = await call('/remediations/reject', { RemediationId: 'reject-1', Reason: 'change freeze' });
    expect(rejected.Remediation).toMatchObject({ status: 'REJECTED', decision: { approved: false, by: 'tester', reason: 'change freeze' } });
    const [sent] = sfn.commandCalls(SendTaskFailureCommand);
    expect(sent.args[0].input).toMatchObject({ taskToken: 'token-reject-1', error: 'Remediation.Rejected', cause: 'Rejected by tester: change freeze' });
  });

  it('refuses a second decision and an unknown id, sending no token', async () => {
    await waitingRemediation('twice-1');
    await call('/remediations/approve', { RemediationId: 'twice-1' });
    sfn.resetHistory();
    await expect(call('/remediations/reject', { RemediationId: 'twice-1' })).rejects.toMatchObject({ name: 'ResourceConflictException' });
    await expect(call('/remediations/approve', { RemediationId: 'no-such-1' })).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(call('/remediations/approve', { RemediationId: 'bad id!' })).rejects.toMatchObject({ name: 'InvalidInputException' });
    expect(sfn.calls()).toHaveLength(0);
  });

  it('stores settings on a version and refuses invalid ones with the member path', async () => {
    const initial = await call('/remediations/settings/get', {});
    expect(initial).toMatchObject({ Version: 0, Settings: { automatic: {}, rateLimitPerAccountPerHour: 10 } });
    const updated = await call('/remediations/settings/update', { Settings: { automatic: { 'S3.8': { enabled: true, accountIds: ['111122223333'] } } }, Version: 0 });
    expect(updated).toMatchObject({ Version: 1 });
    await expect(call('/remediations/settings/update', { Settings: {}, Version: 0 })).rejects.toMatchObject({ name: 'ResourceConflictException' });
    await expect(call('/remediations/settings/update', { Settings: { playbooks: { 'no-such': {} } } })).rejects.toThrow(/Settings\.playbooks\.no-such/);
    await expect(call('/remediations/settings/update', { Settings: { automatic: { 'S3.8': { enabled: true, accountIds: ['12'] } } } })).rejects.toThrow(
      /Settings\.automatic\.S3\.8\.accountIds\[0\]/,
    );
    expect(await call('/remediations/settings/get', {})).toMatchObject({ Version: 1, Settings: { automatic: { 'S3.8': { enabled: true } } } });
  });
});
