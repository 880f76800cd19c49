import { PublishCommand, SNSClient, type PublishCommandInput } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { snsPublisher } from '../../../../lambdas/triage/alerts/publish';
import { DEFAULT_ALERT_CONFIG } from '../../../../lambdas/triage/alerts/config';
import { DynamoAlertDecisions } from '../../../../lambdas/triage/alerts/decision-store';
import { DynamoAlertGroups } from '../../../../lambdas/triage/alerts/group-store';
import { MAX_SUBJECT_LENGTH } from '../../../../lambdas/triage/alerts/message';
import { PRIORITY_FIELD, PRIORITY_REASONS_FIELD } from '../../../../lambdas/triage/alerts/priority';
import { InvalidFindingEventError, routeFindingEvent, type AlertRouterDeps } from '../../../../lambdas/triage/alerts/router';
import { startDynalite, type LocalDynamo } from '../../../support/dynalite';
import { aChange, created, findingEvent, storedFinding } from '../../../support/alert-changes';

const TOPIC = 'arn:aws:sns:us-east-1:111122223333:alerts';
const sns = mockClient(SNSClient);
let dynamo: LocalDynamo;
let deps: AlertRouterDeps;
let clock: Date;

const published = (): PublishCommandInput[] => sns.commandCalls(PublishCommand).map((call) => call.args[0].input);
const minutes = (n: number) => {
  clock = new Date(clock.getTime() + n * 60_000);
};

beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(async () => {
  await dynamo.stop();
});
beforeEach(async () => {
  sns.reset();
  sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
  clock = new Date('2026-11-27T10:00:00.000Z');
  const table = await dynamo.newFindingsTable();
  deps = {
    groups: new DynamoAlertGroups(dynamo.client, table),
    decisions: new DynamoAlertDecisions(dynamo.client, table),
    publish: snsPublisher(new SNSClient({ region: 'us-east-1' }), TOPIC),
    config: { ...DEFAULT_ALERT_CONFIG },
    now: () => clock,
  };
});

