import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSechub as sechub } from '../../support/cli';
import { startEmbeddedDefault, type EmbeddedDefault } from '../../../lib/local/server';
import { PRODUCT_ARN, aFinding } from '../../support/findings';

process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

describe('sechub CLI against a running embedded default', () => {
  let local: EmbeddedDefault;
  const dir = mkdtempSync(join(tmpdir(), 'sechub-cli-'));

  beforeAll(async () => {
    local = await startEmbeddedDefault({ port: 0, dataDir: join(dir, 'data') });
  });

  afterAll(async () => {
    await local.stop();
  });

  it('imports from a file://, pages through get-findings, updates with shorthand', async () => {
    writeFileSync(join(dir, 'findings.json'), JSON.stringify([aFinding({ Id: 'cli-1' }), aFinding({ Id: 'cli-2' })]));

    const imported = await sechub(['batch-import-findings', '--endpoint-url', local.endpoint, '--findings', `file://${join(dir, 'findings.json')}`]);
    expect(imported).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(imported.stdout)).toEqual({ SuccessCount: 2, FailedCount: 0, FailedFindings: [] });

    const updated = await sechub([
      'batch-update-findings',
      '--endpoint-url',
      local.endpoint,
      '--finding-identifiers',
      `Id=cli-1,ProductArn=${PRODUCT_ARN}`,
      '--workflow',
      'Status=SUPPRESSED',
      '--user-defined-fields',
      'ticket=SEC-1',
    ]);
    expect(JSON.parse(updated.stdout)).toEqual({ ProcessedFindings: [{ Id: 'cli-1', ProductArn: PRODUCT_ARN }], UnprocessedFindings: [] });

    // One finding per page: the CLI follows NextToken to the end, as `aws securityhub get-findings` does.
    const listed = await sechub([
      'get-findings',
      '--endpoint-url',
      local.endpoint,
      '--page-size',
      '1',
      '--sort-criteria',
      'Field=Id,SortOrder=asc',
      '--filters',
      JSON.stringify({ Id: [{ Value: 'cli-', Comparison: 'PREFIX' }] }),
    ]);
    expect(listed.code).toBe(0);
    const { Findings } = JSON.parse(listed.stdout);
    expect(Findings.map((f: { Id: string }) => f.Id)).toEqual(['cli-1', 'cli-2']);
    expect(Findings[0]).toMatchObject({ Workflow: { Status: 'SUPPRESSED' }, UserDefinedFields: { ticket: 'SEC-1' } });
  });

  it('prints the service error to stderr with exit code 254', async () => {
    const tooMany = Array.from({ length: 101 }, (_, i) => aFinding({ Id: `bulk-${i}` }));
    writeFileSync(join(dir, 'too-many.json'), JSON.stringify(tooMany));

    const result = await sechub(['batch-import-findings', '--endpoint-url', local.endpoint, '--findings', `file://${join(dir, 'too-many.json')}`]);

    expect(result.code).toBe(254);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim()).toBe(
      "An error occurred (InvalidInputException) when calling the BatchImportFindings operation: Invalid parameter 'Findings': has 101 element(s); it must have between 1 and 100.",
    );
  });
});
