/**
 * Approval settings (member `approval` of the remediation settings): how long a remediation waits
 * for a decision before it counts as rejected, when reminders go out before that, and who may
 * approve. Pure: defaults, validation (errors name the member path) and the schedule of one wait.
 */
import { InvalidInputError } from '../shared/errors';

/** The `approval` member of the remediation settings. */
export interface ApprovalSettings {
  /** Seconds a remediation waits at Await Approval before it is REJECTED (timed out). Default 86,400 (24 h). */
  timeoutSeconds?: number;
  /** Reminders, in seconds before the timeout. Default: at half-time and 1 h before (those that fall inside the wait). */
  reminderSecondsBeforeTimeout?: number[];
  /**
   * Who may approve or reject: caller identities (IAM principal ARNs deployed, local names on the
   * embedded default); an entry ending in `*` matches by prefix. Absent: anyone allowed to call
   * ApproveRemediation / RejectRemediation on the API.
   */
  approvers?: string[];
}

/** Default approval wait: 24 hours. */
export const DEFAULT_APPROVAL_TIMEOUT_SECONDS = 86_400;
/** Longest approval wait: 7 days (each playbook's execution times out after 8). */
export const MAX_APPROVAL_TIMEOUT_SECONDS = 7 * 86_400;
const HOUR = 3600;
const MAX_REMINDERS = 10;
const MAX_APPROVERS = 100;

/** The plan of one approval wait, from the settings. */
export interface ApprovalPlan {
  timeoutSeconds: number;
  /** Seconds after the request at which reminders go out, ascending, each inside the wait. */
  reminderOffsets: number[];
  /** Empty: anyone allowed to call the operations. */
  approvers: string[];
}

function fail(path: string, message: string): never {
  throw new InvalidInputError(`Invalid parameter '${path}': ${message}`);
}

/** Checks the `approval` member; throws naming the member path. */
export function validateApprovalSettings(value: unknown, path = 'Settings.approval'): ApprovalSettings {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'expected an object.');
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record))
    if (!['timeoutSeconds', 'reminderSecondsBeforeTimeout', 'approvers'].includes(key))
      fail(`${path}.${key}`, 'unknown member (expected one of timeoutSeconds, reminderSecondsBeforeTimeout, approvers).');
  const settings: ApprovalSettings = {};
  if (record.timeoutSeconds !== undefined) {
    const timeout = record.timeoutSeconds;
    if (!Number.isInteger(timeout) || (timeout as number) < 1 || (timeout as number) > MAX_APPROVAL_TIMEOUT_SECONDS)
      fail(`${path}.timeoutSeconds`, `expected an integer from 1 to ${MAX_APPROVAL_TIMEOUT_SECONDS} (7 days).`);
    settings.timeoutSeconds = timeout as number;
  }
  if (record.reminderSecondsBeforeTimeout !== undefined) {
    const list = record.reminderSecondsBeforeTimeout;
    if (!Array.isArray(list) || list.length > MAX_REMINDERS) fail(`${path}.reminderSecondsBeforeTimeout`, `expected a list of at most ${MAX_REMINDERS} integers.`);
    list.forEach((entry, index) => {
      if (!Number.isInteger(entry) || entry < 1 || entry >= (settings.timeoutSeconds ?? DEFAULT_APPROVAL_TIMEOUT_SECONDS))
        fail(`${path}.reminderSecondsBeforeTimeout[${index}]`, 'expected an integer of seconds, at least 1 and less than the timeout.');
    });
    settings.reminderSecondsBeforeTimeout = [...new Set(list as number[])];
  }
  if (record.approvers !== undefined) {
    const list = record.approvers;
    if (!Array.isArray(list) || list.length > MAX_APPROVERS) fail(`${path}.approvers`, `expected a list of at most ${MAX_APPROVERS} identities.`);
    list.forEach((entry, index) => {
      if (typeof entry !== 'string' || entry.length === 0 || entry.length > 2048)
        fail(`${path}.approvers[${index}]`, 'expected a caller identity (an IAM principal ARN, a local name; * at the end matches a prefix).');
    });
    settings.approvers = [...new Set(list as string[])];
  }
  return settings;
}

/** The plan of a wait under `settings` (absent: the defaults). */
export function approvalPlan(settings: ApprovalSettings | undefined): ApprovalPlan {
  const timeoutSeconds = settings?.timeoutSeconds ?? DEFAULT_APPROVAL_TIMEOUT_SECONDS;
  const before = settings?.reminderSecondsBeforeTimeout ?? [Math.floor(timeoutSeconds / 2), HOUR];
  const reminderOffsets = [...new Set(before.filter((seconds) => seconds > 0 && seconds < timeoutSeconds).map((seconds) => timeoutSeconds - seconds))].sort((a, b) => a - b);
  return { timeoutSeconds, reminderOffsets, approvers: settings?.approvers ?? [] };
}

/** True when `identity` may approve under `plan` (no approvers listed: anyone who may call the operation). */
export function mayApprove(plan: Pick<ApprovalPlan, 'approvers'>, identity: string): boolean {
  if (plan.approvers.length === 0) return true;
  return plan.approvers.some((approver) => (approver.endsWith('*') ? identity.startsWith(approver.slice(0, -1)) : identity === approver));
}

/** "24 h", "90 min", "45 s": a duration as a responder reads it. */
export function durationText(seconds: number): string {
  if (seconds % HOUR === 0) return `${seconds / HOUR} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}
