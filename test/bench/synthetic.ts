import type { AwsSecurityFinding } from '../../lambdas/asff/types';
import type { ChangeSource } from '../../lambdas/store/history';
import { applyImport } from '../../lambdas/store/import-rules';
import { findingKey } from '../../lambdas/store/keys';
import { toFindingItem, type Item } from '../../lambdas/store/record';
import { findingExpiry } from '../../lambdas/store/retention';

/** A seeded PRNG (mulberry32), so every run generates the same organization. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function weighted<T>(next: () => number, choices: Array<[T, number]>): T {
  let roll = next() * choices.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [value, weight] of choices) if ((roll -= weight) < 0) return value;
  return choices[choices.length - 1][0];
}

/** The shape of the synthetic organization. */
export const ORG = {
  accounts: Array.from({ length: 50 }, (_, index) => String(100000000000 + index * 7919)),
  regions: ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'],
  products: ['guardduty', 'inspector', 'macie', 'securityhub'],
  controls: Array.from({ length: 60 }, (_, index) => `${['S3', 'EC2', 'IAM', 'RDS', 'Lambda', 'KMS'][index % 6]}.${index + 1}`),
};

/** `count` findings spread over the organization like a real one: most LOW/MEDIUM, most ACTIVE. */
export function syntheticFindings(count: number, seed = 7): AwsSecurityFinding[] {
  const next = random(seed);
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)];
  const start = Date.parse('2026-08-01T00:00:00Z');
  return Array.from({ length: count }, (_, index) => {
    const product = weighted(next, [
      ['securityhub', 55],
      ['inspector', 30],
      ['guardduty', 10],
      ['macie', 5],
    ]);
    const region = pick(ORG.regions);
    const account = ORG.accounts[Math.floor(next() ** 1.5 * ORG.accounts.length)];
    const control = product === 'securityhub' ? pick(ORG.controls) : undefined;
    const updatedAt = new Date(start + Math.floor(next() * 110 * 86_400_000)).toISOString();
    const resource = `arn:aws:ec2:${region}:${account}:instance/i-${Math.floor(next() * 30_000)
      .toString(16)
      .padStart(8, '0')}`;
    return {
      SchemaVersion: '2018-10-08',
      Id: `${product}-${index}`,
      ProductArn: `arn:aws:securityhub:${region}::product/aws/${product}`,
      GeneratorId: control ? `security-control/${control}` : `${product}-detector`,
      AwsAccountId: account,
      Region: region,
      Types: ['Software and Configuration Checks/Vulnerabilities/CVE'],
      CreatedAt: updatedAt,
      UpdatedAt: updatedAt,
      Severity: {
        Label: weighted(next, [
          ['INFORMATIONAL', 20],
          ['LOW', 35],
          ['MEDIUM', 25],
          ['HIGH', 15],
          ['CRITICAL', 5],
        ]),
      },
      Title: `${product} finding ${index % 500}`,
      Description: 'Synthetic finding for the benchmark',
      Resources: [{ Type: 'AwsEc2Instance', Id: resource, Region: region, Partition: 'aws' }],
      RecordState: weighted(next, [
        ['ACTIVE', 80],
        ['ARCHIVED', 20],
      ]),
      Workflow: {
        Status: weighted(next, [
          ['NEW', 60],
          ['NOTIFIED', 10],
          ['RESOLVED', 20],
          ['SUPPRESSED', 10],
        ]),
      },
      ...(control && {
        Compliance: {
          Status: weighted(next, [
            ['PASSED', 60],
            ['FAILED', 35],
            ['WARNING', 3],
            ['NOT_AVAILABLE', 2],
          ]),
          SecurityControlId: control,
        },
      }),
    } as AwsSecurityFinding;
  });
}

/** The item the store writes when it creates `finding` (for the raw BatchWriteItem floor). */
export function createdItem(finding: AwsSecurityFinding, now: Date): Item {
  const outcome = applyImport(undefined, finding, now.toISOString());
  if (outcome.kind !== 'create') throw new Error('expected a create');
  const source: ChangeSource = { Type: 'BATCH_IMPORT_FINDINGS', Identity: 'bench' };
  return toFindingItem({
    key: findingKey(finding),
    version: 1,
    finding: outcome.finding,
    customerOwned: [],
    lastChange: { version: 1, time: now.toISOString(), created: true, source, updates: [] },
    expiresAt: findingExpiry(outcome.finding, now),
  });
}
