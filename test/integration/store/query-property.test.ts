import fc from 'fast-check';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { AwsSecurityFinding } from '../../../lambdas/asff/types';
import { compareFindings, DEFAULT_SORT, matchesFilters } from '../../../lambdas/filters';
import type { AwsSecurityFindingFilters, SortCriterion } from '../../../lambdas/filters/types';
import { FindingsStore } from '../../../lambdas/store/findings-store';
import { findingKey } from '../../../lambdas/store/keys';
import { startDynalite, type LocalDynamo } from '../../support/dynalite';
import { aFinding } from '../../support/findings';

/**
 * GetFindings through the planner (indexes, shards, merges, pages) must return exactly what a
 * brute-force evaluation of the same filters over every stored finding returns, in the same order.
 */

const caller = { identity: 'property-test' };
const NOW = new Date('2026-11-20T00:00:00Z');
const ACCOUNTS = ['111111111111', '222222222222', '333333333333'];
const REGIONS = ['us-east-1', 'eu-west-1', 'ap-south-1'];
const GENERATORS = ['security-control/S3.1', 'security-control/EC2.19', 'guardduty', 'prowler-check'];
const CONTROLS = ['S3.1', 'EC2.19', 'IAM.4'];
const RESOURCES = ['arn:aws:s3:::a', 'arn:aws:s3:::b', 'arn:aws:ec2:us-east-1:111111111111:instance/i-1', 'i-2', 'i-3'];
const PRODUCTS = ['arn:aws:securityhub:us-east-1::product/aws/guardduty', 'arn:aws:securityhub:us-east-1:111111111111:product/111111111111/default'];
const LABELS = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
const TITLES = ['Alpha', 'alpha', 'Beta', 'Gamma'];
const START = Date.parse('2026-10-01T00:00:00Z');

const findingArb = (index: number) =>
  fc
    .record({
      product: fc.constantFrom(...PRODUCTS),
      account: fc.constantFrom(...ACCOUNTS),
      region: fc.constantFrom(...REGIONS),
      generator: fc.constantFrom(...GENERATORS),
      control: fc.option(fc.constantFrom(...CONTROLS), { nil: undefined }),
      compliance: fc.option(fc.constantFrom('PASSED', 'FAILED', 'WARNING', 'NOT_AVAILABLE'), { nil: undefined }),
      resources: fc.uniqueArray(fc.constantFrom(...RESOURCES), { minLength: 1, maxLength: 3 }),
      label: fc.constantFrom(...LABELS),
      normalized: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
      recordState: fc.constantFrom('ACTIVE', 'ARCHIVED'),
      workflow: fc.constantFrom('NEW', 'NOTIFIED', 'RESOLVED', 'SUPPRESSED'),
      updatedAt: fc.integer({ min: 0, max: 40 * 86_400 }).map((seconds) => new Date(START + seconds * 1000).toISOString()),
      title: fc.constantFrom(...TITLES),
    })
    .map((f) =>
      aFinding({
        Id: `finding-${index}`,
        ProductArn: f.product,
        AwsAccountId: f.account,
        Region: f.region,
        GeneratorId: f.generator,
        ...(f.compliance && { Compliance: { Status: f.compliance, ...(f.control && { SecurityControlId: f.control }) } }),
        Resources: f.resources.map((Id) => ({ Type: 'Other', Id })),
        Severity: f.normalized === undefined ? { Label: f.label } : { Normalized: f.normalized },
        RecordState: f.recordState as 'ACTIVE',
        Workflow: { Status: f.workflow as 'NEW' },
        UpdatedAt: f.updatedAt,
        CreatedAt: f.updatedAt,
        Title: f.title,
      } as Partial<AwsSecurityFinding>),
    );

const datasetArb = (size: number) => fc.tuple(...Array.from({ length: size }, (_, index) => findingArb(index)));

const stringFilter = (values: readonly string[]) =>
  fc.oneof(
    fc.uniqueArray(fc.constantFrom(...values), { minLength: 1, maxLength: 3 }).map((list) => list.map((Value) => ({ Value, Comparison: 'EQUALS' }))),
    fc.uniqueArray(fc.constantFrom(...values), { minLength: 1, maxLength: 2 }).map((list) => list.map((Value) => ({ Value, Comparison: 'NOT_EQUALS' }))),
    fc.constantFrom(...values).map((value) => [{ Value: value.slice(0, 3), Comparison: 'PREFIX' }]),
  );

