/**
 * The shared Check task: re-reads the finding and decides whether the playbook may act on it.
 * Every field of the stored finding is UNTRUSTED (a provider or member account wrote it): the
 * target is derived only from values that pass strict patterns, the account named by the resource
 * must be the finding's own, and the member role ARN is built from that validated account only.
 * No SDK, no environment: the dependencies come in.
 */
import { approvalPlan } from './approval-settings';
import type { AwsSecurityFinding } from '../asff';
import { MEMBER_REMEDIATION_ROLE_NAME, OPT_OUT_TAG, type CheckInput, type CheckResult, type PlaybookDefinition, type RemediationTarget } from './contract';
import { isRegion, memberRoleArn, parseResource, productArnLocation } from './resource-targets';
import { accountExclusion, type RemediationSettings } from './settings';
import { matchesPlaybook } from './selection';
import type { RemediationRecordRepository } from './state/record-store';
import type { RateLimiter } from './state/rate-limit';

export type { CheckInput };

/** What {@link runCheck} needs. */
export interface CheckDependencies {
  playbook(id: string): PlaybookDefinition | undefined;
  /** The stored finding (the store's GetFindings by Id and ProductArn), undefined when absent. */
  readFinding(identifier: { Id: string; ProductArn: string }): Promise<AwsSecurityFinding | undefined>;
  settings(): Promise<RemediationSettings>;
  /** The resource's current tags from its stored Config item, when one is available. */
  currentTags?(target: RemediationTarget, resourceType: string): Promise<Record<string, string> | undefined>;
  rateLimiter: RateLimiter;
  records: RemediationRecordRepository;
  /** Moves the finding's Workflow to NOTIFIED with a Note (the store's BatchUpdateFindings, as `open-security-hub/remediation`). */
  markNotified(identifier: { Id: string; ProductArn: string }, note: string): Promise<void>;
  now(): Date;
}

/** The identity the remediation tasks change findings as. */
export const REMEDIATION_IDENTITY = 'open-security-hub/remediation';
const ACCOUNT = /^\d{12}$/;
const EXECUTION_ARN = /^arn:[\w-]+:states:[\w-]+:\d{12}:execution:[A-Za-z0-9_-]{1,80}:([A-Za-z0-9_-]{1,80})$/;

/** The remediation id of an execution: its name (the last part of the execution ARN). */
export function remediationIdOf(executionArn: string): string {
  const match = EXECUTION_ARN.exec(executionArn);
  if (match === null) throw new Error(`executionArn: not a Step Functions execution ARN: '${executionArn}'`);
  return match[1];
}

/** A decision without the record-keeping: PROCEED with the target, or SKIP with the reason. */
export type Assessment = { decision: 'PROCEED'; reason: string; target: RemediationTarget } | { decision: 'SKIP'; reason: string };

const skip = (reason: string): Assessment => ({ decision: 'SKIP', reason });

function isGuardDuty(finding: AwsSecurityFinding): boolean {
  return /:product\/aws\/guardduty$/.test(finding.ProductArn);
}

function tagOptsOut(tags: Record<string, unknown> | undefined): boolean {
  if (tags === undefined || tags === null || typeof tags !== 'object') return false;
  const entry = Object.entries(tags).find(([key]) => key.toLowerCase() === OPT_OUT_TAG);
  return typeof entry?.[1] === 'string' && entry[1].trim().toLowerCase() === 'off';
}

/** Whether the finding still asks for remediation: open, and failing or a live threat. */
function stillApplies(finding: AwsSecurityFinding): string | undefined {
  if (finding.RecordState === 'ARCHIVED') return 'the finding is ARCHIVED';
  const workflow = finding.Workflow?.Status;
  if (workflow === 'SUPPRESSED' || workflow === 'RESOLVED') return `the finding's workflow is ${workflow}`;
  const compliance = finding.Compliance?.Status;
  if (finding.Compliance !== undefined && compliance !== 'FAILED') return `the control finding is ${compliance ?? 'without a compliance status'}, not FAILED`;
  if (isGuardDuty(finding) && String((finding.ProductFields as Record<string, unknown> | undefined)?.['aws/guardduty/service/archived']) === 'true') {
    return 'the GuardDuty finding is archived in GuardDuty';
  }
  return undefined;
}

/**
 * The pure part of Check: whether `playbook` may act on the stored `finding` under `settings`, and
 * on what. Refuses anything whose resource does not parse exactly, names another account, partition
 * or Region, or is excluded.
 */
