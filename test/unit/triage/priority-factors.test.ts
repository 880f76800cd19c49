import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { AwsSecurityFinding } from '../../../lambdas/asff/types';
import { computePriority } from '../../../lambdas/triage/priority/compute';
import { PRIORITY_FACTORS, priorityFactorTable } from '../../../lambdas/triage/priority/factors';
import { aFinding } from '../../support/findings';
import { fixtureFinding } from '../../support/priority';

/** A configuration-check finding on a private bucket: the baseline each factor test moves. */
const base = (overrides: Partial<AwsSecurityFinding> = {}) =>
  aFinding({ Types: ['Software and Configuration Checks/AWS Security Best Practices'], Severity: { Label: 'MEDIUM' }, ...overrides });

const score = (finding: AwsSecurityFinding) => computePriority(finding).score;
const delta = (finding: AwsSecurityFinding) => score(finding) - score(base());

const instance = (details: Record<string, unknown>) => [{ Type: 'AwsEc2Instance', Id: 'arn:aws:ec2:us-east-1:111122223333:instance/i-1', Details: details }];

describe('priority factors', () => {
  it('severity sets the base: CRITICAL 70, HIGH 55, MEDIUM 35, LOW 15, INFORMATIONAL 0', () => {
    const scores = (['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'] as const).map((Label) => score(base({ Severity: { Label } })));
    expect(scores).toEqual([70, 55, 35, 15, 0]);
    expect(computePriority(base({ Severity: { Label: 'CRITICAL' } })).reasons).toEqual(['severity CRITICAL: +70']);
  });

  it('severity falls back to the label of Severity.Normalized', () => {
    expect(score(base({ Severity: { Normalized: 95 } }))).toBe(70);
  });

  it.each([
    ['a Macie public-bucket finding', { Types: ['Effects/Data Exposure/Policy:IAMUser-S3BucketPublic'] }, 'public S3 bucket'],
    [
      'a public S3 ACL',
      {
        Resources: [
          {
            Type: 'AwsS3Bucket',
            Id: 'arn:aws:s3:::b',
            Details: { AwsS3Bucket: { AccessControlList: '{"grantList":[{"grantee":{"uri":"http://acs.amazonaws.com/groups/global/AllUsers"}}]}' } },
          },
        ],
      },
      'public bucket ACL',
    ],
    ['a FAILED S3.8 control', { Compliance: { Status: 'FAILED', SecurityControlId: 'S3.8' } }, 'control S3.8 FAILED'],
    ['a FAILED EC2.19 control', { Compliance: { Status: 'FAILED', SecurityControlId: 'EC2.19' } }, 'control EC2.19 FAILED'],
    [
      'security group ingress from 0.0.0.0/0',
      {
        Resources: [
          {
            Type: 'AwsEc2SecurityGroup',
            Id: 'sg-1',
            Details: { AwsEc2SecurityGroup: { IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] } },
          },
        ],
      },
      '0.0.0.0/0 on 22',
    ],
    [
      'security group ingress from ::/0',
      { Resources: [{ Type: 'AwsEc2SecurityGroup', Id: 'sg-1', Details: { AwsEc2SecurityGroup: { IpPermissions: [{ IpProtocol: '-1', Ipv6Ranges: [{ CidrIpv6: '::/0' }] }] } } }] },
      '::/0 on all ports',
    ],
    ['a public IP on the instance', { Resources: instance({ AwsEc2Instance: { IpV4Addresses: ['10.0.0.5', '203.0.113.10'] } }) }, 'public IP 203.0.113.10'],
    [
      'a public IP GuardDuty saw on a network interface',
      { ProductFields: { 'aws/guardduty/service/resource/instanceDetails/networkInterfaces/0/publicIp': '198.51.100.7' } },
      'public IP 198.51.100.7',
    ],
    [
      'Inspector network reachability',
      { Types: ['Software and Configuration Checks/AWS Security Best Practices/Network Reachability'], Network: { OpenPortRange: { Begin: 22, End: 22 } } },
      'reachable on 22',
    ],
  ] as Array<[string, Partial<AwsSecurityFinding>, string]>)('internet-exposed: %s adds 15', (_, overrides, evidence) => {
    const finding = base(overrides);
    expect(delta(finding)).toBe(15);
    expect(computePriority(finding).reasons).toContain(`internet-exposed (${evidence}): +15`);
  });

  it('internet-exposed: private addresses, a closed control and a restricted rule add nothing', () => {
    expect(delta(base({ Resources: instance({ AwsEc2Instance: { IpV4Addresses: ['10.0.0.5', '172.16.3.4', '192.168.1.1'] } }) }))).toBe(0);
    expect(delta(base({ Compliance: { Status: 'FAILED', SecurityControlId: 'IAM.6' } }))).toBe(0);
    const restricted = { AwsEc2SecurityGroup: { IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '10.0.0.0/8' }] }] } };
    expect(delta(base({ Resources: [{ Type: 'AwsEc2SecurityGroup', Id: 'sg-1', Details: restricted }] }))).toBe(0);
  });

  it('exploit-available adds 10', () => {
    const finding = base({ Vulnerabilities: [{ Id: 'CVE-1', ExploitAvailable: 'YES' }] });
    expect(delta(finding)).toBe(10);
    expect(computePriority(finding).reasons).toContain('exploit available (CVE-1): +10');
    expect(delta(base({ Vulnerabilities: [{ Id: 'CVE-1', ExploitAvailable: 'NO' }] }))).toBe(0);
  });

  it('epss adds 10 from 0.1, 5 from 0.01, nothing below', () => {
    const epss = (EpssScore: number) => delta(base({ Vulnerabilities: [{ Id: 'CVE-1', EpssScore }] }));
    expect([epss(0.5), epss(0.1), epss(0.05), epss(0.01), epss(0.009)]).toEqual([10, 10, 5, 5, 0]);
  });

  it('remote-cvss adds 5 for a network vector without privileges', () => {
    const cvss = (BaseVector: string) => delta(base({ Vulnerabilities: [{ Id: 'CVE-1', Cvss: [{ BaseVector }] }] }));
    expect(cvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N')).toBe(5);
    expect(cvss('CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:N/A:N')).toBe(0);
    expect(cvss('CVSS:3.1/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N')).toBe(0);
  });

  it('fix-available adds 3', () => {
    expect(delta(base({ Vulnerabilities: [{ Id: 'CVE-1', FixAvailable: 'YES' }] }))).toBe(3);
    expect(delta(base({ Vulnerabilities: [{ Id: 'CVE-1', FixAvailable: 'NO' }] }))).toBe(0);
  });

  it('threat-detection adds 10 for a TTPs finding, nothing for a configuration check', () => {
    expect(delta(base({ Types: ['TTPs/Initial Access/UnauthorizedAccess:EC2-SSHBruteForce'] }))).toBe(10);
    expect(delta(base({ Types: ['Unusual Behaviors/User'] }))).toBe(10);
    expect(delta(base())).toBe(0);
  });

  it('criticality-tag: critical +15, high +10, medium 0, low −10, key and value case-insensitive', () => {
    const tagged = (Tags: Record<string, string>) => delta(base({ Resources: [{ Type: 'AwsS3Bucket', Id: 'arn:aws:s3:::b', Tags }] }));
    expect([tagged({ Criticality: 'critical' }), tagged({ criticality: 'High' }), tagged({ Criticality: 'medium' }), tagged({ Criticality: 'low' })]).toEqual([15, 10, 0, -10]);
    expect(tagged({ Criticality: 'whatever' })).toBe(0);
    expect(computePriority(base({ Resources: [{ Type: 'AwsS3Bucket', Id: 'b', Tags: { Criticality: 'critical' } }] })).reasons).toContain('tag Criticality=critical: +15');
  });

  it('asff-criticality moves the score by (Criticality − 50) / 5', () => {
    expect([delta(base({ Criticality: 100 })), delta(base({ Criticality: 75 })), delta(base({ Criticality: 50 })), delta(base({ Criticality: 0 }))]).toEqual([10, 5, 0, -10]);
  });

  it('record-archived, workflow-closed and control-passed set the score to 0, their reason first', () => {
    const loud = { Severity: { Label: 'CRITICAL' as const }, Vulnerabilities: [{ Id: 'CVE-1', ExploitAvailable: 'YES' as const }] };
    expect(computePriority(base({ ...loud, RecordState: 'ARCHIVED' }))).toMatchObject({
      score: 0,
      reasons: ['record ARCHIVED: score 0', 'severity CRITICAL: +70', 'exploit available (CVE-1): +10'],
    });
    expect(score(base({ ...loud, Workflow: { Status: 'SUPPRESSED' } }))).toBe(0);
    expect(score(base({ ...loud, Workflow: { Status: 'RESOLVED' } }))).toBe(0);
    expect(score(base({ ...loud, Compliance: { Status: 'PASSED' } }))).toBe(0);
    expect(score(base({ ...loud, Workflow: { Status: 'NOTIFIED' } }))).toBe(80);
  });

  it('correlation: a toxic pair adds 15, another correlated kind or product 5, none without correlation', () => {
    const cve = base({ Vulnerabilities: [{ Id: 'CVE-1' }] });
    expect(computePriority(cve, { kinds: ['threat'] }).score - score(cve)).toBe(15);
    expect(computePriority(cve, { kinds: ['threat'] }).reasons).toContain('correlated (vulnerability + threat on the same resource): +15');
    expect(computePriority(cve, { kinds: ['misconfiguration'] }).score - score(cve)).toBe(5);
    expect(computePriority(cve, { kinds: [] }).score).toBe(score(cve));
  });

  it('keeps the score within 0..100 and says so', () => {
    const everything = base({
      Severity: { Label: 'CRITICAL' },
      Types: ['TTPs/Impact'],
      Criticality: 100,
      Resources: [{ Type: 'AwsEc2Instance', Id: 'i-1', Tags: { Criticality: 'critical' }, Details: { AwsEc2Instance: { IpV4Addresses: ['203.0.113.1'] } } }],
      Vulnerabilities: [{ Id: 'CVE-1', ExploitAvailable: 'YES', EpssScore: 0.9 }],
    });
    expect(computePriority(everything, { kinds: ['vulnerability'] })).toMatchObject({ score: 100 });
    expect(computePriority(everything).reasons.at(-1)).toBe('capped at 100');
    const nothing = base({ Severity: { Label: 'INFORMATIONAL' }, Criticality: 0, Resources: [{ Type: 'AwsS3Bucket', Id: 'b', Tags: { Criticality: 'low' } }] });
    expect(computePriority(nothing)).toEqual({ score: 0, reasons: ['severity INFORMATIONAL: +0', 'tag Criticality=low: −10', 'Criticality 0: −10', 'raised to 0'] });
  });

  it('every factor has an id, a description and an effect, ids unique', () => {
    const ids = PRIORITY_FACTORS.map((factor) => factor.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const factor of PRIORITY_FACTORS) expect(factor.when.length * factor.effect.length).toBeGreaterThan(0);
  });

  it('docs/priority.md carries the registry as its factor table', () => {
    const doc = readFileSync(path.join(__dirname, '..', '..', '..', 'docs', 'priority.md'), 'utf8');
    expect(doc).toContain(priorityFactorTable());
  });
});

