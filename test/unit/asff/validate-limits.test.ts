import { validateFinding } from '../../../lambdas/asff/validate';
import { fullFinding, withValue, type Json } from '../../fixtures/asff/findings';

const chars = (n: number): string => 'x'.repeat(n);
const items = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));
const fields = (n: number, key = (i: number) => `key${i}`, value = (_i: number) => 'v'): Record<string, string> => Object.fromEntries(items(n, (i) => [key(i), value(i)]));
const related = (i: number) => ({ ProductArn: 'arn:aws:securityhub:us-east-1::product/aws/guardduty', Id: `f-${i}` });
const resource = (i: number) => ({ Type: 'Other', Id: `r-${i}` });

/** [field path, value at the documented limit, value just past it]. */
const LIMITS: Array<[string, unknown, unknown]> = [
  ['Id', chars(512), chars(513)],
  ['GeneratorId', chars(512), chars(513)],
  ['Title', chars(256), chars(257)],
  ['Description', chars(1024), chars(1025)],
  ['ProductArn', chars(2048), chars(2049)],
  ['ProductName', chars(128), chars(129)],
  ['CompanyName', chars(128), chars(129)],
  ['Region', chars(16), chars(17)],
  ['AwsAccountName', chars(50), chars(51)],
  ['Types', items(50, () => 'TTPs'), items(51, () => 'TTPs')],
  ['Confidence', 100, 101],
  ['Criticality', 100, 101],
  ['Severity.Normalized', 100, 101],
  ['Severity.Original', chars(64), chars(65)],
  ['Resources', items(32, resource), items(33, resource)],
  ['Resources[0].Type', chars(256), chars(257)],
  ['Resources[0].Region', chars(16), chars(17)],
  ['ProductFields', fields(50), fields(51)],
  ['UserDefinedFields', fields(50), fields(51)],
  ['ProductFields.key', chars(2048), chars(2049)],
  ['UserDefinedFields.key', chars(1024), chars(1025)],
  ['Malware', items(5, () => ({ Name: 'm' })), items(6, () => ({ Name: 'm' }))],
  ['Malware[0].Name', chars(64), chars(65)],
  ['Malware[0].Path', chars(512), chars(513)],
  ['ThreatIntelIndicators', items(5, () => ({ Value: 'v' })), items(6, () => ({ Value: 'v' }))],
  ['Threats', items(32, () => ({ Name: 't' })), items(33, () => ({ Name: 't' }))],
  ['RelatedFindings', items(10, related), items(11, related)],
  ['Compliance.RelatedRequirements', items(32, (i) => `req-${i}`), items(33, (i) => `req-${i}`)],
  ['Note.Text', chars(512), chars(513)],
  ['Note.UpdatedBy', chars(512), chars(513)],
  ['Remediation.Recommendation.Text', chars(512), chars(513)],
  ['FindingProviderFields.Confidence', 100, 101],
  ['FindingProviderFields.Criticality', 100, 101],
  ['FindingProviderFields.Types', items(50, () => 'Effects'), items(51, () => 'Effects')],
  ['FindingProviderFields.RelatedFindings', items(10, related), items(11, related)],
  ['FindingProviderFields.Severity.Original', chars(64), chars(65)],
  ['GeneratorDetails.Labels', items(10, () => 'l'), items(11, () => 'l')],
  ['PatchSummary.Id', chars(256), chars(257)],
];

/** [field path, value at the lower limit, value just below it]. */
const LOWER_LIMITS: Array<[string, unknown, unknown]> = [
  ['Confidence', 0, -1],
  ['Criticality', 0, -1],
  ['Severity.Normalized', 0, -1],
  ['ProductArn', chars(12), chars(11)],
  ['Resources', [resource(0)], []],
  ['RelatedFindings', [related(0)], []],
  ['Title', 'x', ''],
];

