import { validateFinding } from '../../../lambdas/asff/validate';
import { fullFinding, minimalFinding, withValue } from '../../fixtures/asff/findings';

const PREFIX = 'Finding does not adhere to Amazon Security Finding Format.';

describe('validateFinding: accepted findings', () => {
  it('accepts a finding with every top-level attribute populated', () => {
    // Prepare
    const finding = fullFinding();

    // Act
    const result = validateFinding(finding);

    // Assess
    expect(result).toEqual({ ok: true, finding });
  });

  it('accepts a finding with only the required attributes', () => {
    // Prepare
    const finding = minimalFinding();

    // Act
    const result = validateFinding(finding);

    // Assess
    expect(result.ok).toBe(true);
  });

  it('returns the input object itself as the typed finding', () => {
    // Prepare
    const finding = minimalFinding();

    // Act
    const result = validateFinding(finding);

    // Assess
    expect(result.ok && result.finding).toBe(finding);
  });

  it('accepts a severity given only as Normalized', () => {
    // Prepare
    const finding = withValue(minimalFinding(), 'Severity', { Normalized: 55 });

    // Act
    const result = validateFinding(finding);

    // Assess
    expect(result.ok).toBe(true);
  });
});

describe('validateFinding: missing required attributes', () => {
  it.each(['SchemaVersion', 'Id', 'ProductArn', 'GeneratorId', 'AwsAccountId', 'CreatedAt', 'UpdatedAt', 'Title', 'Description', 'Resources', 'Severity'])(
    'rejects a finding without %s, naming the field',
    (field) => {
      // Prepare
      const finding = withValue(minimalFinding(), field, undefined);

      // Act
      const result = validateFinding(finding);

      // Assess
      expect(result).toEqual({
        ok: false,
        errorCode: 'InvalidInput',
        path: field,
        message: `${PREFIX} data should have required property '${field}'`,
      });
    },
  );

  it.each([
    ['Resources[0].Type', 'data.Resources[0]', 'Type'],
    ['Resources[0].Id', 'data.Resources[0]', 'Id'],
    ['RelatedFindings[0].Id', 'data.RelatedFindings[0]', 'Id'],
    ['RelatedFindings[0].ProductArn', 'data.RelatedFindings[0]', 'ProductArn'],
    ['Note.Text', 'data.Note', 'Text'],
    ['Note.UpdatedBy', 'data.Note', 'UpdatedBy'],
    ['Note.UpdatedAt', 'data.Note', 'UpdatedAt'],
    ['Malware[0].Name', 'data.Malware[0]', 'Name'],
    ['Vulnerabilities[0].Id', 'data.Vulnerabilities[0]', 'Id'],
    ['PatchSummary.Id', 'data.PatchSummary', 'Id'],
    ['Compliance.StatusReasons[0].ReasonCode', 'data.Compliance.StatusReasons[0]', 'ReasonCode'],
  ])('rejects a finding without %s, naming the nested field', (path, parent, member) => {
    // Prepare
    const finding = withValue(fullFinding(), path, undefined);

    // Act
    const result = validateFinding(finding);

    // Assess
    expect(result).toEqual({
      ok: false,
      errorCode: 'InvalidInput',
      path,
      message: `${PREFIX} ${parent} should have required property '${member}'`,
    });
  });

  it('rejects a severity with neither Label nor Normalized as Security Hub words it', () => {
    // Prepare
    const finding = withValue(minimalFinding(), 'Severity', { Original: '8.3' });

    // Act
    const result = validateFinding(finding);

    // Assess
    expect(result).toEqual({
      ok: false,
      errorCode: 'InvalidInput',
      path: 'Severity.Label',
      message: `${PREFIX} data.Severity should have required property 'Label'`,
    });
  });
});

describe('validateFinding: unknown and mistyped members', () => {
  it('rejects an unknown top-level attribute, naming it', () => {
    // Prepare
    const finding = withValue(minimalFinding(), 'Colour', 'blue');

    // Act
    const result = validateFinding(finding);

    // Assess
    expect(result).toEqual({
      ok: false,
      errorCode: 'InvalidInput',
      path: 'Colour',
      message: `${PREFIX} data should NOT have additional properties ('Colour')`,
    });
  });

  it('rejects an unknown member of a nested object', () => {
    // Prepare
    const finding = withValue(minimalFinding(), 'Resources[0].Colour', 'blue');

    // Act
    const result = validateFinding(finding);

    // Assess
    expect(result).toMatchObject({ ok: false, errorCode: 'InvalidInput', path: 'Resources[0].Colour' });
  });

  it('accepts any members under Resources[].Details', () => {
    // Prepare
    const finding = withValue(minimalFinding(), 'Resources[0].Details', { Other: { Anything: [1, 'two'] } });

    // Act
    const result = validateFinding(finding);

    // Assess
    expect(result.ok).toBe(true);
  });

  it.each([
    ['Title', 42, 'data.Title should be string'],
    ['Sample', 'yes', 'data.Sample should be boolean'],
    ['Resources', {}, 'data.Resources should be array'],
    ['Confidence', 50.5, 'data.Confidence should be integer'],
  ])('rejects %s of the wrong type', (path, value, detail) => {
    // Prepare
    const finding = withValue(fullFinding(), path, value);

    // Act
    const result = validateFinding(finding);

    // Assess
    expect(result).toEqual({ ok: false, errorCode: 'InvalidInput', path, message: `${PREFIX} ${detail}` });
  });

  it.each([
    ['null', null],
    ['an array', [minimalFinding()]],
    ['a string', 'finding'],
  ])('rejects %s as the finding', (_name, input) => {
    // Act
    const result = validateFinding(input);

    // Assess
    expect(result).toEqual({
      ok: false,
      errorCode: 'InvalidInput',
      path: '',
      message: `${PREFIX} data should be object`,
    });
  });

  it('rejects a blank required string', () => {
    // Prepare
    const finding = withValue(minimalFinding(), 'Title', '   ');

    // Act
    const result = validateFinding(finding);

    // Assess
    expect(result).toMatchObject({ ok: false, errorCode: 'InvalidInput', path: 'Title' });
  });

  it.each(['CreatedAt', 'UpdatedAt', 'FirstObservedAt', 'Note.UpdatedAt', 'Process.LaunchedAt'])('rejects a %s that is not an ASFF timestamp', (path) => {
    // Prepare
    const finding = withValue(fullFinding(), path, '2024-05-01 12:00:00');

    // Act
    const result = validateFinding(finding);

    // Assess
    expect(result).toMatchObject({ ok: false, errorCode: 'InvalidInput', path });
  });
});
