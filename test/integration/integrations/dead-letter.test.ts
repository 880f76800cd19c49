/**
 * A failing destination end to end on the embedded default's engine: an alert published to the
 * topic reaches the delivery function through its lambda subscription (asynchronous invocation);
 * the HTTP client retries, the function throws, Lambda retries the invocation, and the on-failure
 * record lands in the dead-letter queue — and the finding carries a note saying why.
 */
import { LocalEventBus } from '../../../lib/local/engine';
import { LocalFunctions } from '../../../lib/local/engine';
import { LocalQueues } from '../../../lib/local/engine';
import { LocalSns } from '../../../lib/local/engine';
import { PROJECT_ROOT } from '../../../lib/local/engine';
import type { StackModel } from '../../../lib/local/engine';
import { FindingsStore } from '../../../lambdas/store/findings-store';
import { alertMessage } from '../../../lambdas/triage/alerts/message';
import { startDestinationServer, type DestinationServer } from '../../support/destination-server';
import { startDynalite, type LocalDynamo } from '../../support/dynalite';
import { aFinding } from '../../support/findings';

let dynamo: LocalDynamo;
let server: DestinationServer;

beforeAll(async () => {
  [dynamo, server] = await Promise.all([startDynalite(), startDestinationServer()]);
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  });
});
afterAll(async () => {
  await Promise.all([dynamo.stop(), server.stop()]);
});

it('retries a failing chat destination, then dead-letters the invocation with its error and notes the finding', async () => {
  const tableName = await dynamo.newFindingsTable();
  const store = new FindingsStore({ client: dynamo.client, tableName });
  const finding = aFinding({ Id: 'finding-dead-letter', Severity: { Label: 'CRITICAL' } });
  await store.importFindings([finding], { identity: 'test' });
  server.respond = () => ({ status: 500, body: { error: 'boom' } });
  const topicArn = 'arn:aws:sns:us-east-1:000000000000:T-Alerts';
  const model: StackModel = {
    stackName: 'T',
    buses: [],
    rules: [],
    streamTables: [],
    eventSourceMappings: [],
    queues: { Dlq: { logicalId: 'Dlq', name: 'T-Dlq', retentionSeconds: 1_209_600, visibilityTimeoutSeconds: 30 } },
    topics: { Alerts: { logicalId: 'Alerts', name: 'T-Alerts', arn: topicArn, lambdaSubscriptions: ['Deliver'] } },
    functions: {
      Deliver: {
        logicalId: 'Deliver',
        name: 'T-Deliver',
        entry: 'lambdas/functions/deliver-integrations/handler.ts',
        timeoutSeconds: 120,
        environment: {
          FINDINGS_TABLE: tableName,
          INTEGRATIONS_CONFIG: JSON.stringify({ destinations: [{ name: 'broken-chat', kind: 'slack', credentials: { value: `${server.url}/hook` } }] }),
          INTEGRATIONS_HTTP_RETRIES: '2',
          INTEGRATIONS_HTTP_BACKOFF_MS: '5',
        },
        asyncInvoke: { maximumRetryAttempts: 2, maximumEventAgeSeconds: 21_600, onFailureQueue: 'Dlq' },
      },
    },
  };
  const queues = await LocalQueues.open(Object.values(model.queues));
  const functions = new LocalFunctions(model.functions, PROJECT_ROOT);
  const bus = new LocalEventBus({ model, functions, queues, account: '000000000000', region: 'us-east-1', backoffMs: 1 });
  const sns = await LocalSns.open({
    topics: Object.values(model.topics!),
    queues,
    account: '000000000000',
    region: 'us-east-1',
    invokeFunction: (fn, event) => bus.invokeFunctionAsync(fn, event),
  });
  const alert = alertMessage(finding, { kind: 'new' }, { count: 1, openedAt: new Date().toISOString(), windowMinutes: 60 });

  const messageId = await sns.publish({ TopicArn: topicArn, Subject: alert.subject, Message: alert.body, MessageAttributes: alert.attributes });
  await bus.idle();

  expect(server.requests).toHaveLength(9); // 3 invocations × (1 attempt + 2 HTTP retries)
  const [dead] = await queues.receive('T-Dlq', 10);
  const record = JSON.parse(dead.body) as {
    requestContext: { condition: string; approximateInvokeCount: number };
    requestPayload: { Records: Array<{ Sns: { MessageId: string } }> };
    responsePayload: { errorType: string; errorMessage: string };
  };
  expect(record.requestContext).toMatchObject({ condition: 'RetriesExhausted', approximateInvokeCount: 3 });
  expect(record.requestPayload.Records[0].Sns.MessageId).toBe(messageId);
  expect(record.responsePayload).toMatchObject({ errorType: 'DeliveryFailedError', errorMessage: expect.stringContaining('broken-chat (slack) POST') });
  const { Findings } = await store.getFindings({ Filters: { Id: [{ Value: finding.Id, Comparison: 'EQUALS' }] } });
  expect(Findings[0].Note).toMatchObject({ UpdatedBy: 'open-security-hub/integrations', Text: expect.stringContaining('broken-chat') });
});
