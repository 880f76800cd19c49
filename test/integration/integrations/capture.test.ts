/**
 * The embedded default's way of running the integrations, with its real parts: the stack's
 * delivery and webhook functions (loaded as the embedded default loads them, with the capture
 * endpoint set), the alerts topic's lambda subscription, the capture endpoint behind the edge
 * server, and the inbound webhook on the edge. Nothing leaves the machine.
 */
import type { AddressInfo } from 'node:net';
import { createEdgeServer } from '../../../lib/local/engine';
import { LocalEventBus } from '../../../lib/local/engine';
import { CAPTURE_PATH, IntegrationsCapture, type Delivery } from '../../../lib/local/integrations-capture';
import { LocalFunctions } from '../../../lib/local/engine';
import { LocalQueues } from '../../../lib/local/engine';
import { LocalSns } from '../../../lib/local/engine';
import { PROJECT_ROOT } from '../../../lib/local/engine';
import type { LocalFunction, StackModel } from '../../../lib/local/engine';
import { jiraSignature } from '../../../lambdas/integrations/inbound';
import { FindingsStore } from '../../../lambdas/store/findings-store';
import { alertMessage } from '../../../lambdas/triage/alerts/message';
import { runSechubAt } from '../../support/cli';
import { startDynalite, type LocalDynamo } from '../../support/dynalite';
import { aFinding } from '../../support/findings';
import { findingEvent } from './support';

let dynamo: LocalDynamo;
let endpoint: string;
let stopEdge: () => Promise<void>;
let capture: IntegrationsCapture;
let functions: LocalFunctions;
let sns: LocalSns;
let bus: LocalEventBus;
let store: FindingsStore;
const topicArn = 'arn:aws:sns:us-east-1:000000000000:T-Alerts';

beforeAll(async () => {
  dynamo = await startDynalite();
  const tableName = await dynamo.newFindingsTable();
  store = new FindingsStore({ client: dynamo.client, tableName });
  const environment = {
    FINDINGS_TABLE: tableName,
    INTEGRATIONS_CONFIG: JSON.stringify({
      consoleUrl: 'http://127.0.0.1:4580/console',
      destinations: [
        { name: 'sec-slack', kind: 'slack', credentials: { secretName: 'osh/slack-webhook' } },
        { name: 'jira', kind: 'jira', url: 'https://acme.atlassian.net', projectKey: 'SEC', credentials: { secretName: 'osh/jira' }, inbound: { value: 'local-jira-secret' } },
      ],
    }),
  };
  const fn = (logicalId: string, entry: string): LocalFunction => ({
    logicalId,
    name: `T-${logicalId}`,
    entry,
    environment,
    timeoutSeconds: 60,
    asyncInvoke: { maximumRetryAttempts: 2, maximumEventAgeSeconds: 21_600 },
  });
  const model: StackModel = {
    stackName: 'T',
    buses: [],
    rules: [],
    streamTables: [],
    eventSourceMappings: [],
    queues: {},
    topics: { Alerts: { logicalId: 'Alerts', name: 'T-Alerts', arn: topicArn, lambdaSubscriptions: ['Deliver'] } },
    functions: { Deliver: fn('Deliver', 'lambdas/functions/deliver-integrations/handler.ts'), Webhook: fn('Webhook', 'lambdas/functions/integration-webhook/handler.ts') },
  };
  functions = new LocalFunctions(model.functions, PROJECT_ROOT);
  capture = await IntegrationsCapture.open({ webhook: { functions, logicalId: 'Webhook' } });
  const server = createEdgeServer([capture.service()]);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  stopEdge = () => new Promise<void>((resolve) => server.close(() => resolve()));
  // As the embedded default sets them before any handler loads.
  Object.assign(process.env, {
    SECHUB_INTEGRATIONS_CAPTURE_URL: `${endpoint}${CAPTURE_PATH}`,
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  });
  const queues = await LocalQueues.open([]);
  bus = new LocalEventBus({ model, functions, queues, account: '000000000000', region: 'us-east-1', backoffMs: 1 });
  sns = await LocalSns.open({
    topics: Object.values(model.topics!),
    queues,
    account: '000000000000',
    region: 'us-east-1',
    invokeFunction: (logicalId, event) => bus.invokeFunctionAsync(logicalId, event),
  });
});
afterAll(async () => {
  delete process.env.SECHUB_INTEGRATIONS_CAPTURE_URL;
  await stopEdge();
  await dynamo.stop();
});

