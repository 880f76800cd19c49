/**
 * Each destination kind against a loopback HTTP server that records and asserts the request: the
 * delivery core with the real HTTP client (undici RetryAgent), the real findings store and link
 * store on dynalite, and alerts in the router's own format.
 */
import { deliverAlert, deliverFindingEvent, DeliveryFailedError, handleInbound, ticketFields } from '../../../lambdas/integrations/deliver';
import { jiraSignature } from '../../../lambdas/integrations/inbound';
import { readAlertNotice } from '../../../lambdas/integrations/alert-notice';
import { startDynalite, type LocalDynamo } from '../../support/dynalite';
import { startDestinationServer, type DestinationServer } from '../../support/destination-server';
import { aFinding, identifierOf } from '../../support/findings';
import { alertRecord, deliveryHarness, findingEvent } from './support';

let dynamo: LocalDynamo;
let server: DestinationServer;

beforeAll(async () => {
  [dynamo, server] = await Promise.all([startDynalite(), startDestinationServer()]);
});
afterAll(async () => {
  await Promise.all([dynamo.stop(), server.stop()]);
});
beforeEach(() => {
  server.requests.length = 0;
  server.respond = () => ({ status: 200, body: {} });
});

const critical = (id = 'finding-critical') =>
  aFinding({
    Id: id,
    Severity: { Label: 'CRITICAL' },
    Title: 'EC2 instance talks to a C&C server',
    Types: ['TTPs/Command and Control/Backdoor:EC2-C&CActivity.B'],
    Resources: [{ Type: 'AwsEc2Instance', Id: 'arn:aws:ec2:us-east-1:111122223333:instance/i-0abc' }],
  });

describe('chat', () => {
  it('posts a Slack Block Kit message coloured by severity, with what/where/why, the commands and a console button', async () => {
    const { store, deps } = await deliveryHarness(dynamo, [{ name: 'sec-slack', kind: 'slack', credentials: { value: `${server.url}/services/T0/B0/x` } }]);
    const finding = critical();
    await store.importFindings([finding], { identity: 'test' });

    const outcomes = await deliverAlert(readAlertNotice(alertRecord(finding)), deps);

    expect(outcomes).toEqual([{ destination: 'sec-slack', action: 'posted' }]);
    const [request] = server.requests;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/services/T0/B0/x');
    const body = request.body as { text: string; attachments: Array<{ color: string; blocks: Array<Record<string, any>> }> };
    expect(body.text).toMatch(/^\[CRITICAL\] New: EC2 instance talks to a C&C server \(111122223333\)$/);
    expect(body.attachments[0].color).toBe('#b60205');
    const blocks = body.attachments[0].blocks;
    expect(blocks[0]).toMatchObject({ type: 'header', text: { type: 'plain_text' } });
    const fields = blocks.find((block) => block.fields)!.fields.map((field: { text: string }) => field.text);
    expect(fields).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\*What\*\nEC2 instance talks/),
        expect.stringMatching(/^\*Where\*\naccount 111122223333/),
        expect.stringMatching(/^\*Why now\*\n/),
      ]),
    );
    expect(JSON.stringify(blocks)).toContain('npx sechub batch-update-findings');
    const button = blocks.find((block) => block.type === 'actions')!.elements[0];
    expect(button).toMatchObject({ type: 'button', style: 'danger' });
    expect(decodeURIComponent(button.url)).toContain('https://console.example.com/#/findings?f={"Id":[{"Value":"finding-critical"');
  });

  it('posts a Teams Adaptive Card with a FactSet and an Open in console action, once per alert even when retried', async () => {
    const { store, deps } = await deliveryHarness(dynamo, [{ name: 'sec-teams', kind: 'teams', credentials: { value: `${server.url}/workflows/abc` } }]);
    const finding = aFinding({ Id: 'finding-teams', Severity: { Label: 'HIGH' } });
    await store.importFindings([finding], { identity: 'test' });
    const notice = readAlertNotice(alertRecord(finding));

    await deliverAlert(notice, deps);
    const again = await deliverAlert(notice, deps); // a retried invocation

    expect(again).toEqual([{ destination: 'sec-teams', action: 'already-sent' }]);
    expect(server.requests).toHaveLength(1);
    const body = server.requests[0].body as { type: string; attachments: Array<{ contentType: string; content: Record<string, any> }> };
    expect(body.type).toBe('message');
    expect(body.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    const card = body.attachments[0].content;
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.4' });
    expect(card.body[0]).toMatchObject({ type: 'TextBlock', color: 'attention', weight: 'Bolder' });
    const facts = card.body.find((element: { type: string }) => element.type === 'FactSet').facts.map((fact: { title: string }) => fact.title);
    expect(facts).toEqual(expect.arrayContaining(['What', 'Where', 'How bad', 'Why now']));
    expect(card.actions[0]).toMatchObject({ type: 'Action.OpenUrl', title: 'Open in console' });
  });

  it('leaves out a destination whose rule does not take the finding', async () => {
    const { store, deps } = await deliveryHarness(dynamo, [
      {
        name: 'critical-only',
        kind: 'slack',
        credentials: { value: `${server.url}/critical` },
        rule: { Criteria: { SeverityLabel: [{ Value: 'CRITICAL', Comparison: 'EQUALS' }] } },
      },
      {
        name: 'prod-account',
        kind: 'slack',
        credentials: { value: `${server.url}/prod` },
        rule: { Criteria: { AwsAccountId: [{ Value: '111122223333', Comparison: 'EQUALS' }] } },
      },
    ]);
    const finding = aFinding({ Id: 'finding-high' });
    await store.importFindings([finding], { identity: 'test' });

    const outcomes = await deliverAlert(readAlertNotice(alertRecord(finding)), deps);

    expect(outcomes.map((outcome) => outcome.destination)).toEqual(['prod-account']);
    expect(server.requests.map((request) => request.url)).toEqual(['/prod']);
  });
});

