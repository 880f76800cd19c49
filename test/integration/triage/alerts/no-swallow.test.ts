/**
 * Grouping never swallows what matters (issue 11): the exact case of a misconfiguration then a
 * C&C threat on one instance, re-imports, a priority rise above the group's highest, every
 * resource of a finding, and the crash windows of the outbox. Real group and decision stores on
 * dynalite; the publisher records what it was asked to send.
 */
import { DEFAULT_ALERT_CONFIG } from '../../../../lambdas/triage/alerts/config';
import { DynamoAlertDecisions, type AlertDecisions } from '../../../../lambdas/triage/alerts/decision-store';
import { DynamoAlertGroups } from '../../../../lambdas/triage/alerts/group-store';
import type { AlertMessage } from '../../../../lambdas/triage/alerts/message';
import { PRIORITY_FIELD, PRIORITY_REASONS_FIELD } from '../../../../lambdas/triage/alerts/priority';
import { routeFindingEvent, type AlertRouterDeps } from '../../../../lambdas/triage/alerts/router';
import type { AwsSecurityFinding } from '../../../../lambdas/asff/types';
import { startDynalite, type LocalDynamo } from '../../../support/dynalite';
import { aChange, created, findingEvent, storedFinding } from '../../../support/alert-changes';

const INSTANCE = 'arn:aws:ec2:us-east-1:111122223333:instance/i-0exposed';
let dynamo: LocalDynamo;
let deps: AlertRouterDeps;
let sent: AlertMessage[];
let clock: Date;
const minutes = (n: number) => (clock = new Date(clock.getTime() + n * 60_000));
const priority = (score: number, reasons: string[]) => ({ [PRIORITY_FIELD]: String(score), [PRIORITY_REASONS_FIELD]: JSON.stringify(reasons) });

/** The IMDSv2 control finding (EC2.8) on an internet-exposed instance. */
const imdsControl = (score = 60): AwsSecurityFinding =>
  storedFinding({
    Id: 'arn:aws:securityhub:us-east-1:111122223333:security-control/EC2.8/finding/imds',
    Title: 'EC2 instances should use Instance Metadata Service Version 2 (IMDSv2)',
    Types: ['Software and Configuration Checks/Industry and Regulatory Standards'],
    Compliance: { Status: 'FAILED', SecurityControlId: 'EC2.8' },
    Severity: { Label: 'HIGH' },
    Resources: [{ Type: 'AwsEc2Instance', Id: INSTANCE }],
    ProductFields: priority(score, ['severity HIGH: +45', 'internet-exposed: +15']),
  });

/** GuardDuty's Backdoor:EC2/C&CActivity.B on the same instance, correlated with the exposure. */
const commandAndControl = (): AwsSecurityFinding =>
  storedFinding({
    Id: 'arn:aws:guardduty:us-east-1:111122223333:detector/d1/finding/cc1',
    Title: 'EC2 instance i-0exposed is querying an IP address associated with a known command and control server',
    Types: ['TTPs/Command and Control/Backdoor:EC2-C&CActivity.B'],
    Severity: { Label: 'HIGH', Normalized: 80 },
    Resources: [{ Type: 'AwsEc2Instance', Id: INSTANCE }],
    ProductFields: priority(95, ['severity HIGH: +45', 'threat detection: +10', 'correlated: threat + exposure: +25', 'internet-exposed: +15']),
  });

beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(async () => {
  await dynamo.stop();
});
beforeEach(async () => {
  const table = await dynamo.newFindingsTable();
  sent = [];
  clock = new Date('2026-12-07T10:00:00.000Z');
  deps = {
    groups: new DynamoAlertGroups(dynamo.client, table),
    decisions: new DynamoAlertDecisions(dynamo.client, table),
    publish: async (message) => void sent.push(message),
    config: { ...DEFAULT_ALERT_CONFIG },
    now: () => clock,
  };
});

