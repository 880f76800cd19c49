import * as fs from 'node:fs';
import * as path from 'node:path';
import { StateMachine } from 'aws-local-stepfunctions';
import { PLAYBOOKS, playbookDefinitionFile } from '../../../lambdas/remediation/playbooks';
import { substituteDefinition } from '../../../lib/local/engine';
import { describeProblem, validateSdkOutput, validateSdkParameters } from '../../../lib/local/engine';
import { sdkResourceOf } from '../../../lib/local/engine';

// asl-validator ships no types: (definition) => { isValid, errors }.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const validate = require('asl-validator') as (definition: unknown) => { isValid: boolean; errors: unknown[] };

const ROOT = path.join(__dirname, '../../..');
const SUBSTITUTIONS = {
  CheckFunctionArn: 'arn:aws:lambda:us-east-1:111122223333:function:remediation-check',
  RecordFunctionArn: 'arn:aws:lambda:us-east-1:111122223333:function:remediation-record',
  ApprovalFunctionArn: 'arn:aws:lambda:us-east-1:111122223333:function:remediation-approval',
};
/** The states every playbook has (lambdas/remediation/contract.ts). */
const SAFE_SHAPE = ['Check', 'Read Before', 'Already Fixed?', 'Dry Run?', 'Needs Approval?', 'Await Approval', 'Act', 'Verify', 'Fixed?'];
const RECORDS = ['Record Success', 'Record No-op', 'Record Dry Run', 'Record Rejected', 'Record Skipped', 'Record Failure'];
const OUTCOME_OF_RECORD: Record<string, string> = {
  'Record Success': 'SUCCEEDED',
  'Record No-op': 'NO_OP',
  'Record Dry Run': 'DRY_RUN',
  'Record Rejected': 'REJECTED',
  'Record Skipped': 'SKIPPED',
  'Record Failure': 'FAILED',
};

type State = Record<string, unknown> & {
  Type: string;
  Next?: string;
  Default?: string;
  End?: boolean;
  Resource?: string;
  Choices?: Array<{ Next: string }>;
  Catch?: Array<{ Next: string; ErrorEquals: string[] }>;
  ItemProcessor?: { StartAt: string; States: Record<string, State> };
};
type Definition = { StartAt: string; States: Record<string, State>; QueryLanguage?: string };

const text = (id: string) => fs.readFileSync(path.join(ROOT, playbookDefinitionFile(id)), 'utf8');
const definition = (id: string) => substituteDefinition(text(id), SUBSTITUTIONS) as unknown as Definition;

/** A state with the states inside its Map, depth first. */
function allStates(states: Record<string, State>): Array<[string, State]> {
  return Object.entries(states).flatMap(([name, state]) => [[name, state] as [string, State], ...(state.ItemProcessor ? allStates(state.ItemProcessor.States) : [])]);
}
function successors(state: State): string[] {
  return [state.Next, state.Default, ...(state.Choices ?? []).map((choice) => choice.Next), ...(state.Catch ?? []).map((c) => c.Next)].filter(
    (next): next is string => next !== undefined,
  );
}
/** Names reachable from `from` (itself included), not passing through `without`. */
function reachable(states: Record<string, State>, from: string[], without: string[] = []): Set<string> {
  const seen = new Set<string>();
  const queue = [...from];
  while (queue.length > 0) {
    const name = queue.shift()!;
    if (seen.has(name) || without.includes(name)) continue;
    seen.add(name);
    queue.push(...successors(states[name]!));
  }
  return seen;
}
/** The Next of the choice whose rule tests `variable`. */
function choiceTo(state: State, variable: string): string {
  const choice = (state.Choices ?? []).find((rule) => (rule as { Variable?: string }).Variable === variable);
  if (!choice) throw new Error(`no choice on ${variable}`);
  return choice.Next;
}

