import type { AwsSecurityFinding } from '../asff';

const DAY_SECONDS = 86_400;

/** Days an ACTIVE finding is kept after its last change (Security Hub: 90). */
export const ACTIVE_RETENTION_DAYS = 90;
/** Days an ARCHIVED finding is kept after its last change (Security Hub: 30). */
export const ARCHIVED_RETENTION_DAYS = 30;
/** Days a history record is kept (Security Hub: 90). */
export const HISTORY_RETENTION_DAYS = 90;

/** Epoch seconds after which the finding written at `writtenAt` is gone. */
export function findingExpiry(finding: AwsSecurityFinding, writtenAt: Date): number {
  const days = finding.RecordState === 'ARCHIVED' ? ARCHIVED_RETENTION_DAYS : ACTIVE_RETENTION_DAYS;
  return Math.floor(writtenAt.getTime() / 1000) + days * DAY_SECONDS;
}

/** Epoch seconds after which a history record written at `writtenAt` is gone. */
export function historyExpiry(writtenAt: Date): number {
  return Math.floor(writtenAt.getTime() / 1000) + HISTORY_RETENTION_DAYS * DAY_SECONDS;
}

/** True once `expiresAt` has passed: DynamoDB TTL deletes days later, so every read checks this. */
export function isExpired(expiresAt: number | undefined, now: Date): boolean {
  return expiresAt !== undefined && expiresAt <= Math.floor(now.getTime() / 1000);
}
