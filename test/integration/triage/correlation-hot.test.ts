import type { AwsSecurityFinding } from '../../../lambdas/asff/types';
import type { DynamoRequestCounts } from '../../../lib/local/engine';
import { CORRELATION_KEY } from '../../../lambdas/filters/priority-field';
import { startCorrelationHarness, type CorrelationHarness } from '../../support/correlation';
import { startDynalite, type LocalDynamo } from '../../support/dynalite';
import { aFinding } from '../../support/findings';

const caller = { identity: 'arn:aws:iam::111122223333:role/tester' };
const INSTANCE = 'arn:aws:ec2:us-east-1:111122223333:instance/i-0hot000000000000';
const INSPECTOR = 'arn:aws:inspector2:us-east-1:111122223333:finding/';
const LABELS = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;

let dynamo: LocalDynamo;
let harness: CorrelationHarness;

beforeAll(async () => {
  dynamo = await startDynalite();
  harness = await startCorrelationHarness(dynamo);
});
afterAll(async () => {
  await harness.stop();
  await dynamo.stop();
});

const total = (counts: DynamoRequestCounts) => Object.values(counts.byOperation).reduce((sum, count) => sum + count, 0);

function cve(index: number): AwsSecurityFinding {
  return aFinding({
    Id: `${INSPECTOR}cve-${String(index).padStart(4, '0')}`,
    ProductName: 'Inspector',
    Vulnerabilities: [{ Id: `CVE-2026-${index}` }],
    Severity: { Label: LABELS[(index * 7) % LABELS.length] },
    Resources: [{ Type: 'AwsEc2Instance', Id: INSTANCE }],
  });
}

