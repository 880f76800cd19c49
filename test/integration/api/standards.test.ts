import {
  BatchDisableStandardsCommand,
  BatchEnableStandardsCommand,
  BatchGetSecurityControlsCommand,
  BatchImportFindingsCommand,
  BatchUpdateFindingsCommand,
  DescribeStandardsCommand,
  DescribeStandardsControlsCommand,
  GetEnabledStandardsCommand,
  GetSecurityControlDefinitionCommand,
  InvalidInputException,
  ListSecurityControlDefinitionsCommand,
  ResourceNotFoundException,
  SecurityHubClient,
  UpdateSecurityControlCommand,
  UpdateStandardsControlCommand,
  type AwsSecurityFinding,
} from '@aws-sdk/client-securityhub';
import { createApi, type ApiRequest } from '../../../lambdas/api/api';
import { controlFinding } from '../../../lambdas/compliance/control-finding';
import { CONTROLS } from '../../../lambdas/compliance/controls/registry';
import type { ConfigurationItem, ControlResult } from '../../../lambdas/compliance/controls/types';
import { ScoreSnapshotStore } from '../../../lambdas/compliance/state/score-snapshots';
import { DynamoComplianceSettingsStore } from '../../../lambdas/compliance/state/settings-store';
import { findControl } from '../../../lambdas/compliance/state/settings-validation';
import { FindingsStore } from '../../../lambdas/store/findings-store';
import { startDynalite, type LocalDynamo } from '../../support/dynalite';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const FSBP = 'arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0';
const CIS = 'arn:aws:securityhub:us-east-1::standards/cis-aws-foundations-benchmark/v/3.0.0';
const PCI = 'arn:aws:securityhub:us-east-1::standards/pci-dss/v/3.2.1';
const subscription = (path: string) => `arn:aws:securityhub:us-east-1:000000000000:subscription/${path}`;
const PCI_SUBSCRIPTION = subscription('pci-dss/v/3.2.1');
const FSBP_SUBSCRIPTION = subscription('aws-foundational-security-best-practices/v/1.0.0');

