/**
 * The remediation triggers and the closed loop, on events of the app's bus:
 * - `Security Hub Findings - Custom Action` sent to the built-in `Remediate` action: each finding to
 *   the playbook the registry picks;
 * - `Security Hub Findings - Imported` of a created or reopened failing finding: automatic
 *   remediation, only where the settings enable it (per control id or finding type prefix) for
 *   the finding's account or OU — OFF by default;
 * - the same events of a control finding turning FAILED → PASSED: the remediation records of that
 *   finding get `confirmedBy` (the change that confirmed the fix) — also a record still RUNNING,
 *   because the evaluation of the changed resource may land before the playbook's Record step;
 *   Record drops the confirmation when the run does not end in SUCCEEDED or NO_OP.
 * Execution names are deterministic per finding version (or per custom-action event), so a
 * redelivered event starts nothing twice (ExecutionAlreadyExists counts as started). Event fields
 * are untrusted: they only pick a playbook; Check re-reads and validates the stored finding.
 * No SDK, no environment.
 */
import { createHash } from 'node:crypto';
import type { AwsSecurityFinding } from '../asff';
import type { FindingsCustomActionDetail, FindingsImportedDetail } from '../events';
import { REMEDIATE_ACTION_ID, type PlaybookDefinition, type PlaybookExecutionInput, type RemediationRecord } from './contract';
import { guardDutyTypeOf, selectPlaybook } from './selection';
import type { AutomaticRemediation, RemediationSettings } from './settings';
import type { RemediationRecordRepository } from './state/record-store';

/** What the dispatcher needs. */
export interface DispatchDependencies {
  /** `{playbookId: state machine ARN}` (`REMEDIATION_STATE_MACHINES`). */
  stateMachines: Record<string, string>;
  /** StartExecution; resolves `already` on ExecutionAlreadyExists. */
  startExecution(stateMachineArn: string, name: string, input: PlaybookExecutionInput): Promise<'started' | 'already'>;
  settings(): Promise<RemediationSettings>;
  /** Accounts directly in an OU (Organizations ListAccountsForParent, all pages). */
  accountsInOu(ouId: string): Promise<string[]>;
  records: RemediationRecordRepository;
  now(): Date;
}

/** What happened to one finding of an event. */
export interface DispatchOutcome {
  findingId: string;
  action: 'started' | 'already-started' | 'no-playbook' | 'no-state-machine' | 'not-enabled' | 'not-applicable' | 'confirmed' | 'invalid';
  playbookId?: string;
  executionName?: string;
  detail?: string;
}

/** `…:action/custom/Remediate`: the built-in action whose events start remediations. */
export function isRemediateAction(arn: string): boolean {
  return /^arn:[\w-]+:securityhub:[\w-]+:\d{12}:action\/custom\/[A-Za-z0-9]+$/.test(arn) && arn.endsWith(`/${REMEDIATE_ACTION_ID}`);
}

/**
 * A deterministic execution name (≤ 80 characters of `[A-Za-z0-9_-]`): the trigger, and a hash of
 * the playbook, the finding and what makes this request unique (event id, finding version).
 */
export function executionName(trigger: 'action' | 'auto', playbookId: string, finding: { Id: string; ProductArn: string }, discriminator: string): string {
  const hash = createHash('sha256')
    .update(JSON.stringify([playbookId, finding.Id, finding.ProductArn, discriminator]))
    .digest('hex')
    .slice(0, 32);
  return `${trigger}-${hash}`;
}

function identifierOf(finding: unknown): { Id: string; ProductArn: string } | undefined {
  const candidate = finding as { Id?: unknown; ProductArn?: unknown } | null;
  if (typeof candidate?.Id !== 'string' || typeof candidate.ProductArn !== 'string' || candidate.Id === '' || candidate.ProductArn === '') return undefined;
  return { Id: candidate.Id, ProductArn: candidate.ProductArn };
}

async function start(
  deps: DispatchDependencies,
  playbook: PlaybookDefinition,
  finding: { Id: string; ProductArn: string },
  name: string,
  requestedBy: string,
): Promise<DispatchOutcome> {
  const arn = Object.hasOwn(deps.stateMachines, playbook.id) ? deps.stateMachines[playbook.id] : undefined;
  if (arn === undefined) return { findingId: finding.Id, action: 'no-state-machine', playbookId: playbook.id };
  const result = await deps.startExecution(arn, name, { finding, requestedBy });
  return { findingId: finding.Id, action: result === 'started' ? 'started' : 'already-started', playbookId: playbook.id, executionName: name };
}

/** Custom action `Remediate`: each finding to its playbook (none: reported, nothing started). */
export async function dispatchCustomAction(
  event: { id: string; resources?: string[]; detail: FindingsCustomActionDetail },
  deps: DispatchDependencies,
): Promise<DispatchOutcome[]> {
  if (!(event.resources ?? []).some(isRemediateAction)) return [];
  const findings = Array.isArray(event.detail?.findings) ? event.detail.findings : [];
  const outcomes: DispatchOutcome[] = [];
  for (const finding of findings) {
    const identifier = identifierOf(finding);
    if (identifier === undefined) {
      outcomes.push({ findingId: '', action: 'invalid', detail: 'a finding without Id and ProductArn' });
      continue;
    }
    const playbook = selectPlaybook(finding);
    if (playbook === undefined) {
      outcomes.push({ findingId: identifier.Id, action: 'no-playbook' });
      continue;
    }
    outcomes.push(await start(deps, playbook, identifier, executionName('action', playbook.id, identifier, event.id), 'custom-action'));
  }
  return outcomes;
}