describe.each(PLAYBOOKS.map((playbook) => [playbook.id]))('remediation-%s.asl.json', (id) => {
  const machine = definition(id);
  const states = machine.States;
  const sdkTasks = allStates(states).filter(([, state]) => state.Type === 'Task' && state.Resource?.startsWith('arn:aws:states:::aws-sdk:'));

  it('is valid ASL once its placeholders are substituted', () => {
    const result = validate(definition(id)); // a copy: the validator writes defaults into what it checks

    expect(result.errors).toEqual([]);
    expect(result.isValid).toBe(true);
  });

  it('has placeholders only for the shared Check, Record and Approval functions, and uses JSONPath', () => {
    const placeholders = [...new Set([...text(id).matchAll(/\$\{(\w+)\}/g)].map((match) => match[1]))].sort();

    expect(placeholders).toEqual(Object.keys(SUBSTITUTIONS).sort());
    expect(machine.QueryLanguage ?? 'JSONPath').toBe('JSONPath');
    expect(
      allStates(states)
        .filter(([, state]) => Object.hasOwn(state, 'QueryLanguage'))
        .map(([name]) => name),
    ).toEqual([]);
  });

  it("has the contract's safe-shape states, starting at Check", () => {
    expect(machine.StartAt).toBe('Check');
    expect(Object.keys(states)).toEqual(expect.arrayContaining([...SAFE_SHAPE, ...RECORDS, 'Failed']));
    expect(states.Check!.Resource).toBe(SUBSTITUTIONS.CheckFunctionArn);
    expect(states.Check!.Parameters).toEqual({ playbookId: id, 'executionArn.$': '$$.Execution.Id', 'input.$': '$' });
  });

  it('ends every path from Check in a Record state, and records a failure only before Failed', () => {
    const ends = Object.entries(states)
      .filter(([, state]) => state.End === true || state.Type === 'Fail' || state.Type === 'Succeed')
      .map(([name]) => name);
    const records = Object.entries(states)
      .filter(([name]) => name.startsWith('Record '))
      .map(([name]) => name);

    expect(records.sort()).toEqual([...RECORDS].sort());
    expect(ends.sort()).toEqual([...RECORDS.filter((name) => name !== 'Record Failure'), 'Failed'].sort());
    expect(states['Record Failure']!.Next).toBe('Failed');
    // No end is reachable without passing a Record state.
    const withoutRecords = reachable(states, ['Check'], RECORDS);
    expect([...withoutRecords].filter((name) => ends.includes(name))).toEqual([]);
    for (const name of Object.keys(states)) expect(reachable(states, ['Check']).has(name)).toBe(true);
  });

  it('records each outcome with the RecordInput fields, and a failure with its error', () => {
    for (const name of RECORDS) {
      const parameters = states[name]!.Parameters as Record<string, unknown>;
      expect(states[name]!.Resource).toBe(SUBSTITUTIONS.RecordFunctionArn);
      expect(parameters).toMatchObject({ 'check.$': '$.check', outcome: OUTCOME_OF_RECORD[name], 'executionArn.$': '$$.Execution.Id' });
      expect(parameters.summary ?? parameters['summary.$']).toEqual(expect.any(String));
    }
    expect(states['Record Failure']!.Parameters).toMatchObject({ 'error.$': '$.error' });
    expect(states['Record Skipped']!.Parameters).toMatchObject({ 'summary.$': '$.check.reason' });
  });

  it('acts only after Check said PROCEED, the resource is not yet fixed, it is not a dry run, and approval passed', () => {
    const skip = states['Proceed?']!.Default!;
    const dryRun = choiceTo(states['Dry Run?']!, '$.check.dryRun');
    const alreadyFixed = states['Already Fixed?']!.Choices![0]!.Next;
    const writers = allStates(states)
      .filter(([name]) => name === 'Act' || reachable(states, [states.Act!.Next!].filter(Boolean)).has(name))
      .map(([name]) => name);

    expect(choiceTo(states['Proceed?']!, '$.check.decision')).toBe('Read Before');
    expect([skip, dryRun, alreadyFixed]).toEqual(['Record Skipped', 'Record Dry Run', 'Record No-op']);
    for (const branch of [skip, dryRun, alreadyFixed]) expect(reachable(states, [branch]).has('Act')).toBe(false);
    expect(reachable(states, ['Check'], ['Dry Run?']).has('Act')).toBe(false); // Act only through Dry Run?
    expect(reachable(states, ['Check'], ['Needs Approval?']).has('Act')).toBe(false);
    expect(writers).toContain('Verify');
  });

  it('waits for approval with a task token and records a rejection', () => {
    const approval = states['Await Approval']!;

    expect(choiceTo(states['Needs Approval?']!, '$.check.approvalRequired')).toBe('Await Approval');
    expect(approval.Resource).toBe('arn:aws:states:::lambda:invoke.waitForTaskToken');
    expect(approval.Parameters).toMatchObject({ FunctionName: SUBSTITUTIONS.ApprovalFunctionArn, Payload: { 'taskToken.$': '$$.Task.Token', 'check.$': '$.check' } });
    expect(approval.Catch![0]).toMatchObject({ ErrorEquals: ['Remediation.Rejected', 'States.Timeout'], Next: 'Record Rejected' });
    // The wait times out after the settings' approval timeout, which Check passes (no fixed TimeoutSeconds).
    expect(approval).toMatchObject({ TimeoutSecondsPath: '$.check.approvalTimeoutSeconds' });
    expect(approval).not.toHaveProperty('TimeoutSeconds');
    expect(approval.Next).toBe('Act');
  });

  it("calls every SDK task in the member account with Check's role, from Check's target only", () => {
    expect(sdkTasks.map(([name]) => name)).toEqual(expect.arrayContaining(['Read Before', 'Verify']));
    for (const [, state] of sdkTasks) {
      expect(state.Credentials).toEqual({ 'RoleArn.$': '$.check.target.roleArn' });
      const paths = JSON.stringify(state.Parameters).match(/"[^"]*\.\$":"[^"]*"/g) ?? [];
      for (const entry of paths) {
        const value = entry.split('":"')[1]!;
        // Paths read the validated target, the resource's own read-back ($.before, $.isolation, map items), never the raw input's finding.
        expect(value).not.toMatch(/\$\.(input|finding)\b/);
      }
    }
  });

  it('gives Map iterations their values by top-level paths only (no nested templates for the local executor to skip)', () => {
    for (const [, state] of allStates(states).filter(([, s]) => s.Type === 'Map')) {
      for (const value of Object.values((state.ItemSelector ?? {}) as Record<string, unknown>)) expect(typeof value).toBe('string');
    }
  });

  it('retries throttling and catches every other error of Read Before, Act and Verify into Record Failure', () => {
    for (const name of ['Read Before', 'Act', 'Verify']) {
      const state = states[name]!;
      const catchAll = (state.Catch ?? []).find((c) => c.ErrorEquals.includes('States.ALL'));
      expect(catchAll).toMatchObject({ Next: 'Record Failure', ResultPath: '$.error' });
    }
    for (const [, state] of sdkTasks) {
      const retry = state.Retry as Array<{ ErrorEquals: string[] }>;
      expect(retry[0]!.ErrorEquals.some((error) => /Throttl|SlowDown|RequestLimitExceeded/.test(error))).toBe(true);
    }
  });
});

