import fc from 'fast-check';
import type { AwsSecurityFinding } from '../../../lambdas/asff/types';
import { compileFilters } from '../../../lambdas/filters/match';
import type { AwsSecurityFindingFilters } from '../../../lambdas/filters/types';
import { FindingsStore } from '../../../lambdas/store/findings-store';
import { findingKey } from '../../../lambdas/store/keys';
import { runRules, type RuleRunStore } from '../../../lambdas/triage/automation/rule-runs';
import type { AutomationRule } from '../../../lambdas/triage/automation/types';
import { GroupCounter, groupCounts, type GroupByAttribute } from '../../../lambdas/triage/insights/group-by';
import { startDynalite, type LocalDynamo } from '../../support/dynalite';
import { aFinding } from '../../support/findings';

const NOW = new Date('2026-11-27T12:00:00.000Z');
const PAGE = 25;
const ACCOUNTS = ['111122223333', '444455556666', '777788889999'];
const LABELS = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
const STATUSES = ['NEW', 'NOTIFIED', 'SUPPRESSED'] as const;

let dynamo: LocalDynamo;
let store: FindingsStore;
let all: AwsSecurityFinding[];

/** 300 findings from a seeded generator: accounts, severities, workflow, resources (some shared). */
const dataset = fc.sample(
  fc.record({
    account: fc.constantFrom(...ACCOUNTS),
    label: fc.constantFrom(...LABELS),
    status: fc.constantFrom(...STATUSES),
    resource: fc.nat(40),
    archived: fc.boolean(),
  }),
  { numRuns: 300, seed: 16 },
);

beforeAll(async () => {
  dynamo = await startDynalite();
  store = new FindingsStore({ client: dynamo.client, tableName: await dynamo.newFindingsTable(), now: () => NOW });
  const findings = dataset.map((row, index) =>
    aFinding({
      Id: `f-${String(index).padStart(4, '0')}`,
      AwsAccountId: row.account,
      Severity: { Label: row.label },
      Workflow: { Status: row.status },
      RecordState: row.archived ? 'ARCHIVED' : 'ACTIVE',
      Resources: [{ Type: 'AwsS3Bucket', Id: `arn:aws:s3:::bucket-${row.resource}` }],
    }),
  );
  for (let start = 0; start < findings.length; start += 100) await store.importFindings(findings.slice(start, start + 100), { identity: 'loader' });
  all = (await store.findAll()).findings;
});
afterAll(() => dynamo.stop());

const condition = <T extends string>(values: readonly T[]) =>
  fc.subarray([...values], { minLength: 1 }).map((picked) => picked.map((Value) => ({ Value, Comparison: 'EQUALS' as const })));
/** Filters an insight or a rule may carry, over the dataset's attributes (indexed or not). */
const filters: fc.Arbitrary<AwsSecurityFindingFilters> = fc.record(
  { AwsAccountId: condition(ACCOUNTS), SeverityLabel: condition(LABELS), WorkflowStatus: condition(STATUSES), RecordState: condition(['ACTIVE', 'ARCHIVED']) },
  { requiredKeys: [] },
);
const attribute = fc.constantFrom<GroupByAttribute>('ResourceId', 'AwsAccountId', 'SeverityLabel', 'WorkflowStatus');
const bruteForce = (wanted: AwsSecurityFindingFilters) => all.filter(compileFilters(wanted, NOW));

describe('streaming aggregates (a page at a time, through the query planner)', () => {
  it('count insight results as brute force does, never holding more than a page', async () => {
    await fc.assert(
      fc.asyncProperty(filters, attribute, async (wanted, by) => {
        const counter = new GroupCounter(by);
        const { maxPage } = await store.forEachFindingPage(wanted, (page) => counter.add(page), { pageSize: PAGE });
        expect(counter.top()).toEqual(groupCounts(bruteForce(wanted), by));
        expect(counter.seen).toBe(bruteForce(wanted).length);
        expect(maxPage).toBeLessThanOrEqual(PAGE);
      }),
      { numRuns: 10 },
    );
  });

  it('dry-run a rule with exact counts, the first changes by key, and a page held at a time', async () => {
    await fc.assert(
      fc.asyncProperty(filters, async (criteria) => {
        let largest = 0;
        const paged: RuleRunStore = {
          forEachFindingPage: (wanted, visit) =>
            store.forEachFindingPage(
              wanted,
              (page) => {
                largest = Math.max(largest, page.length);
                return visit(page);
              },
              { pageSize: PAGE },
            ),
          reviseFindings: () => Promise.reject(new Error('a dry-run writes nothing')),
        };
        const rule: AutomationRule = {
          RuleArn: 'arn:aws:securityhub:us-east-1:111122223333:automation-rule/r',
          RuleName: 'r',
          Description: 'r',
          RuleOrder: 1,
          RuleStatus: 'ENABLED',
          IsTerminal: false,
          Criteria: criteria,
          Actions: [{ Type: 'FINDING_FIELDS_UPDATE', FindingFieldsUpdate: { Workflow: { Status: 'RESOLVED' } } }],
          CreatedAt: NOW.toISOString(),
          UpdatedAt: NOW.toISOString(),
          CreatedBy: 'tester',
        };
        const report = await runRules(paged, [rule], { dryRun: true, now: NOW, maxReportedChanges: 7 });
        const matches = bruteForce(criteria);
        const changed = matches.filter((finding) => finding.Workflow?.Status !== 'RESOLVED');
        expect(report.FindingsEvaluated).toBe(matches.length);
        expect(report.FindingsChanged).toBe(changed.length);
        expect(report.Changes.map((change) => change.FindingIdentifier.Id)).toEqual(
          changed
            .map((finding) => ({ key: findingKey(finding), id: finding.Id }))
            .sort((a, b) => (a.key < b.key ? -1 : 1))
            .slice(0, 7)
            .map(({ id }) => id),
        );
        expect(report.ChangesTruncated ?? false).toBe(changed.length > 7);
        expect(largest).toBeLessThanOrEqual(PAGE);
      }),
      { numRuns: 6 },
    );
  });
});
