import type { AwsSecurityFindingFilters, SortCriterion } from '../../../lambdas/filters/types';
import { planQuery, type IndexPlan } from '../../../lambdas/store/query-planner';

const NOW = new Date('2026-11-20T00:00:00Z');
const eq = (...values: string[]) => values.map((Value) => ({ Value, Comparison: 'EQUALS' as const }));
const byUpdated: SortCriterion[] = [{ Field: 'UpdatedAt', SortOrder: 'desc' }];
const bySeverity: SortCriterion[] = [{ Field: 'SeverityLabel', SortOrder: 'desc' }];
const plan = (filters: AwsSecurityFindingFilters, sort = byUpdated) => planQuery(filters, sort, NOW) as IndexPlan;

describe('planQuery', () => {
  it('serves the console default (active, new or notified, by severity) from the state/severity index', () => {
    const chosen = plan({ RecordState: eq('ACTIVE'), WorkflowStatus: eq('NEW', 'NOTIFIED') }, bySeverity);

    expect(chosen).toMatchObject({ index: { name: 'ByStateSeverity' }, servesOrder: true, ascending: false });
    expect(chosen.partitions).toHaveLength(2 * 4);
  });

  it.each([
    ['Id', { Id: eq('abc') }, 'ById'],
    ['ResourceId', { ResourceId: eq('arn:aws:s3:::bucket'), SeverityLabel: eq('HIGH') }, 'ByResource'],
    ['GeneratorId', { GeneratorId: eq('security-control/S3.1') }, 'ByGenerator'],
    ['ComplianceSecurityControlId', { ComplianceSecurityControlId: eq('S3.1'), ComplianceStatus: eq('FAILED') }, 'ByControl'],
    ['AwsAccountId', { AwsAccountId: eq('111122223333'), RecordState: eq('ACTIVE') }, 'ByAccount'],
    ['SeverityLabel', { SeverityLabel: eq('CRITICAL'), RecordState: eq('ACTIVE') }, 'BySeverity'],
    ['ComplianceStatus', { ComplianceStatus: eq('FAILED') }, 'ByCompliance'],
    ['Region', { Region: eq('eu-west-1') }, 'ByRegion'],
    ['ProductName', { ProductName: eq('GuardDuty') }, 'ByProduct'],
  ])('queries the index for %s', (_, filters, index) => {
    expect(plan(filters as AwsSecurityFindingFilters).index.name).toBe(index);
  });

  it('bounds the sort key by an UpdatedAt range', () => {
    const chosen = plan({ UpdatedAt: [{ Start: '2026-11-01T00:00:00Z', End: '2026-11-02T00:00:00Z' }] });

    expect(chosen).toMatchObject({ lower: '2026-11-01T00:00:00.000Z', upper: '2026-11-02T00:00:00.000Z#~' });
  });

  it('reads only the matching severities of the severity-ordered index', () => {
    const chosen = plan({ SeverityLabel: eq('HIGH', 'CRITICAL') }, bySeverity);

    expect(chosen).toMatchObject({ index: { name: 'ByStateSeverity' }, lower: '3', upper: '4~' });
  });

  it('enumerates only the record states a NOT_EQUALS filter leaves', () => {
    const chosen = plan({ RecordState: [{ Value: 'ARCHIVED', Comparison: 'NOT_EQUALS' }] });

    expect(chosen.partitions.every((partition) => partition.startsWith('["ACTIVE"'))).toBe(true);
  });

  it('scans, and says so, when nothing narrows the query and the order is no index order', () => {
    expect(planQuery({ Title: [{ Value: 'S3', Comparison: 'PREFIX' }] }, [{ Field: 'Title', SortOrder: 'asc' }], NOW)).toEqual({ kind: 'scan' });
  });

  it('sorts in memory when a narrow index does not keep the requested order', () => {
    const chosen = plan({ AwsAccountId: eq('111122223333') }, [{ Field: 'Title', SortOrder: 'asc' }]);

    expect(chosen).toMatchObject({ index: { name: 'ByAccount' }, servesOrder: false });
  });
});