/** The automatic-remediation rule that covers a finding: its control id, else a type prefix. */
export function automaticRuleFor(settings: RemediationSettings, finding: AwsSecurityFinding): { key: string; rule: AutomaticRemediation } | undefined {
  const entries = Object.entries(settings.automatic ?? {});
  const controlId = finding.Compliance?.SecurityControlId;
  const byControl = entries.find(([key]) => key === controlId);
  if (byControl !== undefined) return { key: byControl[0], rule: byControl[1] };
  const guardDutyType = guardDutyTypeOf(finding);
  const byType = entries.find(([key]) => (finding.Types ?? []).some((type) => typeof type === 'string' && type.startsWith(key)) || guardDutyType?.startsWith(key));
  return byType === undefined ? undefined : { key: byType[0], rule: byType[1] };
}

/** Whether an import made this finding newly failing: created, or back from PASSED / ARCHIVED. */
export function isNewlyFailing(finding: AwsSecurityFinding, change: FindingsImportedDetail['change']): boolean {
  if (finding.RecordState === 'ARCHIVED' || (finding.Workflow?.Status ?? 'NEW') !== 'NEW') return false;
  const reopened = change.before?.RecordState === 'ARCHIVED';
  if (finding.Compliance !== undefined) {
    return finding.Compliance.Status === 'FAILED' && (change.created || reopened || change.before?.ComplianceStatus !== 'FAILED');
  }
  return change.created || reopened;
}

async function inScope(rule: AutomaticRemediation, accountId: string, deps: DispatchDependencies): Promise<boolean> {
  const accounts = rule.accountIds;
  const units = rule.organizationalUnitIds;
  if (accounts === undefined && units === undefined) return true;
  if (accounts?.includes(accountId)) return true;
  for (const unit of units ?? []) if ((await deps.accountsInOu(unit)).includes(accountId)) return true;
  return false;
}

/** A finding event: automatic remediation of a newly failing finding, and the closed loop of a fixed one. */
export async function dispatchImported(event: { detail: FindingsImportedDetail }, deps: DispatchDependencies): Promise<DispatchOutcome[]> {
  const finding = event.detail?.findings?.[0];
  const change = event.detail?.change;
  const identifier = identifierOf(finding);
  if (identifier === undefined || change === undefined) return [{ findingId: '', action: 'invalid', detail: 'not a finding event' }];
  if (finding.Compliance?.Status === 'PASSED' && change.before?.ComplianceStatus === 'FAILED') return confirm(identifier, finding, change, deps);
  if (!isNewlyFailing(finding, change)) return [{ findingId: identifier.Id, action: 'not-applicable' }];
  // No playbook remediates it: nothing could start, so the settings are not read (most new findings).
  const playbook = selectPlaybook(finding);
  if (playbook === undefined) return [{ findingId: identifier.Id, action: 'not-applicable', detail: 'no playbook remediates this finding' }];
  const settings = await deps.settings();
  const match = automaticRuleFor(settings, finding);
  if (match === undefined || !match.rule.enabled || !(await inScope(match.rule, finding.AwsAccountId, deps))) {
    return [{ findingId: identifier.Id, action: 'not-enabled', ...(match && { detail: `rule ${match.key}` }) }];
  }
  return [await start(deps, playbook, identifier, executionName('auto', playbook.id, identifier, `v${change.version}`), 'auto')];
}

/** Record statuses a PASSED evaluation confirms: a finished fix, or one whose Record step has not run yet. */
const CONFIRMABLE: ReadonlyArray<RemediationRecord['status']> = ['SUCCEEDED', 'NO_OP', 'RUNNING'];

/** Closed loop: the records of a finding whose fix the PASSED evaluation confirms. */
async function confirm(
  identifier: { Id: string; ProductArn: string },
  finding: AwsSecurityFinding,
  change: FindingsImportedDetail['change'],
  deps: DispatchDependencies,
): Promise<DispatchOutcome[]> {
  const records = await deps.records.ofFinding(identifier);
  const outcomes: DispatchOutcome[] = [];
  for (const record of records) {
    if (!CONFIRMABLE.includes(record.status) || record.confirmedBy !== undefined) continue;
    const confirmedBy = { findingVersion: change.version, at: finding.UpdatedAt ?? deps.now().toISOString(), source: `${change.source.Type}:${change.source.Identity}` };
    await deps.records.transition(record.remediationId, [record.status], { confirmedBy });
    outcomes.push({ findingId: identifier.Id, action: 'confirmed', playbookId: record.playbookId, executionName: record.remediationId });
  }
  return outcomes.length > 0 ? outcomes : [{ findingId: identifier.Id, action: 'not-applicable', detail: 'no remediation to confirm' }];
}