const filtersArb: fc.Arbitrary<AwsSecurityFindingFilters> = fc
  .record(
    {
      RecordState: stringFilter(['ACTIVE', 'ARCHIVED']),
      WorkflowStatus: stringFilter(['NEW', 'NOTIFIED', 'RESOLVED', 'SUPPRESSED']),
      SeverityLabel: stringFilter(LABELS),
      AwsAccountId: stringFilter(ACCOUNTS),
      Region: stringFilter(REGIONS),
      GeneratorId: stringFilter(GENERATORS),
      ComplianceStatus: stringFilter(['PASSED', 'FAILED', 'WARNING', 'NOT_AVAILABLE']),
      ComplianceSecurityControlId: stringFilter(CONTROLS),
      ResourceId: stringFilter(RESOURCES),
      ProductName: stringFilter(['GuardDuty', 'Default']),
      Title: stringFilter(TITLES),
      Id: stringFilter(['finding-1', 'finding-2', 'finding-30']),
      UpdatedAt: fc
        .tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }))
        .map(([a, b]) => [{ Start: new Date(START + Math.min(a, b) * 86_400_000).toISOString(), End: new Date(START + Math.max(a, b) * 86_400_000).toISOString() }]),
      SeverityNormalized: fc.integer({ min: 0, max: 100 }).map((gte) => [{ Gte: gte }]),
    },
    { requiredKeys: [] },
  )
  .filter((filters) => Object.keys(filters).length <= 4) as fc.Arbitrary<AwsSecurityFindingFilters>;

const sortArb: fc.Arbitrary<SortCriterion[]> = fc.oneof(
  fc.constant([] as SortCriterion[]),
  fc.constantFrom('asc', 'desc').map((SortOrder) => [{ Field: 'UpdatedAt', SortOrder } as SortCriterion]),
  fc.constantFrom('asc', 'desc').map((SortOrder) => [{ Field: 'SeverityLabel', SortOrder } as SortCriterion]),
  fc.constantFrom('asc', 'desc').map((SortOrder) => [{ Field: 'Title', SortOrder } as SortCriterion]),
  fc.constant([
    { Field: 'Title', SortOrder: 'asc' },
    { Field: 'UpdatedAt', SortOrder: 'desc' },
  ] as SortCriterion[]),
);

let dynamo: LocalDynamo;

beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(() => dynamo.stop());

async function loadDataset(findings: AwsSecurityFinding[]) {
  const tableName = await dynamo.newFindingsTable();
  const store = new FindingsStore({ client: dynamo.client, tableName, now: () => NOW });
  for (let start = 0; start < findings.length; start += 100) {
    const response = await store.importFindings(findings.slice(start, start + 100), caller);
    expect(response.FailedCount).toBe(0);
  }
  const scan = await DynamoDBDocumentClient.from(dynamo.client).send(new ScanCommand({ TableName: tableName }));
  const stored = (scan.Items ?? []).filter((item) => item.sk === '#FINDING').map((item) => JSON.parse(item.doc as string) as AwsSecurityFinding);
  return { store, stored };
}

function bruteForce(stored: AwsSecurityFinding[], filters: AwsSecurityFindingFilters, sort: SortCriterion[]) {
  const criteria = sort.length > 0 ? sort : DEFAULT_SORT;
  const direction = criteria[0].SortOrder === 'asc' ? 1 : -1;
  const key = (finding: AwsSecurityFinding) => findingKey(finding);
  return stored
    .filter((finding) => matchesFilters(finding, filters, NOW))
    .sort((a, b) => compareFindings(a, b, criteria) || direction * (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
    .map((finding) => `${finding.Id}|${finding.ProductArn}`);
}

async function allPages(store: FindingsStore, filters: AwsSecurityFindingFilters, sort: SortCriterion[], pageSize: number) {
  const ids: string[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const page = await store.getFindings({ Filters: filters, SortCriteria: sort, MaxResults: pageSize, NextToken: token });
    ids.push(...page.Findings.map((finding) => `${finding.Id}|${finding.ProductArn}`));
    token = page.NextToken;
    if (++pages > 500) throw new Error('pagination does not end');
  } while (token);
  return ids;
}

describe('GetFindings through the query planner', () => {
  it('returns exactly the brute-force result, in order, across pages, for random filters on one dataset', async () => {
    const [dataset] = fc.sample(datasetArb(100), { numRuns: 1, seed: 42 });
    const { store, stored } = await loadDataset(dataset);

    await fc.assert(
      fc.asyncProperty(filtersArb, sortArb, fc.integer({ min: 10, max: 50 }), async (filters, sort, pageSize) => {
        const expected = bruteForce(stored, filters, sort);
        const actual = await allPages(store, filters, sort, pageSize);
        expect(actual).toEqual(expected);
      }),
      // 20 random filter sets a run (fast-check draws a new seed each run, printed on failure to replay it).
      { numRuns: 20 },
    );
  }, 240_000);

  it('returns exactly the brute-force result for random datasets', async () => {
    await fc.assert(
      fc.asyncProperty(datasetArb(30), filtersArb, sortArb, fc.integer({ min: 4, max: 15 }), async (dataset, filters, sort, pageSize) => {
        const { store, stored } = await loadDataset(dataset);
        expect(await allPages(store, filters, sort, pageSize)).toEqual(bruteForce(stored, filters, sort));
      }),
      { numRuns: 4 },
    );
  }, 240_000);
});
