/**
 * The alert for a remediation waiting for approval (`Remediation Awaiting Approval`) and its
 * reminders (`Remediation Approval Reminder`): what would change (the playbook's dry-run summary of
 * its target), who may approve, when it times out into REJECTED, the approve/reject commands as
 * `sechub` runs them, and the console link of the finding. Pure: the event's detail → one message.
 */
import type { AwaitingApprovalDetail } from '../../remediation';
import { durationText } from '../../remediation';
import { ALERT_KINDS, consoleLink, shellQuote, type AlertMessage, type MessageOptions } from './message';
import { InvalidFindingEventError } from './router';

const MAX_SUBJECT_LENGTH = 99;
const ascii = (text: string) => text.replace(/[^\x20-\x7e]/g, '');

/** Checks the members the message needs; names the one missing. */
export function readAwaitingApproval(detail: unknown): AwaitingApprovalDetail {
  const value = (detail ?? {}) as Record<string, unknown>;
  for (const member of ['remediationId', 'playbookId', 'executionArn', 'deadline', 'requestedAt'] as const) {
    if (typeof value[member] !== 'string' || value[member] === '') throw new InvalidFindingEventError(`detail.${member}`, 'expected a string');
  }
  const finding = value.finding as { Id?: unknown; ProductArn?: unknown } | undefined;
  if (typeof finding?.Id !== 'string' || typeof finding.ProductArn !== 'string') throw new InvalidFindingEventError('detail.finding', 'expected {Id, ProductArn}');
  if (!Array.isArray(value.approvers)) throw new InvalidFindingEventError('detail.approvers', 'expected a list');
  return value as unknown as AwaitingApprovalDetail;
}

/** `[APPROVAL NEEDED] <playbook> on <resource>` (or `[APPROVAL REMINDER n/m]`), with everything to decide. */
export function approvalMessage(detail: AwaitingApprovalDetail, options: MessageOptions = {}): AlertMessage {
  const where = detail.resourceArn ?? detail.finding.Id;
  const reminder = detail.reminder;
  const tag = reminder === undefined ? 'APPROVAL NEEDED' : `APPROVAL REMINDER ${reminder.number}/${reminder.of}`;
  const subject = ascii(`[${tag}] ${detail.playbookId} on ${where}`).slice(0, MAX_SUBJECT_LENGTH);
  const endpoint = options.apiUrl === undefined ? '' : ` --endpoint-url ${options.apiUrl}`;
  const who =
    detail.approvers.length > 0
      ? detail.approvers.join(', ')
      : 'anyone allowed to call ApproveRemediation / RejectRemediation on the API (deployed: IAM execute-api:Invoke on POST /remediations/approve and /reject; name approvers in the remediation settings, approval.approvers)';
  const remindedAt = reminder === undefined ? undefined : detail.reminders[reminder.number - 1];
  const left = remindedAt === undefined ? undefined : durationText(Math.max(0, Math.round((Date.parse(detail.deadline) - Date.parse(remindedAt)) / 1000)));
  const body = [
    reminder === undefined
      ? `Remediation ${detail.remediationId} (${detail.playbookId}) waits for approval before it changes anything.`
      : `Reminder ${reminder.number} of ${reminder.of}: remediation ${detail.remediationId} (${detail.playbookId}) still waits for approval${left === undefined ? '' : `; ${left} left`}.`,
    '',
    `What would change: ${detail.summary ?? 'see the playbook (no summary given)'}`,
    `Where:      account ${detail.accountId ?? 'unknown'}, ${detail.region ?? 'unknown Region'}, ${where}`,
    `Finding:    ${detail.finding.Id}`,
    `Why:        ${detail.reason}`,
    `Requested:  by ${detail.requestedBy} at ${detail.requestedAt}`,
    `Approvers:  ${who}`,
    `Times out:  ${detail.deadline} (after ${durationText(detail.timeoutSeconds)}): then REJECTED, nothing changes, and the finding's note says it timed out`,
    ...(detail.reminders.length > 0 ? [`Reminders:  ${detail.reminders.join(', ')}`] : []),
    `Console:    ${consoleLink(detail.finding, options.apiUrl)}`,
    `Execution:  ${detail.executionArn}`,
    '',
    'Decide:',
    `  npx sechub approve-remediation${endpoint} --remediation-id ${detail.remediationId}`,
    `  npx sechub reject-remediation${endpoint} --remediation-id ${detail.remediationId} --reason ${shellQuote('why not')}`,
    'Look:',
    `  npx sechub get-remediation${endpoint} --remediation-id ${detail.remediationId}`,
    `  npx sechub list-remediations${endpoint} --status AWAITING_APPROVAL`,
  ].join('\n');
  const kind = reminder === undefined ? ALERT_KINDS.approvalRequested : ALERT_KINDS.approvalReminder;
  return {
    subject,
    body,
    attributes: {
      severity: { DataType: 'String', StringValue: 'HIGH' },
      reason: { DataType: 'String', StringValue: kind },
      product: { DataType: 'String', StringValue: 'Open Security Hub' },
      alertKind: { DataType: 'String', StringValue: kind },
      alertId: { DataType: 'String', StringValue: `${detail.remediationId}:${reminder === undefined ? 'approval' : `reminder-${reminder.number}`}` },
      remediationId: { DataType: 'String', StringValue: detail.remediationId },
      findingId: { DataType: 'String', StringValue: detail.finding.Id },
      productArn: { DataType: 'String', StringValue: detail.finding.ProductArn },
      ...(detail.accountId && { account: { DataType: 'String', StringValue: detail.accountId } }),
    },
  };
}