describe('priority of the realistic fixtures', () => {
  const priorityOf = (source: string, file: string) => computePriority(fixtureFinding(source, file));

  it('scores them sensibly', () => {
    expect(priorityOf('guardduty', 'ec2-dns-request.json').score).toBe(80); // HIGH threat on a public instance
    expect(priorityOf('guardduty', 'ec2-ssh-brute-force.json').score).toBe(40); // LOW threat, public instance
    expect(priorityOf('inspector', 'network-ec2.json').reasons).toContain('internet-exposed (reachable on 22): +15');
    expect(priorityOf('inspector', 'package-lambda.json').score).toBe(73); // HIGH + exploit + AV:N/PR:N + fix
    expect(priorityOf('macie', 'sensitive-data-multiple.json').score).toBe(55);
    expect(priorityOf('config', 'non-compliant-s3-bucket.json').score).toBe(35);
    expect(priorityOf('inspector', 'suppressed-ecr.json').score).toBe(0);
    expect(priorityOf('guardduty', 'archived-root-credential-usage.json').score).toBe(0);
    expect(priorityOf('config', 'compliant-security-group.json').score).toBe(0);
  });

  it('an exploitable, exposed CVE outranks an unexposed one of the same severity', () => {
    const exposed = fixtureFinding('inspector', 'package-ec2.json'); // public IP 203.0.113.40
    const unexposed = structuredClone(exposed);
    unexposed.Resources[0].Details = { AwsEc2Instance: { IpV4Addresses: ['10.0.1.25'] } };
    exposed.Vulnerabilities![0].ExploitAvailable = 'YES';
    expect(computePriority(exposed).score).toBeGreaterThan(computePriority(unexposed).score);
    expect(computePriority(exposed).score - computePriority(unexposed).score).toBe(25);
  });

  it('a HIGH threat on an exposed instance outranks a CRITICAL code finding nobody can reach', () => {
    expect(priorityOf('guardduty', 'ec2-dns-request.json').score).toBeGreaterThan(priorityOf('inspector', 'code-lambda.json').score);
  });
});
