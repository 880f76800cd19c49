/**
 * The shared Record task: writes how an execution ended on the finding (Note, Workflow) and on the
 * remediation record, and announces it on the app's bus. A finding never claims success it does
 * not have: only SUCCEEDED (verified by reading the resource back) resolves it, and a threat
 * finding whose resource was already fixed (NO_OP); a control finding whose resource was already
 * compliant keeps its workflow and resolves through its next evaluation. No SDK, no environment.
 */
import type { AwsSecurityFinding } from '../asff';
import { REMEDIATION_EVENTS, type RecordInput, type RemediationOutcome, type RemediationRecord } from './contract';
import { durationText } from './approval-settings';
import type { AwaitingApprovals } from './state/awaiting-store';
import type { RemediationRecordRepository, StoredRemediationRecord } from './state/record-store';

/** Security Hub's Note.Text limit. */
const NOTE_LIMIT = 512;

/** What {@link runRecord} needs. */
export interface RecordDependencies {
  readFinding(identifier: { Id: string; ProductArn: string }): Promise<AwsSecurityFinding | undefined>;
  /** BatchUpdateFindings as the remediation identity: a Note and optionally a Workflow status. */
  updateFinding(identifier: { Id: string; ProductArn: string }, note: string, workflowStatus?: string): Promise<void>;
  records: RemediationRecordRepository;
  /** Puts one event on the app's bus. */
  putEvent(detailType: string, detail: object): Promise<void>;
  now(): Date;
  /** The approval waits (their reminders stop once the execution is recorded). */
  awaiting?: AwaitingApprovals;
}

/** What Record did: the record as stored, and the finding's change. */
export interface RecordResult {
  remediationId: string;
  outcome: RemediationOutcome;
  workflowStatus?: string;
  noted: boolean;
}

function errorText(error: RecordInput['error']): string {
  if (error === undefined) return 'unknown error';
  const cause = typeof error.Cause === 'string' ? error.Cause : JSON.stringify(error.Cause ?? '');
  return [error.Error, cause].filter((part) => part !== undefined && part !== '').join(': ');
}

function clip(text: string): string {
  return text.length <= NOTE_LIMIT ? text : `${text.slice(0, NOTE_LIMIT - 1)}…`;
}

/** The finding's Note and Workflow for an outcome (pure). `workflowBefore` is what Check found before NOTIFIED. */
export function findingChangeFor(input: RecordInput, finding: AwsSecurityFinding, workflowBefore: string | undefined): { note: string; workflowStatus?: string } {
  const playbook = input.check.playbookId;
  const execution = `Execution ${input.executionArn}`;
  const restore = workflowBefore ?? 'NEW';
  const isThreat = finding.Compliance === undefined;
  switch (input.outcome) {
    case 'SUCCEEDED':
      return { note: clip(`Remediated by ${playbook}: ${input.summary}. ${execution}`), workflowStatus: 'RESOLVED' };
    case 'NO_OP':
      return {
        note: clip(`${playbook}: already compliant, nothing changed (${input.summary}). ${execution}`),
        // A threat's resource already fixed is done; a control finding resolves through its next evaluation.
        workflowStatus: isThreat ? 'RESOLVED' : restore,
      };
    case 'DRY_RUN':
      return { note: clip(`Dry run of ${playbook}: would ${input.summary}. ${execution}`) };
    case 'REJECTED':
      if (timedOut(input))
        return {
          note: clip(`Remediation ${playbook} rejected: approval timed out (no decision within ${timeoutText(input)}): ${input.summary}. ${execution}`),
          workflowStatus: restore,
        };
      return {
        note: clip(`Remediation ${playbook} rejected (${input.error?.Cause ?? input.error?.Error ?? 'no decision'}): ${input.summary}. ${execution}`),
        workflowStatus: restore,
      };
    case 'SKIPPED':
      return { note: clip(`Remediation ${playbook} skipped: ${input.check.reason}. ${execution}`) };
    case 'FAILED':
      return { note: clip(`Remediation ${playbook} FAILED: ${errorText(input.error)}${input.summary ? ` (${input.summary})` : ''}. ${execution}`), workflowStatus: 'NEW' };
  }
}

