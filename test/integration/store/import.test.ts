import { FindingsStore } from '../../../lambdas/store/findings-store';
import { InvalidInputError } from '../../../lambdas/shared/errors';
import { startDynalite, type LocalDynamo } from '../../support/dynalite';
import { aFinding, identifierOf } from '../../support/findings';

const caller = { identity: 'arn:aws:iam::111122223333:role/tester' };
let dynamo: LocalDynamo;
let store: FindingsStore;

beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(() => dynamo.stop());
beforeEach(async () => {
  store = new FindingsStore({ client: dynamo.client, tableName: await dynamo.newFindingsTable() });
});

async function stored(id = 'finding-1') {
  const { Findings } = await store.getFindings({ Filters: { Id: [{ Value: id, Comparison: 'EQUALS' }] } });
  return Findings[0];
}

describe('BatchImportFindings', () => {
  it('creates a finding with CreatedAt equal to UpdatedAt, defaulting workflow, record state and product names', async () => {
    const response = await store.importFindings([aFinding({ FirstObservedAt: '2026-10-30T00:00:00Z' })], caller);

    expect(response).toMatchObject({ SuccessCount: 1, FailedCount: 0, FailedFindings: [] });
    const finding = await stored();
    expect(finding).toMatchObject({
      Workflow: { Status: 'NEW' },
      RecordState: 'ACTIVE',
      FirstObservedAt: '2026-10-30T00:00:00Z',
      CompanyName: 'Personal',
      ProductName: 'Default',
      Region: 'us-east-1',
      Severity: { Label: 'HIGH', Normalized: 70 },
      FindingProviderFields: { Severity: { Label: 'HIGH' }, Types: ['Software and Configuration Checks/Vulnerabilities/CVE'] },
    });
    expect(finding.ProcessedAt).toBeDefined();
  });

  it.each([
    ['equal', '2026-11-01T10:00:00.000Z'],
    ['older', '2026-10-01T10:00:00.000Z'],
  ])('ignores an import whose UpdatedAt is %s, and says so', async (_, updatedAt) => {
    await store.importFindings([aFinding()], caller);

    const response = await store.importFindings([aFinding({ UpdatedAt: updatedAt, Title: 'changed' })], caller);

    expect(response.SuccessCount).toBe(1);
    expect(response.IgnoredFindings).toEqual([expect.objectContaining({ Id: 'finding-1', Reason: expect.stringContaining('not newer') })]);
    expect((await stored()).Title).toBe('A test finding');
  });

  it('updates a finding when UpdatedAt is newer', async () => {
    await store.importFindings([aFinding()], caller);

    await store.importFindings([aFinding({ UpdatedAt: '2026-11-02T00:00:00Z', Title: 'changed' })], caller);

    expect((await stored()).Title).toBe('changed');
  });

  it('never lets an import change Workflow, Note, UserDefinedFields or VerificationState of an existing finding', async () => {
    await store.importFindings([aFinding()], caller);
    await store.updateFindings(
      {
        FindingIdentifiers: [identifierOf(aFinding())],
        Workflow: { Status: 'NOTIFIED' },
        Note: { Text: 'looking', UpdatedBy: 'alice' },
        UserDefinedFields: { ticket: 'SEC-1' },
        VerificationState: 'TRUE_POSITIVE',
      },
      caller,
    );

    await store.importFindings(
      [
        aFinding({
          UpdatedAt: '2026-11-02T00:00:00Z',
          Workflow: { Status: 'SUPPRESSED' },
          Note: { Text: 'provider note', UpdatedBy: 'provider', UpdatedAt: '2026-11-02T00:00:00Z' },
          UserDefinedFields: { ticket: 'overwritten' },
          VerificationState: 'FALSE_POSITIVE',
        }),
      ],
      caller,
    );

    expect(await stored()).toMatchObject({
      Workflow: { Status: 'NOTIFIED' },
      Note: { Text: 'looking', UpdatedBy: 'alice' },
      UserDefinedFields: { ticket: 'SEC-1' },
      VerificationState: 'TRUE_POSITIVE',
    });
  });

  it('takes severity and types from FindingProviderFields while BatchUpdateFindings has not set them', async () => {
    await store.importFindings([aFinding()], caller);

    await store.importFindings(
      [aFinding({ UpdatedAt: '2026-11-02T00:00:00Z', FindingProviderFields: { Severity: { Label: 'CRITICAL', Original: '9.8' }, Types: ['TTPs/Discovery'] } })],
      caller,
    );

    expect(await stored()).toMatchObject({
      Severity: { Label: 'CRITICAL', Normalized: 90, Original: '9.8' },
      Types: ['TTPs/Discovery'],
      FindingProviderFields: { Severity: { Label: 'CRITICAL', Original: '9.8' }, Types: ['TTPs/Discovery'] },
    });
  });

  it('keeps the customer severity once BatchUpdateFindings set it, while FindingProviderFields follows the provider', async () => {
    await store.importFindings([aFinding()], caller);
    await store.updateFindings({ FindingIdentifiers: [identifierOf(aFinding())], Severity: { Label: 'LOW' } }, caller);

    await store.importFindings([aFinding({ UpdatedAt: '2026-11-02T00:00:00Z', FindingProviderFields: { Severity: { Label: 'CRITICAL' } } })], caller);

    const finding = await stored();
    expect(finding.Severity).toMatchObject({ Label: 'LOW', Normalized: 1 });
    expect(finding.FindingProviderFields?.Severity).toEqual({ Label: 'CRITICAL' });
  });

  it('keeps the earliest FirstObservedAt', async () => {
    await store.importFindings([aFinding({ FirstObservedAt: '2026-10-01T00:00:00Z' })], caller);

    await store.importFindings([aFinding({ UpdatedAt: '2026-11-02T00:00:00Z', FirstObservedAt: '2026-10-20T00:00:00Z' })], caller);

    expect((await stored()).FirstObservedAt).toBe('2026-10-01T00:00:00Z');
  });

  it.each(['NOTIFIED', 'RESOLVED'])('returns workflow %s to NEW when the record state goes from ARCHIVED to ACTIVE', async (status) => {
    await store.importFindings([aFinding({ RecordState: 'ARCHIVED' })], caller);
    await store.updateFindings({ FindingIdentifiers: [identifierOf(aFinding())], Workflow: { Status: status } }, caller);

    await store.importFindings([aFinding({ UpdatedAt: '2026-11-02T00:00:00Z', RecordState: 'ACTIVE' })], caller);

    expect((await stored()).Workflow?.Status).toBe('NEW');
  });

  it.each(['FAILED', 'WARNING', 'NOT_AVAILABLE'])('returns a RESOLVED workflow to NEW when compliance goes from PASSED to %s', async (status) => {
    await store.importFindings([aFinding({ Compliance: { Status: 'PASSED' } })], caller);
    await store.updateFindings({ FindingIdentifiers: [identifierOf(aFinding())], Workflow: { Status: 'RESOLVED' } }, caller);

    await store.importFindings([aFinding({ UpdatedAt: '2026-11-02T00:00:00Z', Compliance: { Status: status as 'FAILED' } })], caller);

    expect((await stored()).Workflow?.Status).toBe('NEW');
  });

  it('leaves a SUPPRESSED workflow alone when compliance fails again', async () => {
    await store.importFindings([aFinding({ Compliance: { Status: 'PASSED' } })], caller);
    await store.updateFindings({ FindingIdentifiers: [identifierOf(aFinding())], Workflow: { Status: 'SUPPRESSED' } }, caller);

    await store.importFindings([aFinding({ UpdatedAt: '2026-11-02T00:00:00Z', Compliance: { Status: 'FAILED' } })], caller);

    expect((await stored()).Workflow?.Status).toBe('SUPPRESSED');
  });

  describe('control findings', () => {
    const control = (status: 'PASSED' | 'FAILED', updatedAt = '2026-11-01T10:00:00.000Z') =>
      aFinding({ Id: 'control-1', GeneratorId: 'security-control/S3.1', UpdatedAt: updatedAt, Compliance: { Status: status, SecurityControlId: 'S3.1' } });
    const storedControl = () => stored('control-1');

    it('resolves a control finding that passes', async () => {
      await store.importFindings([control('FAILED')], caller);

      await store.importFindings([control('PASSED', '2026-11-02T00:00:00Z')], caller);

      expect((await storedControl()).Workflow?.Status).toBe('RESOLVED');
    });

    it('creates a passing control finding already RESOLVED, and reopens it when it fails', async () => {
      await store.importFindings([control('PASSED')], caller);
      expect((await storedControl()).Workflow?.Status).toBe('RESOLVED');

      await store.importFindings([control('FAILED', '2026-11-02T00:00:00Z')], caller);

      expect((await storedControl()).Workflow?.Status).toBe('NEW');
    });

    it('leaves a suppressed control finding suppressed when it passes', async () => {
      await store.importFindings([control('FAILED')], caller);
      await store.updateFindings({ FindingIdentifiers: [identifierOf(control('FAILED'))], Workflow: { Status: 'SUPPRESSED' } }, caller);

      await store.importFindings([control('PASSED', '2026-11-02T00:00:00Z')], caller);

      expect((await storedControl()).Workflow?.Status).toBe('SUPPRESSED');
    });

    it('does not resolve a passing finding that is not a control finding', async () => {
      await store.importFindings([aFinding({ Compliance: { Status: 'PASSED' } })], caller);

      expect((await stored()).Workflow?.Status).toBe('NEW');
    });
  });

  it('stores the valid findings of a batch and reports each invalid one with its error code and field path', async () => {
    const invalid = { ...aFinding({ Id: 'bad' }), Resources: [{ Id: 'x' }] };

    const response = await store.importFindings([aFinding({ Id: 'good' }), invalid, 'not an object'], caller);

    expect(response.SuccessCount).toBe(1);
    expect(response.FailedCount).toBe(2);
    expect(response.FailedFindings[0]).toMatchObject({ Id: 'bad', ErrorCode: 'InvalidInput', ErrorMessage: expect.stringContaining('Resources[0]') });
    expect(await stored('good')).toBeDefined();
    expect(await stored('bad')).toBeUndefined();
  });

  it('reports an oversized finding without storing it', async () => {
    const huge = aFinding({ Id: 'huge', ProductFields: { blob: 'x'.repeat(250 * 1024) } });

    const response = await store.importFindings([huge], caller);

    expect(response.FailedFindings[0]).toMatchObject({ Id: 'huge', ErrorMessage: expect.stringContaining('240') });
    expect(await stored('huge')).toBeUndefined();
  });

  it('rejects more than 100 findings in one call', async () => {
    const findings = Array.from({ length: 101 }, (_, index) => aFinding({ Id: `f-${index}` }));

    await expect(store.importFindings(findings, caller)).rejects.toThrow(InvalidInputError);
  });

  it('applies several versions of one finding in one batch in order', async () => {
    const response = await store.importFindings(
      [aFinding({ Title: 'v1' }), aFinding({ UpdatedAt: '2026-11-03T00:00:00Z', Title: 'v3' }), aFinding({ UpdatedAt: '2026-11-02T00:00:00Z', Title: 'v2' })],
      caller,
    );

    expect(response.SuccessCount).toBe(3);
    expect(response.IgnoredFindings).toHaveLength(1);
    expect((await stored()).Title).toBe('v3');
  });

  it('treats findings with the same Id under different products as different findings', async () => {
    const other = 'arn:aws:securityhub:us-east-1::product/aws/guardduty';

    await store.importFindings([aFinding(), aFinding({ ProductArn: other, Title: 'guardduty' })], caller);

    const { Findings } = await store.getFindings({ Filters: { Id: [{ Value: 'finding-1', Comparison: 'EQUALS' }] } });
    expect(Findings.map((finding) => finding.ProductName).sort()).toEqual(['Default', 'GuardDuty']);
  });
});
