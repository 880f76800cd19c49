import fc from 'fast-check';
import { s3Controls } from '../../../../lambdas/compliance/controls/s3';
import { ec2Controls } from '../../../../lambdas/compliance/controls/ec2';
import { kmsControls } from '../../../../lambdas/compliance/controls/kms';
import { rdsControls } from '../../../../lambdas/compliance/controls/rds';
import { dynamodbControls } from '../../../../lambdas/compliance/controls/dynamodb';
import { STANDARDS } from '../../../../lambdas/compliance/standards';
import { mappingsOf } from '../../../../lambdas/compliance/standards-membership';
import type { ConfigurationItem, EvaluationContext } from '../../../../lambdas/compliance/controls/types';

const controls = [...s3Controls, ...ec2Controls, ...kmsControls, ...rdsControls, ...dynamodbControls];
const REQUIREMENT_PREFIX: Record<string, RegExp> = {
  'aws-foundational-security-best-practices/v/1.0.0': /^$/,
  'cis-aws-foundations-benchmark/v/3.0.0': /^CIS AWS Foundations Benchmark v3\.0\.0\/\d+(\.\d+)*$/,
  'pci-dss/v/3.2.1': /^PCI DSS v3\.2\.1\/\d+(\.\d+)*$/,
};

describe('S3, EC2, KMS, RDS and DynamoDB control catalogue', () => {
  it('holds at least 22 controls with unique ids', () => {
    const ids = controls.map((control) => control.id);
    expect(ids.length).toBeGreaterThanOrEqual(22);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(controls.map((control) => [control.id, control] as const))('%s is mapped to a known standard with well-formed requirement ids', (_id, control) => {
    // In a standard by its own mappings, or by a standard's published data (NIST SP 800-53, PCI DSS v4.0.1, CIS v5.0.0).
    expect(mappingsOf(control).length).toBeGreaterThan(0);
    for (const mapping of control.standards) {
      expect(STANDARDS.map((standard) => standard.id)).toContain(mapping.standard);
      for (const requirement of mapping.requirements) expect(requirement).toMatch(REQUIREMENT_PREFIX[mapping.standard]!);
    }
  });

  it.each(controls.map((control) => [control.id, control] as const))('%s has a valid severity, a title, resource types and its control page', (id, control) => {
    expect(['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL']).toContain(control.severity);
    expect(control.title.length).toBeGreaterThan(10);
    expect(control.resourceTypes.length).toBeGreaterThan(0);
    expect(control.id).toMatch(/^(S3|EC2|KMS|RDS|DynamoDB)\.\d+$/);
    expect(control.remediationUrl.startsWith('https://docs.aws.amazon.com/securityhub/latest/userguide/')).toBe(true);
    expect(control.remediationUrl.endsWith(`#${id.toLowerCase().replace('.', '-')}`)).toBe(true);
  });

  it('never throws and always gives a reason, whatever the configuration and related items hold', () => {
    const json = fc.jsonValue({ maxDepth: 4 });
    const item = fc.record({
      control: fc.constantFrom(...controls),
      configuration: fc.oneof(
        fc.constant(null),
        fc.dictionary(
          fc.constantFrom('ipPermissions', 'entries', 'state', 'attachments', 'keyState', 'engine', 'name', 'metadataOptions', 'billingModeSummary', 'groupName', 'x'),
          json,
        ),
      ),
      supplementary: fc.dictionary(
        fc.constantFrom('BucketPolicy', 'AccessControlList', 'PublicAccessBlockConfiguration', 'KeyRotationStatus', 'DBSnapshotAttributes', 'ContinuousBackupsDescription'),
        fc.oneof(json, fc.json()),
      ),
      related: fc.array(json, { maxLength: 3 }),
    });
    fc.assert(
      fc.property(item, ({ control, configuration, supplementary, related }) => {
        const configItem: ConfigurationItem = {
          accountId: '111122223333',
          awsRegion: 'eu-west-1',
          resourceType: control.resourceTypes[0]!,
          resourceId: 'r-1',
          configurationItemStatus: 'OK',
          configuration: configuration as Record<string, unknown> | null,
          supplementaryConfiguration: supplementary,
        };
        const context: EvaluationContext = {
          parameters: {},
          related: (type) =>
            related.map((configuration, i) => ({ ...configItem, resourceType: type, resourceId: `rel-${i}`, configuration: configuration as Record<string, unknown> })),
          now: new Date('2025-05-01T00:00:00Z'),
        };
        const result = control.evaluate(configItem, context);
        expect(['PASSED', 'FAILED', 'NOT_APPLICABLE']).toContain(result.status);
        expect(result.reason.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });
});
