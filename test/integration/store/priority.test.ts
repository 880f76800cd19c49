import { CORRELATION_SOURCE } from '../../../lambdas/triage/correlation/correlate';
import type { AwsSecurityFinding } from '../../../lambdas/asff/types';
import { FindingsStore } from '../../../lambdas/store/findings-store';
import { findingKey } from '../../../lambdas/store/keys';
import { CORRELATION_KEY, PRIORITY_KEY, PRIORITY_REASONS_KEY, storedPriority } from '../../../lambdas/filters/priority-field';
import { priorityStage } from '../../../lambdas/triage/priority/stage';
import { startCorrelationHarness, type CorrelationHarness } from '../../support/correlation';
import { startDynalite, type LocalDynamo } from '../../support/dynalite';
import { aFinding, identifierOf } from '../../support/findings';
import { fixtureFinding } from '../../support/priority';

const caller = { identity: 'arn:aws:iam::111122223333:role/tester' };
const INSTANCE = 'arn:aws:ec2:us-east-1:111122223333:instance/i-0a1b2c3d4e5f67890';
let dynamo: LocalDynamo;
let store: FindingsStore;

beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(() => dynamo.stop());
beforeEach(async () => {
  store = new FindingsStore({ client: dynamo.client, tableName: await dynamo.newFindingsTable(), stages: [priorityStage] });
});

async function read(finding: AwsSecurityFinding): Promise<AwsSecurityFinding> {
  const { Findings } = await store.getFindings({ Filters: { Id: [{ Value: finding.Id, Comparison: 'EQUALS' }] } });
  return Findings[0];
}

/** GuardDuty's DGA-domain finding on the instance, and an Inspector CVE with a known exploit on the same one. */
function threatAndCve(): [AwsSecurityFinding, AwsSecurityFinding] {
  const threat = fixtureFinding('guardduty', 'ec2-dns-request.json');
  const cve = fixtureFinding('inspector', 'package-ec2.json');
  cve.AwsAccountId = threat.AwsAccountId;
  cve.Resources = [{ ...cve.Resources[0], Id: INSTANCE }];
  cve.Vulnerabilities![0].ExploitAvailable = 'YES';
  return [threat, cve];
}

describe('priority stage', () => {
  it('stores the score and its reasons on every written finding', async () => {
    const [threat] = threatAndCve();
    await store.importFindings([threat], caller);
    const fields = (await read(threat)).ProductFields!;
    expect(fields[PRIORITY_KEY]).toBe('80');
    expect(fields[PRIORITY_REASONS_KEY]).toBe('severity HIGH: +55; internet-exposed (public IP 203.0.113.10): +15; threat detection: +10');
  });

  it('rescores a re-import: a newer version with a lower severity gets a lower priority', async () => {
    const finding = aFinding({ Severity: { Label: 'CRITICAL' } });
    await store.importFindings([finding], caller);
    await store.importFindings([{ ...finding, Severity: { Label: 'LOW' }, UpdatedAt: '2026-11-02T10:00:00.000Z' }], caller);
    expect(storedPriority(await read(finding))).toBe(15);
  });
});

