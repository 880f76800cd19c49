import type { AwsSecurityFinding } from '../../../lambdas/asff/types';
import type { AwsSecurityFindingFilters } from '../../../lambdas/filters';
import { readControlFindings } from '../../../lambdas/compliance/state/score-snapshots';
import type { FindingsStoreApi } from '../../../lambdas/store/types';

const plan = { access: 'ByCompliance', partitions: 16, indexItemsRead: 0, itemsRead: 0, itemsReturned: 0, sortedInMemory: false };

/** A store whose one-pass reader hands over `pages` and records the filters it was asked with. */
function storeOf(pages: Array<Array<Partial<AwsSecurityFinding>>>): { store: FindingsStoreApi; passes: AwsSecurityFindingFilters[] } {
  const passes: AwsSecurityFindingFilters[] = [];
  const refuse = async (): Promise<never> => {
    throw new Error('scores read in one pass, not through paged GetFindings');
  };
  const store: FindingsStoreApi = {
    importFindings: refuse,
    updateFindings: refuse,
    getFindings: refuse,
    getFindingHistory: refuse,
    async forEachFindingPage(filters, visit) {
      passes.push(filters);
      for (const page of pages) await visit(page as AwsSecurityFinding[]);
      return { plan, maxPage: Math.max(0, ...pages.map((page) => page.length)) };
    },
  };
  return { store, passes };
}

const control = (SecurityControlId: string | undefined, Status: string, extra: Partial<AwsSecurityFinding> = {}): Partial<AwsSecurityFinding> => ({
  Id: `${SecurityControlId}-${Status}`,
  AwsAccountId: '111122223333',
  Region: 'us-east-1',
  RecordState: 'ACTIVE',
  GeneratorId: `security-control/${SecurityControlId}`,
  Workflow: { Status: 'NEW' },
  Compliance: { Status, ...(SecurityControlId !== undefined && { SecurityControlId }) } as AwsSecurityFinding['Compliance'],
  Resources: [{ Type: 'AwsS3Bucket', Id: 'arn:aws:s3:::big', Details: { AwsS3Bucket: { Name: 'big' } } }] as AwsSecurityFinding['Resources'],
  ...extra,
});

describe('readControlFindings: the control findings scores count, in one pass', () => {
  it('reads once however many controls are enabled (requests grow with findings, not with controls)', async () => {
    const few = storeOf([[control('S3.1', 'FAILED')]]);
    const many = storeOf([[control('S3.1', 'FAILED')]]);
    await readControlFindings(few.store, ['S3.1']);
    await readControlFindings(
      many.store,
      Array.from({ length: 600 }, (_, i) => (i === 0 ? 'S3.1' : `X.${i}`)),
    );
    expect(few.passes).toHaveLength(1);
    expect(many.passes).toEqual(few.passes);
  });

  it('asks for ACTIVE findings with any compliance status, narrowed to the scope', async () => {
    const { store, passes } = storeOf([]);
    await readControlFindings(store, ['S3.1'], { accountId: '444455556666', region: 'eu-west-1' });
    expect(passes[0]).toEqual({
      RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' }],
      ComplianceStatus: ['PASSED', 'WARNING', 'FAILED', 'NOT_AVAILABLE'].map((Value) => ({ Value, Comparison: 'EQUALS' })),
      AwsAccountId: [{ Value: '444455556666', Comparison: 'EQUALS' }],
      Region: [{ Value: 'eu-west-1', Comparison: 'EQUALS' }],
    });
  });

  it('keeps the enabled controls\u2019 findings from every page, with only the fields scores need', async () => {
    const { store } = storeOf([
      [control('S3.1', 'FAILED'), control('IAM.1', 'PASSED'), control(undefined, 'FAILED', { Id: 'prowler-check' })],
      [control('S3.8', 'PASSED', { AwsAccountId: '444455556666', Region: 'eu-west-1', Workflow: { Status: 'SUPPRESSED' } })],
    ]);
    const found = await readControlFindings(store, ['S3.1', 'S3.8']);
    expect(found).toEqual([
      {
        AwsAccountId: '111122223333',
        Region: 'us-east-1',
        RecordState: 'ACTIVE',
        GeneratorId: 'security-control/S3.1',
        Workflow: { Status: 'NEW' },
        Compliance: { Status: 'FAILED', SecurityControlId: 'S3.1' },
      },
      {
        AwsAccountId: '444455556666',
        Region: 'eu-west-1',
        RecordState: 'ACTIVE',
        GeneratorId: 'security-control/S3.8',
        Workflow: { Status: 'SUPPRESSED' },
        Compliance: { Status: 'PASSED', SecurityControlId: 'S3.8' },
      },
    ]);
  });
});
