import { parseCommandLine } from '../../../bin/cli/args';
import { applyQuery, formatOutput, formatTable, formatText } from '../../../bin/cli/output';
import { UsageError } from '../../../bin/cli/values';

const output = {
  Findings: [
    { Id: 'a', Severity: { Label: 'HIGH' }, Title: 'Open bucket', Types: ['T/1'], Confidence: 80 },
    { Id: 'bb', Severity: { Label: 'LOW' }, Title: 'Old key', Types: ['T/2', 'T/3'] },
  ],
  NextToken: 'tok',
};

describe('--query', () => {
  it('applies JMESPath as the AWS CLI does', () => {
    expect(applyQuery(output, "Findings[?Severity.Label=='HIGH'].Id")).toEqual(['a']);
    expect(applyQuery(output, 'length(Findings)')).toBe(2);
    expect(applyQuery(output, undefined)).toBe(output);
  });

  it('refuses a bad expression as a usage error, at parse time', () => {
    expect(() => applyQuery(output, 'Findings[')).toThrow(UsageError);
    expect(() => parseCommandLine(['get-findings', '--query', 'Findings[?'])).toThrow(/^Bad value for --query Findings\[\?/);
    expect(() => parseCommandLine(['get-findings', '--query', 'nosuchfunction(Findings)'])).toThrow(UsageError);
    expect(parseCommandLine(['get-findings', '--query', 'length(Findings)']).global.query).toBe('length(Findings)');
  });
});

describe('--output text (awscli/text.py)', () => {
  it('prints structures as tab-separated scalars (sorted keys), nested lists under their name in capitals', () => {
    expect(formatText(output)).toBe(
      ['tok', 'FINDINGS\t80\ta\tOpen bucket', 'SEVERITY\tHIGH', 'TYPES\tT/1', 'FINDINGS\t\tbb\tOld key', 'SEVERITY\tLOW', 'TYPES\tT/2', 'TYPES\tT/3', ''].join('\n'),
    );
  });

  it('prints a list of lists one line each, a list of scalars on one line, scalars as Python prints them', () => {
    expect(formatText(applyQuery(output, 'Findings[].[Id, Severity.Label]'))).toBe('a\tHIGH\nbb\tLOW\n');
    expect(formatText(applyQuery(output, 'Findings[].Id'))).toBe('a\tbb\n');
    expect(formatText({ Enabled: true, Missing: null })).toBe('True\tNone\n');
    expect(formatText(null)).toBe('');
  });
});

describe('--output table (awscli/formatter.py layout)', () => {
  // Layouts checked byte for byte against aws-cli 1.45 (test/integration/cli/truth.test.ts compares them when `aws` is installed).
  it('prints a titled box; a structure’s scalars as a header row and a value row, columns scaled to the widest section', () => {
    expect(formatTable({ SuccessCount: 2, FailedCount: 0, FailedFindings: [] }, 'BatchImportFindings')).toBe(
      [
        '---------------------------------',
        '|      BatchImportFindings      |',
        '+--------------+----------------+',
        '|  FailedCount | SuccessCount   |',
        '+--------------+----------------+',
        '|  0           |  2             |',
        '+--------------+----------------+',
        '',
      ].join('\n'),
    );
  });

  it('prints a list of structures as columns, nested members as indented sections', () => {
    const table = formatTable(output, 'GetFindings');
    const lines = table.trimEnd().split('\n');
    expect(new Set(lines.map((line) => line.length)).size).toBe(1);
    expect(lines[0]).toMatch(/^-+$/);
    expect(lines[1]).toMatch(/^\| +GetFindings +\|$/);
    expect(table).toMatch(/^\|\| +Findings +\|\|$/m);
    expect(table).toMatch(/^\|\| +Confidence +\| +Id +\| +Title +\|\|$/m);
    expect(table).toMatch(/^\|\| {2}80 +\| {2}a +\| {2}Open bucket +\|\|$/m);
    expect(table).toMatch(/^\|\|\| +Severity +\|\|\|$/m);
    expect(table).toMatch(/^\|\|\| {2}T\/3 +\|\|\|$/m);
  });

  it('prints one-row sections as key/value rows when the table is wider than the terminal', () => {
    const wide = { Name: 'x'.repeat(60), Arn: 'y'.repeat(40) };
    expect(formatTable(wide, 'T', { terminalWidth: 200 })).toMatch(/^\| +Arn +\| +Name +\|$/m);
    expect(formatTable(wide, 'T', { terminalWidth: 80 })).toMatch(/^\| {2}Arn +\| {2}y{40} +\|$/m);
  });

  it('keeps the order of a responder view’s columns when asked', () => {
    const rows = { Findings: [{ Severity: 'HIGH', Title: 't', Id: 'x' }] };
    expect(formatOutput(rows, 'table', 'Findings', { keepOrder: true })).toMatch(/\| +Severity +\| +Title +\| +Id +\|/);
    expect(formatOutput(rows, 'table', 'Findings')).toMatch(/\| +Id +\| +Severity +\| +Title +\|/);
    expect(formatOutput(rows, 'json', 'Findings')).toBe(`${JSON.stringify(rows, null, 4)}\n`);
  });
});