describe('paging', () => {
  it('triggers PagerDuty with dedup_key = finding id, then resolves it when the finding resolves', async () => {
    const { store, deps, read } = await deliveryHarness(dynamo, [{ name: 'oncall', kind: 'pagerduty', url: server.url, credentials: { value: 'R0UTINGKEY' } }]);
    const finding = critical('finding-pd');
    await store.importFindings([finding], { identity: 'test' });
    server.respond = () => ({ status: 202, body: { status: 'success', message: 'Event processed', dedup_key: 'finding-pd' } });

    await deliverAlert(readAlertNotice(alertRecord(finding)), deps);
    await store.updateFindings({ FindingIdentifiers: [identifierOf(finding)], Workflow: { Status: 'RESOLVED' } }, { identity: 'alice' });
    await deliverFindingEvent(findingEvent(await read(finding), { updatedFields: ['Workflow'], before: { WorkflowStatus: 'NEW' } }), deps);

    expect(server.requests.map((request) => [request.method, request.url])).toEqual([
      ['POST', '/v2/enqueue'],
      ['POST', '/v2/enqueue'],
    ]);
    const [trigger, resolve] = server.requests.map((request) => request.body as Record<string, any>);
    expect(trigger).toMatchObject({
      routing_key: 'R0UTINGKEY',
      event_action: 'trigger',
      dedup_key: 'finding-pd',
      payload: { severity: 'critical', source: 'aws:111122223333:us-east-1', component: 'arn:aws:ec2:us-east-1:111122223333:instance/i-0abc' },
    });
    expect(trigger.payload.summary).toContain('[CRITICAL]');
    expect(trigger.links[0].href).toContain('https://console.example.com/#/findings');
    expect(resolve).toEqual({ routing_key: 'R0UTINGKEY', event_action: 'resolve', dedup_key: 'finding-pd' });
  });

  it('does not page a HIGH finding by default, nor resolve what it never paged', async () => {
    const { store, deps, read } = await deliveryHarness(dynamo, [{ name: 'oncall', kind: 'pagerduty', url: server.url, credentials: { value: 'R0UTINGKEY' } }]);
    const finding = aFinding({ Id: 'finding-high-pd' });
    await store.importFindings([finding], { identity: 'test' });

    await deliverAlert(readAlertNotice(alertRecord(finding)), deps);
    await store.updateFindings({ FindingIdentifiers: [identifierOf(finding)], Workflow: { Status: 'RESOLVED' } }, { identity: 'alice' });
    const outcomes = await deliverFindingEvent(findingEvent(await read(finding), { updatedFields: ['Workflow'] }), deps);

    expect(outcomes).toEqual([{ destination: 'oncall', action: 'not-paged' }]);
    expect(server.requests).toHaveLength(0);
  });

  it('creates an Opsgenie alert with alias = finding id and closes it by alias', async () => {
    const { store, deps, read } = await deliveryHarness(dynamo, [{ name: 'genie', kind: 'opsgenie', url: server.url, credentials: { value: 'genie-key' } }]);
    const finding = critical('finding/og 1');
    await store.importFindings([finding], { identity: 'test' });
    server.respond = () => ({ status: 202, body: { result: 'Request will be processed', took: 0.01, requestId: 'r-1' } });

    await deliverAlert(readAlertNotice(alertRecord(finding)), deps);
    await store.updateFindings({ FindingIdentifiers: [identifierOf(finding)], Workflow: { Status: 'RESOLVED' } }, { identity: 'alice' });
    await deliverFindingEvent(findingEvent(await read(finding), { updatedFields: ['Workflow'] }), deps);

    const [create, close] = server.requests;
    expect(create).toMatchObject({ method: 'POST', url: '/v2/alerts', headers: { authorization: 'GenieKey genie-key' } });
    expect(create.body).toMatchObject({ alias: 'finding/og 1', priority: 'P1', source: 'Open Security Hub', entity: 'arn:aws:ec2:us-east-1:111122223333:instance/i-0abc' });
    expect(close).toMatchObject({ method: 'POST', url: '/v2/alerts/finding%2Fog%201/close?identifierType=alias', headers: { authorization: 'GenieKey genie-key' } });
    expect((close.body as { note: string }).note).toContain('resolved');
  });
});

