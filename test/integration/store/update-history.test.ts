import { FindingsStore } from '../../../lambdas/store/findings-store';
import { InvalidInputError } from '../../../lambdas/shared/errors';
import { startDynalite, type LocalDynamo } from '../../support/dynalite';
import { aFinding, identifierOf } from '../../support/findings';

const caller = { identity: 'arn:aws:iam::111122223333:user/alice' };
const provider = { identity: 'arn:aws:iam::111122223333:role/scanner' };
let dynamo: LocalDynamo;
let store: FindingsStore;
let clock: Date;

beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(() => dynamo.stop());
beforeEach(async () => {
  clock = new Date('2026-11-10T00:00:00Z');
  store = new FindingsStore({ client: dynamo.client, tableName: await dynamo.newFindingsTable(), now: () => clock });
});

const finding = aFinding();
const byId = { Filters: { Id: [{ Value: finding.Id, Comparison: 'EQUALS' }] } };
const stored = async () => (await store.getFindings(byId as never)).Findings[0];

describe('BatchUpdateFindings', () => {
  it('updates the customer fields and leaves UpdatedAt alone', async () => {
    await store.importFindings([finding], provider);

    const response = await store.updateFindings(
      {
        FindingIdentifiers: [identifierOf(finding)],
        Workflow: { Status: 'RESOLVED' },
        Note: { Text: 'fixed by rotating the key', UpdatedBy: 'alice' },
        Confidence: 80,
        Criticality: 90,
        Types: ['Effects/Data Exposure'],
        VerificationState: 'TRUE_POSITIVE',
        RelatedFindings: [{ Id: 'other', ProductArn: finding.ProductArn }],
      },
      caller,
    );

    expect(response).toEqual({ ProcessedFindings: [identifierOf(finding)], UnprocessedFindings: [] });
    expect(await stored()).toMatchObject({
      UpdatedAt: finding.UpdatedAt,
      Workflow: { Status: 'RESOLVED' },
      Note: { Text: 'fixed by rotating the key', UpdatedBy: 'alice', UpdatedAt: clock.toISOString() },
      Confidence: 80,
      Criticality: 90,
      Types: ['Effects/Data Exposure'],
      VerificationState: 'TRUE_POSITIVE',
      RelatedFindings: [{ Id: 'other', ProductArn: finding.ProductArn }],
    });
  });

  it('derives Normalized from a new severity Label', async () => {
    await store.importFindings([finding], provider);

    await store.updateFindings({ FindingIdentifiers: [identifierOf(finding)], Severity: { Label: 'CRITICAL' } }, caller);

    expect((await stored()).Severity).toMatchObject({ Label: 'CRITICAL', Normalized: 90 });
  });

  it('merges user-defined fields and removes a key set to the empty string', async () => {
    await store.importFindings([aFinding({ UserDefinedFields: { team: 'red', ticket: 'SEC-1' } })], provider);

    await store.updateFindings({ FindingIdentifiers: [identifierOf(finding)], UserDefinedFields: { ticket: '', owner: 'bob' } }, caller);

    expect((await stored()).UserDefinedFields).toEqual({ team: 'red', owner: 'bob' });
  });

  it('reports an unknown finding as FindingNotFound and a repeated identifier as DuplicatedFindingIdentifier', async () => {
    await store.importFindings([finding], provider);
    const missing = { Id: 'missing', ProductArn: finding.ProductArn };

    const response = await store.updateFindings({ FindingIdentifiers: [identifierOf(finding), missing, identifierOf(finding)], Workflow: { Status: 'NOTIFIED' } }, caller);

    expect(response.ProcessedFindings).toEqual([identifierOf(finding)]);
    expect(response.UnprocessedFindings).toEqual([
      expect.objectContaining({ FindingIdentifier: identifierOf(finding), ErrorCode: 'DuplicatedFindingIdentifier' }),
      expect.objectContaining({ FindingIdentifier: missing, ErrorCode: 'FindingNotFound' }),
    ]);
  });

  it.each([
    ['a bad workflow status', { Workflow: { Status: 'DONE' } }, 'Workflow.Status'],
    ['a note without UpdatedBy', { Note: { Text: 'x' } }, 'Note.UpdatedBy'],
    ['confidence over 100', { Confidence: 101 }, 'Confidence'],
    ['a field it cannot update', { Title: 'new' }, 'Title'],
    ['nothing to update', {}, 'names no field'],
  ])('rejects %s with InvalidInput naming the field', async (_, change, path) => {
    await expect(store.updateFindings({ FindingIdentifiers: [identifierOf(finding)], ...change } as never, caller)).rejects.toThrow(
      expect.objectContaining({ name: 'InvalidInputError', message: expect.stringContaining(path) }),
    );
  });

  it('rejects more than 100 finding identifiers', async () => {
    const identifiers = Array.from({ length: 101 }, (_, index) => ({ Id: `f-${index}`, ProductArn: finding.ProductArn }));

    await expect(store.updateFindings({ FindingIdentifiers: identifiers, Workflow: { Status: 'NEW' } }, caller)).rejects.toThrow(InvalidInputError);
  });

  it('loses none of 20 parallel updates to one finding', async () => {
    await store.importFindings([finding], provider);

    const updates = Array.from({ length: 20 }, (_, index) =>
      store.updateFindings({ FindingIdentifiers: [identifierOf(finding)], UserDefinedFields: { [`reviewer-${index}`]: 'ok' } }, caller),
    );
    const responses = await Promise.all(updates);

    expect(responses.every((response) => response.ProcessedFindings.length === 1)).toBe(true);
    expect(Object.keys((await stored()).UserDefinedFields ?? {})).toHaveLength(20);
    const history = await store.getFindingHistory({ FindingIdentifier: identifierOf(finding) });
    expect(history.Records.filter((record) => record.UpdateSource.Type === 'BATCH_UPDATE_FINDINGS')).toHaveLength(20);
  });

  it('keeps the newest of 20 parallel imports of one finding', async () => {
    const versions = Array.from({ length: 20 }, (_, index) =>
      aFinding({ UpdatedAt: new Date(Date.parse('2026-11-02T00:00:00Z') + index * 1000).toISOString(), Title: `v${index}` }),
    );

    await Promise.all(versions.map((version) => store.importFindings([version], provider)));

    expect((await stored()).Title).toBe('v19');
  });
});

