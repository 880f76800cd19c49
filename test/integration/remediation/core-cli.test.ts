import { DescribeExecutionCommand, GetExecutionHistoryCommand, ListStateMachinesCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { regionalStateMachineFor, startRemediation, stateMachineFor } from '../../../bin/cli/remediation';
import { createApi } from '../../../lambdas/api/api';
import { taskTokenClient } from '../../../lambdas/wiring/remediation';
import { DynamoRemediationRecordStore } from '../../../lambdas/remediation/state/record-store';
import { DynamoRemediationSettingsStore } from '../../../lambdas/remediation/state/settings-store';
import type { AwsSecurityFinding } from '../../../lambdas/asff/types';
import { FindingsStore } from '../../../lambdas/store/findings-store';
import { serveApi, type ServedApi } from '../../support/api-server';
import { startDynalite, type LocalDynamo } from '../../support/dynalite';
import { aFinding } from '../../support/findings';

const sfn = mockClient(SFNClient);
let dynamo: LocalDynamo;
let served: ServedApi;
const MACHINES = [
  { name: 'OpenSecurityHub-Remediation-ebs-default-encryption', stateMachineArn: 'arn:aws:states:us-east-1:999988887777:stateMachine:ebs' },
  { name: 'OpenSecurityHub-Remediation-s3-default-encryption', stateMachineArn: 'arn:aws:states:us-east-1:999988887777:stateMachine:s3enc' },
  { name: 'OpenSecurityHub-RemediationS3BlockPublicAccess', stateMachineArn: 'arn:aws:states:us-east-1:999988887777:stateMachine:s3bpa' },
];

beforeAll(async () => {
  dynamo = await startDynalite();
  const table = await dynamo.newFindingsTable();
  const findings = new FindingsStore({ client: dynamo.client, tableName: table });
  const failedS3_8 = (Id: string, Region?: string) =>
    aFinding({ Id, ...(Region && { Region }), Compliance: { Status: 'FAILED', SecurityControlId: 'S3.8' } } as Partial<AwsSecurityFinding>);
  await findings.importFindings([failedS3_8('bucket-finding'), failedS3_8('eu-bucket-finding', 'eu-west-1'), failedS3_8('west-bucket-finding', 'us-west-2')], {
    identity: 'importer',
  });
  served = await serveApi(
    createApi({
      findings,
      remediation: {
        records: new DynamoRemediationRecordStore(dynamo.client, table),
        settings: new DynamoRemediationSettingsStore(dynamo.client, table),
        tasks: taskTokenClient(new SFNClient({ region: 'us-east-1' })),
      },
    }),
  );
});
afterAll(async () => {
  await served.stop();
  await dynamo.stop();
});
beforeEach(() => {
  sfn.reset();
  sfn.on(ListStateMachinesCommand).resolves({ stateMachines: MACHINES as never });
  sfn.on(StartExecutionCommand).callsFake((input: { stateMachineArn: string; name: string }) => ({
    executionArn: `${input.stateMachineArn.replace('stateMachine', 'execution')}:${input.name}`,
    startDate: new Date(),
  }));
});

describe('sechub remediate', () => {
  it('finds the state machine of a playbook whatever the construct named it, not a longer id that contains it', () => {
    expect(stateMachineFor(MACHINES, 's3-block-public-access')).toBe(MACHINES[2].stateMachineArn);
    expect(stateMachineFor(MACHINES, 's3-default-encryption')).toBe(MACHINES[1].stateMachineArn);
    expect(stateMachineFor(MACHINES, 'vpc-flow-logs')).toBeUndefined();
  });

  it('starts the playbook the registry picks for the finding, with a dry run and pre-approval as asked', async () => {
    const result = await startRemediation(served.client, new SFNClient({ region: 'us-east-1' }), {
      findingId: 'bucket-finding',
      dryRun: true,
      approve: true,
      requestedBy: 'cli:alice',
    });
    expect(result).toMatchObject({ playbookId: 's3-block-public-access', remediationId: expect.stringMatching(/^cli-/) });
    const [start] = sfn.commandCalls(StartExecutionCommand);
    expect(start.args[0].input.stateMachineArn).toBe(MACHINES[2].stateMachineArn);
    expect(JSON.parse(start.args[0].input.input ?? '{}')).toEqual({
      finding: { Id: 'bucket-finding', ProductArn: expect.any(String) },
      dryRun: true,
      approved: true,
      requestedBy: 'cli:alice',
    });
  });

  it('waits for the end and reports the status, state transitions and wall time', async () => {
    sfn
      .on(DescribeExecutionCommand)
      .resolvesOnce({ status: 'RUNNING' } as never)
      .resolves({ status: 'SUCCEEDED', output: '{"record":{"outcome":"SUCCEEDED"}}' } as never);
    sfn.on(GetExecutionHistoryCommand).resolves({
      events: [
        { type: 'ExecutionStarted', id: 1 },
        { type: 'TaskStateEntered', id: 2 },
        { type: 'ChoiceStateEntered', id: 3 },
        { type: 'ExecutionSucceeded', id: 4 },
      ] as never,
    });
    const result = await startRemediation(served.client, new SFNClient({ region: 'us-east-1' }), { findingId: 'bucket-finding', wait: true, pollMs: 1 });
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { record: { outcome: 'SUCCEEDED' } }, stateTransitions: 2, wallMs: expect.any(Number) });
  });

  it("runs a finding of a linked Region on that Region's playbook stack, and on the home one where its Region has none", async () => {
    const regional = {
      name: 'OpenSecurityHub-Playbook-s3-block-public-access',
      stateMachineArn: 'arn:aws:states:eu-west-1:999988887777:stateMachine:OpenSecurityHub-Playbook-s3-block-public-access',
    };
    expect(regionalStateMachineFor([...MACHINES, regional], 's3-block-public-access', 'eu-west-1')).toBe(regional.stateMachineArn);
    expect(regionalStateMachineFor([...MACHINES, regional], 's3-block-public-access', 'us-west-2')).toBeUndefined();
    expect(regionalStateMachineFor([...MACHINES, regional], 's3-default-encryption', 'eu-west-1')).toBeUndefined();
    sfn.on(ListStateMachinesCommand).resolves({ stateMachines: [...MACHINES, regional] as never });
    const asked: string[] = [];
    const clientIn = async (region: string) => {
      asked.push(region);
      return new SFNClient({ region });
    };
    await startRemediation(served.client, new SFNClient({ region: 'us-east-1' }), { findingId: 'eu-bucket-finding', clientIn });
    await startRemediation(served.client, new SFNClient({ region: 'us-east-1' }), { findingId: 'west-bucket-finding', clientIn });
    await startRemediation(served.client, new SFNClient({ region: 'us-east-1' }), { findingId: 'bucket-finding', clientIn });
    const starts = sfn.commandCalls(StartExecutionCommand);
    expect(starts.map((call) => call.args[0].input.stateMachineArn)).toEqual([regional.stateMachineArn, MACHINES[2].stateMachineArn, MACHINES[2].stateMachineArn]);
    // Each started by a client of the Region it runs in.
    expect(await Promise.all(starts.map((call) => (call.thisValue as SFNClient).config.region()))).toEqual(['eu-west-1', 'us-east-1', 'us-east-1']);
    expect(asked).toEqual(['eu-west-1', 'us-west-2']);
  });

  it('refuses an unknown finding and a finding no playbook remediates', async () => {
    await expect(startRemediation(served.client, new SFNClient({ region: 'us-east-1' }), { findingId: 'nope' })).rejects.toThrow(/No finding nope/);
    await expect(startRemediation(served.client, new SFNClient({ region: 'us-east-1' }), { findingId: 'bucket-finding', playbookId: 'nope' })).rejects.toThrow(/No playbook nope/);
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
  });
});
