import fc from 'fast-check';
import { inspectorNormalizer } from '../../../lambdas/normalize/inspector/normalize';
import { validateFinding } from '../../../lambdas/asff/validate';
import { UnmappableEventError } from '../../../lambdas/normalize/errors';
import type { AwsSecurityFinding } from '../../../lambdas/asff/types';
import type { SourceEvent } from '../../../lambdas/normalize/types';
import { sourceEvent } from '../../support/fixtures';

type Detail = Record<string, any>; // the tests spoil fixture fields freely
const fixture = (name: string): SourceEvent<Detail> => sourceEvent<Detail>(`inspector/${name}`);
const normalizeOne = (event: SourceEvent<Detail>): AwsSecurityFinding => inspectorNormalizer.normalize(event)[0];
const errorOf = (event: SourceEvent<Detail>): UnmappableEventError => {
  try {
    inspectorNormalizer.normalize(event);
  } catch (error) {
    if (error instanceof UnmappableEventError) return error;
    throw error;
  }
  throw new Error('expected an UnmappableEventError');
};

describe('Inspector events with numbers as strings', () => {
  it('reads inspectorScore, CVSS scores and EPSS given as strings', () => {
    const event = fixture('package-ec2');
    event.detail.inspectorScore = '10';
    event.detail.packageVulnerabilityDetails.cvss[0].baseScore = '4.8';
    event.detail.inspectorScoreDetails.adjustedCvss.score = ' 4.8 ';
    event.detail.epss.score = '0.00043';

    const finding = normalizeOne(event);

    expect(finding.ProductFields?.['aws/inspector/inspectorScore']).toBe('10.0');
    expect(finding.Vulnerabilities?.[0].Cvss?.map((item) => item.BaseScore)).toEqual([4.8, 7.3, 4.8]);
    expect(finding.Vulnerabilities?.[0].EpssScore).toBe(0.00043);
  });

  it('reads ports and code line numbers given as strings', () => {
    const network = fixture('network-ec2');
    network.detail.networkReachabilityDetails.openPortRange = { begin: '1024', end: '65535' };
    const code = fixture('code-lambda');
    code.detail.codeVulnerabilityDetails.filePath.startLine = '6';

    expect(normalizeOne(network).Network?.OpenPortRange).toEqual({ Begin: 1024, End: 65535 });
    expect(normalizeOne(code).Vulnerabilities?.[0].CodeVulnerabilities?.[0].FilePath?.StartLine).toBe(6);
  });

  it('rejects a score that is not a number, naming the path', () => {
    const event = fixture('package-ec2');
    event.detail.packageVulnerabilityDetails.cvss[1].baseScore = 'high';

    expect(errorOf(event).path).toBe('detail.packageVulnerabilityDetails.cvss[1].baseScore');
  });
});

describe('Inspector events with other time forms', () => {
  it('reads ISO strings and epoch milliseconds', () => {
    const event = fixture('package-ec2');
    event.detail.firstObservedAt = '2024-09-04T16:59:44Z';
    event.detail.updatedAt = 1725469236951;

    const finding = normalizeOne(event);

    expect(finding.CreatedAt).toBe('2024-09-04T16:59:44Z');
    expect(finding.UpdatedAt).toBe('2024-09-04T17:00:36.951Z');
  });

  it('falls back to lastObservedAt when updatedAt is missing', () => {
    const event = fixture('package-ec2');
    delete event.detail.updatedAt;

    expect(normalizeOne(event).UpdatedAt).toBe('2024-09-04T16:59:44.476Z');
  });

  it('rejects a time it cannot read, naming the path', () => {
    const event = fixture('package-ec2');
    event.detail.resources[0].details.awsEc2Instance.launchedAt = 'yesterday';

    expect(errorOf(event).path).toBe('detail.resources[0].details.awsEc2Instance.launchedAt');
  });
});

