/** The console's own operations over HTTP on the real store: GetFindingGroups against a brute-force count, StartRemediation's checks and what it starts. */
import { BatchImportFindingsCommand } from '@aws-sdk/client-securityhub';
import { createApi } from '../../../lambdas/api/api';
import type { PlaybookExecutionInput } from '../../../lambdas/remediation/contract';
import { FindingsStore } from '../../../lambdas/store/findings-store';
import { serveApi, type ServedApi } from '../../support/api-server';
import { startDynalite, type LocalDynamo } from '../../support/dynalite';
import { aFinding, PRODUCT_ARN } from '../../support/findings';

const NOW = new Date('2026-11-27T12:00:00.000Z');
const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'] as const;

describe('the console operations', () => {
  let dynamo: LocalDynamo;
  let hub: ServedApi;
  const started: Array<{ arn: string; name: string; input: PlaybookExecutionInput }> = [];

  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${hub.endpoint}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    dynamo = await startDynalite();
    const tableName = await dynamo.newFindingsTable();
    const findings = new FindingsStore({ client: dynamo.client, tableName, now: () => NOW });
    hub = await serveApi(
      createApi({
        findings,
        console: {
          findings,
          remediations: {
            stateMachines: { 's3-block-public-access': 'arn:aws:states:us-east-1:111122223333:stateMachine:S3BlockPublicAccess' },
            playbookRegions: ['eu-west-1', 'ap-south-1'], // ap-south-1's playbook stack is not deployed
            async startExecution(arn, name, input) {
              if (arn.includes(':ap-south-1:')) return undefined;
              started.push({ arn, name, input });
              return `${arn.replace(':stateMachine:', ':execution:')}:${name}`;
            },
          },
        },
      }),
      { identity: 'arn:aws:sts::000000000000:assumed-role/responder/alice' },
    );
    const seeded = Array.from({ length: 30 }, (_, index) =>
      aFinding({
        Id: `group-${index}`,
        AwsAccountId: String(111122223333 + (index % 3)),
        Severity: { Label: SEVERITIES[index % 4] },
        Resources: [{ Type: index % 2 ? 'AwsS3Bucket' : 'AwsEc2Instance', Id: `arn:aws:s3:::group-${index}` }],
        UpdatedAt: NOW.toISOString(),
        CreatedAt: NOW.toISOString(),
      }),
    );
    seeded.push(
      aFinding({
        Id: 's3-8',
        GeneratorId: 'security-control/S3.8',
        Compliance: { Status: 'FAILED', SecurityControlId: 'S3.8' },
        Resources: [{ Type: 'AwsS3Bucket', Id: 'arn:aws:s3:::public-bucket' }],
        UpdatedAt: NOW.toISOString(),
        CreatedAt: NOW.toISOString(),
      }),
    );
    for (const Region of ['eu-west-1', 'ap-south-1'])
      seeded.push(
        aFinding({
          Id: `s3-8-${Region}`,
          Region,
          Severity: { Label: 'LOW' }, // outside the groups counted above
          Compliance: { Status: 'FAILED', SecurityControlId: 'S3.8' },
          Resources: [{ Type: 'AwsS3Bucket', Id: `arn:aws:s3:::public-${Region}`, Region }],
          UpdatedAt: NOW.toISOString(),
          CreatedAt: NOW.toISOString(),
        } as never),
      );
    await hub.client.send(new BatchImportFindingsCommand({ Findings: seeded as never }));
  });
  afterAll(async () => {
    await hub?.stop();
    dynamo?.stop();
  });

  it('GetFindingGroups counts the matching findings per value of each attribute in one call', async () => {
    const { status, body } = await post('/findings/groups', {
      Filters: {
        SeverityLabel: [
          { Value: 'CRITICAL', Comparison: 'EQUALS' },
          { Value: 'HIGH', Comparison: 'EQUALS' },
        ],
      },
      GroupByAttributes: ['SeverityLabel', 'AwsAccountId', 'ResourceType'],
    });
    expect(status).toBe(200);
    // Indexes 0..29 with i%4 in {0 CRITICAL, 1 HIGH}: 0,1,4,5,8,9,…,28,29 (16), plus s3-8 (HIGH, account
    // …333, an S3 bucket). Accounts by i%3: …333 ← 0,9,12,21,24 + s3-8; …334 ← 1,4,13,16,25,28; …335 ← 5,8,17,20,29.
    // Resource types: odd i are buckets (1,5,9,…,29: 8) + s3-8; even i are instances (8).
    expect(body).toEqual({
      Total: 17,
      Groups: [
        {
          GroupByAttribute: 'SeverityLabel',
          ResultValues: [
            { GroupByAttributeValue: 'HIGH', Count: 9 },
            { GroupByAttributeValue: 'CRITICAL', Count: 8 },
          ],
        },
        {
          GroupByAttribute: 'AwsAccountId',
          ResultValues: [
            { GroupByAttributeValue: '111122223333', Count: 6 },
            { GroupByAttributeValue: '111122223334', Count: 6 },
            { GroupByAttributeValue: '111122223335', Count: 5 },
          ],
        },
        {
          GroupByAttribute: 'ResourceType',
          ResultValues: [
            { GroupByAttributeValue: 'AwsS3Bucket', Count: 9 },
            { GroupByAttributeValue: 'AwsEc2Instance', Count: 8 },
          ],
        },
      ],
    });
  });

  it('GetFindingGroups refuses what an insight could not group by, naming the member', async () => {
    expect(await post('/findings/groups', { GroupByAttributes: ['SeverityNormalized'] })).toMatchObject({
      status: 400,
      body: { Message: expect.stringContaining('GroupByAttributes[0]') },
    });
    expect(await post('/findings/groups', { GroupByAttributes: [] })).toMatchObject({ status: 400, body: { Message: expect.stringContaining('GroupByAttributes') } });
    expect(await post('/findings/groups', { GroupByAttributes: ['Region'], Filters: { Nope: [] } })).toMatchObject({
      status: 400,
      body: { Message: expect.stringContaining('Nope') },
    });
  });

  it('StartRemediation starts the registry’s playbook for the finding, as a dry run, on behalf of the caller', async () => {
    const { status, body } = await post('/remediations/start', { FindingIdentifier: { Id: 's3-8', ProductArn: PRODUCT_ARN }, DryRun: true });
    expect(status).toBe(200);
    expect(body).toMatchObject({ PlaybookId: 's3-block-public-access', DryRun: true, RemediationId: expect.stringMatching(/^api-/) });
    expect(started).toEqual([
      {
        arn: 'arn:aws:states:us-east-1:111122223333:stateMachine:S3BlockPublicAccess',
        name: body.RemediationId,
        input: { finding: { Id: 's3-8', ProductArn: PRODUCT_ARN }, dryRun: true, approved: false, requestedBy: 'api:arn:aws:sts::000000000000:assumed-role/responder/alice' },
      },
    ]);
  });

  it('StartRemediation refuses an unknown finding, a finding no playbook fixes, and a bad flag', async () => {
    expect(await post('/remediations/start', { FindingIdentifier: { Id: 'nope', ProductArn: PRODUCT_ARN } })).toMatchObject({ status: 404 });
    expect(await post('/remediations/start', { FindingIdentifier: { Id: 'group-1', ProductArn: PRODUCT_ARN } })).toMatchObject({
      status: 400,
      body: { Message: expect.stringContaining('No playbook remediates finding group-1') },
    });
    expect(await post('/remediations/start', { FindingIdentifier: { Id: 's3-8', ProductArn: PRODUCT_ARN }, DryRun: 'yes' })).toMatchObject({
      status: 400,
      body: { Message: expect.stringContaining("'DryRun'") },
    });
    expect(started).toHaveLength(1);
  });

  it("StartRemediation starts a linked Region's finding in that Region's playbook stack, and in the home Region when that stack does not exist", async () => {
    started.length = 0;
    for (const Region of ['eu-west-1', 'ap-south-1'])
      expect(await post('/remediations/start', { FindingIdentifier: { Id: `s3-8-${Region}`, ProductArn: PRODUCT_ARN }, DryRun: true })).toMatchObject({ status: 200 });
    expect(started.map((call) => call.arn)).toEqual([
      'arn:aws:states:eu-west-1:111122223333:stateMachine:OpenSecurityHub-Playbook-s3-block-public-access',
      'arn:aws:states:us-east-1:111122223333:stateMachine:S3BlockPublicAccess',
    ]);
  });
});
