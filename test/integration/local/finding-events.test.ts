import { EventBridgeClient, PutRuleCommand, PutTargetsCommand, ListRulesCommand, DeleteRuleCommand, RemoveTargetsCommand } from '@aws-sdk/client-eventbridge';
import {
  BatchImportFindingsCommand,
  BatchUpdateFindingsCommand,
  CreateActionTargetCommand,
  DeleteActionTargetCommand,
  DescribeActionTargetsCommand,
  SecurityHubClient,
  UpdateActionTargetCommand,
} from '@aws-sdk/client-securityhub';
import { CreateQueueCommand, DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sendOwnOperation } from '../../../bin/cli/own-operations';
import { LOCAL_ACCOUNT_ID } from '../../../lib/local/defaults';
import { startEmbeddedDefault, type EmbeddedDefault } from '../../../lib/local/server';
import type { FindingsCustomActionDetail, FindingsImportedDetail } from '../../../lambdas/events/finding-events';
import { spawnSechub } from '../../support/cli';
import { aFinding, identifierOf } from '../../support/findings';

process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const PRODUCT_ARN = `arn:aws:securityhub:us-east-1:${LOCAL_ACCOUNT_ID}:product/${LOCAL_ACCOUNT_ID}/default`;
const queueArn = (name: string) => `arn:aws:sqs:us-east-1:${LOCAL_ACCOUNT_ID}:${name}`;

/** The embedded default of this file (once per process): stopped after every suite. */
let running: EmbeddedDefault | undefined;
afterAll(async () => {
  await running?.stop();
});

interface Received<Detail> {
  source: string;
  'detail-type': string;
  resources: string[];
  detail: Detail;
}