describe('alert router: suppression', () => {
  it('sends one alert for a finding re-imported unchanged 10 times', async () => {
    const finding = storedFinding({ Id: 'gd-1' });
    await routeFindingEvent(findingEvent(finding, created()), deps);
    for (let version = 2; version <= 11; version += 1) {
      minutes(1);
      const outcome = await routeFindingEvent(findingEvent({ ...finding, UpdatedAt: clock.toISOString() }, aChange({ version })), deps);
      expect(outcome.outcome).toBe('not-alerted');
    }
    expect(published()).toHaveLength(1);
  });

  it('sends a new alert when the same finding escalates', async () => {
    const finding = storedFinding({ Id: 'gd-1' });
    await routeFindingEvent(findingEvent(finding, created()), deps);
    minutes(5);
    const outcome = await routeFindingEvent(findingEvent({ ...finding, Severity: { Label: 'CRITICAL' } }, aChange({ version: 2, updatedFields: ['Severity'] })), deps);
    expect(outcome).toMatchObject({ outcome: 'published', rule: 'critical', groupCount: 2 });
    expect(published()).toHaveLength(2);
    expect(published()[1].Subject).toMatch(/^\[CRITICAL\] Escalated from HIGH: /);
  });

  it('groups 5 different findings on one resource within the window into one alert and counts them', async () => {
    const outcomes = [];
    for (let i = 1; i <= 5; i += 1) {
      outcomes.push(await routeFindingEvent(findingEvent(storedFinding({ Id: `f-${i}` }), created()), deps));
      minutes(10);
    }
    expect(outcomes.map((outcome) => outcome.outcome)).toEqual(['published', 'grouped', 'grouped', 'grouped', 'grouped']);
    expect(outcomes.at(-1)?.groupCount).toBe(5);
    expect(published()).toHaveLength(1);
  });

  it('sends one escalation alert when a grouped finding is more severe than the group, with the count', async () => {
    deps.config = { ...deps.config, minimumSeverity: 'MEDIUM' };
    await routeFindingEvent(findingEvent(storedFinding({ Id: 'f-1', Severity: { Label: 'MEDIUM' } }), created()), deps);
    minutes(1);
    await routeFindingEvent(findingEvent(storedFinding({ Id: 'f-2', Severity: { Label: 'MEDIUM' } }), created()), deps);
    minutes(1);
    const escalation = await routeFindingEvent(findingEvent(storedFinding({ Id: 'f-3', Severity: { Label: 'HIGH' } }), created()), deps);
    minutes(1);
    const after = await routeFindingEvent(findingEvent(storedFinding({ Id: 'f-4', Severity: { Label: 'HIGH' } }), created()), deps);
    expect([escalation.outcome, escalation.rule, after.outcome]).toEqual(['published', 'severity-above-group', 'grouped']);
    expect(published()).toHaveLength(2);
    expect(published()[1].Subject).toMatch(/^\[HIGH\] Escalated from MEDIUM: /);
    expect(published()[1].Message).toContain('3 findings on this resource since 2026-11-27T10:00:00.000Z');
    expect(published()[1].Message).toContain("raises this resource's alert group from MEDIUM to HIGH");
    expect(published()[1].MessageAttributes?.reason).toEqual({ DataType: 'String', StringValue: 'group-escalated' });
  });

  it('sends every CRITICAL finding on its own, even of a kind already in the group', async () => {
    await routeFindingEvent(findingEvent(storedFinding({ Id: 'f-1' }), created()), deps);
    const outcomes = [];
    for (const id of ['c-1', 'c-2']) {
      minutes(1);
      outcomes.push(await routeFindingEvent(findingEvent(storedFinding({ Id: id, Severity: { Label: 'CRITICAL' } }), created()), deps));
    }
    expect(outcomes.map((outcome) => [outcome.outcome, outcome.rule])).toEqual([
      ['published', 'critical'],
      ['published', 'critical'],
    ]);
  });

  it('sends a new alert for the resource once the window has passed', async () => {
    await routeFindingEvent(findingEvent(storedFinding({ Id: 'f-1' }), created()), deps);
    minutes(59);
    expect((await routeFindingEvent(findingEvent(storedFinding({ Id: 'f-2' }), created()), deps)).outcome).toBe('grouped');
    minutes(2);
    expect((await routeFindingEvent(findingEvent(storedFinding({ Id: 'f-3' }), created()), deps)).outcome).toBe('published');
    expect(published()).toHaveLength(2);
  });

  it('keeps resources and accounts apart', async () => {
    await routeFindingEvent(findingEvent(storedFinding({ Id: 'f-1' }), created()), deps);
    await routeFindingEvent(findingEvent(storedFinding({ Id: 'f-2', Resources: [{ Type: 'AwsS3Bucket', Id: 'arn:aws:s3:::other' }] }), created()), deps);
    await routeFindingEvent(findingEvent(storedFinding({ Id: 'f-3', AwsAccountId: '444455556666' }), created()), deps);
    expect(published()).toHaveLength(3);
  });

  it('does not alert twice for a redelivered event, whether it was published or grouped', async () => {
    const first = findingEvent(storedFinding({ Id: 'f-1' }), created());
    const second = findingEvent(storedFinding({ Id: 'f-2' }), created());
    await routeFindingEvent(first, deps);
    await routeFindingEvent(second, deps);
    expect((await routeFindingEvent(first, deps)).outcome).toBe('duplicate');
    const again = await routeFindingEvent(second, deps);
    expect(again).toMatchObject({ outcome: 'duplicate', groupCount: 2 });
    expect(published()).toHaveLength(1);
  });

  it('publishes on the retry when the first publish failed', async () => {
    const event = findingEvent(storedFinding({ Id: 'f-1' }), created());
    sns.on(PublishCommand).rejectsOnce(new Error('SNS throttled')).resolves({ MessageId: 'm-2' });
    await expect(routeFindingEvent(event, deps)).rejects.toThrow('SNS throttled');
    expect((await routeFindingEvent(event, deps)).outcome).toBe('published');
    expect((await routeFindingEvent(event, deps)).outcome).toBe('duplicate');
    expect(published()).toHaveLength(2); // the failed attempt and the retry
  });

  it('sends one alert when 5 findings on one resource arrive at the same time', async () => {
    const outcomes = await Promise.all([1, 2, 3, 4, 5].map((i) => routeFindingEvent(findingEvent(storedFinding({ Id: `c-${i}` }), created()), deps)));
    expect(outcomes.filter((outcome) => outcome.outcome === 'published')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.outcome === 'grouped')).toHaveLength(4);
    expect(published()).toHaveLength(1);
  });

  it('rejects an event without the change record, naming the field', async () => {
    const event = findingEvent(storedFinding(), created());
    delete (event.detail as { change?: unknown }).change;
    await expect(routeFindingEvent(event, deps)).rejects.toThrow(InvalidFindingEventError);
    await expect(routeFindingEvent(event, deps)).rejects.toThrow('detail.change: missing');
  });
});

