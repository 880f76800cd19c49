import { FindingsStore } from '../../../lambdas/store/findings-store';
import { startDynalite, type LocalDynamo } from '../../support/dynalite';
import { aFinding } from '../../support/findings';

const caller = { identity: 'tester' };
let dynamo: LocalDynamo;
let store: FindingsStore;

beforeAll(async () => {
  dynamo = await startDynalite();
  store = new FindingsStore({ client: dynamo.client, tableName: await dynamo.newFindingsTable() });
  const findings = Array.from({ length: 60 }, (_, index) =>
    aFinding({
      Id: `f-${index}`,
      AwsAccountId: index % 3 === 0 ? '111111111111' : '222222222222',
      Severity: { Label: index % 10 === 0 ? 'CRITICAL' : 'LOW' },
      UpdatedAt: new Date(Date.parse('2026-11-01T00:00:00Z') + index * 60_000).toISOString(),
      Resources: [
        { Type: 'AwsEc2Instance', Id: `i-${index}` },
        { Type: 'AwsS3Bucket', Id: index < 5 ? 'arn:aws:s3:::shared' : `arn:aws:s3:::b-${index}` },
      ],
    }),
  );
  await store.importFindings(findings, caller);
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