describe('tickets', () => {
  const jira = () => ({
    name: 'jira',
    kind: 'jira',
    url: server.url,
    projectKey: 'SEC',
    credentials: { value: { email: 'bot@example.com', apiToken: 'tok' } },
    inbound: { value: 'jira-webhook-secret' },
  });
  const jiraApi = () => {
    server.respond = (request) => {
      if (request.method === 'POST' && request.url === '/rest/api/3/issue')
        return { status: 201, body: { id: '10001', key: 'SEC-1', self: `${server.url}/rest/api/3/issue/10001` } };
      if (request.method === 'GET' && request.url.endsWith('/transitions')) {
        return {
          status: 200,
          body: {
            transitions: [
              { id: '11', name: 'In Progress', to: { name: 'In Progress', statusCategory: { key: 'indeterminate' } } },
              { id: '31', name: 'Done', to: { name: 'Done', statusCategory: { key: 'done' } } },
            ],
          },
        };
      }
      if (request.url.endsWith('/transitions')) return { status: 204 };
      return { status: 201, body: { id: '20001' } };
    };
  };

  it('creates a Jira issue, stores its key on the finding, comments on a change and transitions it to Done when the finding resolves', async () => {
    const { store, deps, read } = await deliveryHarness(dynamo, [jira()]);
    jiraApi();
    const finding = aFinding({ Id: 'finding-jira' });
    await store.importFindings([finding], { identity: 'test' });

    const created = await deliverFindingEvent(findingEvent(await read(finding), { created: true, version: 1 }), deps);
    await store.updateFindings({ FindingIdentifiers: [identifierOf(finding)], Severity: { Label: 'CRITICAL' } }, { identity: 'alice' });
    const commented = await deliverFindingEvent(findingEvent(await read(finding), { updatedFields: ['Severity'], before: { SeverityLabel: 'HIGH' } }), deps);
    await store.updateFindings({ FindingIdentifiers: [identifierOf(finding)], Workflow: { Status: 'RESOLVED' } }, { identity: 'alice' });
    const closed = await deliverFindingEvent(findingEvent(await read(finding), { updatedFields: ['Workflow'], before: { WorkflowStatus: 'NEW' } }), deps);

    expect([created, commented, closed].map(([outcome]) => outcome.action)).toEqual(['created SEC-1', 'commented SEC-1', 'closed SEC-1']);
    expect(server.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      'POST /rest/api/3/issue',
      'POST /rest/api/3/issue/SEC-1/comment',
      'POST /rest/api/3/issue/SEC-1/comment',
      'GET /rest/api/3/issue/SEC-1/transitions',
      'POST /rest/api/3/issue/SEC-1/transitions',
    ]);
    const create = server.requests[0];
    expect(create.headers.authorization).toBe(`Basic ${Buffer.from('bot@example.com:tok').toString('base64')}`);
    expect(create.body).toMatchObject({
      fields: {
        project: { key: 'SEC' },
        issuetype: { name: 'Task' },
        summary: '[HIGH] A test finding (111122223333)',
        description: { type: 'doc', version: 1 },
        labels: ['open-security-hub', expect.stringMatching(/^osh-[A-Za-z0-9_-]{43}$/), 'severity-high'],
      },
    });
    expect(JSON.stringify(server.requests[1].body)).toContain('Severity HIGH → CRITICAL');
    expect(server.requests[4].body).toEqual({ transition: { id: '31' } });
    const fields = ticketFields('jira');
    expect((await read(finding)).UserDefinedFields).toMatchObject({ [fields.key]: 'SEC-1', [fields.url]: `${server.url}/browse/SEC-1`, [fields.status]: 'CLOSED' });
  });

  it('creates one ticket for a finding however often its events are delivered, and none for a finding its rule does not take', async () => {
    const { store, deps, read } = await deliveryHarness(dynamo, [jira()]);
    jiraApi();
    const finding = aFinding({ Id: 'finding-once' });
    const low = aFinding({ Id: 'finding-low', Severity: { Label: 'LOW' } });
    await store.importFindings([finding, low], { identity: 'test' });
    const event = findingEvent(await read(finding), { created: true, version: 1 });

    await Promise.all([deliverFindingEvent(event, deps), deliverFindingEvent(event, deps)]);
    await deliverFindingEvent(event, deps);
    const lowOutcome = await deliverFindingEvent(findingEvent(await read(low), { created: true, version: 1 }), deps);

    expect(server.requests.filter((request) => request.url === '/rest/api/3/issue')).toHaveLength(1);
    expect(lowOutcome).toEqual([{ destination: 'jira', action: 'not-taken' }]);
  });

  it('after a claim went stale (its holder crashed), adopts the issue Jira already has for the finding instead of creating another', async () => {
    const { store, deps, read } = await deliveryHarness(dynamo, [jira()]);
    server.respond = (request) =>
      request.url.startsWith('/rest/api/3/search/jql') ? { status: 200, body: { issues: [{ id: '10009', key: 'SEC-9' }] } } : { status: 201, body: { id: '1', key: 'SEC-NEW' } };
    const finding = aFinding({ Id: 'finding-crashed' });
    await store.importFindings([finding], { identity: 'test' });
    await deps.links.transition('jira', finding, ['absent'], 'PENDING', new Date(Date.now() - 10 * 60_000));

    const [outcome] = await deliverFindingEvent(findingEvent(await read(finding), { created: true, version: 1 }), deps);

    expect(outcome.action).toBe('created SEC-9');
    expect(server.requests.map((request) => request.method)).toEqual(['GET']);
    const search = new URL(server.requests[0].url, server.url);
    expect(search.pathname).toBe('/rest/api/3/search/jql');
    expect(search.searchParams.get('jql')).toMatch(/^project = "SEC" AND labels = "osh-[A-Za-z0-9_-]{43}"$/);
    expect((await read(finding)).UserDefinedFields).toMatchObject({ 'ticket:jira': 'SEC-9' });
  });

  it('leaves a fresh claim alone: another invocation is creating the ticket', async () => {
    const { store, deps, read } = await deliveryHarness(dynamo, [jira()]);
    const finding = aFinding({ Id: 'finding-claimed' });
    await store.importFindings([finding], { identity: 'test' });
    await deps.links.transition('jira', finding, ['absent'], 'PENDING', new Date());

    const [outcome] = await deliverFindingEvent(findingEvent(await read(finding), { created: true, version: 1 }), deps);

    expect(outcome.action).toBe('ticket-pending');
    expect(server.requests).toHaveLength(0);
  });

  it('closes the Jira ticket when the control passes', async () => {
    const { store, deps, read } = await deliveryHarness(dynamo, [jira()]);
    jiraApi();
    const control = aFinding({ Id: 'control-finding', Compliance: { Status: 'FAILED', SecurityControlId: 'S3.8' } });
    await store.importFindings([control], { identity: 'test' });
    await deliverFindingEvent(findingEvent(await read(control), { created: true, version: 1 }), deps);

    await store.importFindings([{ ...control, Compliance: { Status: 'PASSED', SecurityControlId: 'S3.8' }, UpdatedAt: '2026-11-02T10:00:00.000Z' }], { identity: 'test' });
    const [outcome] = await deliverFindingEvent(findingEvent(await read(control), { updatedFields: ['Compliance'], before: { ComplianceStatus: 'FAILED' } }), deps);

    expect(outcome.action).toBe('closed SEC-1');
    expect(JSON.stringify(server.requests.at(-3)!.body)).toContain('its control passed');
  });

  it('creates a ServiceNow incident through the Table API, adds a work note on a change and closes it when the finding is archived', async () => {
    const { store, deps, read } = await deliveryHarness(dynamo, [
      { name: 'snow', kind: 'servicenow', url: server.url, credentials: { value: { username: 'svc', password: 'pw' } }, inbound: { value: 'snow-token' } },
    ]);
    server.respond = (request) =>
      request.method === 'POST' ? { status: 201, body: { result: { sys_id: 'a1b2c3', number: 'INC0010001' } } } : { status: 200, body: { result: { sys_id: 'a1b2c3' } } };
    const finding = critical('finding-snow');
    await store.importFindings([finding], { identity: 'test' });

    await deliverFindingEvent(findingEvent(await read(finding), { created: true, version: 1 }), deps);
    await store.updateFindings({ FindingIdentifiers: [identifierOf(finding)], Workflow: { Status: 'NOTIFIED' } }, { identity: 'alice' });
    await deliverFindingEvent(findingEvent(await read(finding), { updatedFields: ['Workflow'], before: { WorkflowStatus: 'NEW' } }), deps);
    await store.importFindings([{ ...finding, RecordState: 'ARCHIVED', UpdatedAt: '2026-11-02T10:00:00.000Z' }], { identity: 'test' });
    await deliverFindingEvent(findingEvent(await read(finding), { updatedFields: ['RecordState'], before: { RecordState: 'ACTIVE' } }), deps);

    expect(server.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      'POST /api/now/table/incident?sysparm_fields=sys_id,number',
      'PATCH /api/now/table/incident/a1b2c3',
      'PATCH /api/now/table/incident/a1b2c3',
    ]);
    const [create, note, close] = server.requests;
    expect(create.headers.authorization).toBe(`Basic ${Buffer.from('svc:pw').toString('base64')}`);
    expect(create.body).toMatchObject({
      short_description: expect.stringContaining('[CRITICAL]'),
      urgency: '1',
      impact: '1',
      correlation_id: 'finding-snow',
      correlation_display: 'Open Security Hub',
    });
    expect((note.body as { work_notes: string }).work_notes).toContain('Workflow NEW → NOTIFIED');
    expect(close.body).toMatchObject({ state: '6', close_code: 'Solution provided', close_notes: expect.stringContaining('it was archived') });
    expect((await read(finding)).UserDefinedFields).toMatchObject({ 'ticket:snow': 'INC0010001', 'ticketStatus:snow': 'CLOSED' });
  });
});