describe('Inspector events with unusual content', () => {
  it('maps an unknown resource type as Other, keeping its id', () => {
    const event = fixture('package-ec2');
    event.detail.resources[0] = { id: 'arn:aws:codeconnections:eu-central-1:111122223333:repo/app', type: 'CODE_REPOSITORY' };

    const finding = normalizeOne(event);

    expect(finding.Resources).toEqual([{ Type: 'Other', Id: 'arn:aws:codeconnections:eu-central-1:111122223333:repo/app', Partition: 'aws', Region: 'eu-central-1' }]);
    expect(finding.ProductFields?.['aws/inspector/instanceId']).toBeUndefined();
    expect(validateFinding(finding)).toMatchObject({ ok: true });
  });

  it('omits fix and exploit flags with values ASFF does not know', () => {
    const event = fixture('package-ec2');
    event.detail.fixAvailable = 'MAYBE';
    event.detail.exploitAvailable = 'unknown';

    const [vulnerability] = normalizeOne(event).Vulnerabilities ?? [];

    expect(vulnerability.FixAvailable).toBeUndefined();
    expect(vulnerability.ExploitAvailable).toBeUndefined();
  });

  it('accepts severity and status in lower case', () => {
    const event = fixture('closed-ec2');
    event.detail.severity = 'high';
    event.detail.status = 'closed';

    const finding = normalizeOne(event);

    expect(finding.Severity.Label).toBe('HIGH');
    expect(finding.RecordState).toBe('ARCHIVED');
  });

  it('cuts a long title and description as Security Hub does', () => {
    const event = fixture('package-ec2');
    event.detail.title = 'T'.repeat(300);
    event.detail.description = 'D'.repeat(2000);

    const finding = normalizeOne(event);

    expect(finding.Title).toHaveLength(256);
    expect(finding.Title.endsWith('...Truncated')).toBe(true);
    expect(finding.Description).toHaveLength(1024);
    expect(finding.Description.endsWith('D...Truncated')).toBe(true);
  });

  it('keeps any description within the ASFF limit and valid', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 3000 }).filter((text) => text.trim() !== ''),
        (description) => {
          const event = fixture('package-ecr');
          event.detail.description = description;

          const finding = normalizeOne(event);

          return finding.Description.length <= 1024 && validateFinding(finding).ok;
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('Inspector events missing what a finding needs', () => {
  it.each([
    ['detail.findingArn', (detail: Detail) => delete detail.findingArn],
    ['detail.awsAccountId', (detail: Detail) => delete detail.awsAccountId],
    ['detail.awsAccountId', (detail: Detail) => (detail.awsAccountId = '1234')],
    ['detail.type', (detail: Detail) => delete detail.type],
    ['detail.type', (detail: Detail) => (detail.type = 'MALWARE')],
    ['detail.severity', (detail: Detail) => delete detail.severity],
    ['detail.severity', (detail: Detail) => (detail.severity = 'SEVERE')],
    ['detail.status', (detail: Detail) => delete detail.status],
    ['detail.title', (detail: Detail) => delete detail.title],
    ['detail.description', (detail: Detail) => (detail.description = '')],
    ['detail.firstObservedAt', (detail: Detail) => delete detail.firstObservedAt],
    ['detail.resources', (detail: Detail) => (detail.resources = [])],
    ['detail.resources[0].id', (detail: Detail) => delete detail.resources[0].id],
    ['detail.packageVulnerabilityDetails.vulnerabilityId', (detail: Detail) => delete detail.packageVulnerabilityDetails.vulnerabilityId],
  ])('rejects an event without a usable %s', (path, spoil) => {
    const event = fixture('package-ec2');
    spoil(event.detail);

    expect(errorOf(event).path).toBe(path);
  });

  it('rejects a code finding with neither detector nor rule, naming the rule path', () => {
    const event = fixture('code-lambda');
    delete event.detail.codeVulnerabilityDetails.detectorId;
    delete event.detail.codeVulnerabilityDetails.ruleId;

    expect(errorOf(event).path).toBe('detail.codeVulnerabilityDetails.ruleId');
  });

  it('rejects a finding ARN without a Region when the resource names none', () => {
    const event = fixture('package-ec2');
    event.detail.findingArn = 'finding-0123';
    delete event.detail.resources[0].region;

    expect(errorOf(event).path).toBe('detail.findingArn');
  });
});
