/**
 * The local engine checks every AWS SDK task's Parameters against the SDK v3 client's input shape
 * before the simulated member account answers (lib/local/engine/sdk-validation): a member the operation
 * does not have, or a required one left out, fails the execution with `States.Runtime` as Step
 * Functions does; that error is neither caught (not even by `States.ALL`) nor retried, while the
 * same Catch does see the service's own errors.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLocalConfig } from '../../../lib/local/config-service';
import type { LocalEventBus } from '../../../lib/local/engine';
import { SimulatedMemberAccounts } from '../../../lib/local/member-account/account';
import { callMemberAction } from '../../../lib/local/member-account/registry';
import { LocalStateMachines } from '../../../lib/local/engine';

const ROLE = 'arn:aws:iam::123456789012:role/OpenSecurityHubRemediation';
const VPC = 'vpc-0a1b2c3d4e5f60718';
const REGION = 'us-east-1';

let accounts: SimulatedMemberAccounts;

beforeEach(async () => {
  const config = await openLocalConfig({ model: { functions: {} }, account: '000000000000', region: REGION });
  const bus = { putEvents: () => ({ FailedEntryCount: 0, Entries: [] }) } as unknown as Pick<LocalEventBus, 'putEvents'>;
  accounts = new SimulatedMemberAccounts(config, bus);
});

/** Read (describeFlowLogs with the Parameters given) → Found; Catch on States.ALL → Caught. */
function readFlowLogs(parameters: Record<string, unknown>) {
  return {
    StartAt: 'Read',
    States: {
      Read: {
        Type: 'Task',
        Resource: 'arn:aws:states:::aws-sdk:ec2:describeFlowLogs',
        Credentials: { RoleArn: ROLE },
        Parameters: parameters,
        ResultSelector: { 'ids.$': '$.FlowLogs[*].FlowLogId' },
        Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 2, IntervalSeconds: 0 }],
        Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Caught' }],
        Next: 'Found',
      },
      Found: { Type: 'Pass', End: true },
      Caught: { Type: 'Pass', End: true },
    },
  };
}

async function execute(definition: unknown, input: unknown = {}) {
  const root = mkdtempSync(join(tmpdir(), 'sdk-validation-'));
  writeFileSync(join(root, 'snippet.asl.json'), JSON.stringify(definition));
  const arn = `arn:aws:states:${REGION}:000000000000:stateMachine:snippet`;
  const machines = new LocalStateMachines([{ logicalId: 'Snippet', name: 'snippet', arn, definitionFile: 'snippet.asl.json', substitutions: {} }], {
    root,
    functions: new Map(),
    sdk: (call) => callMemberAction(accounts, call),
  });
  const started = machines.start(arn, JSON.stringify(input))!;
  const execution = (await machines.wait(started.executionArn))!;
  return { execution, history: machines.history(started.executionArn)! };
}

describe('AWS SDK task Parameters checked before the simulated account answers', () => {
  it('takes DescribeFlowLogs with Filter (its member) and answers filtered', async () => {
    const { execution } = await execute(readFlowLogs({ Filter: [{ Name: 'resource-id', 'Values.$': 'States.Array($.vpc)' }] }), { vpc: VPC });
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output!)).toEqual({ ids: ['fl-0a1b2c3d4e5f60002'] });
    expect(accounts.calls).toEqual([expect.objectContaining({ action: 'ec2:describeFlowLogs', accountId: '123456789012' })]);
  });

  it('fails the execution with States.Runtime on Filters: no Catch (States.ALL included) nor Retry sees it, the account never does', async () => {
    const { execution, history } = await execute(readFlowLogs({ Filters: [{ Name: 'resource-id', 'Values.$': 'States.Array($.vpc)' }] }), { vpc: VPC });
    expect(execution).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(execution.cause).toBe(
      `An error occurred while executing the state 'Read'. The Parameters '{"Filters":[{"Name":"resource-id","Values":["${VPC}"]}]}' could not be used to start the Task: [The field "Filters" is not supported by Step Functions]`,
    );
    const types = history.map((event) => event.type);
    expect(types).not.toContain('TaskScheduled');
    expect(types).not.toContain('PassStateEntered'); // neither Found nor Caught
    expect(types.filter((type) => type === 'TaskStateEntered')).toHaveLength(1); // not retried
    expect(history.find((event) => event.type === 'ExecutionFailed')!.executionFailedEventDetails).toMatchObject({ error: 'States.Runtime' });
    expect(accounts.calls).toEqual([]);
  });

  it('checks what JSONPath resolves at run time, at every depth, and required members', async () => {
    const dynamic = await execute(readFlowLogs({ 'Filter.$': '$.filters' }), { filters: [{ Name: 'resource-id', Value: [VPC] }] });
    expect(dynamic.execution).toMatchObject({
      status: 'FAILED',
      error: 'States.Runtime',
      cause: expect.stringContaining('[The field "Filter[0].Value" is not supported by Step Functions]'),
    });
    const updateKey = {
      StartAt: 'Deactivate',
      States: {
        Deactivate: {
          Type: 'Task',
          Resource: 'arn:aws:states:::aws-sdk:iam:updateAccessKey',
          Credentials: { RoleArn: ROLE },
          Parameters: { 'AccessKeyId.$': '$.key', 'UserName.$': '$.user' },
          Catch: [{ ErrorEquals: ['States.Runtime'], Next: 'Caught' }],
          End: true,
        },
        Caught: { Type: 'Pass', End: true },
      },
    };
    const missing = await execute(updateKey, { key: 'AKIAEXAMPLE', user: 'ci' });
    expect(missing.execution).toMatchObject({ status: 'FAILED', error: 'States.Runtime', cause: expect.stringContaining("[The field 'Status' is required but was missing]") });
    expect(accounts.calls).toEqual([]);
  });

  it("lets the same Catch see the service's own errors (Ec2.<code>)", async () => {
    accounts.injectFault('ec2:describeFlowLogs', { code: 'UnauthorizedOperation', message: 'You are not authorized to perform this operation.' });
    const { execution } = await execute(readFlowLogs({ Filter: [{ Name: 'resource-id', Values: [VPC] }] }));
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output!).error).toMatchObject({ Error: 'Ec2.UnauthorizedOperation' });
  });
});