export function assess(finding: AwsSecurityFinding, playbook: PlaybookDefinition, settings: RemediationSettings, executionRegion?: string): Assessment {
  const closed = stillApplies(finding);
  if (closed !== undefined) return skip(`No longer applies: ${closed}`);
  if (!matchesPlaybook(playbook, finding)) return skip(`Refused: playbook ${playbook.id} does not remediate this finding's control or type`);
  const accountId = finding.AwsAccountId;
  if (typeof accountId !== 'string' || !ACCOUNT.test(accountId)) return skip('Refused: the finding has no valid AwsAccountId');
  const home = productArnLocation(finding.ProductArn);
  if (home === undefined) return skip("Refused: the finding's ProductArn names no partition and Region");
  const resources = finding.Resources ?? [];
  if (resources.length === 0) return skip('Refused: the finding names no resource');
  const [resource] = resources;
  if (resource.Type !== playbook.resourceType) return skip(`Refused: resource type ${String(resource.Type).slice(0, 64)} is not the playbook's ${playbook.resourceType}`);
  const parsed = parseResource(resource.Type, resource.Id);
  if (parsed === undefined) return skip(`Refused: the resource id is not a well-formed ${playbook.resourceType} identifier`);
  const region = finding.Region ?? home.region;
  if (!isRegion(region)) return skip("Refused: the finding's Region is not a Region name");
  const partition = parsed.partition || resource.Partition || home.partition;
  if (partition !== home.partition || (resource.Partition !== undefined && resource.Partition !== home.partition)) {
    return skip(`Refused: the resource is in partition ${String(partition).slice(0, 20)}, the finding in ${home.partition}`);
  }
  if (parsed.region !== undefined && parsed.region !== region) return skip(`Refused: the resource is in ${parsed.region}, the finding in ${region}`);
  if (resource.Region !== undefined && parsed.region !== undefined && resource.Region !== parsed.region) return skip("Refused: the resource's Region does not match its ARN");
  if (parsed.accountId !== undefined && parsed.accountId !== accountId) return skip(`Refused: the resource belongs to account ${parsed.accountId}, not the finding's ${accountId}`);
  // SDK integrations call the service in the state machine's own Region: a resource elsewhere is out of reach.
  if (executionRegion !== undefined && !GLOBAL_TYPES.has(playbook.resourceType) && region !== executionRegion) {
    return skip(`Refused: the resource is in ${region}; this playbook runs in ${executionRegion} and acts only there`);
  }
  const parameters = playbookParameters(playbook.resourceType, resource, accountId);
  if (typeof parameters === 'string') return skip(parameters);
  const excluded = accountExclusion(settings, playbook.id, accountId);
  if (excluded !== undefined) return skip(`Excluded: ${excluded}`);
  if (tagOptsOut(resource.Tags as Record<string, unknown> | undefined)) return skip(`Excluded: the resource carries the opt-out tag ${OPT_OUT_TAG}=off`);
  const target: RemediationTarget = {
    accountId,
    region,
    partition: home.partition,
    resourceId: parsed.resourceId,
    resourceArn: resource.Id,
    roleArn: memberRoleArn(home.partition, accountId, MEMBER_REMEDIATION_ROLE_NAME),
    parameters,
  };
  return { decision: 'PROCEED', reason: `${playbook.id} applies to ${playbook.resourceType} ${parsed.resourceId} in ${accountId}/${region}`, target };
}

/** Resource types whose API is global (IAM): any Region's playbook reaches them. */
const GLOBAL_TYPES = new Set(['AwsIamAccessKey']);
const IAM_USER_NAME = /^[\w+=,.@-]{1,64}$/;

/** The playbook-specific parameters Check validates from the finding, or why it refuses. */
function playbookParameters(resourceType: string, resource: NonNullable<AwsSecurityFinding['Resources']>[number], accountId: string): Record<string, unknown> | string {
  // S3 bucket ARNs name no account: every S3 call passes the owner it expects.
  if (resourceType === 'AwsS3Bucket') return { ExpectedBucketOwner: accountId };
  if (resourceType === 'AwsIamAccessKey') {
    const details = (resource.Details as Record<string, Record<string, unknown> | undefined> | undefined)?.AwsIamAccessKey ?? {};
    const principalType = details.PrincipalType;
    if (String(resource.Id).includes(':ASIA') || (principalType !== undefined && principalType !== 'IAMUser')) {
      return "Refused: the key is temporary or not an IAM user's (only IAM user access keys can be deactivated)";
    }
    const userName = details.PrincipalName ?? details.UserName;
    if (typeof userName !== 'string' || !IAM_USER_NAME.test(userName)) return 'Refused: the finding names no valid IAM user name for the access key';
    return { userName };
  }
  return {};
}

