import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetQueueUrlCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { BatchImportFindingsCommand, GetFindingsCommand, SecurityHubClient, type AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCAL_ACCOUNT_ID } from '../../../lib/local/defaults';
import { startEmbeddedDefault, type EmbeddedDefault } from '../../../lib/local/server';
import { fixtureJson, sourceEvent } from '../../support/fixtures';

process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
/** PutEvents stamps the caller's account and Region on the event: the node's finding is in them. */
const NODE_FINDING_ID = `arn:aws:patchmanager:us-east-1:${LOCAL_ACCOUNT_ID}:instance/i-02573cafcf1234567`;

/** An EventBridge entry carrying a fixture event as an AWS service would put it. */
function entryOf(name: string) {
  const event = sourceEvent(name);
  return { Source: event.source, DetailType: event['detail-type'], Detail: JSON.stringify(event.detail), Resources: event.resources, Time: new Date(event.time) };
}

describe('Patch Manager, Firewall Manager and Access Analyzer unused access on the embedded default', () => {
  let local: EmbeddedDefault;
  let events: EventBridgeClient;
  let hub: SecurityHubClient;
  let sqs: SQSClient;

  beforeAll(async () => {
    local = await startEmbeddedDefault({ port: 0, dataDir: mkdtempSync(join(tmpdir(), 'sechub-sources-')), retryBackoffMs: 5 });
    const config = { endpoint: local.endpoint, region: 'us-east-1', credentials };
    events = new EventBridgeClient(config);
    hub = new SecurityHubClient(config);
    sqs = new SQSClient(config);
  }, 120_000);

  afterAll(async () => {
    for (const client of [events, hub, sqs]) client?.destroy();
    await local?.stop();
  });

  async function findingsOf(productName: string): Promise<AwsSecurityFinding[]> {
    const { Findings = [] } = await hub.send(new GetFindingsCommand({ Filters: { ProductName: [{ Value: productName, Comparison: 'EQUALS' }] } }));
    return Findings;
  }

  it('normalizes events put on the default bus through each source’s rule into GetFindings', async () => {
    const put = await events.send(
      new PutEventsCommand({
        Entries: [entryOf('ssm-patch-manager/non-compliant-critical-ec2'), entryOf('firewall-manager/waf-non-compliant-alb'), entryOf('access-analyzer/unused-permission-role')],
      }),
    );
    await local.idle();
    expect(put.FailedEntryCount).toBe(0);

    expect(await findingsOf('Systems Manager Patch Manager')).toEqual([
      expect.objectContaining({
        Id: NODE_FINDING_ID,
        Types: ['Software and Configuration Checks/Patch Management'],
        Severity: expect.objectContaining({ Label: 'CRITICAL' }),
        PatchSummary: { Id: 'pb-0c10e657807c7a700' },
        RecordState: 'ACTIVE',
      }),
    ]);
    expect(await findingsOf('Firewall Manager')).toEqual([
      expect.objectContaining({ Title: 'Resource is missing Firewall Manager managed web ACL.', Compliance: expect.objectContaining({ Status: 'FAILED' }) }),
    ]);
    // The Config normalizer did not also take the Firewall Manager rule's event.
    expect(await findingsOf('Config')).toEqual([]);
    expect(await findingsOf('IAM Access Analyzer')).toEqual([
      expect.objectContaining({
        Types: ['Software and Configuration Checks/AWS Security Best Practices/Unused Permission'],
        Title: expect.stringMatching(/ contains unused permissions$/),
      }),
    ]);
  });

  it('archives the node’s Patch Manager finding when the node is compliant again', async () => {
    await events.send(new PutEventsCommand({ Entries: [entryOf('ssm-patch-manager/compliant-ec2')] }));
    await local.idle();
    const { Findings = [] } = await hub.send(new GetFindingsCommand({ Filters: { Id: [{ Value: NODE_FINDING_ID, Comparison: 'EQUALS' }] } }));
    expect(Findings).toEqual([expect.objectContaining({ RecordState: 'ARCHIVED' })]);
  });

  it('accepts Firewall Manager findings sent as ASFF from product aws/firewall-manager (those without a Config rule)', async () => {
    const finding = fixtureJson<AwsSecurityFinding>('asff', 'firewall-manager-usage-audit');
    const result = await hub.send(new BatchImportFindingsCommand({ Findings: [finding] }));
    expect(result).toMatchObject({ SuccessCount: 1, FailedCount: 0 });
    expect(await findingsOf('Firewall Manager')).toEqual(
      expect.arrayContaining([expect.objectContaining({ Id: finding.Id, Title: 'Firewall Manager found unused security group.' })]),
    );
  });

  it('sends a patch compliance event it cannot map, after its retries, to the Patch Manager dead-letter queue naming the field', async () => {
    const bad = entryOf('ssm-patch-manager/non-compliant-critical-ec2');
    bad.Detail = JSON.stringify({ ...JSON.parse(bad.Detail), 'compliance-status': 'unknown' });
    await events.send(new PutEventsCommand({ Entries: [bad] }));
    await local.idle();
    const name = Object.values(local.model.queues).find((queue) => queue.name.endsWith('SsmPatchManagerDeadLetters'))!.name;
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: name }));
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
    expect(Messages).toHaveLength(1);
    expect(JSON.parse(Messages[0]!.Body!)).toMatchObject({
      requestContext: { condition: 'RetriesExhausted' },
      responsePayload: { errorType: 'UnmappableEventError', errorMessage: expect.stringMatching(/^detail\.compliance-status: /) },
    });
  });
});
