/**
 * `sechub explain-alert` end to end: findings imported into the real store, their events routed
 * by the real router, then the CLI asks the API (our ExplainAlert operation) which rule sent or
 * held each one and why.
 */
import { createApi } from '../../../lambdas/api/api';
import type { AwsSecurityFinding } from '../../../lambdas/asff/types';
import { FindingsStore } from '../../../lambdas/store/findings-store';
import { DEFAULT_ALERT_CONFIG } from '../../../lambdas/triage/alerts/config';
import { DynamoAlertDecisions } from '../../../lambdas/triage/alerts/decision-store';
import { DynamoAlertGroups } from '../../../lambdas/triage/alerts/group-store';
import { routeFindingEvent } from '../../../lambdas/triage/alerts/router';
import { serveApi, type ServedApi } from '../../support/api-server';
import { runSechubAt } from '../../support/cli';
import { startDynalite, type LocalDynamo } from '../../support/dynalite';
import { aFinding } from '../../support/findings';

const NOW = new Date('2026-12-07T10:00:00.000Z');
const INSTANCE = 'arn:aws:ec2:us-east-1:111122223333:instance/i-0explain';
let dynamo: LocalDynamo;
let served: ServedApi;
let store: FindingsStore;
let route: (finding: AwsSecurityFinding) => Promise<unknown>;

const finding = (id: string, type: string) => aFinding({ Id: id, Types: [type], Severity: { Label: 'HIGH' }, Resources: [{ Type: 'AwsEc2Instance', Id: INSTANCE }] });

beforeAll(async () => {
  dynamo = await startDynalite();
  const tableName = await dynamo.newFindingsTable();
  store = new FindingsStore({ client: dynamo.client, tableName, now: () => NOW });
  const decisions = new DynamoAlertDecisions(dynamo.client, tableName);
  const groups = new DynamoAlertGroups(dynamo.client, tableName);
  const deps = { groups, decisions, publish: async () => undefined, config: DEFAULT_ALERT_CONFIG, now: () => NOW };
  route = async (value) => {
    const [stored] = (await store.getFindings({ Filters: { Id: [{ Value: value.Id, Comparison: 'EQUALS' }] } })).Findings;
    return routeFindingEvent(
      { detail: { findings: [stored], change: { created: true, version: 1, source: { Type: 'BATCH_IMPORT_FINDINGS', Identity: '111122223333' }, updatedFields: [] } } },
      deps,
    );
  };
  served = await serveApi(createApi({ findings: store, alerts: { decisions, groups, now: () => NOW } }));
});
afterAll(async () => {
  await served.stop();
  await dynamo.stop();
});

it('says which rule sent a new threat and which held a repeat of its kind, with the group as it stands', async () => {
  const findings = [finding('gd-1', 'TTPs/Command and Control/Backdoor:EC2-C&CActivity.B'), finding('gd-2', 'TTPs/Command and Control/Backdoor:EC2-C&CActivity.B')];
  await store.importFindings(findings, { identity: '111122223333' });
  for (const value of findings) await route(value);

  const sentRun = await runSechubAt(served.endpoint, ['explain-alert', '--finding-id', 'gd-1']);
  const heldRun = await runSechubAt(served.endpoint, ['explain-alert', '--finding-id', 'gd-2', '--product-arn', findings[1].ProductArn]);

  expect(sentRun.code).toBe(0);
  expect(sentRun.json.Decisions[0]).toMatchObject({ Version: 1, Verdict: 'SENT', Rule: 'group-opened', PolicyRule: 'new' });
  expect(heldRun.json.Summary).toMatch(/^Version 1 was held by rule grouped: same kind of problem \(threat:TTPs\/Command and Control\/Backdoor:EC2-C&CActivity.B\)/);
  expect(heldRun.json.Groups).toEqual([
    expect.objectContaining({ ResourceId: INSTANCE, Open: true, Findings: 2, Alerts: 1, KindsSeen: ['threat:TTPs/Command and Control/Backdoor:EC2-C&CActivity.B'] }),
  ]);
});

it('answers ResourceNotFound for an unknown finding, naming it', async () => {
  const run = await runSechubAt(served.endpoint, ['explain-alert', '--finding-id', 'no-such-finding']);
  expect(run.code).not.toBe(0);
  expect(run.stderr).toContain('No finding with Id no-such-finding');
});
