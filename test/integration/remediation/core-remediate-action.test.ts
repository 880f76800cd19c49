import { CreateActionTargetCommand, DeleteActionTargetCommand, DescribeActionTargetsCommand, UpdateActionTargetCommand } from '@aws-sdk/client-securityhub';
import { sendOwnOperation } from '../../../bin/cli/own-operations';
import { createApi, LOCAL_LOCATION } from '../../../lambdas/api/api';
import { isRemediateAction } from '../../../lambdas/remediation/dispatch';
import { FindingsStore } from '../../../lambdas/store/findings-store';
import { DynamoActionTargetStore } from '../../../lambdas/triage/action-targets/action-target-store';
import type { CustomActionEntry } from '../../../lambdas/triage/action-targets/action-targets';
import { serveApi, type ServedApi } from '../../support/api-server';
import { startDynalite, type LocalDynamo } from '../../support/dynalite';
import { aFinding, identifierOf } from '../../support/findings';

const REMEDIATE = `arn:aws:securityhub:${LOCAL_LOCATION.region}:${LOCAL_LOCATION.accountId}:action/custom/Remediate`;
let dynamo: LocalDynamo;
let served: ServedApi;
const sent: CustomActionEntry[] = [];

beforeAll(async () => {
  dynamo = await startDynalite();
  const tableName = await dynamo.newFindingsTable();
  const findings = new FindingsStore({ client: dynamo.client, tableName });
  await findings.importFindings([aFinding({ Id: 'to-remediate' })], { identity: 'importer' });
  served = await serveApi(
    createApi({
      findings,
      actionTargets: {
        store: new DynamoActionTargetStore({ client: dynamo.client, tableName }),
        eventBusName: 'app-bus',
        putEvents: async (entries) => {
          sent.push(...entries);
          return { FailedEntryCount: 0, Entries: entries.map((_, index) => ({ EventId: `e${index}` })) };
        },
      },
    }),
  );
});
afterAll(async () => {
  await served.stop();
  await dynamo.stop();
});

describe('the built-in Remediate custom action', () => {
  it('is always listed, by itself or by ARN', async () => {
    const all = await served.client.send(new DescribeActionTargetsCommand({}));
    expect(all.ActionTargets?.[0]).toMatchObject({ ActionTargetArn: REMEDIATE, Name: 'Remediate' });
    const named = await served.client.send(new DescribeActionTargetsCommand({ ActionTargetArns: [REMEDIATE] }));
    expect(named.ActionTargets).toHaveLength(1);
  });

  it('cannot be created, changed or deleted', async () => {
    await expect(served.client.send(new DeleteActionTargetCommand({ ActionTargetArn: REMEDIATE }))).rejects.toMatchObject({
      name: 'InvalidInputException',
      message: expect.stringMatching(/built-in/),
    });
    await expect(served.client.send(new UpdateActionTargetCommand({ ActionTargetArn: REMEDIATE, Name: 'x' }))).rejects.toMatchObject({ name: 'InvalidInputException' });
    await expect(served.client.send(new CreateActionTargetCommand({ Id: 'Remediate', Name: 'x', Description: 'y' }))).rejects.toMatchObject({ name: 'InvalidInputException' });
  });

  it('sends findings as a custom-action event the dispatcher recognises', async () => {
    const answer = await sendOwnOperation(served.client, '/actionTargets/send', {
      ActionTargetArn: REMEDIATE,
      FindingIdentifiers: [identifierOf(aFinding({ Id: 'to-remediate' }))],
    });
    expect(answer).toMatchObject({ FindingsSent: 1 });
    expect(sent[0].Resources).toEqual([REMEDIATE]);
    expect(isRemediateAction(sent[0].Resources[0])).toBe(true);
    expect(isRemediateAction(REMEDIATE.replace('Remediate', 'Other'))).toBe(false);
  });
});
