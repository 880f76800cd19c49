/**
 * The one skeleton every remediation playbook shares (the safe shape of
 * `lambdas/remediation/contract.ts`): Check → Read Before → Already Fixed? → Dry Run? → Needs
 * Approval? → Await Approval → Act → Verify → Fixed? → Record, with the shared Lambda tasks, their
 * retries and the catch-alls. A playbook supplies only what differs: a {@link PlaybookAslSpec}
 * (`specs/<id>.ts`). `npm run generate` writes `statemachines/remediation-<id>.asl.json` from it.
 */
import { MAX_APPROVAL_TIMEOUT_SECONDS } from '../approval-settings';
import { retry, choice, LAMBDA_TRANSIENT_ERRORS, RECORD_FAILURE } from './asl';
import type { AslState, AslStates, ChoiceCondition, JsonObject, ReadSide } from './asl';

/** What one playbook's state machine has of its own; the skeleton adds everything else. */
export interface PlaybookAslSpec {
  /** The registry id (`lambdas/remediation/playbooks.ts`). */
  id: string;
  /** What it does, for the machine's Comment ("… playbook <id>: <description> Safe shape …"). */
  description: string;
  /** `States.Format` expressions (see `format`) a responder reads on the finding's Note and in the approval alert. */
  summaries: {
    /** The planned change: Await Approval and Record Dry Run. */
    change: string;
    /** Record Success (after the read-back confirmed the change). */
    success: string;
    /** Record No-op (Read Before showed nothing to do). */
    noOp: string;
    /** Record Failure. */
    failure: string;
  };
  /**
   * Reads the resource into `$.<side>`: Read Before (`before`) and Verify (`after`) are the same
   * read. The first state is named `Read Before` / `Verify`; the states' last `Next` is `next`.
   */
  read(side: ReadSide, next: string): AslStates;
  /** The condition on `$.<side>` that holds when the resource is as the playbook wants it (Already Fixed? / Fixed?). */
  fixed(side: ReadSide): ChoiceCondition;
  /** The change: its first state is named `Act`, its last `Next` is `next` (Verify). Errors go to Record Failure. */
  act(next: string): AslStates;
  /** The Cause of `Remediation.NotFixed` when the read-back does not show the change. */
  notFixedCause: string;
}

/** A whole state machine definition as the generated file holds it. */
export interface AslDefinition {
  Comment: string;
  TimeoutSeconds: number;
  StartAt: string;
  States: AslStates;
}

/**
 * The execution's ceiling (8 days): the longest approval wait the remediation settings allow
 * (approval.timeoutSeconds ≤ 7 days) plus a day for the reads and writes around it.
 */
export const PLAYBOOK_TIMEOUT_SECONDS = MAX_APPROVAL_TIMEOUT_SECONDS + 86_400;

const SAFE_SHAPE_NOTE =
  'Safe shape of lambdas/remediation/contract.ts: Check, Read Before, Already Fixed?, Dry Run?, Needs Approval?, Await Approval, Act, Verify, Fixed?, Record.';

/** A task invoking one of the shared Lambda functions by its template placeholder, retried on Lambda's transient errors. */
function recordTask(outcome: string, summary: JsonObject, extra: JsonObject, end: JsonObject): AslState {
  return {
    Type: 'Task',
    Resource: '${RecordFunctionArn}',
    Parameters: { 'check.$': '$.check', outcome, ...summary, 'executionArn.$': '$$.Execution.Id', ...extra },
    ResultPath: '$.record',
    Retry: retry(LAMBDA_TRANSIENT_ERRORS),
    ...end,
  };
}

/** The first state's name of the read on each side. */
const READ_STATE: Record<ReadSide, string> = { before: 'Read Before', after: 'Verify' };

/** Checks that a spec's chain starts where the skeleton points to. */
function chain(states: AslStates, first: string, what: string, id: string): AslStates {
  const names = Object.keys(states);
  if (names[0] !== first) throw new Error(`playbook ${id}: ${what} must start with the state "${first}", not "${names[0] ?? '(none)'}"`);
  return states;
}

