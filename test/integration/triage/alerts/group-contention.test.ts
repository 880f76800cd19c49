/**
 * A hot resource's alert group under concurrency (issue 16), on dynalite through the real router
 * and stores: every DynamoDB request is counted by a middleware on the SDK client (SDK retries
 * off, so a request is a command). Concurrent findings on one group are each counted by one
 * atomic update — none refused, none retried — and only the end of a window costs a bounded
 * refusal per finding.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_ALERT_CONFIG } from '../../../../lambdas/triage/alerts/config';
import { DynamoAlertDecisions } from '../../../../lambdas/triage/alerts/decision-store';
import { DynamoAlertGroups, groupItemKey } from '../../../../lambdas/triage/alerts/group-store';
import { MAX_GROUP_KINDS } from '../../../../lambdas/triage/alerts/group-policy';
import type { AlertMessage } from '../../../../lambdas/triage/alerts/message';
import { routeFindingEvent, type AlertRouterDeps } from '../../../../lambdas/triage/alerts/router';
import { isConditionFailure } from '../../../../lambdas/store';
import { startDynalite, type LocalDynamo } from '../../../support/dynalite';
import { created, findingEvent, storedFinding } from '../../../support/alert-changes';

const ACCOUNT = '111122223333';
const INSTANCE = 'arn:aws:ec2:us-east-1:111122223333:instance/i-0hot';
let dynamo: LocalDynamo;
let client: DynamoDBClient;
let requests: Record<string, number>;
let refused: number;
let deps: AlertRouterDeps;
let sent: AlertMessage[];
let clock: Date;
let table: string;

const reset = () => {
  requests = {};
  refused = 0;
};
const onInstance = (id: string, overrides = {}) => storedFinding({ Id: id, Resources: [{ Type: 'AwsEc2Instance', Id: INSTANCE }], ...overrides });

beforeAll(async () => {
  dynamo = await startDynalite();
  client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'l', secretAccessKey: 'l' }, maxAttempts: 1 });
  client.middlewareStack.add(
    (next, context) => async (args) => {
      requests[context.commandName ?? '?'] = (requests[context.commandName ?? '?'] ?? 0) + 1;
      try {
        return await next(args);
      } catch (error) {
        if (isConditionFailure(error)) refused += 1;
        throw error;
      }
    },
    { step: 'initialize', name: 'countRequests' },
  );
});
afterAll(async () => {
  client.destroy();
  await dynamo.stop();
});
beforeEach(async () => {
  table = await dynamo.newFindingsTable();
  sent = [];
  clock = new Date('2026-12-08T10:00:00.000Z');
  deps = {
    groups: new DynamoAlertGroups(client, table),
    decisions: new DynamoAlertDecisions(client, table),
    publish: async (message) => void sent.push(message),
    config: { ...DEFAULT_ALERT_CONFIG },
    now: () => clock,
  };
  reset();
});

it('counts 50 concurrent findings on one new resource into one group: count 50, one alert, no refusal, 4 requests per finding', async () => {
  const events = Array.from({ length: 50 }, (_, index) => findingEvent(onInstance(`gd-${index}`), created()));
  const outcomes = await Promise.all(events.map((event) => routeFindingEvent(event, deps)));

  expect(outcomes.filter((outcome) => outcome.outcome === 'published')).toHaveLength(1);
  expect(outcomes.filter((outcome) => outcome.outcome === 'grouped')).toHaveLength(49);
  expect(outcomes.map((outcome) => outcome.groupCount).sort((a, b) => a! - b!)).toEqual(Array.from({ length: 50 }, (_, index) => index + 1));
  expect(sent).toHaveLength(1);
  expect(refused).toBe(0);
  // Per finding: the decision's get and put, the group's count and settle; the one alert's claim and sent mark.
  expect(requests).toEqual({ GetItemCommand: 50, PutItemCommand: 50, UpdateItemCommand: 50 + 50 + 2 });
  expect(await deps.groups.state({ account: ACCOUNT, resourceId: INSTANCE })).toMatchObject({ count: 50, sent: 1, highestRank: 3 });

  // The same 50 events redelivered at once: nothing counted or sent again.
  reset();
  const again = await Promise.all(events.map((event) => routeFindingEvent(event, deps)));
  expect(new Set(again.map((outcome) => outcome.outcome))).toEqual(new Set(['duplicate']));
  expect(sent).toHaveLength(1);
  expect(await deps.groups.state({ account: ACCOUNT, resourceId: INSTANCE })).toMatchObject({ count: 50, sent: 1 });
  expect(requests.UpdateItemCommand).toBe(50); // each redelivery's settle, refused: settled already
  expect(refused).toBe(50);
});

it('escalates once when concurrent findings raise the group above its highest severity', async () => {
  deps.config = { ...deps.config, minimumSeverity: 'MEDIUM' };
  await routeFindingEvent(findingEvent(onInstance('gd-first', { Severity: { Label: 'MEDIUM' } }), created()), deps);
  clock = new Date(clock.getTime() + 60_000);
  reset();
  const outcomes = await Promise.all(Array.from({ length: 30 }, (_, index) => routeFindingEvent(findingEvent(onInstance(`gd-${index}`), created()), deps)));
  expect(outcomes.filter((outcome) => outcome.outcome === 'published').map((outcome) => outcome.rule)).toEqual(['severity-above-group']);
  expect(sent.map((message) => message.subject)[1]).toMatch(/^\[HIGH\] Escalated from MEDIUM: /);
  expect(refused).toBe(0);
  expect(await deps.groups.state({ account: ACCOUNT, resourceId: INSTANCE })).toMatchObject({ count: 31, sent: 2, highestRank: 3 });
});

it('opens the next window once when concurrent findings arrive after the window ended: at most two refusals per finding', async () => {
  await routeFindingEvent(findingEvent(onInstance('gd-old'), created()), deps);
  clock = new Date(clock.getTime() + 61 * 60_000);
  reset();
  const outcomes = await Promise.all(Array.from({ length: 20 }, (_, index) => routeFindingEvent(findingEvent(onInstance(`gd-${index}`), created()), deps)));
  expect(outcomes.filter((outcome) => outcome.outcome === 'published').map((outcome) => outcome.rule)).toEqual(['group-opened']);
  expect(await deps.groups.state({ account: ACCOUNT, resourceId: INSTANCE })).toMatchObject({ count: 20, sent: 1, openedAt: clock.toISOString() });
  expect(refused).toBeGreaterThanOrEqual(20); // each count is refused once by the ended window
  expect(refused).toBeLessThanOrEqual(2 * 20); // and at most the losing Puts
});

it('remembers at most MAX_GROUP_KINDS kinds: the next kind is counted, and alerted as new, without growing the item', async () => {
  const groups = deps.groups;
  const entry = (index: number, key: string) => ({
    group: { account: ACCOUNT, resourceId: INSTANCE },
    versionKey: `v${index}`,
    facts: { kind: { key, category: 'threat' as const }, severityRank: 2, priorityCrossed: false },
    now: clock,
    settings: { windowMinutes: 60, priorityThreshold: 70 },
  });
  for (let index = 0; index < MAX_GROUP_KINDS; index += 1) await groups.apply(entry(index, `threat:type-${index}`));
  const past = await Promise.all([groups.apply(entry(100, 'threat:one-more')), groups.apply(entry(101, 'threat:one-more'))]);
  expect(past.map((verdict) => verdict.rule)).toEqual(['new-kind', 'new-kind']);
  const state = await groups.state({ account: ACCOUNT, resourceId: INSTANCE });
  expect(state?.count).toBe(MAX_GROUP_KINDS + 2);
  expect(Object.keys(state!.kinds)).toHaveLength(MAX_GROUP_KINDS);
});

it('replaces a group item of the layout before (optimistic revisions) instead of failing on it', async () => {
  const legacy = {
    ...groupItemKey({ account: ACCOUNT, resourceId: INSTANCE }),
    rev: 4,
    openedAt: clock.toISOString(),
    windowEnds: clock.getTime() + 600_000,
    kinds: { 'threat:x': 'threat' },
    highestRank: 3,
    maxPriority: -1,
    count: 4,
    sent: 1,
    pending: {},
  };
  await DynamoDBDocumentClient.from(client).send(new PutCommand({ TableName: table, Item: legacy }));
  const outcome = await routeFindingEvent(findingEvent(onInstance('gd-1'), created()), deps);
  expect([outcome.outcome, outcome.rule, outcome.groupCount]).toEqual(['published', 'group-opened', 1]);
});