describe('GetFindingHistory', () => {
  it('records the creation, each import change and each update with old and new values, newest first', async () => {
    await store.importFindings([finding], provider);
    clock = new Date('2026-11-11T00:00:00Z');
    await store.importFindings([aFinding({ UpdatedAt: '2026-11-11T00:00:00Z', Title: 'renamed' })], provider);
    clock = new Date('2026-11-12T00:00:00Z');
    await store.updateFindings({ FindingIdentifiers: [identifierOf(finding)], Workflow: { Status: 'NOTIFIED' } }, caller);

    const { Records } = await store.getFindingHistory({ FindingIdentifier: identifierOf(finding) });

    expect(Records).toHaveLength(3);
    expect(Records[0]).toMatchObject({
      UpdateTime: '2026-11-12T00:00:00.000Z',
      FindingCreated: false,
      UpdateSource: { Type: 'BATCH_UPDATE_FINDINGS', Identity: caller.identity },
      Updates: [{ UpdatedField: 'Workflow.Status', OldValue: 'NEW', NewValue: 'NOTIFIED' }],
    });
    expect(Records[1].UpdateSource).toEqual({ Type: 'BATCH_IMPORT_FINDINGS', Identity: provider.identity });
    expect(Records[1].Updates).toEqual(
      expect.arrayContaining([
        { UpdatedField: 'Title', OldValue: 'A test finding', NewValue: 'renamed' },
        { UpdatedField: 'UpdatedAt', OldValue: finding.UpdatedAt, NewValue: '2026-11-11T00:00:00Z' },
      ]),
    );
    expect(Records[2]).toMatchObject({ FindingCreated: true, UpdateTime: '2026-11-10T00:00:00.000Z' });
  });

  it('writes no record for an ignored import or an update that changes nothing', async () => {
    await store.importFindings([finding], provider);
    await store.importFindings([finding], provider);
    await store.updateFindings({ FindingIdentifiers: [identifierOf(finding)], Workflow: { Status: 'NEW' } }, caller);

    const { Records } = await store.getFindingHistory({ FindingIdentifier: identifierOf(finding) });

    expect(Records).toHaveLength(1);
  });

  it('pages with MaxResults and NextToken, and filters by StartTime and EndTime', async () => {
    await store.importFindings([finding], provider);
    for (let day = 11; day <= 14; day++) {
      clock = new Date(`2026-11-${day}T00:00:00Z`);
      await store.updateFindings({ FindingIdentifiers: [identifierOf(finding)], Confidence: day }, caller);
    }

    const first = await store.getFindingHistory({ FindingIdentifier: identifierOf(finding), MaxResults: 2 });
    const second = await store.getFindingHistory({ FindingIdentifier: identifierOf(finding), MaxResults: 2, NextToken: first.NextToken });
    const windowed = await store.getFindingHistory({
      FindingIdentifier: identifierOf(finding),
      StartTime: '2026-11-12T00:00:00Z',
      EndTime: '2026-11-13T00:00:00Z',
    });

    expect([...first.Records, ...second.Records].map((record) => record.UpdateTime)).toEqual([
      '2026-11-14T00:00:00.000Z',
      '2026-11-13T00:00:00.000Z',
      '2026-11-12T00:00:00.000Z',
      '2026-11-11T00:00:00.000Z',
    ]);
    expect(second.NextToken).toBeDefined();
    expect(windowed.Records.map((record) => record.UpdateTime)).toEqual(['2026-11-13T00:00:00.000Z', '2026-11-12T00:00:00.000Z']);
  });

  it('drops records older than 90 days', async () => {
    await store.importFindings([finding], provider);
    clock = new Date('2027-01-20T00:00:00Z');
    await store.updateFindings({ FindingIdentifiers: [identifierOf(finding)], Confidence: 5 }, caller);
    clock = new Date('2027-02-20T00:00:00Z');

    const { Records } = await store.getFindingHistory({ FindingIdentifier: identifierOf(finding) });

    expect(Records.map((record) => record.FindingCreated)).toEqual([false]);
  });
});