/** Whether a human must approve: settings may force it; else the caller's pre-approval, else the playbook's default. */
export function approvalRequired(playbook: PlaybookDefinition, settings: RemediationSettings, approved: boolean | undefined): boolean {
  const forced = Object.hasOwn(settings.playbooks, playbook.id) && settings.playbooks[playbook.id].requireApproval === true;
  if (forced) return true;
  if (approved === true) return false;
  return playbook.approvalByDefault || playbook.destructive;
}

/**
 * The Check task: re-reads the finding, assesses it, and on PROCEED (not a dry run) takes a rate
 * slot, creates the RUNNING record and moves the finding to NOTIFIED. Idempotent for a retried
 * invocation of the same execution (the record exists: the decision is re-derived, nothing counted twice).
 */
export async function runCheck(task: CheckInput, deps: CheckDependencies): Promise<CheckResult> {
  const remediationId = remediationIdOf(task.executionArn);
  const input = { ...(task.input ?? {}), playbookId: task.playbookId, executionArn: task.executionArn };
  const finding = { Id: String(input.finding?.Id ?? ''), ProductArn: String(input.finding?.ProductArn ?? '') };
  const dryRun = input.dryRun === true;
  const base = { remediationId, playbookId: input.playbookId, dryRun, approvalRequired: false, finding };
  const playbook = deps.playbook(input.playbookId);
  if (playbook === undefined) return { ...base, decision: 'SKIP', reason: `Refused: no playbook ${input.playbookId}` };
  if (finding.Id === '' || finding.ProductArn === '') return { ...base, decision: 'SKIP', reason: 'Refused: the input names no finding Id and ProductArn' };
  const stored = await deps.readFinding(finding);
  if (stored === undefined) return { ...base, decision: 'SKIP', reason: 'No longer applies: the finding was not found' };
  const settings = await deps.settings();
  const assessment = assess(stored, playbook, settings, task.executionArn.split(':')[3]);
  if (assessment.decision === 'SKIP') return { ...base, decision: 'SKIP', reason: assessment.reason };
  const { target } = assessment;
  const tags = await deps.currentTags?.(target, playbook.resourceType);
  if (tagOptsOut(tags)) return { ...base, decision: 'SKIP', reason: `Excluded: the resource's current Config item carries the opt-out tag ${OPT_OUT_TAG}=off` };
  const result: CheckResult = {
    ...base,
    decision: 'PROCEED',
    reason: assessment.reason,
    approvalRequired: approvalRequired(playbook, settings, input.approved),
    target,
    approvalTimeoutSeconds: approvalPlan(settings.approval).timeoutSeconds,
  };
  if (dryRun) return result;

  const existing = await deps.records.get(remediationId);
  if (existing !== undefined) {
    if (existing.executionArn !== input.executionArn) return { ...base, decision: 'SKIP', reason: `Refused: remediation id ${remediationId} belongs to another execution` };
    return result; // a retried Check of this execution: already counted, recorded and notified
  }
  const now = deps.now();
  if (!(await deps.rateLimiter.take(target.accountId, settings.rateLimitPerAccountPerHour, now))) {
    return { ...base, decision: 'SKIP', reason: `Rate-limited: account ${target.accountId} reached ${settings.rateLimitPerAccountPerHour} remediations this hour` };
  }
  const created = await deps.records.create({
    remediationId,
    playbookId: playbook.id,
    executionArn: input.executionArn,
    finding,
    requestedBy: String(input.requestedBy ?? 'unknown').slice(0, 256),
    status: 'RUNNING',
    startedAt: now.toISOString(),
    workflowBefore: stored.Workflow?.Status ?? 'NEW',
    accountId: target.accountId,
    resourceArn: target.resourceArn,
    dryRun,
  });
  if (!created) return result;
  await deps.markNotified(finding, `Remediation ${playbook.id} started by ${String(input.requestedBy ?? 'unknown').slice(0, 128)}, execution ${input.executionArn}`);
  return result;
}