describe('a playbook run on aws-local-stepfunctions (s3-block-public-access)', () => {
  const TARGET = {
    accountId: '444455556666',
    region: 'us-east-1',
    partition: 'aws',
    resourceId: 'public-bucket',
    resourceArn: 'arn:aws:s3:::public-bucket',
    roleArn: 'arn:aws:iam::444455556666:role/OpenSecurityHubRemediation',
    parameters: {},
  };
  const ALL_ON = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };

  /** Runs the playbook with the tasks answered by `answers` (by state name); returns the recorded input and the calls. */
  async function run(options: {
    decision?: 'PROCEED' | 'SKIP';
    dryRun?: boolean;
    approvalRequired?: boolean;
    before?: unknown;
    after?: unknown;
    approval?: 'approve' | 'reject';
    failAct?: boolean;
    readError?: string;
  }) {
    const calls: Array<{ state: string; input: unknown }> = [];
    const record: unknown[] = [];
    // aws-local-stepfunctions resolves TimeoutSecondsPath after Parameters (Step Functions: on the state input);
    // the embedded default's engine resolves it as Step Functions does (lib/local/engine/state-machine-tasks.ts). Here: a fixed timeout.
    const asl = definition('s3-block-public-access') as { States: Record<string, Record<string, unknown>> };
    delete asl.States['Await Approval'].TimeoutSecondsPath;
    asl.States['Await Approval'].TimeoutSeconds = 60;
    const machine = new StateMachine(asl as never, { validationOptions: { checkPaths: false } });
    // aws-local-stepfunctions types handlers over its JSONValue; these answer plain objects.
    const handler = (state: string, answer: (input: Record<string, unknown>) => unknown) =>
      (async (input: Record<string, unknown>) => {
        calls.push({ state, input });
        return answer(input);
      }) as never;
    const recordHandler = handler('Record', (input) => {
      record.push(input);
      return { status: input.outcome };
    });
    const execution = machine.run(
      { finding: { Id: 'f-1', ProductArn: 'arn:aws:securityhub:us-east-1::product/aws/securityhub' }, requestedBy: 'cli:test' },
      {
        overrides: {
          taskResourceLocalHandlers: {
            Check: handler('Check', () => ({
              decision: options.decision ?? 'PROCEED',
              reason: options.decision === 'SKIP' ? 'opted out by tag' : 'applies',
              remediationId: 'r-1',
              playbookId: 's3-block-public-access',
              dryRun: options.dryRun ?? false,
              approvalRequired: options.approvalRequired ?? false,
              finding: { Id: 'f-1', ProductArn: 'p' },
              target: TARGET,
              approvalTimeoutSeconds: 86_400,
            })),
            'Read Before': handler('Read Before', () => {
              if (options.readError) throw Object.assign(new Error('none'), { name: options.readError });
              return options.before ?? { PublicAccessBlockConfiguration: { ...ALL_ON, BlockPublicPolicy: false } };
            }),
            'Await Approval': handler('Await Approval', () => {
              if (options.approval === 'reject') throw Object.assign(new Error('rejected by alice'), { name: 'Remediation.Rejected' });
              return { approvedBy: 'alice' };
            }),
            Act: handler('Act', () => {
              if (options.failAct) throw Object.assign(new Error('Access Denied'), { name: 'S3.AccessDeniedException' });
              return {};
            }),
            Verify: handler('Verify', () => options.after ?? { PublicAccessBlockConfiguration: ALL_ON }),
            ...Object.fromEntries(RECORDS.map((name) => [name, recordHandler])),
          },
        },
        context: { Execution: { Id: 'arn:aws:states:us-east-1:111122223333:execution:s3-block-public-access:run-1' }, Task: { Token: 'token-1' } } as never,
        noThrowOnAbort: true,
      },
    );
    let status = 'SUCCEEDED';
    try {
      await execution.result;
    } catch (error) {
      if (process.env.DEBUG_ASL) console.log(error);
      status = 'FAILED';
    }
    return { status, record: record[0] as Record<string, unknown>, states: calls.map((call) => call.state), calls };
  }

  it('turns on the settings, verifies them and records success', async () => {
    const { status, record, states, calls } = await run({});

    expect(status).toBe('SUCCEEDED');
    expect(states).toEqual(['Check', 'Read Before', 'Act', 'Verify', 'Record']);
    expect(calls[2]!.input).toMatchObject({ Bucket: 'public-bucket', ExpectedBucketOwner: '444455556666', PublicAccessBlockConfiguration: ALL_ON });
    expect(record).toMatchObject({ outcome: 'SUCCEEDED', summary: expect.stringContaining('S3 bucket public-bucket') });
  });

  it('records NO_OP without acting when the bucket already blocks public access', async () => {
    const { record, states } = await run({ before: { PublicAccessBlockConfiguration: ALL_ON } });

    expect(states).toEqual(['Check', 'Read Before', 'Record']);
    expect(record).toMatchObject({ outcome: 'NO_OP' });
  });

  it('records the planned change in a dry run without acting', async () => {
    const { record, states } = await run({ dryRun: true });

    expect(states).toEqual(['Check', 'Read Before', 'Record']);
    expect(record).toMatchObject({ outcome: 'DRY_RUN', summary: expect.stringMatching(/^turn on all four Block Public Access settings .* of S3 bucket public-bucket$/) });
  });

  it('records SKIPPED with the reason Check gave, reading nothing', async () => {
    const { record, states } = await run({ decision: 'SKIP' });

    expect(states).toEqual(['Check', 'Record']);
    expect(record).toMatchObject({ outcome: 'SKIPPED', summary: 'opted out by tag' });
  });

  it('waits for approval and records REJECTED without acting when rejected', async () => {
    const { record, states, calls } = await run({ approvalRequired: true, approval: 'reject' });

    expect(states).toEqual(['Check', 'Read Before', 'Await Approval', 'Record']);
    expect(calls[2]!.input).toMatchObject({ Payload: { taskToken: 'token-1', summary: expect.stringContaining('public-bucket') } });
    expect(record).toMatchObject({ outcome: 'REJECTED', error: { Error: 'Remediation.Rejected' } });
  });

  it('acts after approval', async () => {
    const { record, states } = await run({ approvalRequired: true, approval: 'approve' });

    expect(states).toEqual(['Check', 'Read Before', 'Await Approval', 'Act', 'Verify', 'Record']);
    expect(record).toMatchObject({ outcome: 'SUCCEEDED' });
  });

  it('records FAILED with the error and fails the execution when the change is refused', async () => {
    const { status, record, states } = await run({ failAct: true });

    expect(status).toBe('FAILED');
    expect(states).toEqual(['Check', 'Read Before', 'Act', 'Record']);
    expect(record).toMatchObject({ outcome: 'FAILED', error: { Error: 'S3.AccessDeniedException' } });
  });

  it('records FAILED, never success, when the read-back does not show the change', async () => {
    const { status, record } = await run({ after: { PublicAccessBlockConfiguration: { ...ALL_ON, RestrictPublicBuckets: false } } });

    expect(status).toBe('FAILED');
    expect(record).toMatchObject({ outcome: 'FAILED', error: { Error: 'Remediation.NotFixed' } });
  });

  it('treats a bucket without any Block Public Access configuration as not fixed', async () => {
    const { record, states } = await run({ readError: 'S3.NoSuchPublicAccessBlockConfiguration', dryRun: true });

    expect(states).toEqual(['Check', 'Read Before', 'Record']);
    expect(record).toMatchObject({ outcome: 'DRY_RUN' });
  });
});