const finding = aFinding({ Id: 'finding-local', AwsAccountId: '000000000000', Severity: { Label: 'HIGH' } });
const read = async () => (await store.getFindings({ Filters: { Id: [{ Value: finding.Id, Comparison: 'EQUALS' }] } })).Findings[0];
const webhook = (body: string, signature: string) =>
  fetch(`${endpoint}/_sechub/integrations/webhook/jira`, { method: 'POST', headers: { 'x-hub-signature': signature, 'content-type': 'application/json' }, body });

it('captures the chat message of an alert published to the topic, with the secret named, not read', async () => {
  await store.importFindings([finding], { identity: 'test' });
  const alert = alertMessage(finding, { kind: 'new' }, { count: 1, openedAt: new Date().toISOString(), windowMinutes: 60 });

  await sns.publish({ TopicArn: topicArn, Subject: alert.subject, Message: alert.body, MessageAttributes: alert.attributes });
  await bus.idle();

  const [delivery] = capture.list(10, 'sec-slack');
  expect(delivery).toMatchObject({ Kind: 'slack', Method: 'POST', Url: '<secret osh/slack-webhook>', StatusCode: 200 });
  expect(JSON.stringify(delivery.Body)).toContain('[HIGH] New: A test finding (000000000000)');
});

it('opens a Jira ticket against the capture, which answers with an issue key stored on the finding', async () => {
  const event = {
    version: '0',
    id: 'e-1',
    'detail-type': 'Security Hub Findings - Imported',
    source: 'open-security-hub',
    account: '000000000000',
    time: new Date().toISOString(),
    region: 'us-east-1',
    resources: [],
    detail: findingEvent(await read(), { created: true, version: 1 }),
  };

  await functions.invoke('Deliver', event);

  const [create] = capture.list(10, 'jira') as Delivery[];
  expect(create).toMatchObject({ Method: 'POST', Url: 'https://acme.atlassian.net/rest/api/3/issue', Headers: { authorization: '(redacted)' }, StatusCode: 201 });
  expect((await read()).UserDefinedFields).toMatchObject({ 'ticket:jira': 'SEC-2', 'ticketStatus:jira': 'OPEN' });
});

it('refuses a forged inbound webhook on the edge and resolves the finding on a signed one', async () => {
  const body = JSON.stringify({ webhookEvent: 'jira:issue_updated', issue: { key: 'SEC-2', fields: { status: { statusCategory: { key: 'done' } } } } });

  const forged = await webhook(body, jiraSignature(body, 'guessed'));
  const before = (await read()).Workflow?.Status;
  const signed = await webhook(body, jiraSignature(body, 'local-jira-secret'));

  expect(forged.status).toBe(401);
  expect(before).toBe('NEW');
  expect(signed.status).toBe(200);
  expect((await read()).Workflow?.Status).toBe('RESOLVED');
});

it('lists what was captured with sechub list-deliveries, newest first, narrowed to a destination', async () => {
  const all = await runSechubAt(endpoint, ['list-deliveries']);
  const jira = await runSechubAt(endpoint, ['list-deliveries', '--destination', 'jira', '--max-items', '1']);
  const bad = await runSechubAt(endpoint, ['list-deliveries', '--max-items', '0']);

  expect(all.code).toBe(0);
  expect(all.json.Deliveries.map((delivery: Delivery) => delivery.Destination)).toEqual(['jira', 'sec-slack']);
  expect(jira.json.Deliveries).toHaveLength(1);
  expect(jira.json.Deliveries[0]).toMatchObject({ Kind: 'jira', Url: 'https://acme.atlassian.net/rest/api/3/issue' });
  expect(bad.code).not.toBe(0);
  expect(bad.stderr).toContain('MaxItems: must be an integer 1..500');
});