/** True when Await Approval ended by its timeout (States.Timeout), not by a human. */
function timedOut(input: RecordInput): boolean {
  return input.outcome === 'REJECTED' && input.error?.Error === 'States.Timeout';
}

function timeoutText(input: RecordInput): string {
  return input.check.approvalTimeoutSeconds === undefined ? 'the approval timeout' : durationText(input.check.approvalTimeoutSeconds);
}

/** Whether a SKIPPED note may go on the finding: only an open one (never overwrite a suppression's note). */
function mayNoteSkip(finding: AwsSecurityFinding): boolean {
  const workflow = finding.Workflow?.Status ?? 'NEW';
  return finding.RecordState !== 'ARCHIVED' && (workflow === 'NEW' || workflow === 'NOTIFIED');
}

/**
 * The Record task. Dry runs and skips before a record existed write none; every other outcome
 * ends the record (RUNNING/AWAITING_APPROVAL → outcome) and puts Remediation Completed or Failed.
 */
export async function runRecord(input: RecordInput, deps: RecordDependencies): Promise<RecordResult> {
  const { check } = input;
  const now = deps.now().toISOString();
  const record = await deps.records.get(check.remediationId);
  const ownRecord = record !== undefined && record.executionArn === input.executionArn ? record : undefined;
  const finding = await deps.readFinding(check.finding);
  let noted = false;
  let workflowStatus: string | undefined;
  if (finding !== undefined && (input.outcome !== 'SKIPPED' || mayNoteSkip(finding))) {
    const change = findingChangeFor(input, finding, ownRecord?.workflowBefore);
    // Only what Check moved to NOTIFIED goes back; a finding Check never touched keeps its workflow.
    workflowStatus = ownRecord === undefined && change.workflowStatus !== 'RESOLVED' ? undefined : change.workflowStatus;
    await deps.updateFinding(check.finding, change.note, workflowStatus);
    noted = true;
  }
  let stored: RemediationRecord | undefined = ownRecord;
  const open: Array<RemediationRecord['status']> = ['RUNNING', 'AWAITING_APPROVAL', ...(input.outcome === 'REJECTED' ? (['REJECTED'] as const) : [])];
  if (ownRecord !== undefined && ownRecord.endedAt === undefined && open.includes(ownRecord.status)) {
    const decision = timedOut(input) ? { decision: { approved: false, by: 'timeout', at: now, reason: `approval timed out: no decision within ${timeoutText(input)}` } } : {};
    // A PASSED evaluation may have confirmed the run before this step (dispatch.ts): kept only when the run fixed it.
    const fixed = input.outcome === 'SUCCEEDED' || input.outcome === 'NO_OP';
    stored = await deps.records.transition(
      check.remediationId,
      open,
      { status: input.outcome, endedAt: now, summary: input.summary || errorText(input.error), ...decision },
      fixed ? ['taskToken'] : ['taskToken', 'confirmedBy'],
    );
  }
  if (check.approvalRequired && !check.dryRun) await deps.awaiting?.remove(check.remediationId);
  {
    const detail = {
      remediationId: check.remediationId,
      playbookId: check.playbookId,
      outcome: input.outcome,
      summary: input.summary,
      reason: check.reason,
      executionArn: input.executionArn,
      finding: check.finding,
      ...(check.target && { accountId: check.target.accountId, region: check.target.region, resourceArn: check.target.resourceArn }),
      ...(input.error && { error: { Error: input.error.Error, Cause: input.error.Cause } }),
      ...(stored && { record: withoutToken(stored) }),
    };
    await deps.putEvent(input.outcome === 'FAILED' ? REMEDIATION_EVENTS.failed : REMEDIATION_EVENTS.completed, detail);
  }
  return { remediationId: check.remediationId, outcome: input.outcome, ...(workflowStatus !== undefined && { workflowStatus }), noted };
}

function withoutToken(record: RemediationRecord): RemediationRecord {
  const { taskToken: _token, ...rest } = record as StoredRemediationRecord;
  return rest;
}