describe('playbooks that decide from the read-back in Map states, on aws-local-stepfunctions', () => {
  const target = (resourceId: string, parameters: Record<string, unknown> = {}) => ({
    accountId: '444455556666',
    region: 'us-east-1',
    partition: 'aws',
    resourceId,
    resourceArn: `arn:aws:ec2:us-east-1:444455556666:security-group/${resourceId}`,
    roleArn: 'arn:aws:iam::444455556666:role/OpenSecurityHubRemediation',
    parameters,
  });

  /** Runs a playbook with SDK answers per state name; returns the outcome recorded and the SDK calls. */
  async function run(id: string, checkTarget: unknown, answers: Record<string, (input: Record<string, unknown>) => unknown>) {
    const calls: Array<{ state: string; input: Record<string, unknown> }> = [];
    let record: Record<string, unknown> = {};
    // The stubbed SDK calls and answers are held to the clients' shapes, as Step Functions spells them.
    const resources = new Map(allStates(definition(id).States).map(([name, state]) => [name, sdkResourceOf(String(state.Resource ?? ''))]));
    const shapeProblems: string[] = [];
    const overrides = Object.fromEntries(
      Object.entries(answers).map(([state, answer]) => [
        state,
        (async (input: Record<string, unknown>) => {
          calls.push({ state, input });
          const sdk = resources.get(state);
          const asked = sdk === undefined ? undefined : validateSdkParameters(sdk.service, sdk.action, input);
          if (asked?.validated) shapeProblems.push(...asked.problems.map((problem) => `${state} asked: ${describeProblem(problem)}`));
          const answered = answer(input);
          const told = sdk === undefined ? undefined : validateSdkOutput(sdk.service, sdk.action, answered);
          if (told?.validated) shapeProblems.push(...told.problems.map((problem) => `${state} answered: ${problem.path}`));
          return answered;
        }) as never,
      ]),
    );
    const machine = new StateMachine(definition(id) as never, { validationOptions: { checkPaths: false } });
    const execution = machine.run(
      { finding: { Id: 'f', ProductArn: 'p' }, requestedBy: 'auto' },
      {
        overrides: {
          taskResourceLocalHandlers: {
            ...overrides,
            Check: (async () => ({
              decision: 'PROCEED',
              reason: 'applies',
              remediationId: 'r',
              playbookId: id,
              dryRun: false,
              approvalRequired: false,
              finding: { Id: 'f', ProductArn: 'p' },
              target: checkTarget,
            })) as never,
            ...Object.fromEntries(
              RECORDS.map((name) => [
                name,
                (async (input: Record<string, unknown>) => {
                  record = input;
                  return {};
                }) as never,
              ]),
            ),
          },
        },
        context: { Execution: { Id: 'arn:aws:states:us-east-1:111122223333:execution:x:1' } } as never,
      },
    );
    await execution.result.catch(() => undefined);
    expect(shapeProblems).toEqual([]);
    return { outcome: record.outcome, summary: record.summary, calls };
  }

  const rule = (id: string, fields: Record<string, unknown>) => ({ SecurityGroupRuleId: id, GroupId: 'sg-0123456789abcdef0', IsEgress: false, ...fields });
  const SSH_WORLD = rule('sgr-ssh', { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIpv4: '0.0.0.0/0' });
  const RDP_WORLD6 = rule('sgr-rdp6', { IpProtocol: 'tcp', FromPort: 3000, ToPort: 3400, CidrIpv6: '::/0' });
  const HTTPS_WORLD = rule('sgr-https', { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIpv4: '0.0.0.0/0' });
  const SSH_OFFICE = rule('sgr-office', { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIpv4: '203.0.113.0/24' });
  const EGRESS_ALL = rule('sgr-egress', { IpProtocol: '-1', FromPort: -1, ToPort: -1, CidrIpv4: '0.0.0.0/0', IsEgress: true });

  it('sg-revoke-admin-ports revokes only world-open ingress to admin or high-risk ports, by rule id', async () => {
    const before = [SSH_WORLD, RDP_WORLD6, HTTPS_WORLD, SSH_OFFICE, EGRESS_ALL];
    const after = [HTTPS_WORLD, SSH_OFFICE, EGRESS_ALL];

    const { outcome, calls } = await run('sg-revoke-admin-ports', target('sg-0123456789abcdef0'), {
      'Read Before': () => ({ SecurityGroupRules: before }),
      'Revoke Rule': () => ({ ReturnValue: true }),
      Verify: () => ({ SecurityGroupRules: after }),
    });

    expect(calls.filter((call) => call.state === 'Revoke Rule').map((call) => call.input)).toEqual([
      { GroupId: 'sg-0123456789abcdef0', SecurityGroupRuleIds: ['sgr-ssh'] },
      { GroupId: 'sg-0123456789abcdef0', SecurityGroupRuleIds: ['sgr-rdp6'] },
    ]);
    expect(outcome).toBe('SUCCEEDED');
  });

  it('sg-revoke-admin-ports is a no-op for a group whose world-open ingress is only to other ports', async () => {
    const { outcome, calls } = await run('sg-revoke-admin-ports', target('sg-0123456789abcdef0'), {
      'Read Before': () => ({ SecurityGroupRules: [HTTPS_WORLD, SSH_OFFICE, EGRESS_ALL] }),
    });

    expect(calls.map((call) => call.state)).toEqual(['Read Before']);
    expect(outcome).toBe('NO_OP');
  });

  it('sg-revoke-admin-ports fails, not succeeds, when an offending rule reads back', async () => {
    const { outcome } = await run('sg-revoke-admin-ports', target('sg-0123456789abcdef0'), {
      'Read Before': () => ({ SecurityGroupRules: [SSH_WORLD] }),
      'Revoke Rule': () => ({ ReturnValue: true }),
      Verify: () => ({ SecurityGroupRules: [SSH_WORLD] }),
    });

    expect(outcome).toBe('FAILED');
  });

  const key = (AccessKeyId: string, Status: string) => ({ UserName: 'alice', AccessKeyId, Status });

  it('iam-deactivate-access-key deactivates the key of the finding only, then sees it Inactive', async () => {
    const { outcome, calls } = await run('iam-deactivate-access-key', target('AKIAIOSFODNN7EXAMPLE', { userName: 'alice' }), {
      'Read Before': () => ({ AccessKeyMetadata: [key('AKIAOTHERKEY00000000', 'Active'), key('AKIAIOSFODNN7EXAMPLE', 'Active')] }),
      Act: () => ({}),
      Verify: () => ({ AccessKeyMetadata: [key('AKIAOTHERKEY00000000', 'Active'), key('AKIAIOSFODNN7EXAMPLE', 'Inactive')] }),
    });

    expect(calls.find((call) => call.state === 'Act')!.input).toEqual({ UserName: 'alice', AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', Status: 'Inactive' });
    expect(outcome).toBe('SUCCEEDED');
  });

  it('iam-deactivate-access-key is a no-op when the key is already inactive', async () => {
    const { outcome } = await run('iam-deactivate-access-key', target('AKIAIOSFODNN7EXAMPLE', { userName: 'alice' }), {
      'Read Before': () => ({ AccessKeyMetadata: [key('AKIAOTHERKEY00000000', 'Active'), key('AKIAIOSFODNN7EXAMPLE', 'Inactive')] }),
    });

    expect(outcome).toBe('NO_OP');
  });

  it('ec2-isolate-instance snapshots every volume, creates the isolation group without egress, and moves the instance into it', async () => {
    const instance = (groups: Array<{ GroupId: string; GroupName: string }>) => ({
      Reservations: [
        {
          Instances: [
            {
              VpcId: 'vpc-0abc',
              SecurityGroups: groups,
              BlockDeviceMappings: [
                { DeviceName: '/dev/xvda', Ebs: { VolumeId: 'vol-1' } },
                { DeviceName: '/dev/xvdb', Ebs: { VolumeId: 'vol-2' } },
              ],
            },
          ],
        },
      ],
    });

    const { outcome, calls } = await run('ec2-isolate-instance', target('i-0123456789abcdef0'), {
      'Read Before': () => instance([{ GroupId: 'sg-web', GroupName: 'web' }]),
      'Snapshot Volume': (input) => ({ SnapshotId: `snap-${String(input.VolumeId)}`, VolumeId: input.VolumeId }),
      'Find Isolation Group': () => ({ SecurityGroups: [] }),
      'Create Isolation Group': () => ({ GroupId: 'sg-iso' }),
      'Revoke Isolation Egress': () => ({ ReturnValue: true }),
      'Isolate Instance': () => ({}),
      Verify: () => instance([{ GroupId: 'sg-iso', GroupName: 'open-security-hub-isolation' }]),
    });

    expect(calls.map((call) => call.state)).toEqual([
      'Read Before',
      'Snapshot Volume',
      'Snapshot Volume',
      'Find Isolation Group',
      'Create Isolation Group',
      'Revoke Isolation Egress',
      'Isolate Instance',
      'Verify',
    ]);
    expect(calls.find((call) => call.state === 'Isolate Instance')!.input).toEqual({ InstanceId: 'i-0123456789abcdef0', Groups: ['sg-iso'] });
    expect(outcome).toBe('SUCCEEDED');
  });

  it('rds-snapshot-private removes only the public restore', async () => {
    const attributes = (values: string[]) => ({ DbSnapshotAttributesResult: { DbSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues: values }] } });

    const { outcome, calls } = await run('rds-snapshot-private', target('db-snap-1'), {
      'Read Before': () => attributes(['all', '123456789012']),
      Act: () => ({}),
      Verify: () => attributes(['123456789012']),
    });

    expect(calls.find((call) => call.state === 'Act')!.input).toEqual({ DbSnapshotIdentifier: 'db-snap-1', AttributeName: 'restore', ValuesToRemove: ['all'] });
    expect(outcome).toBe('SUCCEEDED');
  });
});
