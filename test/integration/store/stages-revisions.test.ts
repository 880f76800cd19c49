import type { AwsSecurityFinding } from '../../../lambdas/asff/types';
import { FindingsStore } from '../../../lambdas/store/findings-store';
import type { ImportDraft, ImportStage } from '../../../lambdas/store/import-stages';
import { startDynalite, type LocalDynamo } from '../../support/dynalite';
import { aFinding, identifierOf } from '../../support/findings';

const caller = { identity: 'arn:aws:iam::111122223333:role/tester' };
let dynamo: LocalDynamo;
let tableName: string;

beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(() => dynamo.stop());
beforeEach(async () => {
  tableName = await dynamo.newFindingsTable();
});

/** A stage that records what it saw and stamps a user-defined field with the batch count. */
function recordingStage(seen: ImportDraft[], prepared: { count: number }): ImportStage {
  return {
    name: 'stamp',
    async prepare() {
      prepared.count++;
      return (draft) => {
        seen.push(structuredClone(draft));
        return { ...draft, finding: { ...draft.finding, UserDefinedFields: { stamped: String(prepared.count) } } };
      };
    },
  };
}

async function stored(store: FindingsStore, id = 'finding-1'): Promise<AwsSecurityFinding> {
  const { Findings } = await store.getFindings({ Filters: { Id: [{ Value: id, Comparison: 'EQUALS' }] } });
  return Findings[0];
}

describe('import stages', () => {
  it('run once per batch on every written finding, see the replaced version, and what they return is written', async () => {
    const seen: ImportDraft[] = [];
    const prepared = { count: 0 };
    const store = new FindingsStore({ client: dynamo.client, tableName, stages: [recordingStage(seen, prepared)] });

    await store.importFindings([aFinding({ Id: 'finding-1' }), aFinding({ Id: 'finding-2' })], caller);
    expect(prepared.count).toBe(1);
    expect(seen.map((draft) => [draft.finding.Id, draft.previous])).toEqual([
      ['finding-1', undefined],
      ['finding-2', undefined],
    ]);
    expect((await stored(store)).UserDefinedFields).toEqual({ stamped: '1' });

    await store.importFindings([aFinding({ Id: 'finding-1', UpdatedAt: '2026-11-02T00:00:00Z', Title: 'changed' })], caller);
    expect(prepared.count).toBe(2);
    expect(seen[2].previous?.Title).not.toBe('changed');
    expect(seen[2].finding.Title).toBe('changed');
    expect((await stored(store)).UserDefinedFields).toEqual({ stamped: '2' });
  });

  it('do not run for an import the store ignores (not newer)', async () => {
    const seen: ImportDraft[] = [];
    const store = new FindingsStore({ client: dynamo.client, tableName, stages: [recordingStage(seen, { count: 0 })] });
    await store.importFindings([aFinding()], caller);
    await store.importFindings([aFinding()], caller);
    expect(seen).toHaveLength(1);
  });
});

describe('reviseFindings', () => {
  it('writes a changed finding with history under its source, leaves an unchanged one, and reports missing ones', async () => {
    const store = new FindingsStore({ client: dynamo.client, tableName });
    await store.importFindings([aFinding({ Id: 'finding-1' }), aFinding({ Id: 'finding-2' })], caller);
    const one = identifierOf(aFinding({ Id: 'finding-1' }));
    const two = identifierOf(aFinding({ Id: 'finding-2' }));
    const missing = { ...one, Id: 'nope' };
    const source = { Type: 'BATCH_UPDATE_FINDINGS' as const, Identity: 'open-security-hub/test' };

    const result = await store.reviseFindings(
      [one, two, missing],
      (current) => (current.finding.Id === 'finding-1' ? { ...current, finding: { ...current.finding, Criticality: 90 } } : undefined),
      source,
    );

    expect(result).toEqual({ revised: [one], unchanged: [two], notFound: [missing], contended: [] });
    expect((await stored(store)).Criticality).toBe(90);
    const history = await store.getFindingHistory({ FindingIdentifier: one });
    expect(history.Records[0]).toMatchObject({ UpdateSource: source, Updates: [{ UpdatedField: 'Criticality', NewValue: '90' }] });
  });
});

describe('findAll', () => {
  it('returns every match across pages, through an index when one applies', async () => {
    const store = new FindingsStore({ client: dynamo.client, tableName });
    const findings = Array.from({ length: 130 }, (_, index) => aFinding({ Id: `finding-${index}`, Severity: { Label: index % 2 === 0 ? 'CRITICAL' : 'LOW' } }));
    for (let start = 0; start < findings.length; start += 100) await store.importFindings(findings.slice(start, start + 100), caller);

    const { findings: critical, plan } = await store.findAll({ SeverityLabel: [{ Value: 'CRITICAL', Comparison: 'EQUALS' }] });
    expect(critical).toHaveLength(65);
    expect(critical.every((finding) => finding.Severity?.Label === 'CRITICAL')).toBe(true);
    expect(plan.access).not.toBe('scan');
    expect((await store.findAll()).findings).toHaveLength(130);
  });
});
