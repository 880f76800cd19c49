import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { GetQueueUrlCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCAL_ACCOUNT_ID } from '../../../lib/local/defaults';
import { startEmbeddedDefault, type EmbeddedDefault } from '../../../lib/local/server';
import { extractStackModel } from '../../../lib/local/engine';
import { OpenSecurityHubStack } from '../../../lib/open-security-hub-stack';
import { aFinding } from '../../support/findings';

process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const PRODUCT_ARN = `arn:aws:securityhub:us-east-1:${LOCAL_ACCOUNT_ID}:product/${LOCAL_ACCOUNT_ID}/default`;

describe('the embedded default routes events with the stack’s rules', () => {
  let local: EmbeddedDefault;
  let events: EventBridgeClient;
  let sqs: SQSClient;
  let hub: SecurityHubClient;

  beforeAll(async () => {
    local = await startEmbeddedDefault({ port: 0, dataDir: mkdtempSync(join(tmpdir(), 'sechub-events-')), retryBackoffMs: 5 });
    const config = { endpoint: local.endpoint, region: 'us-east-1', credentials };
    events = new EventBridgeClient(config);
    sqs = new SQSClient(config);
    hub = new SecurityHubClient(config);
  }, 120_000);

  afterAll(async () => {
    for (const client of [events, sqs, hub]) client?.destroy();
    await local?.stop();
  });

  async function deadLetters(queueSuffix: string) {
    const name = Object.values(local.model.queues).find((queue) => queue.name.endsWith(queueSuffix))!.name;
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: name }));
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'] }));
    return Messages;
  }

  it('imports a third-party ASFF batch put on the default bus through normalize-asff', async () => {
    const finding = aFinding({ Id: 'events-asff-1', ProductArn: PRODUCT_ARN, AwsAccountId: LOCAL_ACCOUNT_ID });

    const put = await events.send(
      new PutEventsCommand({ Entries: [{ Source: 'com.example.scanner', DetailType: 'Findings Import', Detail: JSON.stringify({ findings: [finding] }) }] }),
    );
    await local.idle();

    expect(put.FailedEntryCount).toBe(0);
    const { Findings } = await hub.send(new GetFindingsCommand({ Filters: { Id: [{ Value: 'events-asff-1', Comparison: 'EQUALS' }] } }));
    expect(Findings).toHaveLength(1);
    expect(Findings?.[0]).toMatchObject({ Id: 'events-asff-1', Title: finding.Title });
  });

  it('sends an event the normalizer cannot map, after its retries, to that normalizer’s dead-letter queue with the reason', async () => {
    await events.send(
      new PutEventsCommand({
        Entries: [{ Source: 'aws.guardduty', DetailType: 'GuardDuty Finding', Detail: JSON.stringify({ schemaVersion: '2.0', type: 'Recon:EC2/PortProbeUnprotectedPort' }) }],
      }),
    );
    await local.idle();

    const messages = await deadLetters('GuarddutyDeadLetters');
    expect(messages).toHaveLength(1);
    const record = JSON.parse(messages[0].Body!);
    expect(record).toMatchObject({
      version: '1.0',
      requestContext: { condition: 'RetriesExhausted', approximateInvokeCount: 3, functionArn: expect.stringMatching(/NormalizeGuardduty:\$LATEST$/) },
      requestPayload: { source: 'aws.guardduty', 'detail-type': 'GuardDuty Finding', account: LOCAL_ACCOUNT_ID },
      responsePayload: { errorType: 'UnmappableEventError', errorMessage: expect.stringMatching(/^detail\.\w+: /) },
    });
  });

  it('dead-letters an ASFF batch without findings to the asff queue', async () => {
    await events.send(new PutEventsCommand({ Entries: [{ Source: 'com.example.scanner', DetailType: 'Findings Import', Detail: '{"findings":[]}' }] }));
    await local.idle();

    const [message] = await deadLetters('AsffDeadLetters');
    expect(JSON.parse(message.Body!).responsePayload.errorMessage).toBe('detail.findings: must hold 1 to 100 findings, got 0');
  });

  it('routes by exactly the rules of the synthesized template', () => {
    const stack = new OpenSecurityHubStack(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), 'OpenSecurityHub');
    const template = Template.fromStack(stack).toJSON();
    const names = { stackName: 'OpenSecurityHub', account: LOCAL_ACCOUNT_ID, region: 'us-east-1', tableName: () => 'sechub-findings' };

    const expected = extractStackModel(template, names);

    expect(local.eventBus.rules).toEqual(expected.rules);
    // Schedule rules (no EventPattern) route no events.
    const templateRules = Object.values(template.Resources as Record<string, { Type: string; Properties: { EventPattern: unknown } }>).filter(
      (resource) => resource.Type === 'AWS::Events::Rule' && resource.Properties.EventPattern !== undefined,
    );
    // Patterns with intrinsics (the Remediate action's ARN) are resolved locally; the others are the template's, verbatim.
    const literal = (pattern: unknown) => !/"(Ref|Fn::[A-Za-z]+)"/.test(JSON.stringify(pattern));
    const templatePatterns = templateRules.map((rule) => rule.Properties.EventPattern);
    expect(local.eventBus.rules.map((rule) => rule.eventPattern).filter((_, index) => literal(templatePatterns[index]))).toEqual(templatePatterns.filter(literal));
    expect(local.eventBus.rules.map((rule) => rule.eventPattern).every(literal)).toBe(true);
  });
});
