import type { AwsSecurityFinding } from '../../../lambdas/asff';
import { FindingsStore } from '../../../lambdas/store/findings-store';
import { startDynalite, type LocalDynamo } from '../../support/dynalite';
import { aFinding } from '../../support/findings';

const caller = { identity: 'tester' };
let dynamo: LocalDynamo;
let store: FindingsStore;
let tableName: string;

/** The seeded finding of this index (titles in another order than the ids). */
const seeded = (index: number, overrides: Partial<AwsSecurityFinding> = {}) =>
  aFinding({
    Id: `f-${index}`,
    AwsAccountId: index % 3 === 0 ? '111111111111' : '222222222222',
    Severity: { Label: index % 10 === 0 ? 'CRITICAL' : 'LOW' },
    Title: `Finding ${String((index * 37) % 60).padStart(2, '0')}`,
    UpdatedAt: new Date(Date.parse('2026-11-01T00:00:00Z') + index * 60_000).toISOString(),
    Resources: [
      { Type: 'AwsEc2Instance', Id: `i-${index}` },
      { Type: 'AwsS3Bucket', Id: index < 5 ? 'arn:aws:s3:::shared' : `arn:aws:s3:::b-${index}` },
    ],
    ...overrides,
  });

beforeAll(async () => {
  dynamo = await startDynalite();
  tableName = await dynamo.newFindingsTable();
  store = new FindingsStore({ client: dynamo.client, tableName });
  await store.importFindings(
    Array.from({ length: 60 }, (_, index) => seeded(index)),
    caller,
  );
});
afterAll(() => dynamo.stop());

const eq = (Value: string) => [{ Value, Comparison: 'EQUALS' }];

describe('GetFindings', () => {
  it('finds a finding by any of its resources, not only the first', async () => {
    const { Findings, plan } = await store.getFindings({ Filters: { ResourceId: eq('arn:aws:s3:::shared') } as never });

    expect(Findings.map((finding) => finding.Id).sort()).toEqual(['f-0', 'f-1', 'f-2', 'f-3', 'f-4']);
    expect(plan.access).toBe('ByResource');
  });

  it('reads no more findings than it returns when an index answers the filters', async () => {
    const { Findings, plan } = await store.getFindings({ Filters: { SeverityLabel: eq('CRITICAL'), RecordState: eq('ACTIVE') } as never });

    expect(Findings).toHaveLength(6);
    expect(plan).toMatchObject({ access: 'BySeverity', itemsRead: 6, itemsReturned: 6, sortedInMemory: false });
  });

  it('returns findings newest first by default and pages with NextToken', async () => {
    const first = await store.getFindings({ MaxResults: 25 });
    const second = await store.getFindings({ MaxResults: 25, NextToken: first.NextToken });

    expect(first.Findings[0].Id).toBe('f-59');
    expect(second.Findings[0].Id).toBe('f-34');
    expect(second.NextToken).toBeDefined();
  });

  it('rejects a NextToken replayed with other filters', async () => {
    const first = await store.getFindings({ MaxResults: 5 });

    await expect(store.getFindings({ MaxResults: 5, NextToken: first.NextToken, Filters: { AwsAccountId: eq('111111111111') } as never })).rejects.toThrow(/different filters/);
  });

  it('rejects a forged NextToken', async () => {
    await expect(store.getFindings({ NextToken: 'bm90IGEgdG9rZW4' })).rejects.toThrow(/NextToken/);
  });

  it.each([0, 101, 2.5])('rejects MaxResults %p', async (max) => {
    await expect(store.getFindings({ MaxResults: max })).rejects.toThrow(/MaxResults/);
  });

  it('rejects an invalid filter with its path', async () => {
    await expect(store.getFindings({ Filters: { SeverityLabel: [{ Value: 'HIGH', Comparison: 'LIKE' }] } as never })).rejects.toThrow(/SeverityLabel\[0\]\.Comparison/);
  });
});