describe('validateFinding: documented limits', () => {
  it.each(LIMITS)('accepts %s at its upper limit', (path, atLimit) => {
    // Prepare
    const finding = withValue(fullFinding(), path, atLimit);

    // Act
    const result = validateFinding(finding);

    // Assess
    expect(result).toMatchObject({ ok: true });
  });

  it.each(LIMITS)('rejects %s past its upper limit, naming the field', (path, _atLimit, over) => {
    // Prepare
    const finding = withValue(fullFinding(), path, over);

    // Act
    const result = validateFinding(finding);

    // Assess
    expect(result).toMatchObject({ ok: false, errorCode: 'InvalidInput', path });
    expect(!result.ok && result.message).toContain(`data.${path}`);
  });

  it.each(LOWER_LIMITS)('accepts %s at its lower limit', (path, atLimit) => {
    // Prepare
    const finding = withValue(fullFinding(), path, atLimit);

    // Act
    const result = validateFinding(finding);

    // Assess
    expect(result).toMatchObject({ ok: true });
  });

  it.each(LOWER_LIMITS)('rejects %s below its lower limit, naming the field', (path, _atLimit, under) => {
    // Prepare
    const finding = withValue(fullFinding(), path, under);

    // Act
    const result = validateFinding(finding);

    // Assess
    expect(result).toMatchObject({ ok: false, errorCode: 'InvalidInput', path });
  });

  it.each(['ProductFields', 'UserDefinedFields'])('accepts a %s key of 128 characters', (map) => {
    // Prepare
    const finding = withValue(fullFinding(), map, { [chars(128)]: 'v' });

    // Act
    const result = validateFinding(finding);

    // Assess
    expect(result).toMatchObject({ ok: true });
  });

  it.each(['ProductFields', 'UserDefinedFields'])('rejects a %s key of 129 characters, naming the key', (map) => {
    // Prepare
    const finding = withValue(fullFinding(), map, { [chars(129)]: 'v' });

    // Act
    const result = validateFinding(finding);

    // Assess
    expect(result).toMatchObject({ ok: false, errorCode: 'InvalidInput', path: `${map}.${chars(129)}` });
    expect(!result.ok && result.message).toContain(`data.${map} property name '${chars(129)}'`);
  });

  it('names a map key that is not an identifier in brackets', () => {
    // Prepare
    const finding = withValue(fullFinding(), 'ProductFields', { 'aws/guardduty/service': 7 } as Json);

    // Act
    const result = validateFinding(finding);

    // Assess
    expect(result).toMatchObject({ ok: false, path: 'ProductFields["aws/guardduty/service"]' });
  });

  it.each([
    ['11 digits', '12345678901'],
    ['13 digits', '1234567890123'],
    ['letters', '12345678901a'],
  ])('rejects an AwsAccountId of %s', (_name, accountId) => {
    // Prepare
    const finding = withValue(fullFinding(), 'AwsAccountId', accountId);

    // Act
    const result = validateFinding(finding);

    // Assess
    expect(result).toMatchObject({ ok: false, errorCode: 'InvalidInput', path: 'AwsAccountId' });
  });

  it.each([
    'Software and Configuration Checks',
    'TTPs/Defense Evasion',
    'TTPs/Defense Evasion/CloudTrailStopped',
    'Unusual Behaviors/User/Unusual Login',
    'Sensitive Data Identifications/PII',
    // Free-form types as Prowler 3 sent them to Security Hub (2022-2025), which accepted them.
    'IAM',
    'Data Protection',
    'CIS AWS Foundations Benchmark',
  ])('accepts the finding type %s', (type) => {
    // Prepare
    const finding = withValue(fullFinding(), 'Types', [type]);

    // Act
    const result = validateFinding(finding);

    // Assess
    expect(result).toMatchObject({ ok: true });
  });

  it.each(['', '   '])('rejects the blank finding type %p, naming the item', (type) => {
    // Prepare
    const finding = withValue(fullFinding(), 'Types', ['Effects', type]);

    // Act
    const result = validateFinding(finding);

    // Assess
    expect(result).toMatchObject({ ok: false, errorCode: 'InvalidInput', path: 'Types[1]' });
  });
});