describe('finding events and custom actions on the embedded default', () => {
  let local: EmbeddedDefault;
  let events: EventBridgeClient;
  let sqs: SQSClient;
  let hub: SecurityHubClient;
  let appBus: string;
  const queueUrls: Record<string, string> = {};

  /** Everything in the queue now (received and deleted). */
  async function drain<Detail>(queue: string): Promise<Array<Received<Detail>>> {
    const all: Array<Received<Detail>> = [];
    for (;;) {
      const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrls[queue], MaxNumberOfMessages: 10 }));
      if (Messages.length === 0) return all;
      for (const message of Messages) {
        all.push(JSON.parse(message.Body!) as Received<Detail>);
        await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrls[queue], ReceiptHandle: message.ReceiptHandle }));
      }
    }
  }

  async function subscribe(rule: string, queue: string, pattern: object): Promise<void> {
    queueUrls[queue] = (await sqs.send(new CreateQueueCommand({ QueueName: queue }))).QueueUrl!;
    await events.send(new PutRuleCommand({ Name: rule, EventBusName: appBus, EventPattern: JSON.stringify(pattern) }));
    await events.send(new PutTargetsCommand({ Rule: rule, EventBusName: appBus, Targets: [{ Id: 'queue', Arn: queueArn(queue) }] }));
  }

  beforeAll(async () => {
    local = await startEmbeddedDefault({ port: 0, dataDir: mkdtempSync(join(tmpdir(), 'sechub-finding-events-')), retryBackoffMs: 5 });
    running = local;
    const config = { endpoint: local.endpoint, region: 'us-east-1', credentials };
    events = new EventBridgeClient(config);
    sqs = new SQSClient(config);
    hub = new SecurityHubClient(config);
    appBus = local.model.buses[0];
    await local.idle(); // what the start does by itself (e.g. evaluating the simulated account) is not this suite's
    await subscribe('imported-findings', 'responder', { source: ['open-security-hub'], 'detail-type': ['Security Hub Findings - Imported'] });
  }, 180_000);

  afterAll(() => {
    for (const client of [events, sqs, hub]) client?.destroy();
  });

  const finding = aFinding({ Id: 'events-1', ProductArn: PRODUCT_ARN, AwsAccountId: LOCAL_ACCOUNT_ID, Workflow: { Status: 'NEW' } });

  it('delivers exactly one Security Hub Findings - Imported event to a responder’s rule when a finding is imported', async () => {
    await hub.send(new BatchImportFindingsCommand({ Findings: [finding as never] }));
    await local.idle();

    const received = await drain<FindingsImportedDetail>('responder');

    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ source: 'open-security-hub', 'detail-type': 'Security Hub Findings - Imported' });
    expect(received[0].detail.findings.map((f) => f.Id)).toEqual(['events-1']);
    expect(received[0].detail.change).toMatchObject({ created: true, version: 1, source: { Type: 'BATCH_IMPORT_FINDINGS' } });
  });

  it('delivers one more event with the workflow status before, when BatchUpdateFindings changes it', async () => {
    await hub.send(new BatchUpdateFindingsCommand({ FindingIdentifiers: [identifierOf(finding)], Workflow: { Status: 'NOTIFIED' } }));
    await local.idle();

    const received = await drain<FindingsImportedDetail>('responder');

    expect(received).toHaveLength(1);
    expect(received[0].detail.findings[0].Workflow?.Status).toBe('NOTIFIED');
    expect(received[0].detail.change).toMatchObject({ created: false, source: { Type: 'BATCH_UPDATE_FINDINGS' }, updatedFields: ['Workflow'], before: { WorkflowStatus: 'NEW' } });
  });

  it('delivers nothing when the same finding is imported again unchanged', async () => {
    await hub.send(new BatchImportFindingsCommand({ Findings: [finding as never] }));
    await local.idle();

    expect(await drain('responder')).toEqual([]);
  });

  it('delivers the findings sent to a custom action to the rule on its ARN', async () => {
    const { ActionTargetArn } = await hub.send(new CreateActionTargetCommand({ Id: 'SendToTicket', Name: 'Send to ticket', Description: 'Opens a ticket' }));
    await subscribe('ticketing', 'tickets', { source: ['open-security-hub'], 'detail-type': ['Security Hub Findings - Custom Action'], resources: [ActionTargetArn] });

    const answer = await sendOwnOperation(hub, '/actionTargets/send', { ActionTargetArn, FindingIdentifiers: [identifierOf(finding), { Id: 'missing', ProductArn: PRODUCT_ARN }] });
    await local.idle();

    expect(answer).toMatchObject({ FindingsSent: 1, UnprocessedFindings: [{ FindingIdentifier: { Id: 'missing' }, ErrorCode: 'FindingNotFound' }] });
    const received = await drain<FindingsCustomActionDetail>('tickets');
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ 'detail-type': 'Security Hub Findings - Custom Action', resources: [ActionTargetArn] });
    expect(received[0].detail).toMatchObject({ actionName: 'Send to ticket', actionDescription: 'Opens a ticket' });
    expect(received[0].detail.findings.map((f) => f.Id)).toEqual(['events-1']);
    expect(await drain('responder')).toEqual([]); // a custom action is not an import
  });

  it('sends findings to a custom action from the sechub CLI', async () => {
    const created = await spawnSechub(['create-action-target', '--id', 'FromCli', '--name', 'From CLI', '--description', 'Made by sechub', '--endpoint-url', local.endpoint]);
    const { ActionTargetArn } = JSON.parse(created.stdout) as { ActionTargetArn: string };
    await subscribe('from-cli', 'cli-tickets', { 'detail-type': ['Security Hub Findings - Custom Action'], resources: [ActionTargetArn] });

    const sent = await spawnSechub([
      'send-findings-to-action-target',
      '--action-target-arn',
      ActionTargetArn,
      '--finding-identifiers',
      `Id=${finding.Id},ProductArn=${finding.ProductArn}`,
      '--endpoint-url',
      local.endpoint,
    ]);
    await local.idle();

    expect(created.code).toBe(0);
    expect(JSON.parse(sent.stdout)).toMatchObject({ FindingsSent: 1 });
    const received = await drain<FindingsCustomActionDetail>('cli-tickets');
    expect(received.map((event) => event.detail.actionName)).toEqual(['From CLI']);
    await events.send(new RemoveTargetsCommand({ Rule: 'from-cli', EventBusName: appBus, Ids: ['queue'] }));
    await events.send(new DeleteRuleCommand({ Name: 'from-cli', EventBusName: appBus }));
  });

  it('keeps responders’ rules listed, and refuses to delete one that still has targets', async () => {
    const { Rules = [] } = await events.send(new ListRulesCommand({ EventBusName: appBus }));

    expect(Rules.map((rule) => rule.Name).sort()).toEqual(['imported-findings', 'ticketing']);
    await expect(events.send(new DeleteRuleCommand({ Name: 'ticketing', EventBusName: appBus }))).rejects.toMatchObject({ name: 'ValidationException' });
    await events.send(new RemoveTargetsCommand({ Rule: 'ticketing', EventBusName: appBus, Ids: ['queue'] }));
    await events.send(new DeleteRuleCommand({ Name: 'ticketing', EventBusName: appBus }));
    expect((await events.send(new ListRulesCommand({ EventBusName: appBus }))).Rules?.map((rule) => rule.Name)).toEqual(['imported-findings']);
  });
});

