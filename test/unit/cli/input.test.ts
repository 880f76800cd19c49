import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCommandLine } from '../../../bin/cli/args';
import { findCommand } from '../../../bin/cli/commands';
import { skeletonFor } from '../../../bin/cli/input';
import { kebabCase, sdkCommandNames } from '../../../bin/cli/sdk-commands';
import { UsageError } from '../../../bin/cli/values';

function usageError(argv: string[]): string {
  try {
    parseCommandLine(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`accepted: ${argv.join(' ')}`);
}

const filter = (value: unknown) => JSON.stringify({ SeverityLabel: [{ Value: value, Comparison: 'EQUALS' }] });

describe('input checked against the SDK shapes', () => {
  it('refuses a typo’d filter key, naming the flag, the key and its path, with the look-alike', () => {
    const message = usageError(['get-findings', '--filters', '{"SeverityLabels":[{"Value":"CRITICAL","Comparison":"EQUALS"}]}']);
    expect(message).toMatch(/^--filters: unknown key 'SeverityLabels' at Filters\.SeverityLabels \(did you mean 'SeverityLabel'\?\)/);
  });

  it('refuses unknown keys deep in nested structures, in shorthand too', () => {
    expect(usageError(['get-findings', '--filters', '{"SeverityLabel":[{"Value":"LOW","Comparision":"EQUALS"}]}'])).toMatch(
      /^--filters: unknown key 'Comparision' at Filters\.SeverityLabel\[0\]\.Comparision; Filters\.SeverityLabel\[0\] takes: Value, Comparison$/,
    );
    expect(usageError(['batch-update-findings', '--finding-identifiers', 'Id=a,ProductArn=p', '--workflow', 'State=RESOLVED'])).toMatch(
      /^--workflow: unknown key 'State' at Workflow\.State/,
    );
  });

  it('refuses wrong types with the path', () => {
    expect(usageError(['get-findings', '--filters', filter(5)])).toBe('--filters: invalid type for Filters.SeverityLabel[0].Value: expected a string, got number 5');
    expect(usageError(['get-findings', '--filters', '{"SeverityLabel":{"Value":"LOW"}}'])).toMatch(
      /^--filters: invalid type for Filters\.SeverityLabel: expected a list, got a structure/,
    );
    expect(usageError(['batch-update-findings', '--finding-identifiers', 'Id=a,ProductArn=p', '--severity', '{"Normalized":"40"}'])).toMatch(
      /^--severity: invalid type for Severity\.Normalized: expected a number, got string "40"/,
    );
  });

  it('refuses a nested structure missing a required member', () => {
    expect(usageError(['batch-update-findings', '--finding-identifiers', 'Id=a', '--workflow', 'Status=NEW'])).toBe(
      "--finding-identifiers: missing required key 'FindingIdentifiers[0].ProductArn'",
    );
  });

  it('converts shorthand strings to the model’s numbers, and timestamps to dates', () => {
    const line = parseCommandLine(['batch-update-findings', '--finding-identifiers', 'Id=a,ProductArn=p', '--severity', 'Normalized=40', '--note', 'Text=1,UpdatedBy=2']);
    expect(line.input).toMatchObject({ Severity: { Normalized: 40 }, Note: { Text: '1', UpdatedBy: '2' } });
    const history = parseCommandLine(['get-finding-history', '--cli-input-json', '{"FindingIdentifier":{"Id":"a","ProductArn":"p"},"StartTime":"2026-01-01T00:00:00Z"}']);
    expect(history.input.StartTime).toEqual(new Date('2026-01-01T00:00:00Z'));
  });

  it('checks our own operations’ structures against the shapes their flags name', () => {
    expect(usageError(['list-remediations', '--finding-identifier', 'Id=a,Product=p'])).toMatch(/^--finding-identifier: unknown key 'Product' at FindingIdentifier\.Product/);
    expect(usageError(['dry-run-automation-rule', '--rule', '{"RuleName":"r","Criteria":{"SeverityLabels":[]}}'])).toMatch(
      /^--rule: unknown key 'SeverityLabels' at Rule\.Criteria\.SeverityLabels/,
    );
  });

  it('takes --cli-input-json inline or from a file; flags override its members; its unknown keys are refused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sechub-input-'));
    writeFileSync(join(dir, 'input.json'), JSON.stringify({ Filters: JSON.parse(filter('LOW')), MaxResults: 5 }));
    const fromFile = parseCommandLine(['get-findings', '--cli-input-json', `file://${join(dir, 'input.json')}`, '--max-results', '7']);
    expect(fromFile.input).toEqual({ Filters: { SeverityLabel: [{ Value: 'LOW', Comparison: 'EQUALS' }] }, MaxResults: 7 });
    expect(fromFile.paging.paginate).toBe(false);
    expect(usageError(['get-findings', '--cli-input-json', '{"Filter":{}}'])).toMatch(/^--cli-input-json: unknown key 'Filter' at Filter \(did you mean 'Filters'\?\)/);
    expect(usageError(['get-remediation', '--cli-input-json', '{"Id":"x","RemediationId":"r"}'])).toMatch(/^--cli-input-json: unknown key 'Id'/);
    expect(parseCommandLine(['batch-import-findings', '--cli-input-json', '{"Findings":[]}']).input).toEqual({ Findings: [] });
    expect(usageError(['batch-import-findings', '--cli-input-json', '{}'])).toBe('the following arguments are required: --findings');
  });

  it('serves every Security Hub operation of the SDK as a subcommand named as the AWS CLI names it', () => {
    expect(kebabCase('ListEnabledProductsForImport')).toBe('list-enabled-products-for-import');
    expect(kebabCase('GetFindingsV2')).toBe('get-findings-v2');
    expect(kebabCase('AutomationRulesArns')).toBe('automation-rules-arns');
    expect(sdkCommandNames()).toEqual(expect.arrayContaining(['describe-hub', 'enable-security-hub', 'tag-resource', 'describe-products']));
    expect(sdkCommandNames().length).toBeGreaterThan(100);
    const line = parseCommandLine(['tag-resource', '--resource-arn', 'arn:r', '--tags', 'team=sec']);
    expect(line).toMatchObject({ command: { operation: 'TagResource' }, input: { ResourceArn: 'arn:r', Tags: { team: 'sec' } } });
    expect(usageError(['tag-resource', '--resource-arn', 'arn:r'])).toBe('the following arguments are required: --tags');
    expect(parseCommandLine(['enable-security-hub', '--no-enable-default-standards']).input).toEqual({ EnableDefaultStandards: false });
    expect(parseCommandLine(['enable-security-hub', '--enable-default-standards']).input).toEqual({ EnableDefaultStandards: true });
  });
});

