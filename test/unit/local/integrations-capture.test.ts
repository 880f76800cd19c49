import { Template } from 'aws-cdk-lib/assertions';
import * as events from 'aws-cdk-lib/aws-events';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { FindingsStore } from '../../../lib/constructs/findings-store';
import { Integrations, integrationsFromContext } from '../../../lib/constructs/integrations';
import { routeEdgeRequest, type EdgeRequest } from '../../../lib/local/engine';
import { CAPTURE_PATH, DELIVERIES_PATH, IntegrationsCapture, WEBHOOK_PATH } from '../../../lib/local/integrations-capture';
import { extractStackModel, type CfnTemplate } from '../../../lib/local/engine';
import { testStack } from '../../cdk/synth';

const request = (method: string, path: string, body: unknown, headers: Record<string, string> = {}): EdgeRequest => ({
  method,
  path,
  query: new URLSearchParams(),
  headers,
  rawHeaders: [],
  body: Buffer.from(body === undefined ? '' : JSON.stringify(body)),
  sourceIp: '127.0.0.1',
});

describe('the integrations capture on the edge', () => {
  it('answers as the destination would and keeps what would have been sent, credentials redacted', async () => {
    const capture = await IntegrationsCapture.open({});
    const services = [capture.service()];
    const sent = (destination: string, kind: string, method: string, url: string, body?: unknown) =>
      routeEdgeRequest(
        services,
        request(method, CAPTURE_PATH, body, {
          'x-sechub-destination': destination,
          'x-sechub-kind': kind,
          'x-sechub-destination-url': url,
          authorization: 'Basic c2VjcmV0',
          'content-type': 'application/json',
        }),
      );

    const created = await sent('jira', 'jira', 'POST', 'https://acme.atlassian.net/rest/api/3/issue', { fields: { summary: 's' } });
    const incident = await sent('snow', 'servicenow', 'POST', 'https://acme.service-now.com/api/now/table/incident', { short_description: 's' });
    await sent('sec-slack', 'slack', 'POST', '<secret osh/slack>', { text: 'hello' });

    expect(created.statusCode).toBe(201);
    expect(JSON.parse(String(created.body))).toEqual({ id: '10001', key: 'SEC-1' });
    expect(JSON.parse(String(incident.body)).result).toMatchObject({ number: 'INC0000002', sys_id: expect.stringMatching(/^[0-9a-f]{32}$/) });
    const listed = JSON.parse(String((await routeEdgeRequest(services, request('POST', DELIVERIES_PATH, {}))).body)) as { Deliveries: Array<Record<string, unknown>> };
    expect(listed.Deliveries.map((delivery) => delivery.Destination)).toEqual(['sec-slack', 'snow', 'jira']);
    expect(listed.Deliveries[2]).toMatchObject({
      Kind: 'jira',
      Method: 'POST',
      Url: 'https://acme.atlassian.net/rest/api/3/issue',
      Headers: { authorization: '(redacted)', 'content-type': 'application/json' },
      Body: { fields: { summary: 's' } },
      StatusCode: 201,
    });
    const jiraOnly = JSON.parse(String((await routeEdgeRequest(services, request('POST', DELIVERIES_PATH, { Destination: 'jira', MaxItems: 5 }))).body));
    expect(jiraOnly.Deliveries).toHaveLength(1);
  });

  it('refuses a bad MaxItems naming it, and answers 404 on the webhook path when no destination takes inbound webhooks', async () => {
    const services = [(await IntegrationsCapture.open({})).service()];

    const bad = await routeEdgeRequest(services, request('POST', DELIVERIES_PATH, { MaxItems: 0 }));
    const webhook = await routeEdgeRequest(services, request('POST', `${WEBHOOK_PATH}jira`, {}));

    expect(bad.statusCode).toBe(400);
    expect(String(bad.body)).toContain('MaxItems: must be an integer 1..500');
    expect(webhook.statusCode).toBe(404);
  });
});

describe('the stack model of the integrations', () => {
  it("runs the alerts topic's lambda subscription locally", () => {
    const stack = testStack();
    const store = new FindingsStore(stack, 'FindingsStore');
    const topic = new sns.Topic(stack, 'Alerts');
    new Integrations(stack, 'Integrations', {
      table: store.table,
      bus: new events.EventBus(stack, 'AppBus', { eventBusName: 'app' }),
      alertsTopic: topic,
      deadLetterKey: new kms.Key(stack, 'Key'),
      config: integrationsFromContext({ destinations: [{ name: 'sec-slack', kind: 'slack', credentials: { value: 'https://hooks.example/x' } }] }),
    });

    const model = extractStackModel(Template.fromStack(stack).toJSON() as CfnTemplate, {
      stackName: 'T',
      account: '000000000000',
      region: 'us-east-1',
      tableName: () => 'sechub-findings',
    });

    const deliver = Object.values(model.functions).find((fn) => fn.entry === 'lambdas/functions/deliver-integrations/handler.ts')!;
    const [alerts] = Object.values(model.topics!);
    expect(alerts.lambdaSubscriptions).toEqual([deliver.logicalId]);
    expect(deliver.asyncInvoke).toMatchObject({ maximumRetryAttempts: 2, onFailureQueue: expect.stringMatching(/DeliverIntegrationsDeadLetters/) });
    expect(JSON.parse(deliver.environment.INTEGRATIONS_CONFIG).destinations[0].name).toBe('sec-slack');
  });
});
