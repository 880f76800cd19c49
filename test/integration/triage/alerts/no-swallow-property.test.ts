/**
 * Property (issue 11): over random sequences of new findings, unchanged re-imports and redelivered
 * events on a few resources, every finding that is a new kind of problem for its resource's open
 * group, CRITICAL, the group's first at or above the priority threshold, or the first of a window
 * is alerted exactly once, and no re-import or redelivery ever alerts. The oracle is brute force:
 * it keeps every member of each window. The router runs with its real stores on dynalite.
 */
import fc from 'fast-check';
import { DEFAULT_ALERT_CONFIG } from '../../../../lambdas/triage/alerts/config';
import { DynamoAlertDecisions } from '../../../../lambdas/triage/alerts/decision-store';
import { DynamoAlertGroups } from '../../../../lambdas/triage/alerts/group-store';
import { PRIORITY_FIELD } from '../../../../lambdas/triage/alerts/priority';
import { routeFindingEvent } from '../../../../lambdas/triage/alerts/router';
import { SEVERITY_LABELS } from '../../../../lambdas/asff/severity';
import type { AwsSecurityFinding, SeverityLabel } from '../../../../lambdas/asff/types';
import { startDynalite, type LocalDynamo } from '../../../support/dynalite';
import { aChange, created, findingEvent, storedFinding } from '../../../support/alert-changes';

const KINDS = [
  { key: 'threat:TTPs/Command and Control/Backdoor:EC2-C&CActivity.B', finding: { Types: ['TTPs/Command and Control/Backdoor:EC2-C&CActivity.B'] } },
  { key: 'threat:TTPs/Initial Access/UnauthorizedAccess:EC2-SSHBruteForce', finding: { Types: ['TTPs/Initial Access/UnauthorizedAccess:EC2-SSHBruteForce'] } },
  { key: 'vulnerability:Software and Configuration Checks/Vulnerabilities/CVE', finding: { Types: ['Software and Configuration Checks/Vulnerabilities/CVE'] } },
  {
    key: 'control:EC2.8',
    finding: { Types: ['Software and Configuration Checks/Industry and Regulatory Standards'], Compliance: { Status: 'FAILED' as const, SecurityControlId: 'EC2.8' } },
  },
  {
    key: 'control:EC2.19',
    finding: { Types: ['Software and Configuration Checks/Industry and Regulatory Standards'], Compliance: { Status: 'FAILED' as const, SecurityControlId: 'EC2.19' } },
  },
];
const RESOURCES = ['arn:aws:ec2:us-east-1:111122223333:instance/i-1', 'arn:aws:ec2:us-east-1:111122223333:instance/i-2'];
const { priorityThreshold: THRESHOLD, groupWindowMinutes: WINDOW } = DEFAULT_ALERT_CONFIG;

type Step =
  | { type: 'new'; resource: number; kind: number; severity: SeverityLabel; priority: number | undefined; after: number }
  | { type: 'reimport'; of: number; after: number }
  | { type: 'redeliver'; of: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      type: fc.constant('new' as const),
      resource: fc.nat(RESOURCES.length - 1),
      kind: fc.nat(KINDS.length - 1),
      severity: fc.constantFrom(...(SEVERITY_LABELS as readonly SeverityLabel[]).slice(1)),
      priority: fc.option(fc.nat(100), { nil: undefined }),
      after: fc.nat(40),
    }),
  },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('reimport' as const), of: fc.nat(), after: fc.nat(20) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('redeliver' as const), of: fc.nat() }) },
);

interface Member {
  kind: string;
  rank: number;
  priority: number;
}

/** The brute-force oracle: must this new finding alert on its own? (undefined: the policy holds it before grouping.) */
function mustAlert(windows: Map<number, { openedAt: number; members: Member[] }>, s: Extract<Step, { type: 'new' }>, now: number): boolean | undefined {
  const rank = SEVERITY_LABELS.indexOf(s.severity);
  if (rank < SEVERITY_LABELS.indexOf('HIGH') && (s.priority ?? -1) < THRESHOLD) return undefined;
  const member = { kind: KINDS[s.kind].key, rank, priority: s.priority ?? -1 };
  const window = windows.get(s.resource);
  if (window === undefined || window.openedAt + WINDOW * 60_000 <= now) {
    windows.set(s.resource, { openedAt: now, members: [member] });
    return true;
  }
  const must =
    s.severity === 'CRITICAL' || !window.members.some((m) => m.kind === member.kind) || (member.priority >= THRESHOLD && window.members.every((m) => m.priority < THRESHOLD));
  window.members.push(member);
  return must;
}

let dynamo: LocalDynamo;
beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(async () => {
  await dynamo.stop();
});

it('alerts every new-kind, CRITICAL, threshold-crossing or window-opening finding exactly once, and never a re-import or redelivery', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 18 }), async (steps) => {
      const table = await dynamo.newFindingsTable();
      const published: string[] = [];
      let clock = Date.parse('2026-12-07T10:00:00.000Z');
      const deps = {
        groups: new DynamoAlertGroups(dynamo.client, table),
        decisions: new DynamoAlertDecisions(dynamo.client, table),
        publish: async (message: { attributes: Record<string, { StringValue: string }> }) => void published.push(message.attributes.findingId.StringValue),
        config: DEFAULT_ALERT_CONFIG,
        now: () => new Date(clock),
      };
      const findings: Array<{ finding: AwsSecurityFinding; version: number }> = [];
      const events: Array<ReturnType<typeof findingEvent>> = [];
      const windows = new Map<number, { openedAt: number; members: Member[] }>();
      const required = new Set<string>();
      for (const s of steps) {
        if (s.type === 'new') {
          clock += s.after * 60_000;
          const finding = storedFinding({
            Id: `f-${findings.length}`,
            ...KINDS[s.kind].finding,
            Severity: { Label: s.severity },
            Resources: [{ Type: 'AwsEc2Instance', Id: RESOURCES[s.resource] }],
            ...(s.priority !== undefined && { ProductFields: { [PRIORITY_FIELD]: String(s.priority) } }),
          });
          findings.push({ finding, version: 1 });
          if (mustAlert(windows, s, clock)) required.add(finding.Id);
          const event = findingEvent(finding, created());
          events.push(event);
          await routeFindingEvent(event, deps);
        } else if (s.type === 'reimport' && findings.length > 0) {
          clock += s.after * 60_000;
          const entry = findings[s.of % findings.length];
          entry.version += 1;
          const { finding } = entry;
          const before = {
            SeverityLabel: finding.Severity?.Label,
            WorkflowStatus: 'NEW',
            RecordState: 'ACTIVE',
            ...(finding.Compliance && { ComplianceStatus: 'FAILED' }),
            ...(finding.ProductFields && { Priority: Number(finding.ProductFields[PRIORITY_FIELD]) }),
          };
          const outcome = await routeFindingEvent(findingEvent({ ...finding, UpdatedAt: new Date(clock).toISOString() }, aChange({ version: entry.version, before })), deps);
          expect(outcome.outcome).not.toBe('published');
        } else if (s.type === 'redeliver' && events.length > 0) {
          const outcome = await routeFindingEvent(events[s.of % events.length], deps);
          expect(outcome.outcome).not.toBe('published');
        }
      }
      for (const id of required) expect([id, published.filter((sent) => sent === id).length]).toEqual([id, 1]);
      expect(published.length).toBe(new Set(published).size);
    }),
    { numRuns: 12 },
  );
}, 120_000);
