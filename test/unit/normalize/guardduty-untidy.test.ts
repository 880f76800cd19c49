import fc from 'fast-check';
import { guardDutyNormalizer } from '../../../lambdas/normalize/guardduty/normalize';
import { guardDutyLabel } from '../../../lambdas/normalize/guardduty/severity';
import type { AwsSecurityFinding } from '../../../lambdas/asff/types';
import { validateFinding } from '../../../lambdas/asff/validate';
import { UnmappableEventError } from '../../../lambdas/normalize/errors';
import type { SourceEvent } from '../../../lambdas/normalize/types';
import { fixtureFiles, sourceEvent } from '../../support/fixtures';

/** A fresh, mutable copy of a fixture event. */
function fixture(name: string): SourceEvent<Record<string, any>> {
  return sourceEvent<Record<string, any>>(`guardduty/${name}`);
}

function mapOne(event: SourceEvent): AwsSecurityFinding {
  const [finding] = guardDutyNormalizer.normalize(event);
  expect(validateFinding(finding)).toEqual({ ok: true, finding });
  return finding;
}

function rejection(event: SourceEvent): UnmappableEventError {
  try {
    guardDutyNormalizer.normalize(event);
  } catch (error) {
    if (error instanceof UnmappableEventError) return error;
    throw error;
  }
  throw new Error('expected UnmappableEventError');
}

describe('GuardDuty normalizer on every fixture', () => {
  it.each(fixtureFiles('events', 'guardduty').map((file) => file.replace(/^guardduty\//, '').replace(/\.json$/, '')))('maps %s to one valid ASFF finding', (name) => {
    const findings = guardDutyNormalizer.normalize(fixture(name));
    expect(findings).toHaveLength(1);
    expect(validateFinding(findings[0]).ok).toBe(true);
  });

  it('routes GuardDuty finding events only', () => {
    expect(guardDutyNormalizer.eventPattern).toEqual({ source: ['aws.guardduty'], 'detail-type': ['GuardDuty Finding'] });
  });
});

describe('GuardDuty untidy numbers', () => {
  it('reads a severity given as a string, keeping its text as Original', () => {
    const event = fixture('ec2-ssh-brute-force');
    event.detail.severity = ' 7.5 ';
    expect(mapOne(event).Severity).toEqual({ Label: 'HIGH', Normalized: 70, Product: 7.5, Original: '7.5' });
  });

  it('reads ports, counts and ASN given as strings', () => {
    const event = fixture('ec2-ssh-brute-force');
    const connection = event.detail.service.action.networkConnectionAction;
    connection.localPortDetails.port = '22';
    connection.remotePortDetails.port = '46717';
    event.detail.service.count = '74';
    const finding = mapOne(event);
    expect(finding.Network).toMatchObject({ SourcePort: 46717, DestinationPort: 22 });
    expect(finding.Action?.NetworkConnectionAction?.RemoteIpDetails?.Organization?.Asn).toBe(64500);
    expect(finding.ProductFields?.['aws/guardduty/service/count']).toBe('74');
  });

  it('rejects a port that is not a port, naming its path', () => {
    const event = fixture('ec2-ssh-brute-force');
    event.detail.service.action.networkConnectionAction.localPortDetails.port = 70000;
    expect(rejection(event).path).toBe('detail.service.action.networkConnectionAction.localPortDetails.port');
  });

  it('rejects a severity outside 0–10, naming its path', () => {
    const event = fixture('ec2-ssh-brute-force');
    event.detail.severity = 42;
    expect(rejection(event).path).toBe('detail.severity');
  });

  it('labels CRITICAL from 9, HIGH from 7, MEDIUM from 4, LOW below', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 10, noNaN: true }), (value) => {
        const oracle = value >= 9 ? 'CRITICAL' : value >= 7 ? 'HIGH' : value >= 4 ? 'MEDIUM' : 'LOW';
        expect(guardDutyLabel(value)).toBe(oracle);
      }),
    );
  });

  it('maps any severity in 0–10, as number or string, to a valid finding', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.boolean(), (tenths, asString) => {
        const event = fixture('iam-access-key-api-call');
        event.detail.severity = asString ? (tenths / 10).toFixed(1) : tenths / 10;
        const finding = mapOne(event);
        expect(finding.Severity.Label).toBe(guardDutyLabel(tenths / 10));
      }),
      { numRuns: 50 },
    );
  });
});

describe('GuardDuty untidy times', () => {
  it.each([
    ['ISO with milliseconds', '2026-03-01T10:15:30.123Z', '2026-03-01T10:15:30.123Z'],
    ['epoch milliseconds', 1772360130123, '2026-03-01T10:15:30.123Z'],
    ['epoch seconds', 1772360130, '2026-03-01T10:15:30.000Z'],
    ['epoch seconds as a string', '1772360130', '2026-03-01T10:15:30.000Z'],
    ['epoch milliseconds as a string', '1772360130123', '2026-03-01T10:15:30.123Z'],
  ])('reads createdAt given as %s', (_, value, expected) => {
    const event = fixture('ec2-dns-request');
    event.detail.createdAt = value;
    event.detail.service.eventFirstSeen = value;
    const finding = mapOne(event);
    expect(finding.CreatedAt).toBe(expected);
    expect(finding.FirstObservedAt).toBe(expected);
  });

  it('rejects a time it cannot read, naming its path', () => {
    const event = fixture('ec2-dns-request');
    event.detail.updatedAt = 'yesterday';
    expect(rejection(event).path).toBe('detail.updatedAt');
  });
});