/** The state machine definition of a playbook: the skeleton filled with its spec. */
export function playbookDefinition(spec: PlaybookAslSpec): AslDefinition {
  const { id, summaries } = spec;
  const end = { End: true };
  const states: AslStates = {
    Check: {
      Type: 'Task',
      Comment:
        'Re-reads the finding and decides (shared Check function): PROCEED with a validated target, or SKIP with a reason. Its result is the only source of what the later states act on.',
      Resource: '${CheckFunctionArn}',
      Parameters: { playbookId: id, 'executionArn.$': '$$.Execution.Id', 'input.$': '$' },
      ResultPath: '$.check',
      Retry: retry(LAMBDA_TRANSIENT_ERRORS),
      Next: 'Proceed?',
    },
    'Proceed?': choice({ Variable: '$.check.decision', StringEquals: 'PROCEED' }, READ_STATE.before, 'Record Skipped'),
    ...chain(spec.read('before', 'Already Fixed?'), READ_STATE.before, 'read("before")', id),
    'Already Fixed?': choice(spec.fixed('before'), 'Record No-op', 'Dry Run?'),
    'Dry Run?': choice({ Variable: '$.check.dryRun', BooleanEquals: true }, 'Record Dry Run', 'Needs Approval?'),
    'Needs Approval?': choice({ Variable: '$.check.approvalRequired', BooleanEquals: true }, 'Await Approval', 'Act'),
    'Await Approval': {
      Type: 'Task',
      Comment:
        'The shared Approval function stores the task token with the remediation record and alerts who may approve (what would change, the commands, the console link); ApproveRemediation / RejectRemediation (API, sechub) answer it. Rejection is the error Remediation.Rejected; no answer within the approval timeout (remediation settings approval.timeoutSeconds, default 24 h, passed by Check as $.check.approvalTimeoutSeconds) is States.Timeout: REJECTED with a note.',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: {
        FunctionName: '${ApprovalFunctionArn}',
        Payload: { 'check.$': '$.check', 'taskToken.$': '$$.Task.Token', 'executionArn.$': '$$.Execution.Id', 'summary.$': summaries.change },
      },
      TimeoutSecondsPath: '$.check.approvalTimeoutSeconds',
      ResultPath: '$.approval',
      Retry: retry(LAMBDA_TRANSIENT_ERRORS),
      Catch: [
        { ErrorEquals: ['Remediation.Rejected', 'States.Timeout'], ResultPath: '$.rejection', Next: 'Record Rejected' },
        { ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: RECORD_FAILURE },
      ],
      Next: 'Act',
    },
    ...chain(spec.act(READ_STATE.after), 'Act', 'act()', id),
    ...chain(spec.read('after', 'Fixed?'), READ_STATE.after, 'read("after")', id),
    'Fixed?': choice(spec.fixed('after'), 'Record Success', 'Not Fixed'),
    'Not Fixed': {
      Type: 'Pass',
      Comment: 'The read-back does not show the change: recorded as a failure, never as success.',
      Result: { Error: 'Remediation.NotFixed', Cause: spec.notFixedCause },
      ResultPath: '$.error',
      Next: RECORD_FAILURE,
    },
    'Record Success': recordTask('SUCCEEDED', { 'summary.$': summaries.success }, {}, end),
    'Record No-op': recordTask('NO_OP', { 'summary.$': summaries.noOp }, {}, end),
    'Record Dry Run': recordTask('DRY_RUN', { 'summary.$': summaries.change }, {}, end),
    'Record Rejected': recordTask('REJECTED', { summary: 'approval rejected or timed out; nothing changed' }, { 'error.$': '$.rejection' }, end),
    'Record Skipped': recordTask('SKIPPED', { 'summary.$': '$.check.reason' }, {}, end),
    [RECORD_FAILURE]: recordTask('FAILED', { 'summary.$': summaries.failure }, { 'error.$': '$.error' }, { Next: 'Failed' }),
    Failed: {
      Type: 'Fail',
      Error: 'Remediation.Failed',
      Cause: "The remediation failed or could not be verified; the finding's note and the remediation record say why.",
    },
  };
  return {
    Comment: `Open Security Hub remediation playbook ${id}: ${spec.description} ${SAFE_SHAPE_NOTE}`,
    TimeoutSeconds: PLAYBOOK_TIMEOUT_SECONDS,
    StartAt: 'Check',
    States: states,
  };
}

/** The file text of a playbook's definition, exactly as `npm run generate` writes it. */
export function playbookDefinitionText(spec: PlaybookAslSpec): string {
  return `${JSON.stringify(playbookDefinition(spec), null, 2)}\n`;
}