describe('correlation on a hot resource (500 findings on one instance)', () => {
  it('reads and writes a bounded number of items per new finding, however many the resource holds', async () => {
    // A threat first, so every CVE correlates (and the threat links the strongest 10 of them).
    const threat = aFinding({
      Id: 'threat-1',
      ProductName: 'GuardDuty',
      Types: ['TTPs/Initial Access/UnauthorizedAccess:EC2-SSHBruteForce'],
      Resources: [{ Type: 'AwsEc2Instance', Id: INSTANCE }],
    });
    await harness.store.importFindings([threat], caller);
    await harness.settle();

    // One finding at a time, each correlated before the next arrives (the worst case: no batching),
    // while the resource is small and again once it holds 500 findings.
    const oneByOne = async (from: number, to: number) => {
      const requests: number[] = [];
      for (let index = from; index < to; index++) {
        await harness.store.importFindings([cve(index)], caller);
        const before = total(harness.requests());
        await harness.settle();
        requests.push(total(harness.requests()) - before);
      }
      return requests;
    };
    const early = await oneByOne(0, 20);
    for (let start = 20; start < 480; start += 100) {
      await harness.store.importFindings(
        Array.from({ length: Math.min(100, 480 - start) }, (_, offset) => cve(start + offset)),
        caller,
      );
      await harness.settle();
    }
    const late = await oneByOne(480, 500);

    // Per new CVE: the summary (read, conditional write), the CVE's own revision (history + write),
    // the threat's revision when the CVE is among its 10 strongest (read + history + write), and the
    // records those revisions make (which change nothing): a constant, not a function of 500.
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    expect(Math.max(...early, ...late)).toBeLessThanOrEqual(10);
    expect(mean(late)).toBeLessThanOrEqual(mean(early) + 0.5);

    const { Findings } = await harness.store.getFindings({ Filters: { Id: [{ Value: 'threat-1', Comparison: 'EQUALS' }] } });
    expect(Findings[0].RelatedFindings).toHaveLength(10);
    expect(Findings[0].ProductFields?.[CORRELATION_KEY]).toBe('vulnerability');
    const last = await harness.store.getFindings({ Filters: { Id: [{ Value: cve(499).Id, Comparison: 'EQUALS' }] } });
    expect(last.Findings[0].RelatedFindings).toEqual([{ ProductArn: threat.ProductArn, Id: 'threat-1' }]);
  });

  it('revisits every finding of a large group when a kind appears on the resource or goes, page by page', async () => {
    const local = await startCorrelationHarness(dynamo);
    try {
      const cves = Array.from({ length: 45 }, (_, index) => ({ ...cve(index), Resources: [{ Type: 'AwsEc2Instance', Id: `${INSTANCE}-burst` }] }));
      await local.store.importFindings(cves, caller);
      await local.settle();
      const threat = aFinding({
        Id: 'threat-2',
        ProductName: 'GuardDuty',
        Types: ['TTPs/Initial Access/UnauthorizedAccess:EC2-SSHBruteForce'],
        Resources: [{ Type: 'AwsEc2Instance', Id: `${INSTANCE}-burst` }],
      });
      const kinds = async () => {
        const { findings } = await local.store.findAll({ ResourceId: [{ Value: `${INSTANCE}-burst`, Comparison: 'EQUALS' }] });
        return findings.filter((finding) => finding.Id !== threat.Id).map((finding) => finding.ProductFields?.[CORRELATION_KEY]);
      };

      await local.store.importFindings([threat], caller);
      const [outcome] = await local.settle();

      expect(outcome.bursts).toBe(1);
      expect(await kinds()).toEqual(Array(45).fill('threat'));

      await local.store.updateFindings({ FindingIdentifiers: [{ Id: threat.Id, ProductArn: threat.ProductArn }], Workflow: { Status: 'RESOLVED' } }, caller);
      await local.settle();

      expect(await kinds()).toEqual(Array(45).fill(undefined));
    } finally {
      await local.stop();
    }
  });

  it('plans a revision again on fresh reads when the finding was written meanwhile (another batch, a customer)', async () => {
    let interposed = false;
    const local = await startCorrelationHarness(dynamo, (store) => ({
      readStored: (identifiers) => store.readStored(identifiers),
      forEachFindingPage: (filters, visit) => store.forEachFindingPage(filters, visit),
      reviseFindings: async (identifiers, revise, source, prefetched) => {
        // A concurrent write between correlation's read and its conditional write.
        if (!interposed && prefetched && prefetched.size > 0) {
          interposed = true;
          const [first] = prefetched.values();
          await store.updateFindings(
            { FindingIdentifiers: [{ Id: first.finding.Id, ProductArn: first.finding.ProductArn }], Note: { Text: 'meanwhile', UpdatedBy: 'someone' } },
            caller,
          );
        }
        return store.reviseFindings(identifiers, revise, source, prefetched);
      },
    }));
    try {
      const threat = aFinding({
        Id: 'threat-3',
        ProductName: 'GuardDuty',
        Types: ['TTPs/Initial Access/UnauthorizedAccess:EC2-SSHBruteForce'],
        Resources: [{ Type: 'AwsEc2Instance', Id: `${INSTANCE}-race` }],
      });
      const vulnerable = { ...cve(7), Resources: [{ Type: 'AwsEc2Instance', Id: `${INSTANCE}-race` }] };
      await local.store.importFindings([threat, vulnerable], caller);

      const outcomes = await local.settle();

      expect(interposed).toBe(true);
      expect(outcomes.reduce((sum, outcome) => sum + outcome.replanned, 0)).toBe(1);
      const { findings } = await local.store.findAll({ ResourceId: [{ Value: `${INSTANCE}-race`, Comparison: 'EQUALS' }] });
      const byId = new Map(findings.map((finding) => [finding.Id, finding]));
      expect(byId.get(threat.Id)?.RelatedFindings).toEqual([{ ProductArn: vulnerable.ProductArn, Id: vulnerable.Id }]);
      expect(byId.get(vulnerable.Id)?.RelatedFindings).toEqual([{ ProductArn: threat.ProductArn, Id: threat.Id }]);
      expect(findings.every((finding) => finding.ProductFields?.[CORRELATION_KEY] !== undefined)).toBe(true);
      expect(findings.some((finding) => finding.Note?.Text === 'meanwhile')).toBe(true);
    } finally {
      await local.stop();
    }
  });
});