describe('GetFindings pages of an order no index serves (sorted-pages.ts)', () => {
  const byTitle = [
    { Field: 'Title', SortOrder: 'asc' as const },
    { Field: 'AwsAccountId', SortOrder: 'desc' as const },
  ];
  const allPages = async (target: FindingsStore, pageSize: number) => {
    const pages: Array<{ ids: string[]; itemsRead: number; keptOrder?: boolean }> = [];
    let NextToken: string | undefined;
    do {
      const { Findings, plan, NextToken: next } = await target.getFindings({ SortCriteria: byTitle, MaxResults: pageSize, ...(NextToken && { NextToken }) });
      pages.push({ ids: Findings.map((finding) => finding.Id), itemsRead: plan.itemsRead, keptOrder: plan.keptOrder });
      NextToken = next;
    } while (NextToken);
    return pages;
  };
  // Brute force: every match in one page, sorted in memory in one go.
  const bruteForce = async () => (await store.getFindings({ SortCriteria: byTitle, MaxResults: 100 })).Findings.map((finding) => finding.Id);

  it('reads every match once for the first page, then only each page’s own findings, in the brute-force order', async () => {
    const pages = await allPages(store, 7);
    expect(pages.flatMap((page) => page.ids)).toEqual(await bruteForce());
    expect(pages).toHaveLength(9);
    // The first page scans the table (60 findings and their resource links); the others read their 7.
    expect(pages[0].keptOrder).toBeUndefined();
    expect(pages[0].itemsRead).toBeGreaterThanOrEqual(60);
    for (const page of pages.slice(1)) expect(page).toMatchObject({ itemsRead: page.ids.length, keptOrder: true });
  });

  it('recomputes a page whose findings changed since the first page, and then keeps the new order', async () => {
    const first = await store.getFindings({ SortCriteria: byTitle, MaxResults: 10 });
    const expected = await bruteForce();
    const onPageTwo = Number(expected[12].slice('f-'.length));
    // The provider updates it: its title now sorts first.
    const imported = await store.importFindings([seeded(onPageTwo, { Title: 'A finding renamed', UpdatedAt: '2026-11-02T00:00:00.000Z' })], caller);
    expect(imported.SuccessCount).toBe(1);
    const after = await bruteForce();
    expect(after[0]).toBe(`f-${onPageTwo}`);
    const second = await store.getFindings({ SortCriteria: byTitle, MaxResults: 10, NextToken: first.NextToken });
    expect(second.plan.keptOrder).toBeUndefined();
    expect(second.plan.itemsRead).toBeGreaterThanOrEqual(60);
    expect(second.Findings.map((finding) => finding.Id)).toEqual(after.slice(10, 20));
    const third = await store.getFindings({ SortCriteria: byTitle, MaxResults: 10, NextToken: second.NextToken });
    expect(third.plan).toMatchObject({ itemsRead: 10, keptOrder: true });
    expect(third.Findings.map((finding) => finding.Id)).toEqual(after.slice(20, 30));
  });

  it('answers a NextToken whose order another instance kept (or that expired) by sorting again', async () => {
    const first = await store.getFindings({ SortCriteria: byTitle, MaxResults: 10 });
    const other = new FindingsStore({ client: dynamo.client, tableName });
    const second = await other.getFindings({ SortCriteria: byTitle, MaxResults: 10, NextToken: first.NextToken });
    expect(second.plan.keptOrder).toBeUndefined();
    expect(second.plan.itemsRead).toBeGreaterThanOrEqual(60);
    expect(second.Findings.map((finding) => finding.Id)).toEqual((await bruteForce()).slice(10, 20));
  });

  it('keeps an order for its own query only, and rejects a kept order id that is malformed', async () => {
    const first = await store.getFindings({ SortCriteria: byTitle, MaxResults: 10 });
    const body = JSON.parse(Buffer.from(first.NextToken!, 'base64url').toString('utf8'));
    expect(body.c).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const forged = Buffer.from(JSON.stringify({ ...body, c: '../../etc' })).toString('base64url');
    await expect(store.getFindings({ SortCriteria: byTitle, MaxResults: 10, NextToken: forged })).rejects.toThrow(/NextToken: position is malformed/);
    await expect(store.getFindings({ SortCriteria: byTitle.slice(0, 1), MaxResults: 10, NextToken: first.NextToken })).rejects.toThrow(/different filters/);
  });
});
