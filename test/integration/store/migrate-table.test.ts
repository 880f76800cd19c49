import { CreateTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { findingsTableDefinition } from '../../../lambdas/store/create-table';
import { FindingsStore } from '../../../lambdas/store/findings-store';
import { ensureFindingsTableLayout } from '../../../lambdas/store/migrate-table';
import { FINDING_INDEXES } from '../../../lambdas/store/table-schema';
import { startDynalite, type LocalDynamo } from '../../support/dynalite';
import { aFinding, identifierOf } from '../../support/findings';

const caller = { identity: 'tester' };
let dynamo: LocalDynamo;
beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(() => dynamo.stop());

describe('ensureFindingsTableLayout', () => {
  it('creates a missing table, and then leaves it as it is', async () => {
    const name = `layout-new-${Date.now()}`;
    expect(await ensureFindingsTableLayout(dynamo.client, name)).toEqual({ action: 'created' });
    expect(await ensureFindingsTableLayout(dynamo.client, name)).toEqual({ action: 'current' });
  });

  it('rebuilds a table from an older release with the new index, keeping findings, history and resource links', async () => {
    const name = `layout-old-${Date.now()}`;
    const [newest, ...older] = [...FINDING_INDEXES].reverse();
    const definition = findingsTableDefinition(name);
    definition.GlobalSecondaryIndexes = definition.GlobalSecondaryIndexes?.filter((index) => index.IndexName !== newest.name);
    await dynamo.client.send(new CreateTableCommand(definition));
    const store = new FindingsStore({ client: dynamo.client, tableName: name });
    const twoResources = aFinding({
      Id: 'two-resources',
      Resources: [
        { Type: 'AwsEc2Instance', Id: 'arn:aws:ec2:us-east-1:111122223333:instance/i-1' },
        { Type: 'AwsS3Bucket', Id: 'arn:aws:s3:::second-resource' },
      ],
    });
    await store.importFindings([aFinding({ Id: 'one' }), twoResources], caller);
    await store.updateFindings({ FindingIdentifiers: [identifierOf(twoResources)], Workflow: { Status: 'NOTIFIED' } }, caller);

    const outcome = await ensureFindingsTableLayout(dynamo.client, name);

    expect(outcome).toMatchObject({ action: 'rebuilt', addedIndexes: [newest.name], removedIndexes: [] });
    const { Table } = await dynamo.client.send(new DescribeTableCommand({ TableName: name }));
    expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName).sort()).toEqual([newest, ...older].map((index) => index.name).sort());
    const all = await store.findAll();
    expect(all.findings.map((finding) => finding.Id).sort()).toEqual(['one', 'two-resources']);
    const bySecondResource = await store.getFindings({ Filters: { ResourceId: [{ Value: 'arn:aws:s3:::second-resource', Comparison: 'EQUALS' }] } });
    expect(bySecondResource.Findings.map((finding) => finding.Id)).toEqual(['two-resources']);
    expect(bySecondResource.plan.access).toBe('ByResource');
    const history = await store.getFindingHistory({ FindingIdentifier: identifierOf(twoResources) });
    expect(history.Records.map((record) => record.FindingCreated)).toEqual([false, true]);
  });
});