/** The API core on the real stores (dynalite), served over plain HTTP for the SDK. */
async function serve(api: ReturnType<typeof createApi>): Promise<{ server: Server; endpoint: string }> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const apiRequest: ApiRequest = {
        method: request.method ?? 'GET',
        path: decodeURIComponent(url.pathname) === url.pathname ? url.pathname : url.pathname.split('/').map(decodeURIComponent).join('/'),
        body: Buffer.concat(chunks).toString('utf8'),
        query: Object.fromEntries(url.searchParams),
        caller: { identity: 'tester' },
        requestId: 'req',
      };
      void api(apiRequest).then((result) => {
        response.writeHead(result.statusCode, result.headers);
        response.end(result.body);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function item(resourceId: string, resourceType = 'AWS::S3::Bucket'): ConfigurationItem {
  return { accountId: '111122223333', awsRegion: 'us-east-1', resourceType, resourceId, arn: `arn:aws:s3:::${resourceId}`, configuration: {} };
}

function finding(controlId: string, resourceId: string, status: ControlResult, evaluatedAt = '2026-11-01T10:00:00.000Z'): AwsSecurityFinding {
  const control = findControl(controlId);
  if (control === undefined) throw new Error(`no control ${controlId}`);
  const resourceType = control.resourceTypes[0];
  return controlFinding({
    control,
    item: item(resourceId, resourceType),
    evaluation: { status, reason: `${controlId} ${status}` },
    enabledStandards: ['aws-foundational-security-best-practices/v/1.0.0', 'cis-aws-foundations-benchmark/v/3.0.0'],
    evaluatedAt,
  }) as unknown as AwsSecurityFinding;
}

describe('standards and controls through @aws-sdk/client-securityhub, on the real stores', () => {
  let dynamo: LocalDynamo;
  let server: Server;
  let client: SecurityHubClient;
  let now = new Date('2026-11-02T00:00:00.000Z');

  beforeAll(async () => {
    dynamo = await startDynalite();
    const tableName = await dynamo.newFindingsTable();
    const api = createApi({
      findings: new FindingsStore({ client: dynamo.client, tableName }),
      compliance: {
        settings: new DynamoComplianceSettingsStore({ client: dynamo.client, tableName }),
        snapshots: new ScoreSnapshotStore({ client: dynamo.client, tableName }),
        now: () => now,
      },
    });
    const served = await serve(api);
    server = served.server;
    client = new SecurityHubClient({ endpoint: served.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
  });

  afterAll(async () => {
    client.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await dynamo.stop();
  });

  it('describes the seven standards with names and EnabledByDefault', async () => {
    const { Standards } = await client.send(new DescribeStandardsCommand({}));
    expect(Standards?.map((s) => [s.StandardsArn, s.EnabledByDefault])).toEqual([
      [FSBP, true],
      [CIS, true],
      [PCI, false],
      ['arn:aws:securityhub:us-east-1::standards/nist-800-53/v/5.0.0', false],
      ['arn:aws:securityhub:us-east-1::standards/pci-dss/v/4.0.1', false],
      ['arn:aws:securityhub:us-east-1::standards/cis-aws-foundations-benchmark/v/5.0.0', false],
      ['arn:aws:securityhub:us-east-1::standards/aws-resource-tagging-standard/v/1.0.0', false],
    ]);
    expect(Standards?.map((s) => s.Name)).toEqual([
      'AWS Foundational Security Best Practices v1.0.0',
      'CIS AWS Foundations Benchmark v3.0.0',
      'PCI DSS v3.2.1',
      'NIST Special Publication 800-53 Revision 5',
      'PCI DSS v4.0.1',
      'CIS AWS Foundations Benchmark v5.0.0',
      'AWS Resource Tagging Standard',
    ]);
  });

  it('enables the default standards until told otherwise', async () => {
    const { StandardsSubscriptions } = await client.send(new GetEnabledStandardsCommand({}));
    expect(StandardsSubscriptions?.map((s) => s.StandardsArn)).toEqual([FSBP, CIS]);
    expect(StandardsSubscriptions?.[0]).toMatchObject({ StandardsSubscriptionArn: FSBP_SUBSCRIPTION, StandardsStatus: 'READY' });
  });

  it('enables and disables a standard', async () => {
    const enabled = await client.send(new BatchEnableStandardsCommand({ StandardsSubscriptionRequests: [{ StandardsArn: PCI }] }));
    expect(enabled.StandardsSubscriptions).toEqual([expect.objectContaining({ StandardsSubscriptionArn: PCI_SUBSCRIPTION, StandardsArn: PCI, StandardsStatus: 'READY' })]);
    expect((await client.send(new GetEnabledStandardsCommand({}))).StandardsSubscriptions?.map((s) => s.StandardsArn)).toEqual([FSBP, CIS, PCI]);

    const disabled = await client.send(new BatchDisableStandardsCommand({ StandardsSubscriptionArns: [PCI_SUBSCRIPTION] }));
    expect(disabled.StandardsSubscriptions?.[0]).toMatchObject({ StandardsArn: PCI, StandardsStatus: 'DELETING' });
    expect((await client.send(new GetEnabledStandardsCommand({}))).StandardsSubscriptions?.map((s) => s.StandardsArn)).toEqual([FSBP, CIS]);
  });

  it('refuses an unknown standard as ResourceNotFoundException', async () => {
    const unknown = 'arn:aws:securityhub:us-east-1::standards/nist-800-171/v/2.0.0';
    await expect(client.send(new BatchEnableStandardsCommand({ StandardsSubscriptionRequests: [{ StandardsArn: unknown }] }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('disables a control with a reason, and describes it so', async () => {
    const arn = 'arn:aws:securityhub:us-east-1:000000000000:control/aws-foundational-security-best-practices/v/1.0.0/S3.5';
    await client.send(new UpdateStandardsControlCommand({ StandardsControlArn: arn, ControlStatus: 'DISABLED', DisabledReason: 'static website buckets' }));
    const { Controls } = await client.send(new DescribeStandardsControlsCommand({ StandardsSubscriptionArn: FSBP_SUBSCRIPTION }));
    const s35 = Controls?.find((control) => control.ControlId === 'S3.5');
    expect(s35).toMatchObject({ StandardsControlArn: arn, ControlStatus: 'DISABLED', DisabledReason: 'static website buckets', SeverityRating: 'MEDIUM' });
    expect(Controls?.find((control) => control.ControlId === 'S3.1')).toMatchObject({
      ControlStatus: 'ENABLED',
      Title: expect.any(String),
      RemediationUrl: expect.stringContaining('http'),
    });

    await client.send(new UpdateStandardsControlCommand({ StandardsControlArn: arn, ControlStatus: 'ENABLED' }));
    const after = await client.send(new DescribeStandardsControlsCommand({ StandardsSubscriptionArn: FSBP_SUBSCRIPTION }));
    expect(after.Controls?.find((control) => control.ControlId === 'S3.5')).toMatchObject({ ControlStatus: 'ENABLED' });
    expect(after.Controls?.find((control) => control.ControlId === 'S3.5')?.DisabledReason).toBeUndefined();
  });

  it('refuses to disable a control without a reason, naming DisabledReason', async () => {
    const arn = 'arn:aws:securityhub:us-east-1:000000000000:control/aws-foundational-security-best-practices/v/1.0.0/S3.5';
    const error = await client.send(new UpdateStandardsControlCommand({ StandardsControlArn: arn, ControlStatus: 'DISABLED' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputException);
    expect((error as Error).message).toContain('DisabledReason');
  });

  it('answers an unknown standards control with ResourceNotFoundException', async () => {
    const arn = 'arn:aws:securityhub:us-east-1:000000000000:control/aws-foundational-security-best-practices/v/1.0.0/S3.999';
    await expect(client.send(new UpdateStandardsControlCommand({ StandardsControlArn: arn, ControlStatus: 'ENABLED' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('lists control definitions, all or of one standard, with parameter definitions', async () => {
    // One page of at most 100 (Security Hub's MaxResults limit); the catalogue is larger, so a NextToken follows (paged below).
    const all = await client.send(new ListSecurityControlDefinitionsCommand({}));
    expect(all.SecurityControlDefinitions).toHaveLength(Math.min(100, CONTROLS.length));
    expect(all.NextToken !== undefined).toBe(CONTROLS.length > 100);
    const pci = await client.send(new ListSecurityControlDefinitionsCommand({ StandardsArn: PCI }));
    expect(pci.SecurityControlDefinitions?.length).toBeGreaterThan(0);
    expect(pci.SecurityControlDefinitions?.length).toBeLessThan(CONTROLS.length);
    const { SecurityControlDefinition } = await client.send(new GetSecurityControlDefinitionCommand({ SecurityControlId: 'EKS.2' }));
    expect(SecurityControlDefinition).toMatchObject({
      SecurityControlId: 'EKS.2',
      CurrentRegionAvailability: 'AVAILABLE',
      CustomizableProperties: ['Parameters'],
      ParameterDefinitions: { oldestVersionSupported: { ConfigurationOptions: { String: { DefaultValue: '1.28' } } } },
    });
  });

  it('pages control definitions with MaxResults and NextToken, each once', async () => {
    const ids: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await client.send(new ListSecurityControlDefinitionsCommand({ MaxResults: 25, NextToken }));
      ids.push(...(page.SecurityControlDefinitions ?? []).map((d) => d.SecurityControlId as string));
      NextToken = page.NextToken;
    } while (NextToken);
    expect(new Set(ids).size).toBe(CONTROLS.length);
  });

  it('round-trips a parameter update: CUSTOM value, then back to DEFAULT', async () => {
    await client.send(
      new UpdateSecurityControlCommand({
        SecurityControlId: 'EKS.2',
        Parameters: { oldestVersionSupported: { ValueType: 'CUSTOM', Value: { String: '1.30' } } },
        LastUpdateReason: 'policy',
      }),
    );
    const custom = await client.send(new BatchGetSecurityControlsCommand({ SecurityControlIds: ['EKS.2', 'Nope.1'] }));
    expect(custom.SecurityControls?.[0]).toMatchObject({
      SecurityControlId: 'EKS.2',
      SecurityControlArn: 'arn:aws:securityhub:us-east-1:000000000000:security-control/EKS.2',
      SecurityControlStatus: 'ENABLED',
      UpdateStatus: 'READY',
      Parameters: { oldestVersionSupported: { ValueType: 'CUSTOM', Value: { String: '1.30' } } },
    });
    expect(custom.UnprocessedIds).toEqual([expect.objectContaining({ SecurityControlId: 'Nope.1', ErrorCode: 'NOT_FOUND' })]);

    await client.send(new UpdateSecurityControlCommand({ SecurityControlId: 'EKS.2', Parameters: { oldestVersionSupported: { ValueType: 'DEFAULT' } } }));
    const reset = await client.send(new BatchGetSecurityControlsCommand({ SecurityControlIds: ['EKS.2'] }));
    expect(reset.SecurityControls?.[0].Parameters).toEqual({ oldestVersionSupported: { ValueType: 'DEFAULT', Value: { String: '1.28' } } });
  });

  it('refuses a parameter value of the wrong type, naming the field', async () => {
    const error = await client
      .send(new UpdateSecurityControlCommand({ SecurityControlId: 'EKS.2', Parameters: { oldestVersionSupported: { ValueType: 'CUSTOM', Value: { Integer: 5 } } } }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputException);
    expect((error as Error).message).toContain('Parameters.oldestVersionSupported.Value');
  });

  describe('security scores from imported control findings', () => {
    const post = async (path: string, body: object) => {
      const endpoint = (await client.config.endpoint?.()) as { hostname: string; port?: number };
      const response = await fetch(`http://${endpoint.hostname}:${endpoint.port}${path}`, {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
      });
      return { status: response.status, body: (await response.json()) as Record<string, any> };
    };

    beforeAll(async () => {
      // S3.5 passes on two buckets; S3.8 fails on one of two; S3.9's only failing finding is suppressed.
      const findings = [
        finding('S3.5', 'bucket-a', 'PASSED'),
        finding('S3.5', 'bucket-b', 'PASSED'),
        finding('S3.8', 'bucket-a', 'PASSED'),
        finding('S3.8', 'bucket-b', 'FAILED'),
        finding('S3.9', 'bucket-a', 'FAILED'),
      ];
      const imported = await client.send(new BatchImportFindingsCommand({ Findings: findings }));
      expect(imported.FailedCount).toBe(0);
      const suppressed = findings[4];
      await client.send(new BatchUpdateFindingsCommand({ FindingIdentifiers: [{ Id: suppressed.Id, ProductArn: suppressed.ProductArn }], Workflow: { Status: 'SUPPRESSED' } }));
    });

    it('derives control statuses and scores as Security Hub does', async () => {
      const { status, body } = await post('/compliance/scores', {});
      expect(status).toBe(200);
      expect(body.Current.ControlStatuses).toMatchObject({ 'S3.5': 'PASSED', 'S3.8': 'FAILED', 'S3.9': 'NO_DATA' });
      const fsbp = body.Current.StandardsScores.find((score: { StandardsArn: string }) => score.StandardsArn === FSBP);
      expect(fsbp).toMatchObject({ Passed: 1, Failed: 1, Score: 50 });
      expect(body.Current.SummaryScore).toMatchObject({ Passed: 1, Failed: 1, Score: 50 });
    });

    it('keeps snapshots as history and reports what changed since the last one', async () => {
      const first = await post('/compliance/scores/snapshot', {});
      expect(first.body.Previous).toBeUndefined();
      expect(first.body.ControlStatusChanges).toEqual(
        expect.arrayContaining([
          { SecurityControlId: 'S3.5', PreviousStatus: 'NO_DATA', CurrentStatus: 'PASSED' },
          { SecurityControlId: 'S3.8', PreviousStatus: 'NO_DATA', CurrentStatus: 'FAILED' },
        ]),
      );

      now = new Date('2026-11-03T00:00:00.000Z');
      await client.send(new BatchImportFindingsCommand({ Findings: [finding('S3.8', 'bucket-b', 'PASSED', '2026-11-02T12:00:00.000Z')] }));
      const second = await post('/compliance/scores/snapshot', {});
      expect(second.body.Previous.TakenAt).toBe('2026-11-02T00:00:00.000Z');
      expect(second.body.ControlStatusChanges).toEqual([{ SecurityControlId: 'S3.8', PreviousStatus: 'FAILED', CurrentStatus: 'PASSED' }]);
      expect(second.body.ScoreChanges).toEqual(
        expect.arrayContaining([
          { Scope: 'SUMMARY', PreviousScore: 50, CurrentScore: 100 },
          { Scope: FSBP, PreviousScore: 50, CurrentScore: 100 },
        ]),
      );

      const { body } = await post('/compliance/scores', { HistoryDays: 7 });
      expect(body.History.map((snapshot: { TakenAt: string; SummaryScore: { Score: number } }) => [snapshot.TakenAt, snapshot.SummaryScore.Score])).toEqual([
        ['2026-11-03T00:00:00.000Z', 100],
        ['2026-11-02T00:00:00.000Z', 50],
      ]);
    });
  });
});