describe('--generate-cli-skeleton', () => {
  it('prints the input shape with placeholders, nested structures included', () => {
    const skeleton = skeletonFor(findCommand('get-findings')!, 'input');
    expect(Object.keys(skeleton)).toEqual(['Filters', 'SortCriteria', 'NextToken', 'MaxResults']);
    expect((skeleton.Filters as Record<string, unknown>).SeverityLabel).toEqual([{ Value: '', Comparison: '' }]);
    expect((skeleton.Filters as Record<string, unknown>).UpdatedAt).toEqual([{ Start: '', End: '', DateRange: { Value: 0, Unit: '', Comparison: '' } }]);
    expect(parseCommandLine(['get-findings', '--generate-cli-skeleton']).skeleton).toBe('input');
    expect(parseCommandLine(['get-findings', '--generate-cli-skeleton', 'output']).skeleton).toBe('output');
  });

  it('prints the output shape; a skeleton for each operation, recursive shapes bounded', () => {
    expect(skeletonFor(findCommand('describe-hub')!, 'output')).toEqual({ HubArn: '', SubscribedAt: '', AutoEnableControls: true, ControlFindingGenerator: '' });
    for (const name of sdkCommandNames()) expect(JSON.stringify(skeletonFor(findCommand(name)!, 'input')).length).toBeLessThan(5_000_000);
    expect(skeletonFor(findCommand('remediate')!, 'input')).toMatchObject({ FindingId: '', DryRun: true, Wait: true });
    expect(skeletonFor(findCommand('put-events')!, 'input')).toMatchObject({ Entries: [{ Source: '', DetailType: '', Detail: '' }], Wrap: [{}] });
  });
});
