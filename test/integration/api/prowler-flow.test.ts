import {
  BatchImportFindingsCommand,
  DescribeHubCommand,
  EnableImportFindingsForProductCommand,
  GetFindingsCommand,
  ListEnabledProductsForImportCommand,
  type AwsSecurityFinding,
  type AwsSecurityFindingFilters,
  type SecurityHubClient,
} from '@aws-sdk/client-securityhub';
import { startHubApi, type HubApi } from '../../support/hub-api';

const ACCOUNT = '000000000000';
const REGION = 'us-east-1';
const PROWLER = `arn:aws:securityhub:${REGION}::product/prowler/prowler`;

/** A finding as Prowler 3's json-asff output writes it (free-form Types included). */
function prowlerFinding(check: number, updatedAt: string): AwsSecurityFinding {
  return {
    SchemaVersion: '2018-10-08',
    Id: `prowler-check_${check}-${ACCOUNT}-${REGION}-${check.toString(16).padStart(8, '0')}`,
    ProductArn: PROWLER,
    RecordState: 'ACTIVE',
    ProductFields: { ProviderName: 'Prowler', ProviderVersion: '3.3.0', ProwlerResourceName: `resource-${check}` },
    GeneratorId: `prowler-check_${check}`,
    AwsAccountId: ACCOUNT,
    Types: [check % 2 === 0 ? 'IAM' : 'Software and Configuration Checks'],
    FirstObservedAt: updatedAt,
    UpdatedAt: updatedAt,
    CreatedAt: updatedAt,
    Severity: { Label: check % 3 === 0 ? 'HIGH' : 'MEDIUM' },
    Title: `Check ${check} failed`,
    Description: `Prowler check ${check}`,
    Resources: [{ Type: 'AwsIamRole', Id: `arn:aws:iam::${ACCOUNT}:role/role-${check}`, Partition: 'aws', Region: REGION }],
    Compliance: { Status: 'FAILED', RelatedRequirements: [] },
    Remediation: { Recommendation: { Text: 'Fix it', Url: 'https://docs.prowler.com' } },
  };
}

async function importInBatches(client: SecurityHubClient, findings: AwsSecurityFinding[]): Promise<number> {
  let imported = 0;
  for (let start = 0; start < findings.length; start += 100) {
    const result = await client.send(new BatchImportFindingsCommand({ Findings: findings.slice(start, start + 100) }));
    expect(result.FailedFindings).toEqual([]);
    imported += result.SuccessCount ?? 0;
  }
  return imported;
}

async function allFindings(client: SecurityHubClient, Filters: AwsSecurityFindingFilters): Promise<AwsSecurityFinding[]> {
  const found: AwsSecurityFinding[] = [];
  let NextToken: string | undefined;
  do {
    const page = await client.send(new GetFindingsCommand({ Filters, MaxResults: 100, NextToken }));
    found.push(...(page.Findings ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return found;
}

/** Prowler's archive step: the stored ACTIVE findings of Prowler in this account and Region. */
const prowlerFilter = (state: 'ACTIVE' | 'ARCHIVED'): AwsSecurityFindingFilters => ({
  ProductName: [{ Value: 'Prowler', Comparison: 'EQUALS' }],
  RecordState: [{ Value: state, Comparison: 'EQUALS' }],
  AwsAccountId: [{ Value: ACCOUNT, Comparison: 'EQUALS' }],
  Region: [{ Value: REGION, Comparison: 'EQUALS' }],
});

describe('a Prowler --security-hub run through @aws-sdk/client-securityhub', () => {
  let api: HubApi;

  beforeAll(async () => {
    api = await startHubApi();
  });

  afterAll(async () => {
    await api.stop();
  });

  it('imports, then archives exactly the findings a second run no longer reports', async () => {
    const { client } = api;
    // Prowler checks the Region's hub, enables its integration, and looks for its subscription.
    const hub = await client.send(new DescribeHubCommand({}));
    await client.send(new EnableImportFindingsForProductCommand({ ProductArn: PROWLER }));
    const { ProductSubscriptions } = await client.send(new ListEnabledProductsForImportCommand({}));
    expect(hub.HubArn).toBe(`arn:aws:securityhub:${REGION}:${ACCOUNT}:hub/default`);
    expect(ProductSubscriptions).toContain(`arn:aws:securityhub:${REGION}:${ACCOUNT}:product-subscription/prowler/prowler`);

    // First run: 150 findings, in batches of 100.
    const first = Array.from({ length: 150 }, (_, check) => prowlerFinding(check, '2026-11-01T10:00:00Z'));
    expect(await importInBatches(client, first)).toBe(150);

    // Second run: 60 checks no longer fail; Prowler imports the 90 it found...
    const gone = new Set(first.filter((_, check) => check % 5 < 2).map((finding) => finding.Id));
    const second = first
      .filter((finding) => !gone.has(finding.Id as string))
      .map((finding, index) => prowlerFinding(Number((finding.GeneratorId as string).split('_')[1]), `2026-11-02T10:00:${String(index % 60).padStart(2, '0')}Z`));
    expect(await importInBatches(client, second)).toBe(90);
    // ...then archives what is stored ACTIVE for Prowler but not in this run, by re-importing it ARCHIVED.
    const current = new Set(second.map((finding) => finding.Id));
    const stale = (await allFindings(client, prowlerFilter('ACTIVE'))).filter((finding) => !current.has(finding.Id));
    const archived = stale.map((finding) => ({ ...finding, RecordState: 'ARCHIVED' as const, UpdatedAt: '2026-11-02T11:00:00Z' }));
    expect(await importInBatches(client, archived)).toBe(60);

    expect(new Set(stale.map((finding) => finding.Id))).toEqual(gone);
    expect((await allFindings(client, prowlerFilter('ACTIVE'))).map((finding) => finding.Id).sort()).toEqual([...current].sort());
    expect(new Set((await allFindings(client, prowlerFilter('ARCHIVED'))).map((finding) => finding.Id))).toEqual(gone);
  });
});