describe('the action target API', () => {
  // The suite above started this file's embedded default; its edge is the endpoint.
  const arnOf = (id: string) => `arn:aws:securityhub:us-east-1:${LOCAL_ACCOUNT_ID}:action/custom/${id}`;
  let hub: SecurityHubClient;
  beforeAll(() => {
    hub = new SecurityHubClient({ endpoint: running!.endpoint, region: 'us-east-1', credentials });
  });
  afterAll(() => hub.destroy());

  it.each([
    ['an Id with a dash', { Id: 'not-valid', Name: 'n', Description: 'd' }, /Invalid parameter 'Id'/],
    ['an Id over 20 characters', { Id: 'A'.repeat(21), Name: 'n', Description: 'd' }, /Invalid parameter 'Id'/],
    ['a Name over 20 characters', { Id: 'Ok', Name: 'n'.repeat(21), Description: 'd' }, /Invalid parameter 'Name': must be 1 to 20 characters/],
    ['a Description over 256 characters', { Id: 'Ok', Name: 'n', Description: 'd'.repeat(257) }, /Invalid parameter 'Description'/],
    ['no Name', { Id: 'Ok', Description: 'd' }, /Missing required parameter 'Name'/],
  ])('refuses %s with InvalidInputException', async (_what, input, message) => {
    await expect(hub.send(new CreateActionTargetCommand(input as never))).rejects.toMatchObject({ name: 'InvalidInputException', message: expect.stringMatching(message) });
  });

  it('creates, describes (filter and pages), updates and deletes, with Security Hub’s errors', async () => {
    for (const id of ['Alpha', 'Beta', 'Gamma']) {
      expect(await hub.send(new CreateActionTargetCommand({ Id: id, Name: id, Description: `${id} action` }))).toMatchObject({ ActionTargetArn: arnOf(id) });
    }
    await expect(hub.send(new CreateActionTargetCommand({ Id: 'Alpha', Name: 'again', Description: 'again' }))).rejects.toMatchObject({ name: 'ResourceConflictException' });

    const filtered = await hub.send(new DescribeActionTargetsCommand({ ActionTargetArns: [arnOf('Beta')] }));
    expect(filtered.ActionTargets).toEqual([{ ActionTargetArn: arnOf('Beta'), Name: 'Beta', Description: 'Beta action' }]);
    const all = (await hub.send(new DescribeActionTargetsCommand({}))).ActionTargets ?? [];
    const paged: typeof all = [];
    let token: string | undefined;
    do {
      const page = await hub.send(new DescribeActionTargetsCommand({ MaxResults: 2, NextToken: token }));
      expect(page.ActionTargets!.length).toBeLessThanOrEqual(2);
      paged.push(...(page.ActionTargets ?? []));
      token = page.NextToken;
    } while (token !== undefined);
    expect(paged).toEqual(all);
    expect(all.map((target) => target.Name)).toEqual(expect.arrayContaining(['Alpha', 'Beta', 'Gamma']));

    await hub.send(new UpdateActionTargetCommand({ ActionTargetArn: arnOf('Gamma'), Description: 'changed' }));
    expect((await hub.send(new DescribeActionTargetsCommand({ ActionTargetArns: [arnOf('Gamma')] }))).ActionTargets?.[0]).toMatchObject({ Name: 'Gamma', Description: 'changed' });

    expect(await hub.send(new DeleteActionTargetCommand({ ActionTargetArn: arnOf('Gamma') }))).toMatchObject({ ActionTargetArn: arnOf('Gamma') });
    await expect(hub.send(new DeleteActionTargetCommand({ ActionTargetArn: arnOf('Gamma') }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(hub.send(new UpdateActionTargetCommand({ ActionTargetArn: arnOf('Gamma'), Name: 'x' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(
      sendOwnOperation(hub, '/actionTargets/send', { ActionTargetArn: arnOf('Gamma'), FindingIdentifiers: [{ Id: 'x', ProductArn: PRODUCT_ARN }] }),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('refuses more than 20 findings in one send', async () => {
    const identifiers = Array.from({ length: 21 }, (_, index) => ({ Id: `f-${index}`, ProductArn: PRODUCT_ARN }));

    await expect(sendOwnOperation(hub, '/actionTargets/send', { ActionTargetArn: arnOf('Alpha'), FindingIdentifiers: identifiers })).rejects.toMatchObject({
      name: 'InvalidInputException',
    });
  });
});