describe('GuardDuty required fields', () => {
  it.each(['arn', 'id', 'accountId', 'region', 'type', 'severity', 'createdAt', 'updatedAt'])('rejects a finding without %s, naming detail.%s', (field) => {
    const event = fixture('iam-access-key-api-call');
    delete event.detail[field];
    const error = rejection(event);
    expect(error.path).toBe(`detail.${field}`);
    expect(error.message).toBe(`detail.${field}: is required`);
  });

  it('rejects an event without detail', () => {
    const event = fixture('iam-access-key-api-call') as SourceEvent<unknown>;
    event.detail = undefined;
    expect(rejection(event).path).toBe('detail');
  });

  it('rejects an account id that is not 12 digits', () => {
    const event = fixture('iam-access-key-api-call');
    event.detail.accountId = 'not-an-account';
    expect(rejection(event).path).toBe('detail.accountId');
  });
});

describe('GuardDuty forwarded and unusual findings', () => {
  it('keeps the account and Region of a finding forwarded from another account and Region', () => {
    const event = fixture('ec2-ssh-brute-force');
    event.account = '999988887777';
    event.region = 'eu-west-1';
    const finding = mapOne(event);
    expect(finding.AwsAccountId).toBe('111122223333');
    expect(finding.Region).toBe('us-east-1');
    expect(finding.ProductArn).toBe('arn:aws:securityhub:us-east-1::product/aws/guardduty');
    expect(finding.Resources[0]).toMatchObject({ Region: 'us-east-1', Id: 'arn:aws:ec2:us-east-1:111122223333:instance/i-0a1b2c3d4e5f67890' });
  });

  it('maps an unknown resource type to one Other resource with a clear Id', () => {
    const event = fixture('iam-access-key-api-call');
    event.detail.resource = { resourceType: 'QuantumComputer' };
    const finding = mapOne(event);
    expect(finding.Resources).toEqual([
      {
        Type: 'Other',
        Id: 'AWS::GuardDuty::QuantumComputer:5eb1a9e0c7f0b1d2e3f4a5b6c7d8e9f0',
        Partition: 'aws',
        Region: 'us-east-1',
        Details: { Other: { GuardDutyResourceType: 'QuantumComputer', resourceType: 'QuantumComputer' } },
      },
    ]);
  });

  it('maps an unknown detail block by the ARN it carries', () => {
    const event = fixture('iam-access-key-api-call');
    event.detail.resource = { resourceType: 'RDSLimitlessDB', rdsLimitlessDbDetails: { dbShardGroupArn: 'arn:aws:rds:us-east-1:111122223333:shard-group:sg-1' } };
    expect(mapOne(event).Resources).toMatchObject([{ Type: 'Other', Id: 'arn:aws:rds:us-east-1:111122223333:shard-group:sg-1' }]);
  });

  it('uses the partition of a GovCloud finding for ARNs and the console link', () => {
    const event = fixture('ec2-ssh-brute-force');
    event.detail.region = 'us-gov-west-1';
    event.detail.partition = 'aws-us-gov';
    const finding = mapOne(event);
    expect(finding.ProductArn).toBe('arn:aws-us-gov:securityhub:us-gov-west-1::product/aws/guardduty');
    expect(finding.Resources[0]).toMatchObject({ Partition: 'aws-us-gov', Id: 'arn:aws-us-gov:ec2:us-gov-west-1:111122223333:instance/i-0a1b2c3d4e5f67890' });
    expect(finding.SourceUrl).toMatch(/^https:\/\/us-gov-west-1\.console\.amazonaws-us-gov\.com\/guardduty\//);
  });

  it('truncates a long title and description to the ASFF limits', () => {
    const event = fixture('ec2-dns-request');
    event.detail.title = 'T'.repeat(300);
    event.detail.description = 'D'.repeat(2000);
    const finding = mapOne(event);
    expect(finding.Title).toHaveLength(256);
    expect(finding.Description).toHaveLength(1024);
  });

  it('keeps at most 50 ProductFields', () => {
    const event = fixture('ec2-dns-request');
    event.detail.service.additionalInfo = Object.fromEntries(Array.from({ length: 80 }, (_, index) => [`key${index}`, `value${index}`]));
    const fields = mapOne(event).ProductFields ?? {};
    expect(Object.keys(fields)).toHaveLength(50);
    expect(fields['aws/guardduty/service/action/actionType']).toBe('DNS_REQUEST');
  });

  it('is pure: the same event maps to the same finding', () => {
    expect(guardDutyNormalizer.normalize(fixture('runtime-ecs'))).toEqual(guardDutyNormalizer.normalize(fixture('runtime-ecs')));
  });
});
