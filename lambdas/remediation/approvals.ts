/**
 * Approvals: the Await Approval task stores the execution's task token on its record
 * (AWAITING_APPROVAL) and announces it; a human approves or rejects by remediation id, which
 * completes the token (SendTaskSuccess / SendTaskFailure `Remediation.Rejected`). The record moves
 * first, with a conditional write on AWAITING_APPROVAL, so two approvers cannot both decide.
 * No SDK, no environment.
 */
import { InvalidInputError, ResourceNotFoundError } from '../shared/errors';
import { APPROVAL_REJECTED_ERROR, REMEDIATION_EVENTS, type ApprovalDecision, type ApprovalRequestInput } from './contract';
import type { RemediationRecordRepository, StoredRemediationRecord } from './state/record-store';

/** Step Functions' task-token calls. */
export interface TaskTokenClient {
  sendTaskSuccess(taskToken: string, output: string): Promise<void>;
  sendTaskFailure(taskToken: string, error: string, cause: string): Promise<void>;
}

/** What the approval task and operations need. */
export interface ApprovalDependencies {
  records: RemediationRecordRepository;
  putEvent?(detailType: string, detail: object): Promise<void>;
  now(): Date;
}

/** The Await Approval task: the record waits for a human with the token. */
export async function requestApproval(input: ApprovalRequestInput, deps: ApprovalDependencies): Promise<{ remediationId: string; status: 'AWAITING_APPROVAL' }> {
  if (typeof input.taskToken !== 'string' || input.taskToken === '') throw new Error('taskToken: required (pass $$.Task.Token)');
  const { remediationId } = input.check;
  const record = await deps.records.transition(remediationId, ['RUNNING', 'AWAITING_APPROVAL'], { status: 'AWAITING_APPROVAL', taskToken: input.taskToken });
  await deps.putEvent?.(REMEDIATION_EVENTS.awaitingApproval, {
    remediationId,
    playbookId: record.playbookId,
    executionArn: record.executionArn,
    finding: record.finding,
    requestedBy: record.requestedBy,
    ...(input.check.target && { accountId: input.check.target.accountId, region: input.check.target.region, resourceArn: input.check.target.resourceArn }),
    reason: input.check.reason,
    approve: `sechub approve-remediation --remediation-id ${remediationId}`,
    reject: `sechub reject-remediation --remediation-id ${remediationId} --reason "…"`,
  });
  return { remediationId, status: 'AWAITING_APPROVAL' };
}

async function awaiting(records: RemediationRecordRepository, remediationId: string): Promise<StoredRemediationRecord> {
  if (typeof remediationId !== 'string' || !/^[A-Za-z0-9_-]{1,80}$/.test(remediationId)) {
    throw new InvalidInputError(`Invalid parameter 'RemediationId': expected the execution name (1-80 letters, digits, - or _).`);
  }
  const record = await records.get(remediationId);
  if (record === undefined) throw new ResourceNotFoundError(`No remediation ${remediationId}.`);
  return record;
}

/** Approves a waiting remediation: the record is RUNNING again and the execution goes on to Act. */
export async function approveRemediation(remediationId: string, by: string, deps: ApprovalDependencies & { tasks: TaskTokenClient }): Promise<StoredRemediationRecord> {
  const record = await awaiting(deps.records, remediationId);
  const at = deps.now().toISOString();
  const moved = await deps.records.transition(remediationId, ['AWAITING_APPROVAL'], { status: 'RUNNING', decision: { approved: true, by, at } }, ['taskToken']);
  const output: ApprovalDecision = { approved: true, approvedBy: by, at };
  await deps.tasks.sendTaskSuccess(record.taskToken ?? '', JSON.stringify(output));
  return moved;
}

/** Rejects a waiting remediation: the execution's Await Approval fails with `Remediation.Rejected`, and Record notes REJECTED. */
export async function rejectRemediation(remediationId: string, by: string, reason: string | undefined, deps: ApprovalDependencies & { tasks: TaskTokenClient }): Promise<StoredRemediationRecord> {
  const record = await awaiting(deps.records, remediationId);
  const at = deps.now().toISOString();
  const why = (reason ?? 'no reason given').slice(0, 256);
  // REJECTED at once (one decision wins); Record then adds endedAt and the note.
  const moved = await deps.records.transition(remediationId, ['AWAITING_APPROVAL'], { status: 'REJECTED', decision: { approved: false, by, at, reason: why } }, ['taskToken']);
  await deps.tasks.sendTaskFailure(record.taskToken ?? '', APPROVAL_REJECTED_ERROR, `Rejected by ${by}: ${why}`);
  return moved;
}