describe('a new threat is never swallowed by its resource group', () => {
  it('alerts a C&C threat that follows an IMDSv2 misconfiguration on the same instance, then holds ten unchanged re-imports of each', async () => {
    const control = imdsControl();
    const threat = commandAndControl();
    const first = await routeFindingEvent(findingEvent(control, created()), deps);
    minutes(2);
    const second = await routeFindingEvent(findingEvent(threat, created()), deps);
    const reimports = [];
    for (let version = 2; version <= 11; version += 1) {
      minutes(1);
      const at = clock.toISOString();
      reimports.push(
        await routeFindingEvent(
          findingEvent(
            { ...control, UpdatedAt: at },
            aChange({ version, before: { SeverityLabel: 'HIGH', WorkflowStatus: 'NEW', RecordState: 'ACTIVE', ComplianceStatus: 'FAILED', Priority: 60 } }),
          ),
          deps,
        ),
      );
      reimports.push(
        await routeFindingEvent(
          findingEvent({ ...threat, UpdatedAt: at }, aChange({ version, before: { SeverityLabel: 'HIGH', WorkflowStatus: 'NEW', RecordState: 'ACTIVE', Priority: 95 } })),
          deps,
        ),
      );
    }

    expect([first.outcome, first.rule]).toEqual(['published', 'group-opened']);
    expect([second.outcome, second.rule]).toEqual(['published', 'new-kind']);
    expect(reimports.every((outcome) => outcome.outcome === 'not-alerted')).toBe(true);
    expect(sent).toHaveLength(2);
    expect(sent[1].body).toContain('first threat on this resource (it had: control): threat:TTPs/Command and Control/Backdoor:EC2-C&CActivity.B');
    expect(sent[1].attributes.reason).toEqual({ DataType: 'String', StringValue: 'new-kind' });
    expect(sent[1].attributes.priority).toEqual({ DataType: 'Number', StringValue: '95' });
  });

  it("alerts a priority rise above the group's highest priority", async () => {
    await routeFindingEvent(findingEvent(imdsControl(75), created()), deps);
    minutes(2);
    await routeFindingEvent(findingEvent(commandAndControl(), created()), deps);
    minutes(5);
    // Correlation raises the control finding's priority from 75 to 97, above the group's 95 (no threshold crossing).
    const rise = await routeFindingEvent(
      findingEvent(
        imdsControl(97),
        aChange({
          version: 2,
          source: { Type: 'BATCH_UPDATE_FINDINGS', Identity: 'open-security-hub/correlation' },
          updatedFields: ['ProductFields'],
          before: { SeverityLabel: 'HIGH', WorkflowStatus: 'NEW', RecordState: 'ACTIVE', ComplianceStatus: 'FAILED', Priority: 75 },
        }),
      ),
      deps,
    );
    minutes(1);
    // A rise that stays below the group's highest is held, with the reason stored.
    const lower = await routeFindingEvent(
      findingEvent(
        imdsControl(90),
        aChange({
          version: 3,
          source: { Type: 'BATCH_UPDATE_FINDINGS', Identity: 'open-security-hub/correlation' },
          updatedFields: ['ProductFields'],
          before: { SeverityLabel: 'HIGH', WorkflowStatus: 'NEW', RecordState: 'ACTIVE', ComplianceStatus: 'FAILED', Priority: 80 },
        }),
      ),
      deps,
    );

    expect([rise.outcome, rise.rule]).toEqual(['published', 'priority-above-group']);
    expect(sent.at(-1)?.body).toContain("priority 97 is above the group's highest (95)");
    expect([lower.outcome, lower.rule]).toEqual(['grouped', 'grouped']);
    expect(sent).toHaveLength(3);
  });

  it('still groups a repeat of the same kind on the resource', async () => {
    await routeFindingEvent(findingEvent(commandAndControl(), created()), deps);
    minutes(3);
    const repeat = await routeFindingEvent(
      findingEvent({ ...commandAndControl(), Id: 'arn:aws:guardduty:us-east-1:111122223333:detector/d1/finding/cc2', ProductFields: priority(95, []) }, created()),
      deps,
    );
    expect([repeat.outcome, repeat.rule]).toEqual(['grouped', 'grouped']);
    expect((await deps.decisions.list({ Id: 'arn:aws:guardduty:us-east-1:111122223333:detector/d1/finding/cc2', ProductArn: commandAndControl().ProductArn }, 5))[0]).toMatchObject(
      {
        status: 'held',
        rule: 'grouped',
        reason: expect.stringContaining('same kind of problem (threat:TTPs/Command and Control/Backdoor:EC2-C&CActivity.B)'),
      },
    );
  });

  it('groups a finding under every resource it names, not only the first', async () => {
    const role = 'arn:aws:iam::111122223333:role/app';
    await routeFindingEvent(findingEvent(storedFinding({ Id: 'on-role', Resources: [{ Type: 'AwsIamRole', Id: role }] }), created()), deps);
    minutes(1);
    // Same kind, first resource new: its instance group opens (alert); its role group counts it.
    const both = await routeFindingEvent(
      findingEvent(
        storedFinding({
          Id: 'on-both',
          Resources: [
            { Type: 'AwsEc2Instance', Id: INSTANCE },
            { Type: 'AwsIamRole', Id: role },
          ],
        }),
        created(),
      ),
      deps,
    );
    minutes(1);
    // Same kind again on the instance, second resource the role: both groups have it → held.
    const again = await routeFindingEvent(
      findingEvent(
        storedFinding({
          Id: 'on-both-2',
          Resources: [
            { Type: 'AwsIamRole', Id: role },
            { Type: 'AwsEc2Instance', Id: INSTANCE },
          ],
        }),
        created(),
      ),
      deps,
    );

    expect([both.outcome, both.rule]).toEqual(['published', 'group-opened']);
    expect([again.outcome, again.rule]).toEqual(['grouped', 'grouped']);
    expect(await deps.groups.state({ account: '111122223333', resourceId: role })).toMatchObject({ count: 3, sent: 1 });
  });
});

