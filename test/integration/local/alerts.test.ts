import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { BatchImportFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { ListTopicsCommand, SNSClient } from '@aws-sdk/client-sns';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCAL_ACCOUNT_ID } from '../../../lib/local/defaults';
import { startEmbeddedDefault, type EmbeddedDefault } from '../../../lib/local/server';
import type { AwsSecurityFinding } from '../../../lambdas/asff/types';
import { APP_EVENT_SOURCE, FINDINGS_IMPORTED, type FindingChange } from '../../../lambdas/events/finding-events';
import { spawnSechub } from '../../support/cli';
import { aFinding } from '../../support/findings';

process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const PRODUCT_ARN = `arn:aws:securityhub:us-east-1:${LOCAL_ACCOUNT_ID}:product/${LOCAL_ACCOUNT_ID}/default`;

interface ListedAlert {
  Subject: string;
  Message: string;
  MessageAttributes: Record<string, { DataType: string; StringValue: string }>;
}

/**
 * Alerts end to end on the embedded default: finding events put on the app bus (as the findings
 * store's publisher puts them) → the stack's rule → the router → the local alerts topic → `sechub
 * list-alerts`.
 */
describe('alerts on the embedded default', () => {
  let local: EmbeddedDefault;
  let events: EventBridgeClient;
  let appBus: string;

  async function put(finding: AwsSecurityFinding, change: FindingChange): Promise<void> {
    const answer = await events.send(
      new PutEventsCommand({
        Entries: [{ EventBusName: appBus, Source: APP_EVENT_SOURCE, DetailType: FINDINGS_IMPORTED, Detail: JSON.stringify({ findings: [finding], change }) }],
      }),
    );
    expect(answer.FailedEntryCount).toBe(0);
  }

  async function listAlerts(): Promise<ListedAlert[]> {
    const result = await spawnSechub(['list-alerts', '--max-items', '50', '--endpoint-url', local.endpoint]);
    expect(result).toMatchObject({ code: 0 });
    // Only this test's account: the simulated member account (123456789012) alerts on its own control findings.
    return (JSON.parse(result.stdout) as { Alerts: ListedAlert[] }).Alerts.filter(
      (alert) => (alert as { MessageAttributes?: { account?: { StringValue?: string } } }).MessageAttributes?.account?.StringValue === LOCAL_ACCOUNT_ID,
    );
  }

  beforeAll(async () => {
    local = await startEmbeddedDefault({ port: 0, dataDir: mkdtempSync(join(tmpdir(), 'sechub-alerts-')), retryBackoffMs: 5 });
    events = new EventBridgeClient({ endpoint: local.endpoint, region: 'us-east-1', credentials });
    appBus = local.model.buses[0];
    await local.idle(); // the simulated account's settings, reported at start, are evaluated first
  }, 180_000);

  afterAll(async () => {
    events?.destroy();
    await local?.stop();
  });

  const finding = aFinding({
    Id: 'alerts-e2e-1',
    ProductArn: PRODUCT_ARN,
    AwsAccountId: LOCAL_ACCOUNT_ID,
    ProductName: 'Default',
    Region: 'us-east-1',
    RecordState: 'ACTIVE',
    Workflow: { Status: 'NEW' },
    Severity: { Label: 'HIGH', Normalized: 70 },
    Resources: [{ Type: 'AwsEc2Instance', Id: `arn:aws:ec2:us-east-1:${LOCAL_ACCOUNT_ID}:instance/i-0e2e` }],
  });
  const change = (version: number, overrides: Partial<FindingChange> = {}): FindingChange => ({
    created: version === 1,
    version,
    source: { Type: 'BATCH_IMPORT_FINDINGS', Identity: LOCAL_ACCOUNT_ID },
    updatedFields: version === 1 ? [] : ['UpdatedAt'],
    ...(version > 1 && { before: { SeverityLabel: 'HIGH', WorkflowStatus: 'NEW', RecordState: 'ACTIVE' } }),
    ...overrides,
  });

  it('serves the stack’s alerts topic on the edge', async () => {
    const sns = new SNSClient({ endpoint: local.endpoint, region: 'us-east-1', credentials });
    const { Topics = [] } = await sns.send(new ListTopicsCommand({}));
    sns.destroy();
    // The stack's topics, the alerts topic among them (the operations alarms and weekly report notices are the others).
    expect(Topics.map((topic) => topic.TopicArn).sort()).toEqual([
      expect.stringMatching(new RegExp(`^arn:aws:sns:us-east-1:${LOCAL_ACCOUNT_ID}:OpenSecurityHub-AlertingAlertsTopic`)),
      `arn:aws:sns:us-east-1:${LOCAL_ACCOUNT_ID}:OpenSecurityHub-OperationsAlarmsTopic`,
      `arn:aws:sns:us-east-1:${LOCAL_ACCOUNT_ID}:OpenSecurityHub-WeeklyReportNotices`,
    ]);
  });

  it('alerts once for a new finding re-imported unchanged 10 times', async () => {
    await put(finding, change(1));
    for (let version = 2; version <= 11; version += 1) await put({ ...finding, UpdatedAt: `2026-11-27T10:${String(version).padStart(2, '0')}:00.000Z` }, change(version));
    await local.idle();

    const alerts = await listAlerts();

    expect(alerts).toHaveLength(1);
    expect(alerts[0].Subject).toBe(`[HIGH] New: A test finding (${LOCAL_ACCOUNT_ID})`);
    expect(alerts[0].Message).toContain(`AwsEc2Instance arn:aws:ec2:us-east-1:${LOCAL_ACCOUNT_ID}:instance/i-0e2e`);
    expect(alerts[0].Message).toContain('npx sechub get-findings --filters');
    expect(alerts[0].MessageAttributes.severity).toEqual({ DataType: 'String', StringValue: 'HIGH' });
  });

  it('groups another finding on the same resource, and alerts again when one escalates above the group', async () => {
    await put({ ...finding, Id: 'alerts-e2e-2' }, change(1));
    await local.idle();
    expect(await listAlerts()).toHaveLength(1);

    await put({ ...finding, Severity: { Label: 'CRITICAL', Normalized: 90 } }, change(12, { updatedFields: ['Severity'] }));
    await local.idle();

    const alerts = await listAlerts();
    expect(alerts).toHaveLength(2);
    expect(alerts[0].Subject).toBe(`[CRITICAL] Escalated from HIGH: A test finding (${LOCAL_ACCOUNT_ID})`);
    expect(alerts[0].Message).toContain('3 findings on this resource since');
  });

  it('alerts from the findings store itself: 10 imports of one finding make one alert, its escalation a second', async () => {
    const hub = new SecurityHubClient({ endpoint: local.endpoint, region: 'us-east-1', credentials });
    const bucket = 'arn:aws:s3:::alerts-e2e-imported';
    const imported = aFinding({ Id: 'alerts-import-1', ProductArn: PRODUCT_ARN, AwsAccountId: LOCAL_ACCOUNT_ID, Resources: [{ Type: 'AwsS3Bucket', Id: bucket }] });
    const onBucket = async () => (await listAlerts()).filter((alert) => alert.Message.includes(bucket));
    try {
      for (let minute = 0; minute < 10; minute += 1) {
        const UpdatedAt = `2026-11-27T11:${String(minute).padStart(2, '0')}:00.000Z`;
        await hub.send(new BatchImportFindingsCommand({ Findings: [{ ...imported, UpdatedAt } as never] }));
      }
      await local.idle();
      expect(await onBucket()).toHaveLength(1);

      const critical = { Label: 'CRITICAL' as const, Normalized: 90 };
      await hub.send(
        new BatchImportFindingsCommand({
          Findings: [{ ...imported, UpdatedAt: '2026-11-27T11:30:00.000Z', Severity: critical, FindingProviderFields: { Severity: critical } } as never],
        }),
      );
      await local.idle();
      const alerts = await onBucket();
      expect(alerts).toHaveLength(2);
      expect(alerts[0].Subject).toMatch(/^\[CRITICAL\] Escalated from HIGH: /);
    } finally {
      hub.destroy();
    }
  });

  it('does not alert twice when the same finding version is delivered again', async () => {
    await put({ ...finding, Severity: { Label: 'CRITICAL', Normalized: 90 } }, change(12, { updatedFields: ['Severity'] }));
    await local.idle();
    expect((await listAlerts()).filter((alert) => alert.Message.includes('instance/i-0e2e'))).toHaveLength(2);
  });

  it('alerts who may approve when a remediation awaits approval (the rule, the router and the topic of the stack)', async () => {
    const detail = {
      remediationId: 'rem-e2e-1',
      playbookId: 'ec2-isolate-instance',
      executionArn: `arn:aws:states:us-east-1:${LOCAL_ACCOUNT_ID}:execution:remediation-ec2-isolate-instance:rem-e2e-1`,
      finding: { Id: finding.Id, ProductArn: PRODUCT_ARN },
      requestedBy: 'cli:alice',
      requestedAt: '2026-12-07T10:00:00.000Z',
      deadline: '2026-12-08T10:00:00.000Z',
      timeoutSeconds: 86_400,
      reminders: ['2026-12-07T22:00:00.000Z', '2026-12-08T09:00:00.000Z'],
      approvers: [],
      accountId: LOCAL_ACCOUNT_ID,
      resourceArn: `arn:aws:ec2:us-east-1:${LOCAL_ACCOUNT_ID}:instance/i-0e2e`,
      summary: 'snapshot the volumes of instance i-0e2e, then isolate it',
      reason: 'applies',
      approve: 'sechub approve-remediation --remediation-id rem-e2e-1',
      reject: 'sechub reject-remediation --remediation-id rem-e2e-1 --reason "…"',
    };
    const answer = await events.send(
      new PutEventsCommand({ Entries: [{ EventBusName: appBus, Source: APP_EVENT_SOURCE, DetailType: 'Remediation Awaiting Approval', Detail: JSON.stringify(detail) }] }),
    );
    expect(answer.FailedEntryCount).toBe(0);
    await local.idle();
    const [alert] = (await listAlerts()).filter((candidate) => candidate.MessageAttributes.alertKind?.StringValue === 'approval-requested');
    expect(alert.Subject).toBe(`[APPROVAL NEEDED] ec2-isolate-instance on arn:aws:ec2:us-east-1:${LOCAL_ACCOUNT_ID}:instance/i-0e2e`);
    expect(alert.Message).toContain('npx sechub approve-remediation --remediation-id rem-e2e-1');
    expect(alert.Message).toContain(`Console:    /console/#/findings/${finding.Id}?productArn=`);
  });
});