describe('failures', () => {
  it('retries a failing endpoint, then notes the finding and throws so Lambda retries and dead-letters the invocation', async () => {
    const { store, deps, read } = await deliveryHarness(dynamo, [{ name: 'broken-slack', kind: 'slack', credentials: { value: `${server.url}/broken` } }]);
    server.respond = () => ({ status: 503, body: { error: 'unavailable' } });
    const finding = critical('finding-fails');
    await store.importFindings([finding], { identity: 'test' });

    const delivery = deliverAlert(readAlertNotice(alertRecord(finding)), deps);

    await expect(delivery).rejects.toThrow(DeliveryFailedError);
    await expect(delivery).rejects.toThrow(/broken-slack: broken-slack \(slack\) POST .*\/broken: HTTP 503 after 3 attempts/);
    expect(server.requests).toHaveLength(3); // the first attempt and 2 retries of the HTTP client
    const noted = await read(finding);
    expect(noted.Note).toMatchObject({ UpdatedBy: 'open-security-hub/integrations', Text: expect.stringContaining('broken-slack') });
  });

  it('does not retry a request the destination refuses (4xx other than 408/429)', async () => {
    const { store, deps } = await deliveryHarness(dynamo, [{ name: 'gone', kind: 'slack', credentials: { value: `${server.url}/gone` } }]);
    server.respond = () => ({ status: 404, body: 'no_service' });
    const finding = critical('finding-404');
    await store.importFindings([finding], { identity: 'test' });

    await expect(deliverAlert(readAlertNotice(alertRecord(finding)), deps)).rejects.toThrow(/HTTP 404/);
    expect(server.requests).toHaveLength(1);
  });
});

