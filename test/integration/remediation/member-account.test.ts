/**
 * The local Step Functions' service integrations on small ASL snippets: AWS SDK tasks act on the
 * simulated member account (Config item changed, change event put), the role boundary, errors a
 * Catch matches, and `.waitForTaskToken` answered by SendTaskSuccess / SendTaskFailure.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLocalConfig, type LocalConfig } from '../../../lib/local/config-service';
import type { LocalEventBus } from '../../../lib/local/engine';
import { SimulatedMemberAccounts } from '../../../lib/local/member-account/account';
import { callMemberAction, MEMBER_ACTIONS } from '../../../lib/local/member-account/registry';
import type { PutEventsRequestEntry } from '../../../lib/local/engine';
import { LocalStateMachines, type TaskFunction } from '../../../lib/local/engine';
import { createEdgeServer } from '../../../lib/local/engine';
import { stepFunctionsService } from '../../../lib/local/engine';
import { SendTaskFailureCommand, SendTaskHeartbeatCommand, SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';
import type { AddressInfo } from 'node:net';

const MEMBER = '123456789012';
const ROLE = `arn:aws:iam::${MEMBER}:role/OpenSecurityHubRemediation`;
const REGION = 'us-east-1';
const APPROVAL_ARN = 'arn:aws:lambda:us-east-1:000000000000:function:approval';

let config: LocalConfig;
let accounts: SimulatedMemberAccounts;
let events: PutEventsRequestEntry[];
let approvals: Array<Record<string, unknown>>;

function machinesFor(definition: unknown, functions: Record<string, TaskFunction> = {}): { machines: LocalStateMachines; arn: string } {
  const root = mkdtempSync(join(tmpdir(), 'asl-'));
  writeFileSync(join(root, 'snippet.asl.json'), JSON.stringify(definition));
  const arn = `arn:aws:states:${REGION}:000000000000:stateMachine:snippet`;
  const machines = new LocalStateMachines([{ logicalId: 'Snippet', name: 'snippet', arn, definitionFile: 'snippet.asl.json', substitutions: {} }], {
    root,
    functions: new Map(Object.entries(functions)),
    sdk: (call) => callMemberAction(accounts, call),
  });
  return { machines, arn };
}

async function run(machines: LocalStateMachines, arn: string, input: unknown) {
  const started = machines.start(arn, JSON.stringify(input))!;
  return (await machines.wait(started.executionArn))!;
}

const bucketItem = (name: string) => config.store.find('AWS::S3::Bucket', name)[0];

beforeEach(async () => {
  config = await openLocalConfig({ model: { functions: {} }, account: '000000000000', region: REGION });
  events = [];
  approvals = [];
  const bus = {
    putEvents: ({ Entries }: { Entries: PutEventsRequestEntry[] }) => {
      events.push(...Entries);
      return { FailedEntryCount: 0, Entries: Entries.map((_, index) => ({ EventId: `event-${events.length + index}` })) };
    },
  } as unknown as Pick<LocalEventBus, 'putEvents'>;
  accounts = new SimulatedMemberAccounts(config, bus);
});

const blockPublicAccess = {
  StartAt: 'Read',
  States: {
    Read: {
      Type: 'Task',
      Resource: 'arn:aws:states:::aws-sdk:s3:getPublicAccessBlock',
      Credentials: { 'RoleArn.$': '$.roleArn' },
      Parameters: { 'Bucket.$': '$.bucket' },
      ResultPath: '$.before',
      Catch: [{ ErrorEquals: ['S3.NoSuchPublicAccessBlockConfiguration'], ResultPath: '$.before', Next: 'Act' }],
      Next: 'Act',
    },
    Act: {
      Type: 'Task',
      Resource: 'arn:aws:states:::aws-sdk:s3:putPublicAccessBlock',
      Credentials: { 'RoleArn.$': '$.roleArn' },
      Parameters: {
        'Bucket.$': '$.bucket',
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
      },
      ResultPath: null,
      Next: 'Verify',
    },
    Verify: {
      Type: 'Task',
      Resource: 'arn:aws:states:::aws-sdk:s3:getPublicAccessBlock',
      Credentials: { 'RoleArn.$': '$.roleArn' },
      Parameters: { 'Bucket.$': '$.bucket' },
      ResultSelector: { 'restrict.$': '$.PublicAccessBlockConfiguration.RestrictPublicBuckets' },
      ResultPath: '$.after',
      End: true,
    },
  },
};

describe('AWS SDK integrations on the simulated member account', () => {
  it('registers every action the brief lists', () => {
    for (const action of [
      's3:getPublicAccessBlock',
      's3:putPublicAccessBlock',
      's3:getBucketEncryption',
      's3:putBucketEncryption',
      'ec2:describeSecurityGroups',
      'ec2:revokeSecurityGroupIngress',
      'ec2:getEbsEncryptionByDefault',
      'ec2:enableEbsEncryptionByDefault',
      'ec2:describeInstances',
      'ec2:createSnapshot',
      'ec2:createSnapshots',
      'ec2:createSecurityGroup',
      'ec2:revokeSecurityGroupEgress',
      'ec2:modifyInstanceAttribute',
      'ec2:describeFlowLogs',
      'ec2:createFlowLogs',
      'iam:updateAccessKey',
      'iam:listAccessKeys',
      'cloudtrail:getTrail',
      'cloudtrail:describeTrails',
      'cloudtrail:updateTrail',
      'rds:describeDBSnapshotAttributes',
      'rds:modifyDBSnapshotAttribute',
    ])
      expect(MEMBER_ACTIONS[action]).toBeInstanceOf(Function);
  });

  it("blocks public access of a bucket: the item changes, Config's change event is put, the answer uses S3's member names", async () => {
    const { machines, arn } = machinesFor(blockPublicAccess);
    const execution = await run(machines, arn, { bucket: 'public-website-assets', roleArn: ROLE });
    expect(execution.status).toBe('SUCCEEDED');
    const output = JSON.parse(execution.output!);
    expect(output.before.Error).toBe('S3.NoSuchPublicAccessBlockConfiguration');
    expect(output.after).toEqual({ restrict: true });
    expect(bucketItem('public-website-assets').supplementaryConfiguration?.PublicAccessBlockConfiguration).toEqual({
      blockPublicAcls: true,
      ignorePublicAcls: true,
      blockPublicPolicy: true,
      restrictPublicBuckets: true,
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ Source: 'aws.config', DetailType: 'Config Configuration Item Change', Resources: ['arn:aws:s3:::public-website-assets'] });
    const detail = JSON.parse(events[0].Detail!);
    expect(detail.configurationItemDiff.changeType).toBe('UPDATE');
    expect(detail.configurationItem.supplementaryConfiguration.PublicAccessBlockConfiguration.restrictPublicBuckets).toBe(true);
    const types = machines.history(execution.executionArn)!.map((event) => event.type);
    expect(types.filter((type) => type === 'TaskScheduled')).toHaveLength(3);
    expect(types).toContain('TaskFailed');
    const scheduled = machines.history(execution.executionArn)!.find((event) => event.type === 'TaskScheduled')!;
    expect(scheduled.taskScheduledEventDetails).toMatchObject({
      resourceType: 'aws-sdk:s3',
      resource: 'getPublicAccessBlock',
      parameters: JSON.stringify({ Bucket: 'public-website-assets' }),
    });
  });

  it("refuses a role that is not the resource account's remediation role, and a task without Credentials", async () => {
    for (const roleArn of [`arn:aws:iam::${MEMBER}:role/Admin`, 'arn:aws:iam::999999999999:role/OpenSecurityHubRemediation']) {
      const { machines, arn } = machinesFor(blockPublicAccess);
      const execution = await run(machines, arn, { bucket: 'public-website-assets', roleArn });
      expect(execution).toMatchObject({ status: 'FAILED', error: 'S3.AccessDenied' });
    }
    await expect(callMemberAction(accounts, { service: 's3', action: 'getPublicAccessBlock', parameters: { Bucket: 'orders-archive' }, region: REGION })).rejects.toMatchObject({
      name: 'S3.AccessDenied',
    });
    expect(bucketItem('public-website-assets').supplementaryConfiguration?.PublicAccessBlockConfiguration).toBeUndefined();
    expect(events).toHaveLength(0);
  });

  it('names errors as Step Functions does, for Catch; an injected fault fails the call and changes nothing', async () => {
    const call = (service: string, action: string, parameters: Record<string, unknown>) =>
      callMemberAction(accounts, { service, action, parameters, roleArn: ROLE, region: REGION });
    await expect(call('s3', 'getPublicAccessBlock', { Bucket: 'no-such-bucket' })).rejects.toMatchObject({ name: 'S3.NoSuchBucket' });
    await expect(call('s3', 'getPublicAccessBlock', { Bucket: 'orders-archive', ExpectedBucketOwner: '111122223333' })).rejects.toMatchObject({ name: 'S3.AccessDenied' });
    await expect(call('ec2', 'describeSecurityGroups', { GroupIds: ['sg-404'] })).rejects.toMatchObject({ name: 'Ec2.InvalidGroup.NotFound' });
    await expect(call('cloudtrail', 'getTrail', { Name: 'nope' })).rejects.toMatchObject({ name: 'CloudTrail.TrailNotFoundException' });
    await expect(call('s3', 'putPublicAccessBlock', { Bucket: 'orders-archive' })).rejects.toMatchObject({
      name: 'States.Runtime',
      message: expect.stringContaining("The field 'PublicAccessBlockConfiguration' is required but was missing"),
    });
    await expect(call('s3', 'putPublicAccessBlock', { Bucket: 'orders-archive', PublicAccessBlockConfiguration: 'on' })).rejects.toMatchObject({
      name: 'S3.ValidationException',
      message: expect.stringContaining('Parameters.PublicAccessBlockConfiguration'),
    });
    await expect(call('s3', 'deleteBucket', { Bucket: 'orders-archive' })).rejects.toMatchObject({ name: 'S3.UnsupportedOperation' });
    accounts.injectFault('s3:putPublicAccessBlock', { code: 'InternalError', message: 'We encountered an internal error', times: 1 });
    await expect(call('s3', 'putPublicAccessBlock', { Bucket: 'public-website-assets', PublicAccessBlockConfiguration: { BlockPublicAcls: true } })).rejects.toMatchObject({
      name: 'S3.InternalError',
    });
    expect(bucketItem('public-website-assets').supplementaryConfiguration?.PublicAccessBlockConfiguration).toBeUndefined();
    await call('s3', 'putPublicAccessBlock', { Bucket: 'public-website-assets', PublicAccessBlockConfiguration: { BlockPublicAcls: true } });
    expect(events).toHaveLength(1);
  });

  it('revokes a world-open ingress range and keeps the others; EC2 answers in its member names', async () => {
    const call = (action: string, parameters: Record<string, unknown>) => callMemberAction(accounts, { service: 'ec2', action, parameters, roleArn: ROLE, region: REGION });
    const before = (await call('describeSecurityGroups', { GroupIds: ['sg-0f0e0d0c0b0a09080'] })) as { SecurityGroups: Array<{ IpPermissions: unknown[] }> };
    expect(before.SecurityGroups[0].IpPermissions).toContainEqual(expect.objectContaining({ FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }));
    await expect(
      call('revokeSecurityGroupIngress', {
        GroupId: 'sg-0f0e0d0c0b0a09080',
        IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
      }),
    ).resolves.toEqual({ ReturnValue: true });
    const after = (await call('describeSecurityGroups', { GroupIds: ['sg-0f0e0d0c0b0a09080'] })) as { SecurityGroups: Array<{ IpPermissions: Array<{ FromPort: number }> }> };
    expect(after.SecurityGroups[0].IpPermissions.map((permission) => permission.FromPort)).toEqual([443]);
    await expect(
      call('revokeSecurityGroupIngress', {
        GroupId: 'sg-0f0e0d0c0b0a09080',
        IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
      }),
    ).rejects.toMatchObject({ name: 'Ec2.InvalidPermission.NotFound' });
    await expect(call('getEbsEncryptionByDefault', {})).resolves.toEqual({ EbsEncryptionByDefault: false });
    await call('enableEbsEncryptionByDefault', {});
    await expect(call('getEbsEncryptionByDefault', {})).resolves.toEqual({ EbsEncryptionByDefault: true });
    expect(events.map((event) => event.DetailType)).toEqual(['Config Configuration Item Change', 'Account Settings Recorded']);
  });
});

describe('.waitForTaskToken', () => {
  const awaitApproval = {
    StartAt: 'Await Approval',
    States: {
      'Await Approval': {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
        Parameters: { FunctionName: APPROVAL_ARN, Payload: { 'taskToken.$': '$$.Task.Token', 'executionArn.$': '$$.Execution.Id', 'bucket.$': '$.bucket' } },
        ResultPath: '$.approval',
        Catch: [{ ErrorEquals: ['Remediation.Rejected'], ResultPath: '$.rejection', Next: 'Rejected' }],
        Next: 'Approved',
      },
      Approved: { Type: 'Pass', End: true },
      Rejected: { Type: 'Pass', End: true },
    },
  };
  const approvalFunction: TaskFunction = async (payload) => {
    approvals.push(payload as Record<string, unknown>);
    return { stored: true };
  };

  async function parked(machines: LocalStateMachines, arn: string) {
    const started = machines.start(arn, JSON.stringify({ bucket: 'public-website-assets' }))!;
    await machines.idle(); // resolves once the execution is parked on its token
    expect(machines.describe(started.executionArn)!.status).toBe('RUNNING');
    expect(approvals).toHaveLength(1);
    return { executionArn: started.executionArn, token: String(approvals[0].taskToken) };
  }

  it("passes a fresh token to the function, parks, and continues with SendTaskSuccess's output", async () => {
    const { machines, arn } = machinesFor(awaitApproval, { [APPROVAL_ARN]: approvalFunction });
    const { executionArn, token } = await parked(machines, arn);
    expect(token).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    expect(approvals[0]).toMatchObject({ executionArn, bucket: 'public-website-assets' });
    machines.tokens.heartbeat(token);
    machines.tokens.succeed(token, JSON.stringify({ approvedBy: 'alice' }));
    const execution = (await machines.wait(executionArn))!;
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output!).approval).toEqual({ approvedBy: 'alice' });
    const types = machines.history(executionArn)!.map((event) => event.type);
    expect(types).toEqual(expect.arrayContaining(['TaskScheduled', 'TaskStarted', 'TaskSubmitted', 'TaskSucceeded']));
    expect(types.indexOf('TaskSubmitted')).toBeLessThan(types.indexOf('TaskSucceeded'));
    expect(() => machines.tokens.succeed(token, '{}')).toThrow(expect.objectContaining({ code: 'TaskDoesNotExist' }));
  });

  it("throws SendTaskFailure's error into the task, so Catch on Remediation.Rejected works", async () => {
    const { machines, arn } = machinesFor(awaitApproval, { [APPROVAL_ARN]: approvalFunction });
    const { executionArn, token } = await parked(machines, arn);
    expect(() => machines.tokens.succeed(token, 'not json')).toThrow(expect.objectContaining({ code: 'InvalidOutput' }));
    machines.tokens.fail(token, 'Remediation.Rejected', 'rejected by bob: not during business hours');
    const execution = (await machines.wait(executionArn))!;
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output!).rejection).toEqual({ Error: 'Remediation.Rejected', Cause: 'rejected by bob: not during business hours' });
    expect(machines.history(executionArn)!.find((event) => event.type === 'TaskFailed')!.taskFailedEventDetails).toMatchObject({
      error: 'Remediation.Rejected',
      resource: 'invoke.waitForTaskToken',
    });
  });

  it('fails the task with States.HeartbeatTimeout when no heartbeat comes in time', async () => {
    const definition = structuredClone(awaitApproval) as typeof awaitApproval & { States: { 'Await Approval': { HeartbeatSeconds?: number } } };
    definition.States['Await Approval'].HeartbeatSeconds = 1;
    const { machines, arn } = machinesFor(definition, { [APPROVAL_ARN]: approvalFunction });
    const { executionArn, token } = await parked(machines, arn);
    const execution = (await machines.wait(executionArn))!;
    expect(execution).toMatchObject({ status: 'FAILED', error: 'States.HeartbeatTimeout' });
    expect(() => machines.tokens.heartbeat(token)).toThrow(expect.objectContaining({ code: 'TaskTimedOut' }));
  });

  it('answers tokens through the Step Functions API on the edge (@aws-sdk/client-sfn), with its errors for unknown and malformed tokens', async () => {
    const { machines, arn } = machinesFor(awaitApproval, { [APPROVAL_ARN]: approvalFunction });
    const server = createEdgeServer([stepFunctionsService(machines)]);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const sfn = new SFNClient({
      endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      region: REGION,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    try {
      const { executionArn, token } = await parked(machines, arn);
      await sfn.send(new SendTaskHeartbeatCommand({ taskToken: token }));
      await expect(sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: 'not json' }))).rejects.toMatchObject({ name: 'InvalidOutput' });
      await sfn.send(new SendTaskFailureCommand({ taskToken: token, error: 'Remediation.Rejected', cause: 'no' }));
      expect(JSON.parse((await machines.wait(executionArn))!.output!).rejection).toEqual({ Error: 'Remediation.Rejected', Cause: 'no' });
      await expect(sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }))).rejects.toMatchObject({ name: 'TaskDoesNotExist' });
      await expect(sfn.send(new SendTaskSuccessCommand({ taskToken: 'bad token!', output: '{}' }))).rejects.toMatchObject({ name: 'InvalidToken' });
    } finally {
      sfn.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
