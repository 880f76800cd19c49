/**
 * Prioritization: on a realistic mixed dataset built from the product fixtures (some resources
 * exposed to the internet, some not; shared instances so correlation has work), the share of the
 * responder's first page (100, open findings) that is CRITICAL/HIGH *and* exposed, sorted by
 * priority versus by severity (Security Hub's best default order). "Exposed" is the generator's
 * ground truth (it put a public address or a public bucket there), not the priority rules' verdict.
 */
import type { AwsSecurityFinding, SeverityLabel } from '../../lambdas/asff/types';
import type { AwsSecurityFindingFilters } from '../../lambdas/filters/types';
import { startCorrelationHarness } from '../support/correlation';
import { fixtureFinding } from '../support/priority';
import { chunks, type BenchDynamo } from './support';

/** A deterministic pseudo-random sequence (mulberry32), so runs compare. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ACCOUNT = '111122223333';
const TEMPLATES: Array<[string, string, 'instance' | 'bucket' | 'other']> = [
  ['guardduty', 'ec2-dns-request.json', 'instance'],
  ['guardduty', 'ec2-ssh-brute-force.json', 'instance'],
  ['guardduty', 'ec2-port-probe.json', 'instance'],
  ['guardduty', 'iam-access-key-api-call.json', 'other'],
  ['guardduty', 'rds-login.json', 'other'],
  ['inspector', 'package-ec2.json', 'instance'],
  ['inspector', 'package-ec2.json', 'instance'],
  ['inspector', 'package-ec2.json', 'instance'],
  ['inspector', 'package-lambda.json', 'other'],
  ['inspector', 'code-lambda.json', 'other'],
  ['inspector', 'package-ecr.json', 'other'],
  ['macie', 'sensitive-data-multiple.json', 'bucket'],
  ['macie', 'policy-block-public-access-disabled.json', 'bucket'],
  ['config', 'non-compliant-s3-bucket.json', 'other'],
  ['config', 'first-evaluation-iam-user.json', 'other'],
];
const CVE_SEVERITIES: Array<[SeverityLabel, number]> = [
  ['CRITICAL', 0.1],
  ['HIGH', 0.3],
  ['MEDIUM', 0.45],
  ['LOW', 0.15],
];

/** `count` findings from the fixtures, and which of them are on exposed resources. */
export function priorityDataset(count: number, seed = 7): { findings: AwsSecurityFinding[]; exposed: Set<string> } {
  const next = random(seed);
  const templates = TEMPLATES.map(([source, file, on]) => ({ finding: fixtureFinding(source, file), on }));
  const instances = 120;
  const publicInstances = new Set(Array.from({ length: instances }, (_, index) => index).filter(() => next() < 0.25));
  const findings: AwsSecurityFinding[] = [];
  const exposed = new Set<string>();
  for (let index = 0; index < count; index++) {
    const { finding: template, on } = templates[Math.floor(next() * templates.length)];
    const finding = structuredClone(template);
    finding.Id = `bench-${index}`;
    finding.AwsAccountId = ACCOUNT;
    finding.RecordState = 'ACTIVE';
    finding.UpdatedAt = new Date(Date.UTC(2026, 10, 1) + index * 1000).toISOString();
    if (finding.Vulnerabilities) {
      let roll = next();
      finding.Severity = { Label: CVE_SEVERITIES.find(([, share]) => (roll -= share) < 0)?.[0] ?? 'MEDIUM' };
      finding.Vulnerabilities[0].ExploitAvailable = next() < 0.2 ? 'YES' : 'NO';
      finding.Vulnerabilities[0].EpssScore = next() < 0.1 ? 0.2 : 0.001;
    }
    let isExposed = false;
    if (on === 'instance') {
      const instance = Math.floor(next() * instances);
      isExposed = publicInstances.has(instance);
      finding.Resources = [
        {
          ...finding.Resources[0],
          Id: `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-${String(instance).padStart(17, '0')}`,
          Details: { AwsEc2Instance: { IpV4Addresses: isExposed ? ['10.0.1.25', `203.0.113.${instance % 250}`] : ['10.0.1.25'] } },
        },
      ];
    } else if (on === 'bucket') {
      const bucket = Math.floor(next() * 60);
      isExposed = next() < 0.2;
      finding.Resources = [{ ...finding.Resources[0], Id: `arn:aws:s3:::bench-bucket-${bucket}` }];
      finding.ProductFields = { ...finding.ProductFields, 'S3Bucket.effectivePermission': isExposed ? 'PUBLIC' : 'NOT_PUBLIC' };
    }
    if (isExposed) exposed.add(finding.Id);
    findings.push(finding);
  }
  return { findings, exposed };
}

const OPEN: AwsSecurityFindingFilters = {
  RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' }],
  WorkflowStatus: [
    { Value: 'NEW', Comparison: 'EQUALS' },
    { Value: 'NOTIFIED', Comparison: 'EQUALS' },
  ],
};

/** Imports the dataset (priority stage), correlates it over the table stream, and compares the first pages. */
export async function benchPriority(dynamo: BenchDynamo, count: number) {
  const { findings, exposed } = priorityDataset(count);
  let tables = 0;
  const harness = await startCorrelationHarness({ endpoint: dynamo.endpoint, newFindingsTable: () => dynamo.newTable(`bench-priority-${++tables}`) });
  const store = harness.store;
  for (const batch of chunks(findings, 100)) await store.importFindings(batch, { identity: 'bench' });
  const started = Date.now();
  const before = harness.requests();
  const outcomes = await harness.settle();
  const correlationMs = Date.now() - started;
  const after = harness.requests();
  const requests = Object.values(after.byOperation).reduce((a, b) => a + b, 0) - Object.values(before.byOperation).reduce((a, b) => a + b, 0);
  const revised = outcomes.reduce((sum, outcome) => sum + outcome.revised, 0);
  const urgent = (finding: AwsSecurityFinding) => ['CRITICAL', 'HIGH'].includes(finding.Severity.Label ?? '') && exposed.has(finding.Id);
  const share = (page: AwsSecurityFinding[]) => Math.round((1000 * page.filter(urgent).length) / page.length) / 10;
  const firstPage = (Field: string) => store.getFindings({ Filters: OPEN, SortCriteria: [{ Field, SortOrder: 'desc' }], MaxResults: 100 });
  const [byPriority, bySeverity] = [await firstPage('Priority'), await firstPage('SeverityLabel')];
  await harness.stop();
  return {
    findings: count,
    urgentInDataset: findings.filter(urgent).length,
    /** The most a 100-finding page can hold of them. */
    firstPageUrgentPercentCeiling: Math.min(100, findings.filter(urgent).length),
    firstPageUrgentPercentByPriority: share(byPriority.Findings),
    firstPageUrgentPercentBySeverity: share(bySeverity.Findings),
    priorityPlan: `${byPriority.plan.access}${byPriority.plan.sortedInMemory ? ' (sorted in memory)' : ''}`,
    correlationRevisions: revised,
    correlationMsPerFinding: Math.round((10 * correlationMs) / count) / 10,
    correlationRequestsPerFinding: Math.round((100 * requests) / count) / 100,
  };
}
