/**
 * The remediation contract: what every playbook state machine, its shared task functions, the
 * triggers and the embedded default's member-account emulation agree on. Types and constants only.
 *
 * Every playbook (`statemachines/remediation-<id>.asl.json`) has the same safe shape:
 *
 *   Check ─▶ Read Before ─▶ Already Fixed? ─yes─▶ Record (NO_OP)
 *                                  │no
 *                                  ▼
 *                             Dry Run? ─yes─▶ Record (DRY_RUN, with the planned change)
 *                                  │no
 *                                  ▼
 *                          Needs Approval? ─yes─▶ Await Approval (task token) ─rejected─▶ Record (REJECTED)
 *                                  │no / approved
 *                                  ▼
 *                         Act ─▶ Verify ─▶ Fixed? ─yes─▶ Record (SUCCEEDED) ─▶ end
 *                                            │no
 *                                            ▼
 *                                   Record (FAILED) ─▶ Fail
 *   Check says SKIP (no longer applies, excluded, hostile, rate-limited) ─▶ Record (SKIPPED)
 *   any error in Read/Act/Verify ─▶ Record (FAILED, with the error) ─▶ Fail
 *
 * Check and Record are shared Lambda functions (one each for all playbooks); Read Before, Act and
 * Verify are Step Functions AWS SDK integrations (`arn:aws:states:::aws-sdk:<service>:<action>`)
 * with `Credentials.RoleArn` = the member account's remediation role that Check derived — never a
 * value taken from the finding.
 */

/** Name of the role every member account deploys for remediation (member stack); trusts only the admin account's playbooks. */
export const MEMBER_REMEDIATION_ROLE_NAME = 'OpenSecurityHubRemediation';
/** Tag on a resource that opts it out of remediation (value `off`, case-insensitive). */
export const OPT_OUT_TAG = 'opensecurityhub:remediation';
/** Detail-types the app puts on its bus (source `open-security-hub`) when a remediation ends. */
export const REMEDIATION_EVENTS = {
  completed: 'Remediation Completed',
  failed: 'Remediation Failed',
  awaitingApproval: 'Remediation Awaiting Approval',
  approvalReminder: 'Remediation Approval Reminder',
} as const;
/** Id of the built-in custom action that remediates the selected findings (`…:action/custom/Remediate`). */
export const REMEDIATE_ACTION_ID = 'Remediate';

/** One playbook of the registry (`lambdas/remediation/playbooks.ts`). Data only. */
export interface PlaybookDefinition {
  /** Stable id, `[a-z0-9-]+`; the ASL file is `statemachines/remediation-<id>.asl.json`. */
  id: string;
  title: string;
  /** What it remediates: Security Hub control ids (`S3.8`) and/or finding type prefixes (`TTPs/…`, GuardDuty `UnauthorizedAccess:IAMUser/`). */
  remediates: { securityControlIds?: string[]; findingTypePrefixes?: string[]; guardDutyTypePrefixes?: string[] };
  /** ASFF resource type it acts on (`AwsS3Bucket`, `AwsEc2SecurityGroup`, `AwsAccount` …). */
  resourceType: string;
  /** IAM actions the member-account role needs for Read Before, Act and Verify. */
  memberActions: string[];
  /** True when the change cannot simply be undone (isolation, key deactivation). */
  destructive: boolean;
  /** Whether a human must approve before Act, unless the caller overrides (destructive ⇒ true). */
  approvalByDefault: boolean;
}

/** Input of a playbook execution (StartExecution, the custom action, auto-remediation, `sechub remediate`). */
export interface PlaybookExecutionInput {
  /** The finding to remediate; re-read from the store by Check (its fields here are not trusted). */
  finding: { Id: string; ProductArn: string };
  /** Report what would change without changing it. Default false. */
  dryRun?: boolean;
  /** Pre-approval by the caller (`sechub remediate --approve`); ignored when the settings forbid it. */
  approved?: boolean;
  /** Who asked: `custom-action`, `auto`, `cli:<identity>`, `api:<identity>`. */
  requestedBy: string;
}

