/**
 * Approvals: the Await Approval task stores the execution's task token on its record
 * (AWAITING_APPROVAL), registers the wait for reminders and announces it (the alert router turns
 * `Remediation Awaiting Approval` into an alert to who may approve); a human approves or rejects by
 * remediation id, which completes the token (SendTaskSuccess / SendTaskFailure
 * `Remediation.Rejected`). The record moves first, with a conditional write on AWAITING_APPROVAL,
 * so two approvers cannot both decide. With `approval.approvers` in the settings, only those
 * callers may decide. No SDK, no environment.
 */
import { InvalidAccessError, InvalidInputError, ResourceNotFoundError } from '../shared/errors';
import { approvalPlan, mayApprove } from './approval-settings';
import { APPROVAL_REJECTED_ERROR, REMEDIATION_EVENTS, type ApprovalDecision, type ApprovalRequestInput } from './contract';
import { stepFunctionsRegionOf } from './regions';
import type { RemediationSettings } from './settings';
import type { AwaitingApproval, AwaitingApprovals } from './state/awaiting-store';
import type { RemediationRecordRepository, StoredRemediationRecord } from './state/record-store';

/** Step Functions' task-token calls; `region`: the execution's (a token is answered where its execution runs). */
export interface TaskTokenClient {
  sendTaskSuccess(taskToken: string, output: string, region?: string): Promise<void>;
  sendTaskFailure(taskToken: string, error: string, cause: string, region?: string): Promise<void>;
}

/** The Region of a record's execution, undefined when it names none. */
function executionRegion(record: StoredRemediationRecord): string | undefined {
  return stepFunctionsRegionOf(String(record.executionArn ?? ''));
}

/** What the approval task and operations need. */
export interface ApprovalDependencies {
  records: RemediationRecordRepository;
  putEvent?(detailType: string, detail: object): Promise<void>;
  now(): Date;
  /** The waits reminders are sent for; without it, no reminders. */
  awaiting?: AwaitingApprovals;
  /** The remediation settings (approval timeout, reminders, approvers); without it, the defaults. */
  settings?(): Promise<RemediationSettings>;
}

/** The detail of `Remediation Awaiting Approval` and `Remediation Approval Reminder` events (the alert reads it). */
export interface AwaitingApprovalDetail extends Omit<AwaitingApproval, 'remindAt' | 'sent'> {
  reason: string;
  timeoutSeconds: number;
  /** When reminders go out (ISO). */
  reminders: string[];
  approve: string;
  reject: string;
  /** For a reminder: which one (1-based) and how many there are. */
  reminder?: { number: number; of: number };
}

/** The event detail of a wait. */
export function awaitingDetail(wait: AwaitingApproval, reason: string): AwaitingApprovalDetail {
  const { remindAt, sent: _sent, ...rest } = wait;
  return {
    ...rest,
    reason,
    timeoutSeconds: Math.round((Date.parse(wait.deadline) - Date.parse(wait.requestedAt)) / 1000),
    reminders: remindAt.map((at) => new Date(at).toISOString()),
    approve: `sechub approve-remediation --remediation-id ${wait.remediationId}`,
    reject: `sechub reject-remediation --remediation-id ${wait.remediationId} --reason "…"`,
  };
}

/** The Await Approval task: the record waits for a human with the token; the wait is registered and announced. */
export async function requestApproval(input: ApprovalRequestInput, deps: ApprovalDependencies): Promise<{ remediationId: string; status: 'AWAITING_APPROVAL' }> {
  if (typeof input.taskToken !== 'string' || input.taskToken === '') throw new Error('taskToken: required (pass $$.Task.Token)');
  const { remediationId } = input.check;
  const record = await deps.records.transition(remediationId, ['RUNNING', 'AWAITING_APPROVAL'], { status: 'AWAITING_APPROVAL', taskToken: input.taskToken });
  const settings = await deps.settings?.();
  const plan = approvalPlan({ ...settings?.approval, ...(input.check.approvalTimeoutSeconds !== undefined && { timeoutSeconds: input.check.approvalTimeoutSeconds }) });
  const now = deps.now();
  const wait: AwaitingApproval = {
    remediationId,
    playbookId: record.playbookId,
    executionArn: record.executionArn,
    finding: record.finding,
    requestedBy: record.requestedBy,
    requestedAt: now.toISOString(),
    deadline: new Date(now.getTime() + plan.timeoutSeconds * 1000).toISOString(),
    remindAt: plan.reminderOffsets.map((offset) => now.getTime() + offset * 1000),
    sent: 0,
    approvers: plan.approvers,
    ...(typeof input.summary === 'string' && input.summary !== '' && { summary: input.summary.slice(0, 1024) }),
    ...(input.check.target && { accountId: input.check.target.accountId, region: input.check.target.region, resourceArn: input.check.target.resourceArn }),
  };
  await deps.awaiting?.put(wait);
  await deps.putEvent?.(REMEDIATION_EVENTS.awaitingApproval, awaitingDetail(wait, input.check.reason));
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

/** Refuses a caller the settings' approvers do not name. */
async function mayDecide(remediationId: string, by: string, deps: ApprovalDependencies): Promise<void> {
  const plan = approvalPlan((await deps.settings?.())?.approval);
  if (!mayApprove(plan, by))
    throw new InvalidAccessError(`${by} may not decide remediation ${remediationId}: the remediation settings name its approvers (${plan.approvers.join(', ')}).`);
}

/** Approves a waiting remediation: the record is RUNNING again and the execution goes on to Act. */
export async function approveRemediation(remediationId: string, by: string, deps: ApprovalDependencies & { tasks: TaskTokenClient }): Promise<StoredRemediationRecord> {
  const record = await awaiting(deps.records, remediationId);
  await mayDecide(remediationId, by, deps);
  const at = deps.now().toISOString();
  const moved = await deps.records.transition(remediationId, ['AWAITING_APPROVAL'], { status: 'RUNNING', decision: { approved: true, by, at } }, ['taskToken']);
  const output: ApprovalDecision = { approved: true, approvedBy: by, at };
  await deps.tasks.sendTaskSuccess(record.taskToken ?? '', JSON.stringify(output), executionRegion(record));
  await deps.awaiting?.remove(remediationId);
  return moved;
}

/** Rejects a waiting remediation: the execution's Await Approval fails with `Remediation.Rejected`, and Record notes REJECTED. */
export async function rejectRemediation(
  remediationId: string,
  by: string,
  reason: string | undefined,
  deps: ApprovalDependencies & { tasks: TaskTokenClient },
): Promise<StoredRemediationRecord> {
  const record = await awaiting(deps.records, remediationId);
  await mayDecide(remediationId, by, deps);
  const at = deps.now().toISOString();
  const why = (reason ?? 'no reason given').slice(0, 256);
  // REJECTED at once (one decision wins); Record then adds endedAt and the note.
  const moved = await deps.records.transition(remediationId, ['AWAITING_APPROVAL'], { status: 'REJECTED', decision: { approved: false, by, at, reason: why } }, ['taskToken']);
  await deps.tasks.sendTaskFailure(record.taskToken ?? '', APPROVAL_REJECTED_ERROR, `Rejected by ${by}: ${why}`, executionRegion(record));
  await deps.awaiting?.remove(remediationId);
  return moved;
}