describe('validateFinding: ProductFields as Security Hub stores and exports them', () => {
  it('accepts an empty value (GuardDuty findings exported from Security Hub carry them)', () => {
    // Prepare
    const finding = withValue(fullFinding(), 'ProductFields', { 'aws/guardduty/service/additionalInfo/value': '' });

    // Act
    const result = validateFinding(finding);

    // Assess
    expect(result).toMatchObject({ ok: true });
  });

  it("does not count the hub's own aws/securityhub/* and opensecurityhub/* keys against the 50 keys", () => {
    // Prepare
    const own = { 'aws/securityhub/FindingId': 'f', 'aws/securityhub/ProductName': 'GuardDuty', 'opensecurityhub/Priority': '80' };
    const finding = withValue(fullFinding(), 'ProductFields', { ...fields(50), ...own });

    // Act
    const result = validateFinding(finding);

    // Assess
    expect(result).toMatchObject({ ok: true });
  });

  it('rejects 51 provider keys even beside the hub keys, naming ProductFields', () => {
    // Prepare
    const finding = withValue(fullFinding(), 'ProductFields', { ...fields(51), 'aws/securityhub/FindingId': 'f' });

    // Act
    const result = validateFinding(finding);

    // Assess
    expect(result).toMatchObject({ ok: false, errorCode: 'InvalidInput', path: 'ProductFields' });
    expect(!result.ok && result.message).toContain('data.ProductFields should NOT have more than 50 properties');
  });
});

describe('validateFinding: enumerations', () => {
  it.each([
    ['SchemaVersion', '2018-10-09'],
    ['Severity.Label', 'SEVERE'],
    ['Compliance.Status', 'PASS'],
    ['VerificationState', 'MAYBE'],
    ['WorkflowState', 'NOTIFIED'],
    ['Workflow.Status', 'CLOSED'],
    ['RecordState', 'DELETED'],
    ['Resources[0].Partition', 'aws-eu'],
    ['Malware[0].Type', 'BACKDOOR'],
    ['ThreatIntelIndicators[0].Type', 'IP'],
    ['Network.Direction', 'BOTH'],
    ['FindingProviderFields.Severity.Label', 'low'],
  ])('rejects %s = %s, naming the field', (path, value) => {
    // Prepare
    const finding = withValue(fullFinding(), path, value);

    // Act
    const result = validateFinding(finding);

    // Assess
    expect(result).toMatchObject({ ok: false, errorCode: 'InvalidInput', path });
    expect(!result.ok && result.message).toMatch(new RegExp(`data\\.${path.replace(/[.[\]]/g, '\\$&')} should be equal to`));
  });

  it('lists the allowed values in the message', () => {
    // Prepare
    const finding = withValue(fullFinding(), 'RecordState', 'DELETED');

    // Act
    const result = validateFinding(finding);

    // Assess
    expect(!result.ok && result.message).toBe(
      'Finding does not adhere to Amazon Security Finding Format. data.RecordState should be equal to one of the allowed values: ACTIVE, ARCHIVED',
    );
  });

  it.each([
    ['Severity.Label', ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL']],
    ['Compliance.Status', ['PASSED', 'WARNING', 'FAILED', 'NOT_AVAILABLE']],
    ['VerificationState', ['UNKNOWN', 'TRUE_POSITIVE', 'FALSE_POSITIVE', 'BENIGN_POSITIVE']],
    ['Workflow.Status', ['NEW', 'NOTIFIED', 'RESOLVED', 'SUPPRESSED']],
    ['RecordState', ['ACTIVE', 'ARCHIVED']],
  ])('accepts every documented value of %s', (path, values) => {
    // Prepare
    const findings = values.map((value) => withValue(fullFinding(), path, value));

    // Act
    const results = findings.map(validateFinding);

    // Assess
    expect(results.map((r) => r.ok)).toEqual(values.map(() => true));
  });
});