describe('inbound ticket webhooks', () => {
  const destinations = () => [
    {
      name: 'jira',
      kind: 'jira',
      url: server.url,
      projectKey: 'SEC',
      credentials: { value: { email: 'bot@example.com', apiToken: 'tok' } },
      inbound: { value: 'jira-webhook-secret' },
    },
    { name: 'snow', kind: 'servicenow', url: server.url, credentials: { value: { username: 'svc', password: 'pw' } }, inbound: { value: 'snow-token' } },
  ];
  const closedInJira = Buffer.from(
    JSON.stringify({
      webhookEvent: 'jira:issue_updated',
      user: { displayName: 'Bob' },
      issue: { key: 'SEC-1', fields: { status: { name: 'Done', statusCategory: { key: 'done' } } } },
    }),
  );

  async function withTicket() {
    const harness = await deliveryHarness(dynamo, destinations());
    server.respond = (request) =>
      request.url.startsWith('/api/now') ? { status: 201, body: { result: { sys_id: 'sys-9', number: 'INC0000009' } } } : { status: 201, body: { id: '10001', key: 'SEC-1' } };
    const finding = aFinding({ Id: 'finding-inbound' });
    await harness.store.importFindings([finding], { identity: 'test' });
    await deliverFindingEvent(findingEvent(await harness.read(finding), { created: true, version: 1 }), harness.deps);
    return { ...harness, finding };
  }

  it('resolves the finding when Jira reports its issue done, with a verified signature', async () => {
    const { deps, read, finding } = await withTicket();

    const answer = await handleInbound({ destination: 'jira', headers: { 'x-hub-signature': jiraSignature(closedInJira, 'jira-webhook-secret') }, body: closedInJira }, deps);

    expect(answer.statusCode).toBe(200);
    const resolved = await read(finding);
    expect(resolved.Workflow?.Status).toBe('RESOLVED');
    expect(resolved.Note).toMatchObject({ Text: 'Ticket SEC-1 closed in jira by Bob', UpdatedBy: 'open-security-hub/integrations/inbound/jira' });
    expect(resolved.UserDefinedFields).toMatchObject({ 'ticketStatus:jira': 'CLOSED' });
  });

  it('then does not close the ticket again when the resolution comes back as a finding event', async () => {
    const { deps, read, finding } = await withTicket();
    await handleInbound({ destination: 'jira', headers: { 'x-hub-signature': jiraSignature(closedInJira, 'jira-webhook-secret') }, body: closedInJira }, deps);
    const before = server.requests.length;

    const outcomes = await deliverFindingEvent(
      findingEvent(await read(finding), {
        updatedFields: ['Workflow', 'Note', 'UserDefinedFields'],
        source: { Type: 'BATCH_UPDATE_FINDINGS', Identity: 'open-security-hub/integrations/inbound/jira' },
      }),
      deps,
    );

    expect(outcomes.find((outcome) => outcome.destination === 'jira')?.action).toBe('nothing-to-close');
    expect(server.requests.slice(before).filter((request) => request.url.startsWith('/rest'))).toHaveLength(0);
  });

  it('resolves the finding when ServiceNow reports its incident resolved with the shared token', async () => {
    const { deps, read, finding } = await withTicket();
    const body = Buffer.from(JSON.stringify({ number: 'INC0000009', sys_id: 'sys-9', state: '6', closed_by: 'carol' }));

    const answer = await handleInbound({ destination: 'snow', headers: { authorization: 'Bearer snow-token' }, body }, deps);

    expect(answer).toEqual({ statusCode: 200, message: 'Finding finding-inbound resolved (ticket INC0000009 closed)' });
    expect((await read(finding)).Workflow?.Status).toBe('RESOLVED');
  });

  it.each([
    ['a Jira body signed with another secret', 'jira', { 'x-hub-signature': jiraSignature(closedInJira, 'guessed') }],
    ['a Jira body without a signature', 'jira', {}],
    ['a Jira signature that is not sha256=<hex>', 'jira', { 'x-hub-signature': 'sha1=abc' }],
    ['a ServiceNow call with a wrong token', 'snow', { authorization: 'Bearer nope' }],
    ['a ServiceNow call without a token', 'snow', {}],
  ])('refuses %s and leaves the finding as it was', async (_case, destination, headers) => {
    const { deps, read, finding } = await withTicket();
    const body = destination === 'jira' ? closedInJira : Buffer.from(JSON.stringify({ number: 'INC0000009', state: '7' }));

    const answer = await handleInbound({ destination, headers, body }, deps);

    expect(answer.statusCode).toBe(401);
    expect((await read(finding)).Workflow?.Status).toBe('NEW');
  });

  it('answers 404 for a destination that takes no inbound webhooks', async () => {
    const { deps } = await withTicket();
    expect((await handleInbound({ destination: 'nope', headers: {}, body: Buffer.from('{}') }, deps)).statusCode).toBe(404);
  });
});