describe('alert message', () => {
  it('says what, where, how bad, why now and how to act, with attributes for filter policies', async () => {
    const finding = storedFinding({
      Id: 'arn:aws:guardduty:us-east-1:111122223333:detector/d/finding/f1',
      Title: 'The EC2 instance i-0abc is being probed by a known malicious host on port 22 and more words to make this title long',
      Types: ['TTPs/Initial Access/UnauthorizedAccess:EC2-SSHBruteForce'],
      ProductName: 'GuardDuty',
      CompanyName: 'Amazon',
      Severity: { Label: 'HIGH', Normalized: 70 },
      Resources: [{ Type: 'AwsEc2Instance', Id: 'arn:aws:ec2:us-east-1:111122223333:instance/i-0abc' }],
      ProductFields: { [PRIORITY_FIELD]: '88', [PRIORITY_REASONS_FIELD]: '["internet-exposed","exploit available"]' },
    });
    await routeFindingEvent(findingEvent(finding, created()), { ...deps, message: { apiUrl: 'https://abc.execute-api.us-east-1.amazonaws.com/prod' } });
    const [input] = published();
    expect(input.TopicArn).toBe(TOPIC);
    expect(input.Subject!.length).toBeLessThanOrEqual(MAX_SUBJECT_LENGTH);
    expect(input.Subject).toMatch(/^\[HIGH\] New: The EC2 instance i-0abc .*\.\.\. \(111122223333\)$/);
    expect(input.Message).toContain('type TTPs/Initial Access/UnauthorizedAccess:EC2-SSHBruteForce; product GuardDuty (Amazon)');
    expect(input.Message).toContain('account 111122223333, us-east-1');
    expect(input.Message).toContain('AwsEc2Instance arn:aws:ec2:us-east-1:111122223333:instance/i-0abc');
    expect(input.Message).toContain('priority 88/100: internet-exposed; exploit available');
    expect(input.Message).toContain('Why now:  new finding');
    expect(input.Message).toContain('Grouped:  first alert for this resource in 60 min');
    expect(input.Message).toContain(`npx sechub get-findings --endpoint-url https://abc.execute-api.us-east-1.amazonaws.com/prod --filters '{"Id":[{"Value":"${finding.Id}"`);
    expect(input.Message).toContain('npx sechub batch-update-findings --endpoint-url https://abc.execute-api.us-east-1.amazonaws.com/prod --finding-identifiers');
    expect(input.Message).toContain(`Console:  https://abc.execute-api.us-east-1.amazonaws.com/prod/console/#/findings/${encodeURIComponent(finding.Id)}?productArn=`);
    expect(input.Message).toContain(`npx sechub explain-alert --endpoint-url https://abc.execute-api.us-east-1.amazonaws.com/prod --finding-id '${finding.Id}'`);
    expect(input.MessageAttributes).toEqual({
      severity: { DataType: 'String', StringValue: 'HIGH' },
      priority: { DataType: 'Number', StringValue: '88' },
      account: { DataType: 'String', StringValue: '111122223333' },
      product: { DataType: 'String', StringValue: 'GuardDuty' },
      reason: { DataType: 'String', StringValue: 'new' },
      alertKind: { DataType: 'String', StringValue: 'finding' },
      findingId: { DataType: 'String', StringValue: finding.Id },
      productArn: { DataType: 'String', StringValue: finding.ProductArn },
      alertId: { DataType: 'String', StringValue: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/) },
    });
    expect(Object.keys(input.MessageAttributes!).length).toBeLessThanOrEqual(10); // SNS's limit
  });

  it('keeps the subject ASCII', async () => {
    await routeFindingEvent(findingEvent(storedFinding({ Title: 'Clé exposée — bucket “public”' }), created()), deps);
    expect(published()[0].Subject).toMatch(/^[\x20-\x7e]+$/);
  });
});