/**
 * What every playbook's `Check` state passes the shared Check function: the playbook, the
 * execution (`$$.Execution.Id`), and the execution input as it came (untrusted: anyone who may start
 * the state machine wrote it). The SDK states then read only `$.check.target`; per playbook,
 * `target.parameters` carries what its calls need (`iam-deactivate-access-key`: `userName`).
 */
export interface CheckInput {
  playbookId: string;
  executionArn: string;
  input: PlaybookExecutionInput;
}

/** Where a playbook acts, derived by Check from the stored finding and validated. */
export interface RemediationTarget {
  accountId: string;
  region: string;
  partition: string;
  /** The resource as the SDK calls name it (bucket name, security group id, access key id, instance id, trail ARN …). */
  resourceId: string;
  /** The resource's ARN (Resources[0].Id), validated against the playbook's type and the account. */
  resourceArn: string;
  /** `arn:<partition>:iam::<accountId>:role/OpenSecurityHubRemediation`. */
  roleArn: string;
  /** Playbook-specific values Check extracted and validated (e.g. the offending ports and CIDRs). */
  parameters: Record<string, unknown>;
}

/** Output of the shared Check task. */
export interface CheckResult {
  decision: 'PROCEED' | 'SKIP';
  /** Why: what was checked, or why it is skipped (no longer applies / excluded / rate-limited / refused). */
  reason: string;
  remediationId: string;
  playbookId: string;
  dryRun: boolean;
  approvalRequired: boolean;
  finding: { Id: string; ProductArn: string };
  /** Present when decision is PROCEED. */
  target?: RemediationTarget;
  /** Seconds Await Approval waits before the remediation counts as rejected (its `TimeoutSecondsPath`); set on PROCEED. */
  approvalTimeoutSeconds?: number;
}

/** How a playbook execution ended. */
export type RemediationOutcome = 'SUCCEEDED' | 'NO_OP' | 'DRY_RUN' | 'REJECTED' | 'SKIPPED' | 'FAILED';

/** Input of the shared Record task. */
export interface RecordInput {
  check: CheckResult;
  outcome: RemediationOutcome;
  /** What was (or, in a dry run, would be) changed, in words a responder reads on the finding's Note. */
  summary: string;
  /** Execution ARN (`$$.Execution.Id`). */
  executionArn: string;
  /** States' error and cause when FAILED. */
  error?: { Error?: string; Cause?: string };
}

/** The remediation record (one item per execution, on the findings table), linking execution, finding and confirmation. */
export interface RemediationRecord {
  remediationId: string;
  playbookId: string;
  executionArn: string;
  finding: { Id: string; ProductArn: string };
  requestedBy: string;
  status: 'RUNNING' | 'AWAITING_APPROVAL' | RemediationOutcome;
  startedAt: string;
  endedAt?: string;
  summary?: string;
  /** Set when the control finding turned PASSED after the fix (closed loop): the change that confirmed it. */
  confirmedBy?: { findingVersion: number; at: string; source: string };
}

/** Input of the shared Await Approval task (`arn:aws:states:::lambda:invoke.waitForTaskToken`, Payload `{check, taskToken: $$.Task.Token, executionArn: $$.Execution.Id}`). */
export interface ApprovalRequestInput {
  check: CheckResult;
  taskToken: string;
  executionArn: string;
  /** What Act would change, in words (each playbook's `States.Format` of its target): the approval alert shows it. */
  summary?: string;
}
/** The task's output when approved (SendTaskSuccess). A rejection is SendTaskFailure with {@link APPROVAL_REJECTED_ERROR}, the reason as cause. */
export interface ApprovalDecision {
  approved: true;
  approvedBy: string;
  at: string;
}
/** Error of the Await Approval task when a human rejects (Catch it → Record REJECTED). */
export const APPROVAL_REJECTED_ERROR = 'Remediation.Rejected';
/**
 * Environment variable of the dispatcher (and anything else that starts playbooks): JSON
 * `{ "<playbookId>": "<state machine ARN>" }`, set by the remediation construct from the registry.
 */
export const REMEDIATION_STATE_MACHINES_ENV = 'REMEDIATION_STATE_MACHINES';