describe('retention', () => {
  it('hides an ACTIVE finding 90 days after its last change, before DynamoDB TTL deletes it', async () => {
    await store.importFindings([finding], provider);

    clock = new Date('2027-02-07T00:00:00Z'); // 89 days later
    expect(await stored()).toBeDefined();
    clock = new Date('2027-02-08T00:00:01Z'); // 90 days and a second
    expect(await stored()).toBeUndefined();
  });

  it('hides an ARCHIVED finding 30 days after its last change', async () => {
    await store.importFindings([aFinding({ RecordState: 'ARCHIVED' })], provider);

    clock = new Date('2026-12-10T00:00:01Z');

    expect(await stored()).toBeUndefined();
  });

  it('findingsByIdentifiers answers as GetFindings by Id does: stored ones, not missing, not expired, not another product', async () => {
    await store.importFindings([finding], provider);
    const missing = { Id: 'never-imported', ProductArn: finding.ProductArn };
    const otherProduct = { Id: finding.Id, ProductArn: 'arn:aws:securityhub:us-east-1::product/aws/guardduty' };

    const read = () => store.findingsByIdentifiers([identifierOf(finding), identifierOf(finding), missing, otherProduct]);

    expect(await read()).toEqual([await stored()]);
    clock = new Date('2027-02-08T00:00:01Z'); // 90 days and a second: expired
    expect(await read()).toEqual([]);
    expect(await stored()).toBeUndefined();
  });

  it('creates a new finding when an expired one is imported again', async () => {
    await store.importFindings([finding], provider);
    clock = new Date('2027-03-01T00:00:00Z');

    const response = await store.importFindings([aFinding({ Title: 'back again' })], provider);

    expect(response.IgnoredFindings).toEqual([]);
    expect(await stored()).toMatchObject({ Title: 'back again', Workflow: { Status: 'NEW' } });
  });

  it('refuses to update an expired finding', async () => {
    await store.importFindings([finding], provider);
    clock = new Date('2027-03-01T00:00:00Z');

    const response = await store.updateFindings({ FindingIdentifiers: [identifierOf(finding)], Confidence: 1 }, caller);

    expect(response.UnprocessedFindings[0].ErrorCode).toBe('FindingNotFound');
  });
});