describe('the outbox: a crash sends neither twice nor never', () => {
  it('publishes exactly once on the retry when the publisher failed after the decision was written', async () => {
    const event = findingEvent(commandAndControl(), created());
    let failures = 1;
    const flaky = { ...deps, publish: async (message: AlertMessage) => (failures-- > 0 ? Promise.reject(new Error('SNS unavailable')) : void sent.push(message)) };
    await expect(routeFindingEvent(event, flaky)).rejects.toThrow('SNS unavailable');
    expect(await deps.decisions.get(commandAndControl(), 1)).toMatchObject({ status: 'publishing', rule: 'group-opened' });

    const retried = await routeFindingEvent(event, flaky);
    const redelivered = await routeFindingEvent(event, flaky);
    expect([retried.outcome, redelivered.outcome]).toEqual(['published', 'duplicate']);
    expect(sent).toHaveLength(1);
    expect(await deps.decisions.get(commandAndControl(), 1)).toMatchObject({ status: 'sent' });
  });

  it('publishes the verdict of the first attempt when it crashed after its group was updated and before its decision was stored', async () => {
    await routeFindingEvent(findingEvent(imdsControl(), created()), deps);
    minutes(2);
    const event = findingEvent(commandAndControl(), created());
    let crashes = 1;
    const crashing: AlertDecisions = {
      ...deps.decisions,
      get: deps.decisions.get.bind(deps.decisions),
      claim: deps.decisions.claim.bind(deps.decisions),
      release: deps.decisions.release.bind(deps.decisions),
      markSent: deps.decisions.markSent.bind(deps.decisions),
      list: deps.decisions.list.bind(deps.decisions),
      create: (record, now) => (crashes-- > 0 ? Promise.reject(new Error('crash')) : deps.decisions.create(record, now)),
    };
    await expect(routeFindingEvent(event, { ...deps, decisions: crashing })).rejects.toThrow('crash');

    // The group already counts the threat's kind; the retry must still send it, once.
    const retried = await routeFindingEvent(event, { ...deps, decisions: crashing });
    expect([retried.outcome, retried.rule]).toEqual(['published', 'new-kind']);
    expect(await routeFindingEvent(event, deps)).toMatchObject({ outcome: 'duplicate' });
    expect(sent).toHaveLength(2);
    expect(await deps.groups.state({ account: '111122223333', resourceId: INSTANCE })).toMatchObject({ count: 2, sent: 2 });
  });

  it('lets only one of two concurrent deliveries of one event publish', async () => {
    const event = findingEvent(commandAndControl(), created());
    const outcomes = await Promise.all([routeFindingEvent(event, deps), routeFindingEvent(event, deps)]);
    expect(outcomes.map((outcome) => outcome.outcome).sort()).toEqual(['duplicate', 'published']);
    expect(sent).toHaveLength(1);
  });
});
