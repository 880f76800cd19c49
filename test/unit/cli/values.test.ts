import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError, parseList, parseMap, parseShorthand, parseStructure, parseTimestamp, readValue } from '../../../bin/cli/values';

describe('shorthand', () => {
  it('parses Key=Value pairs', () => {
    expect(parseShorthand('Id=a,ProductArn=arn:aws:securityhub:us-east-1::product/x')).toEqual({
      Id: 'a',
      ProductArn: 'arn:aws:securityhub:us-east-1::product/x',
    });
  });

  it('parses nested structures, lists and quoted values', () => {
    expect(parseShorthand(`SeverityLabel=[{Value=HIGH,Comparison=EQUALS}],Title='a, b'`)).toEqual({
      SeverityLabel: [{ Value: 'HIGH', Comparison: 'EQUALS' }],
      Title: 'a, b',
    });
  });

  it('rejects a value without a key', () => {
    expect(() => parseShorthand('RESOLVED')).toThrow(UsageError);
  });
});

describe('parameter values', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sechub-cli-'));

  it('reads file:// values relative to the working directory', () => {
    writeFileSync(join(dir, 'findings.json'), '[{"Id":"a"}]');
    expect(readValue('file://findings.json', dir)).toBe('[{"Id":"a"}]');
  });

  it('takes a list from a JSON file', () => {
    const path = join(dir, 'list.json');
    writeFileSync(path, '[{"Id":"a"},{"Id":"b"}]');
    expect(parseList([`file://${path}`], '--findings', 'structure')).toEqual([{ Id: 'a' }, { Id: 'b' }]);
  });

  it('reports a missing paramfile as a usage error', () => {
    expect(() => readValue(`file://${join(dir, 'missing.json')}`)).toThrow(/unable to load paramfile/);
  });

  it('takes one list element per value, JSON or shorthand', () => {
    expect(parseList(['Id=a,ProductArn=p', '{"Id":"b","ProductArn":"p"}'], '--finding-identifiers', 'structure')).toEqual([
      { Id: 'a', ProductArn: 'p' },
      { Id: 'b', ProductArn: 'p' },
    ]);
  });

  it('keeps string lists as strings', () => {
    expect(parseList(['Software and Configuration Checks/Vulnerabilities/CVE', 'Effects/Data Exposure'], '--types', 'string')).toEqual([
      'Software and Configuration Checks/Vulnerabilities/CVE',
      'Effects/Data Exposure',
    ]);
  });

  it('turns numeric members of shorthand into numbers', () => {
    expect(parseStructure('Label=HIGH,Normalized=70', '--severity')).toEqual({ Label: 'HIGH', Normalized: 70 });
  });

  it('keeps map values as strings', () => {
    expect(parseMap('ticket=1234,owner=alice', '--user-defined-fields')).toEqual({ ticket: '1234', owner: 'alice' });
  });

  it('reports invalid JSON with the flag', () => {
    expect(() => parseStructure('{"Status":', '--workflow')).toThrow(/Error parsing parameter '--workflow': Invalid JSON/);
  });

  it('accepts ISO 8601 and epoch seconds as timestamps', () => {
    expect(parseTimestamp('2026-01-02T03:04:05Z', '--start-time').toISOString()).toBe('2026-01-02T03:04:05.000Z');
    expect(parseTimestamp('0', '--start-time').toISOString()).toBe('1970-01-01T00:00:00.000Z');
    expect(() => parseTimestamp('soon', '--start-time')).toThrow(UsageError);
  });
});
