/**
 * The registry of emulated AWS SDK integrations: `'<service>:<action>'` → the action over the
 * simulated member account, as Step Functions names them in a Task's
 * `Resource: arn:aws:states:::aws-sdk:<service>:<action>`. A playbook that needs another action adds
 * one function to its service's file and nothing else.
 */
import { assertSdkParameters, validateSdkOutput } from '../engine';
import { MemberApiError, type SimulatedMemberAccounts, type MemberCall } from './account';
import { CLOUDTRAIL_ACTIONS } from './cloudtrail';
import { EC2_ACTIONS } from './ec2';
import { IAM_ACTIONS } from './iam';
import { RDS_ACTIONS } from './rds';
import { S3_ACTIONS } from './s3';

/** One emulated action. */
export type MemberAction = (call: MemberCall) => Promise<unknown>;

const byService: Record<string, Record<string, MemberAction>> = { s3: S3_ACTIONS, ec2: EC2_ACTIONS, iam: IAM_ACTIONS, cloudtrail: CLOUDTRAIL_ACTIONS, rds: RDS_ACTIONS };

/** Every emulated action by `<service>:<action>`: `{ 's3:putPublicAccessBlock': fn, … }`. */
export const MEMBER_ACTIONS: Readonly<Record<string, MemberAction>> = Object.fromEntries(
  Object.entries(byService).flatMap(([service, actions]) => Object.entries(actions).map(([action, fn]) => [`${service}:${action}`, fn])),
);

/** `arn:aws:states:::aws-sdk:s3:putPublicAccessBlock` → `{ service: 's3', action: 'putPublicAccessBlock' }`; else undefined. */
export function sdkIntegrationOf(resource: string): { service: string; action: string } | undefined {
  const match = /^arn:aws[a-z-]*:states:::aws-sdk:([a-z0-9]+):([A-Za-z0-9]+)$/.exec(resource);
  return match === null ? undefined : { service: match[1], action: match[2] };
}

/** One SDK-integration call as a task makes it. */
export interface SdkCall {
  service: string;
  action: string;
  parameters: Record<string, unknown>;
  /** `Credentials.RoleArn` of the task, resolved. */
  roleArn?: string;
  /** The state machine's Region (where the call acts). */
  region: string;
}

/** An emulated action answered a member its operation's output lacks (as Step Functions spells them): a bug of the emulation, not of the caller. */
export class EmulationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OpenSecurityHub.EmulationError';
  }
}

function assertAnswerShape(call: SdkCall, output: unknown): void {
  const result = validateSdkOutput(call.service, call.action, output);
  if (!result.validated || result.problems.length === 0) return;
  throw new EmulationError(
    `The simulated account's ${call.service}:${call.action} answered members its output does not have (lib/local/member-account/): ${result.problems.map((problem) => problem.path).join(', ')}`,
  );
}

/**
 * Runs one call on the simulated member account(s): Parameters the operation cannot take are
 * refused as Step Functions refuses them (`States.Runtime`, lib/local/engine/sdk-validation; the account
 * never sees the call), then the role check, injected faults, and the action, whose answer must
 * fit the operation's output shape in Step Functions' spelling ({@link EmulationError}).
 */
export async function callMemberAction(accounts: SimulatedMemberAccounts, call: SdkCall): Promise<unknown> {
  assertSdkParameters(call);
  const key = `${call.service}:${call.action}`;
  const action = MEMBER_ACTIONS[key];
  let accountId = '';
  try {
    if (action === undefined) throw new MemberApiError(call.service, 'UnsupportedOperation', `The embedded default does not emulate ${key} (lib/local/member-account/registry.ts)`);
    accountId = accounts.accountOf(call.service, call.action, call.roleArn);
    accounts.takeFault(call.service, call.action);
    const output = await action({ accounts, service: call.service, accountId, region: call.region, parameters: call.parameters ?? {} });
    assertAnswerShape(call, output);
    accounts.calls.push({ action: key, accountId, parameters: call.parameters });
    return output;
  } catch (error) {
    accounts.calls.push({ action: key, accountId, parameters: call.parameters, error: (error as Error).name });
    throw error;
  }
}
