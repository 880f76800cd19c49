import {
  BatchImportFindingsCommand,
  BatchUpdateFindingsCommand,
  GetFindingHistoryCommand,
  GetFindingsCommand,
  InvalidInputException,
  SecurityHubClient,
  type AwsSecurityFinding,
} from '@aws-sdk/client-securityhub';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedDefault, type EmbeddedDefault } from '../../../lib/local/server';
import { PRODUCT_ARN, aFinding } from '../../support/findings';

process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

const finding = (overrides: Record<string, unknown>) => aFinding(overrides) as unknown as AwsSecurityFinding;
const identifier = (Id: string) => ({ Id, ProductArn: PRODUCT_ARN });
const newClient = (endpoint: string) => new SecurityHubClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });

describe('Security Hub API on the embedded default, through @aws-sdk/client-securityhub', () => {
  let local: EmbeddedDefault;
  let client: SecurityHubClient;

  beforeAll(async () => {
    local = await startEmbeddedDefault({ port: 0, dataDir: mkdtempSync(join(tmpdir(), 'sechub-api-')) });
    client = newClient(local.endpoint);
    const findings = [
      finding({ Id: 'high-1', Severity: { Label: 'HIGH' }, UpdatedAt: '2026-11-01T10:00:01.000Z' }),
      finding({ Id: 'high-2', Severity: { Label: 'HIGH' }, UpdatedAt: '2026-11-01T10:00:02.000Z' }),
      finding({ Id: 'high-3', Severity: { Label: 'HIGH' }, UpdatedAt: '2026-11-01T10:00:03.000Z' }),
      finding({ Id: 'high-4', Severity: { Label: 'HIGH' }, UpdatedAt: '2026-11-01T10:00:04.000Z' }),
      finding({ Id: 'low-1', Severity: { Label: 'LOW' } }),
    ];
    const imported = await client.send(new BatchImportFindingsCommand({ Findings: findings }));
    expect(imported).toMatchObject({ SuccessCount: 5, FailedCount: 0 });
  });

  afterAll(async () => {
    client.destroy();
    await local.stop();
  });

  // This test's product only: the simulated member account reports control findings of its own at start.
  const OWN_PRODUCT = { ProductArn: [{ Value: aFinding().ProductArn, Comparison: 'EQUALS' as const }] };

  it('gets the findings a filter selects', async () => {
    const { Findings } = await client.send(new GetFindingsCommand({ Filters: { ...OWN_PRODUCT, SeverityLabel: [{ Value: 'LOW', Comparison: 'EQUALS' }] } }));
    expect(Findings?.map((f) => f.Id)).toEqual(['low-1']);
  });

  it('pages through results with NextToken, each finding once', async () => {
    const ids: string[] = [];
    let NextToken: string | undefined;
    let pages = 0;
    do {
      const page = await client.send(
        new GetFindingsCommand({
          Filters: { ...OWN_PRODUCT, SeverityLabel: [{ Value: 'HIGH', Comparison: 'EQUALS' }] },
          SortCriteria: [{ Field: 'UpdatedAt', SortOrder: 'desc' }],
          MaxResults: 3,
          NextToken,
        }),
      );
      ids.push(...(page.Findings ?? []).map((f) => f.Id as string));
      NextToken = page.NextToken;
      pages += 1;
    } while (NextToken);
    expect(ids).toEqual(['high-4', 'high-3', 'high-2', 'high-1']);
    expect(pages).toBe(2);
  });

  it('updates a finding and shows the change in GetFindings', async () => {
    const updated = await client.send(
      new BatchUpdateFindingsCommand({
        FindingIdentifiers: [identifier('high-1'), identifier('missing')],
        Workflow: { Status: 'RESOLVED' },
        Note: { Text: 'patched', UpdatedBy: 'alice' },
      }),
    );
    expect(updated.ProcessedFindings).toEqual([identifier('high-1')]);
    expect(updated.UnprocessedFindings?.map((u) => u.FindingIdentifier)).toEqual([identifier('missing')]);

    const { Findings } = await client.send(new GetFindingsCommand({ Filters: { Id: [{ Value: 'high-1', Comparison: 'EQUALS' }] } }));
    expect(Findings?.[0]).toMatchObject({ Workflow: { Status: 'RESOLVED' }, Note: { Text: 'patched', UpdatedBy: 'alice' } });
  });

  it('reports the history of an updated finding, newest first, with the caller', async () => {
    await client.send(new BatchUpdateFindingsCommand({ FindingIdentifiers: [identifier('high-2')], Workflow: { Status: 'NOTIFIED' } }));

    const { Records } = await client.send(new GetFindingHistoryCommand({ FindingIdentifier: identifier('high-2') }));
    expect(Records?.[0]).toMatchObject({
      FindingCreated: false,
      UpdateSource: { Type: 'BATCH_UPDATE_FINDINGS', Identity: 'arn:aws:iam::000000000000:user/local' },
    });
    expect(Records?.[0].UpdateTime).toBeInstanceOf(Date);
    expect(Records?.[Records.length - 1]).toMatchObject({ FindingCreated: true });
  });

  it('rejects more than 100 findings with InvalidInputException', async () => {
    const findings = Array.from({ length: 101 }, (_, i) => finding({ Id: `bulk-${i}` }));
    const error = await client.send(new BatchImportFindingsCommand({ Findings: findings })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputException);
    expect((error as InvalidInputException).message).toContain("'Findings': has 101 element(s)");
    expect((error as InvalidInputException).$metadata.httpStatusCode).toBe(400);
  });

  it('rejects a request body that is not JSON with InvalidInputException', async () => {
    const corrupting = newClient(local.endpoint);
    corrupting.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as { body: string; headers: Record<string, string> };
        request.body = '{"Filters": {';
        request.headers['content-length'] = String(request.body.length);
        return next(args);
      },
      { step: 'finalizeRequest', priority: 'low' },
    );
    const error = await corrupting.send(new GetFindingsCommand({})).catch((e: unknown) => e);
    corrupting.destroy();
    expect(error).toBeInstanceOf(InvalidInputException);
    expect((error as Error).message).toMatch(/^The request body is not valid JSON/);
  });

  it('rejects an invalid filter with InvalidInputException', async () => {
    const error = await client.send(new GetFindingsCommand({ Filters: { SeverityLabel: [{ Value: 'HIGH', Comparison: 'ROUGHLY' as never }] } })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputException);
    expect((error as Error).message).toContain('Comparison');
  });

  it('rejects MaxResults above 100 with InvalidInputException', async () => {
    const error = await client.send(new GetFindingsCommand({ MaxResults: 101 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputException);
  });

  it('answers an unknown route with a 404 UnknownOperationException', async () => {
    const response = await fetch(`${local.endpoint}/findings/nope`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(404);
    expect(response.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    expect(await response.json()).toEqual({ Code: 'UnknownOperationException', Message: 'No operation for POST /findings/nope' });
  });

  it('lets only its own origin (the console) read its answers: a page of another origin cannot read the local API', async () => {
    const response = await fetch(`${local.endpoint}/findings`, { method: 'POST', body: '{"MaxResults":1}', headers: { origin: 'https://evil.example' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(local.endpoint);
  });
});
