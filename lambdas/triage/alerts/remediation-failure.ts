/**
 * The alert for a failed remediation (`Remediation Failed` on the app's bus, put by the playbooks'
 * Record task): a responder must learn that a fix did not happen, whatever the finding's severity.
 * Pure: the event's detail → one message. Not grouped (each failure is its own problem).
 */
import { ALERT_KINDS, type AlertMessage } from './message';
import { InvalidFindingEventError } from './router';

/** The `detail` of a `Remediation Failed` event, as far as the alert reads it. */
export interface RemediationFailedDetail {
  remediationId: string;
  playbookId: string;
  executionArn: string;
  finding: { Id: string; ProductArn: string };
  accountId?: string;
  region?: string;
  resourceArn?: string;
  summary?: string;
  reason?: string;
  error?: { Error?: string; Cause?: string };
}

const MAX_SUBJECT_LENGTH = 99;
const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** Checks the members the message needs; names the one missing. */
export function readRemediationFailed(detail: unknown): RemediationFailedDetail {
  const value = (detail ?? {}) as Record<string, unknown>;
  for (const member of ['remediationId', 'playbookId', 'executionArn'] as const) {
    if (typeof value[member] !== 'string' || value[member] === '') throw new InvalidFindingEventError(`detail.${member}`, 'expected a string');
  }
  const finding = value.finding as { Id?: unknown; ProductArn?: unknown } | undefined;
  if (typeof finding?.Id !== 'string' || typeof finding.ProductArn !== 'string') {
    throw new InvalidFindingEventError('detail.finding', 'expected {Id, ProductArn}');
  }
  return value as unknown as RemediationFailedDetail;
}

/** `[REMEDIATION FAILED] <playbook> on <resource>`, the error, and the commands to look and retry. */
export function remediationFailedMessage(detail: RemediationFailedDetail): AlertMessage {
  const where = detail.resourceArn ?? detail.finding.Id;
  const subject = `[REMEDIATION FAILED] ${detail.playbookId} on ${where}`.replace(/[^\x20-\x7e]/g, '').slice(0, MAX_SUBJECT_LENGTH);
  const error = [text(detail.error?.Error), text(detail.error?.Cause)].filter(Boolean).join(': ') || text(detail.summary) || 'no error reported';
  const body = [
    `Remediation ${detail.remediationId} (${detail.playbookId}) failed: the finding was not fixed and is back to NEW.`,
    '',
    `Finding:   ${detail.finding.Id}`,
    `Where:     account ${detail.accountId ?? 'unknown'}, ${detail.region ?? 'unknown Region'}, ${where}`,
    `Error:     ${error}`,
    `Execution: ${detail.executionArn}`,
    '',
    'Act:',
    `  npx sechub get-remediation --remediation-id ${detail.remediationId}`,
    `  npx sechub remediate --finding-id '${detail.finding.Id.replace(/'/g, `'\\''`)}' --product-arn ${detail.finding.ProductArn} --dry-run --wait`,
  ].join('\n');
  return {
    subject,
    body,
    attributes: {
      severity: { DataType: 'String', StringValue: 'HIGH' },
      reason: { DataType: 'String', StringValue: 'remediation-failed' },
      product: { DataType: 'String', StringValue: 'Open Security Hub' },
      alertKind: { DataType: 'String', StringValue: ALERT_KINDS.remediationFailed },
      alertId: { DataType: 'String', StringValue: `${detail.remediationId}:failed` },
      remediationId: { DataType: 'String', StringValue: detail.remediationId },
      findingId: { DataType: 'String', StringValue: detail.finding.Id },
      productArn: { DataType: 'String', StringValue: detail.finding.ProductArn },
      ...(detail.accountId && { account: { DataType: 'String', StringValue: detail.accountId } }),
    },
  };
}