describe('correlation (over the table stream, through the resource summaries)', () => {
  let harness: CorrelationHarness;
  beforeEach(async () => {
    harness = await startCorrelationHarness(dynamo);
    store = harness.store;
  });
  afterEach(() => harness.stop());

  it('links a GuardDuty threat and an exploitable CVE on one instance, and raises both', async () => {
    const [threat, cve] = threatAndCve();
    await store.importFindings([threat], caller);
    await harness.settle();
    const before = storedPriority(await read(threat))!;
    await store.importFindings([cve], caller);
    const cveBefore = storedPriority(await read(cve))!;

    const [outcome] = await harness.settle();

    expect(outcome).toMatchObject({ relevant: 1, revised: 2 });
    const [linkedThreat, linkedCve] = [await read(threat), await read(cve)];
    expect(linkedThreat.RelatedFindings).toEqual([identifierOf(cve)]);
    expect(linkedCve.RelatedFindings).toEqual([identifierOf(threat)]);
    expect(storedPriority(linkedThreat)).toBe(before + 15);
    expect(storedPriority(linkedCve)).toBe(Math.min(100, cveBefore + 15));
    expect(linkedCve.ProductFields![PRIORITY_REASONS_KEY]).toContain('correlated (vulnerability + threat on the same resource): +15');
    const history = await store.getFindingHistory({ FindingIdentifier: identifierOf(threat) });
    expect(history.Records[0].UpdateSource).toEqual(CORRELATION_SOURCE);
  });

  it('converges: the records its own revisions make change nothing', async () => {
    const [threat, cve] = threatAndCve();
    await store.importFindings([threat, cve], caller);

    const outcomes = await harness.settle();

    expect(outcomes.length).toBeGreaterThan(1);
    expect(outcomes.slice(1).every((outcome) => outcome.relevant === 0 && outcome.revised === 0)).toBe(true);
  });

  it('keeps the correlation and links across a re-import of the provider', async () => {
    const [threat, cve] = threatAndCve();
    await store.importFindings([threat, cve], caller);
    await harness.settle();
    const correlated = await read(cve);

    await store.importFindings([{ ...cve, UpdatedAt: '2026-11-30T00:00:00.000Z' }], caller);
    const [outcome] = await harness.settle();

    expect(outcome.relevant).toBe(0);
    const reimported = await read(cve);
    expect(reimported.UpdatedAt).toBe('2026-11-30T00:00:00.000Z');
    expect(reimported.ProductFields![CORRELATION_KEY]).toBe('threat');
    expect(reimported.RelatedFindings).toEqual([identifierOf(threat)]);
    expect(storedPriority(reimported)).toBe(storedPriority(correlated));
  });

  it('drops the link and the boost when the other finding is suppressed', async () => {
    const [threat, cve] = threatAndCve();
    await store.importFindings([threat, cve], caller);
    await harness.settle();
    await store.updateFindings({ FindingIdentifiers: [identifierOf(threat)], Workflow: { Status: 'SUPPRESSED' } }, caller);

    await harness.settle();

    const [suppressed, alone] = [await read(threat), await read(cve)];
    expect(storedPriority(suppressed)).toBe(0);
    expect(alone.RelatedFindings).toBeUndefined();
    expect(alone.ProductFields![CORRELATION_KEY]).toBeUndefined();
  });

  it('links at most 10 findings, the provider’s own links first', async () => {
    const [threat] = threatAndCve();
    const own = { ProductArn: threat.ProductArn, Id: 'provider-link' };
    const withLink = { ...threat, RelatedFindings: [own] };
    const cves = Array.from({ length: 12 }, (_, index) =>
      aFinding({ Id: `cve-${String(index).padStart(2, '0')}`, Vulnerabilities: [{ Id: `CVE-2026-${index}` }], Resources: [{ Type: 'AwsEc2Instance', Id: INSTANCE }] }),
    );
    await store.importFindings([withLink, ...cves], caller);

    await harness.settle();

    const links = (await read(threat)).RelatedFindings!;
    expect(links).toHaveLength(10);
    expect(links[0]).toEqual(own);
    expect(links.slice(1).map((link) => link.Id)).toEqual(cves.slice(0, 9).map((cve) => cve.Id));
  });
});

describe('sort by priority', () => {
  const OPEN = {
    RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' as const }],
    WorkflowStatus: [
      { Value: 'NEW', Comparison: 'EQUALS' as const },
      { Value: 'NOTIFIED', Comparison: 'EQUALS' as const },
    ],
  };

  it("serves the responder's view from the ByPriority index, in brute-force order, page by page", async () => {
    const labels = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
    const findings = Array.from({ length: 60 }, (_, index) =>
      aFinding({
        Id: `f-${index}`,
        Severity: { Label: labels[index % 5] },
        ...(index % 3 === 0 && { Vulnerabilities: [{ Id: 'CVE-1', ExploitAvailable: 'YES' as const }] }),
        ...(index % 7 === 0 && { Workflow: { Status: 'SUPPRESSED' as const } }),
        ...(index % 11 === 0 && { RecordState: 'ARCHIVED' as const }),
      }),
    );
    await store.importFindings(findings, caller);

    const pages: AwsSecurityFinding[] = [];
    let NextToken: string | undefined;
    do {
      const page = await store.getFindings({ Filters: OPEN, SortCriteria: [{ Field: 'Priority', SortOrder: 'desc' }], MaxResults: 7, NextToken });
      expect(page.plan).toMatchObject({ access: 'ByPriority', sortedInMemory: false });
      pages.push(...page.Findings);
      NextToken = page.NextToken;
    } while (NextToken);

    const { findings: all } = await store.findAll(OPEN);
    const byKey = (finding: AwsSecurityFinding) => findingKey(finding);
    const expected = [...all].sort((a, b) => storedPriority(b)! - storedPriority(a)! || (byKey(b) < byKey(a) ? -1 : 1));
    expect(pages.map((finding) => finding.Id)).toEqual(expected.map((finding) => finding.Id));
    expect(pages.length).toBeGreaterThan(30);
  });

  it('also accepts the ProductFields path spelling, sorted in memory when no index serves it', async () => {
    await store.importFindings([aFinding({ Id: 'low', Severity: { Label: 'LOW' } }), aFinding({ Id: 'high', Severity: { Label: 'HIGH' } })], caller);
    const page = await store.getFindings({ SortCriteria: [{ Field: `ProductFields.${PRIORITY_KEY}`, SortOrder: 'asc' }] });
    expect(page.Findings.map((finding) => finding.Id)).toEqual(['low', 'high']);
  });
});
