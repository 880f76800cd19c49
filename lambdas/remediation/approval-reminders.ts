/**
 * The reminder sweep (the approval function on a schedule): for every remediation still waiting,
 * the reminders now due go out as one `Remediation Approval Reminder` event (the alert router
 * turns it into an alert); a wait whose remediation was decided or ended is dropped. Each reminder
 * is claimed with a conditional write before its event is put, so overlapping sweeps never send
 * one twice. No SDK, no environment.
 */
import { awaitingDetail } from './approvals';
import { REMEDIATION_EVENTS } from './contract';
import type { AwaitingApprovals } from './state/awaiting-store';
import type { RemediationRecordRepository } from './state/record-store';

/** What the sweep needs. */
export interface ReminderDependencies {
  awaiting: AwaitingApprovals;
  records: RemediationRecordRepository;
  putEvent(detailType: string, detail: object): Promise<void>;
  now(): Date;
}

/** What one sweep did. */
export interface SweepOutcome {
  waiting: number;
  reminded: string[];
  dropped: string[];
}

/** Sends the reminders due at `now`. */
export async function sendDueReminders(deps: ReminderDependencies): Promise<SweepOutcome> {
  const now = deps.now().getTime();
  const outcome: SweepOutcome = { waiting: 0, reminded: [], dropped: [] };
  for (const wait of await deps.awaiting.list()) {
    const due = wait.remindAt.filter((at) => at <= now).length;
    const record = due > wait.sent || Date.parse(wait.deadline) < now ? await deps.records.get(wait.remediationId) : undefined;
    if (record !== undefined && record.status !== 'AWAITING_APPROVAL') {
      await deps.awaiting.remove(wait.remediationId);
      outcome.dropped.push(wait.remediationId);
      continue;
    }
    outcome.waiting += 1;
    if (due <= wait.sent || Date.parse(wait.deadline) <= now) continue;
    if (!(await deps.awaiting.advance(wait.remediationId, wait.sent, due))) continue;
    try {
      await deps.putEvent(REMEDIATION_EVENTS.approvalReminder, { ...awaitingDetail(wait, 'reminder'), reminder: { number: due, of: wait.remindAt.length } });
    } catch (error) {
      await deps.awaiting.advance(wait.remediationId, due, wait.sent); // the next sweep tries again
      throw error;
    }
    outcome.reminded.push(wait.remediationId);
  }
  return outcome;
}
