import {
  BatchImportFindingsCommand,
  CreateInsightCommand,
  type CreateInsightCommandInput,
  DeleteInsightCommand,
  GetFindingsCommand,
  GetInsightResultsCommand,
  GetInsightsCommand,
  InvalidInputException,
  LimitExceededException,
  ResourceNotFoundException,
  UpdateInsightCommand,
  type AwsSecurityFinding,
  type AwsSecurityFindingFilters,
  type SecurityHubClient,
} from '@aws-sdk/client-securityhub';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createApi } from '../../../lambdas/api/api';
import { matchesFilters } from '../../../lambdas/filters/match';
import { valuesOf } from '../../../lambdas/filters/fields';
import { validateFilters } from '../../../lambdas/filters/validate';
import type { FilterKey } from '../../../lambdas/filters/types';
import { normalizerFor } from '../../../bin/cli/normalize';
import { FindingsStore } from '../../../lambdas/store/findings-store';
import { managedInsightArn } from '../../../lambdas/triage/insights/insight';
import { DynamoInsightStore } from '../../../lambdas/triage/insights/insight-store';
import { Insights } from '../../../lambdas/triage/insights/insights';
import { MANAGED_INSIGHTS } from '../../../lambdas/triage/insights/managed-insights';
import { serveApi, type ServedApi } from '../../support/api-server';
import { startDynalite, type LocalDynamo } from '../../support/dynalite';
import { loadEvent, setAt } from '../../support/events';
import { aFinding } from '../../support/findings';
import { FIXTURE_DIRS } from '../../support/fixtures';

const NOW = new Date('2026-11-27T12:00:00.000Z');
const CUSTOM_PREFIX = 'arn:aws:securityhub:us-east-1:000000000000:insight/000000000000/custom/';
const CRITICAL: AwsSecurityFindingFilters = { SeverityLabel: [{ Value: 'CRITICAL', Comparison: 'EQUALS' }] };

/** The API with findings and insights on a fresh table, served for the SDK. */
async function startHub(dynamo: LocalDynamo): Promise<ServedApi> {
  const tableName = await dynamo.newFindingsTable();
  const findings = new FindingsStore({ client: dynamo.client, tableName, now: () => NOW });
  const insights = new Insights({ repository: new DynamoInsightStore({ client: dynamo.client, tableName, now: () => NOW }), findings });
  return serveApi(createApi({ findings, insights }));
}

async function importAll(client: SecurityHubClient, findings: AwsSecurityFinding[]): Promise<void> {
  for (let start = 0; start < findings.length; start += 100) {
    const { FailedCount, FailedFindings } = await client.send(new BatchImportFindingsCommand({ Findings: findings.slice(start, start + 100) }));
    expect({ FailedCount, FailedFindings }).toEqual({ FailedCount: 0, FailedFindings: [] });
  }
}

/** Every stored finding, read page by page through GetFindings without filters. */
async function storedFindings(client: SecurityHubClient): Promise<AwsSecurityFinding[]> {
  const all: AwsSecurityFinding[] = [];
  let NextToken: string | undefined;
  do {
    const page = await client.send(new GetFindingsCommand({ MaxResults: 100, NextToken }));
    all.push(...(page.Findings ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return all;
}

/** The oracle: filter every stored finding, count each distinct value once per finding, top 100. */
function bruteForce(findings: AwsSecurityFinding[], filters: object, groupBy: string) {
  const checked = validateFilters(filters);
  const counts = new Map<string, number>();
  for (const finding of findings.filter((candidate) => matchesFilters(candidate, checked, NOW))) {
    for (const value of new Set(valuesOf(finding, groupBy as FilterKey).map(String))) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return [...counts]
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .slice(0, 100)
    .map(([GroupByAttributeValue, Count]) => ({ GroupByAttributeValue, Count }));
}

/** A deterministic pseudo-random source (mulberry32), so a failure replays. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('insights through @aws-sdk/client-securityhub, on the real stores', () => {
  let dynamo: LocalDynamo;

  beforeAll(async () => {
    dynamo = await startDynalite();
  });
  afterAll(() => dynamo.stop());

  describe('custom insights', () => {
    let hub: ServedApi;

    beforeAll(async () => {
      hub = await startHub(dynamo);
    });
    afterAll(() => hub.stop());

    it('creates, lists, reads, updates and deletes an insight', async () => {
      const { InsightArn } = await hub.client.send(new CreateInsightCommand({ Name: 'Critical by account', Filters: CRITICAL, GroupByAttribute: 'AwsAccountId' }));
      expect(InsightArn).toMatch(new RegExp(`^${CUSTOM_PREFIX}[0-9a-f-]{36}$`));

      const listed = await hub.client.send(new GetInsightsCommand({}));
      expect(listed.Insights).toEqual([{ InsightArn, Name: 'Critical by account', Filters: CRITICAL, GroupByAttribute: 'AwsAccountId' }]);

      await hub.client.send(new UpdateInsightCommand({ InsightArn, Name: 'Critical by resource', GroupByAttribute: 'ResourceId' }));
      const [updated] = (await hub.client.send(new GetInsightsCommand({ InsightArns: [InsightArn!] }))).Insights ?? [];
      expect(updated).toEqual({ InsightArn, Name: 'Critical by resource', Filters: CRITICAL, GroupByAttribute: 'ResourceId' });

      expect(await hub.client.send(new DeleteInsightCommand({ InsightArn }))).toMatchObject({ InsightArn });
      await expect(hub.client.send(new GetInsightsCommand({ InsightArns: [InsightArn!] }))).rejects.toBeInstanceOf(ResourceNotFoundException);
      await expect(hub.client.send(new DeleteInsightCommand({ InsightArn }))).rejects.toBeInstanceOf(ResourceNotFoundException);
      await expect(hub.client.send(new UpdateInsightCommand({ InsightArn, Name: 'again' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
      await expect(hub.client.send(new GetInsightResultsCommand({ InsightArn }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    });

    it.each<[string, CreateInsightCommandInput, string]>([
      ['an unknown group-by attribute', { Name: 'x', Filters: {}, GroupByAttribute: 'Colour' }, "Invalid parameter 'GroupByAttribute': 'Colour'"],
      ['a map attribute as group-by', { Name: 'x', Filters: {}, GroupByAttribute: 'ResourceTags' }, "'ResourceTags' is not an attribute insights can group by"],
      [
        'CONTAINS, which only automation rules accept',
        { Name: 'x', Filters: { Title: [{ Value: 'root', Comparison: 'CONTAINS' }] }, GroupByAttribute: 'ResourceId' },
        'Filters.Title[0]',
      ],
      [
        'EQUALS with NOT_EQUALS on one field',
        {
          Name: 'x',
          Filters: {
            SeverityLabel: [
              { Value: 'HIGH', Comparison: 'EQUALS' },
              { Value: 'LOW', Comparison: 'NOT_EQUALS' },
            ],
          },
          GroupByAttribute: 'ResourceId',
        },
        'Filters.SeverityLabel[1].Comparison NOT_EQUALS is invalid here',
      ],
      ['a blank name', { Name: ' ', Filters: {}, GroupByAttribute: 'ResourceId' }, "Invalid parameter 'Name'"],
      ['a name over 128 characters', { Name: 'n'.repeat(129), Filters: {}, GroupByAttribute: 'ResourceId' }, 'at most 128'],
    ])('refuses %s with InvalidInputException naming the member', async (_case, input, message) => {
      const error = await hub.client.send(new CreateInsightCommand(input)).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(InvalidInputException);
      expect((error as Error).message).toContain(message);
    });

    it('checks an update the same way, and leaves the insight as it was', async () => {
      const { InsightArn } = await hub.client.send(new CreateInsightCommand({ Name: 'kept', Filters: CRITICAL, GroupByAttribute: 'ResourceId' }));
      await expect(hub.client.send(new UpdateInsightCommand({ InsightArn, GroupByAttribute: 'CreatedAt' }))).rejects.toBeInstanceOf(InvalidInputException);
      const [kept] = (await hub.client.send(new GetInsightsCommand({ InsightArns: [InsightArn!] }))).Insights ?? [];
      expect(kept).toMatchObject({ Name: 'kept', GroupByAttribute: 'ResourceId' });
      await hub.client.send(new DeleteInsightCommand({ InsightArn }));
    });

    it('refuses to update or delete a managed insight', async () => {
      const managed = managedInsightArn('aws', 'securityhub', 1);
      await expect(hub.client.send(new UpdateInsightCommand({ InsightArn: managed, Name: 'mine' }))).rejects.toThrow('managed insights cannot be updated');
      await expect(hub.client.send(new DeleteInsightCommand({ InsightArn: managed }))).rejects.toThrow(InvalidInputException);
    });

    it('answers an ARN that names no insight with InvalidInputException, and a managed number that does not exist with ResourceNotFoundException', async () => {
      await expect(hub.client.send(new GetInsightResultsCommand({ InsightArn: 'not-an-arn' }))).rejects.toBeInstanceOf(InvalidInputException);
      await expect(hub.client.send(new GetInsightResultsCommand({ InsightArn: managedInsightArn('aws', 'securityhub', 2) }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    });

    it('lists custom insights only, unless managed ones are asked for by ARN', async () => {
      const { InsightArn } = await hub.client.send(new CreateInsightCommand({ Name: 'only custom', Filters: {}, GroupByAttribute: 'Type' }));
      const listed = await hub.client.send(new GetInsightsCommand({}));
      expect(listed.Insights?.every((insight) => insight.InsightArn?.startsWith(CUSTOM_PREFIX))).toBe(true);

      const managed = managedInsightArn('aws', 'securityhub', 10);
      const asked = await hub.client.send(new GetInsightsCommand({ InsightArns: [managed, InsightArn!] }));
      expect(asked.Insights?.map((insight) => insight.InsightArn)).toEqual([managed, InsightArn]);
      expect(asked.Insights?.[0]).toMatchObject({ Name: 'S3 buckets with public write or read permissions', GroupByAttribute: 'ResourceId' });
      expect(asked.Insights?.[0].Filters?.ResourceType).toEqual([{ Value: 'AwsS3Bucket', Comparison: 'EQUALS' }]);
      await hub.client.send(new DeleteInsightCommand({ InsightArn }));
    });

    it('pages through the list with a token bound to the request', async () => {
      const created = [];
      for (let index = 0; index < 5; index += 1) {
        created.push((await hub.client.send(new CreateInsightCommand({ Name: `page ${index}`, Filters: {}, GroupByAttribute: 'ResourceId' }))).InsightArn);
      }
      const seen: string[] = [];
      let NextToken: string | undefined;
      let pages = 0;
      do {
        const page = await hub.client.send(new GetInsightsCommand({ MaxResults: 2, NextToken }));
        seen.push(...(page.Insights ?? []).map((insight) => insight.InsightArn!));
        NextToken = page.NextToken;
        pages += 1;
      } while (NextToken);
      expect(pages).toBe(3);
      expect(seen.sort()).toEqual([...created].sort());

      const first = await hub.client.send(new GetInsightsCommand({ MaxResults: 2 }));
      await expect(hub.client.send(new GetInsightsCommand({ InsightArns: [created[0]!], NextToken: first.NextToken }))).rejects.toBeInstanceOf(InvalidInputException);
      for (const InsightArn of created) await hub.client.send(new DeleteInsightCommand({ InsightArn }));
    });
  });

  describe('the limit of 100 custom insights', () => {
    let hub: ServedApi;

    beforeAll(async () => {
      hub = await startHub(dynamo);
    });
    afterAll(() => hub.stop());

    it('holds when 120 creates race: 100 land, 20 get LimitExceededException; a delete frees a slot', async () => {
      const outcomes = await Promise.allSettled(
        Array.from({ length: 120 }, (_, index) => hub.client.send(new CreateInsightCommand({ Name: `race ${index}`, Filters: {}, GroupByAttribute: 'ResourceId' }))),
      );
      const created = outcomes.filter((outcome) => outcome.status === 'fulfilled');
      const refused = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
      expect(created).toHaveLength(100);
      expect(refused).toHaveLength(20);
      expect(refused.every((outcome) => outcome.reason instanceof LimitExceededException)).toBe(true);

      const first = await hub.client.send(new GetInsightsCommand({}));
      expect(first.Insights).toHaveLength(100);
      expect(first.NextToken).toBeUndefined();

      await hub.client.send(new DeleteInsightCommand({ InsightArn: first.Insights![0].InsightArn }));
      await expect(hub.client.send(new CreateInsightCommand({ Name: 'after a delete', Filters: {}, GroupByAttribute: 'ResourceId' }))).resolves.toHaveProperty('InsightArn');
      await expect(hub.client.send(new CreateInsightCommand({ Name: 'one too many', Filters: {}, GroupByAttribute: 'ResourceId' }))).rejects.toBeInstanceOf(LimitExceededException);
    });
  });

  describe('results of custom insights', () => {
    let hub: ServedApi;
    let stored: AwsSecurityFinding[];

    beforeAll(async () => {
      hub = await startHub(dynamo);
      const next = random(5);
      const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
      const findings = Array.from({ length: 400 }, (_, index) =>
        aFinding({
          Id: `random-${index}`,
          AwsAccountId: pick(['111111111111', '222222222222', '333333333333', '444444444444', '555555555555']),
          Severity: { Label: pick(['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL']) },
          Types: [pick(['TTPs/Discovery/Recon', 'Effects/Data Exposure/Public', 'Software and Configuration Checks/Vulnerabilities/CVE'])],
          RecordState: pick(['ACTIVE', 'ACTIVE', 'ARCHIVED']),
          Resources: Array.from({ length: 1 + Math.floor(next() * 3) }, () => ({ Type: pick(['AwsS3Bucket', 'AwsEc2Instance']), Id: `resource-${Math.floor(next() * 30)}` })),
        }),
      );
      await importAll(hub.client, findings);
      stored = await storedFindings(hub.client);
      expect(stored).toHaveLength(400);
    });
    afterAll(() => hub.stop());

    it.each<[string, AwsSecurityFindingFilters, string]>([
      ['every finding by account', {}, 'AwsAccountId'],
      ['critical findings by account', CRITICAL, 'AwsAccountId'],
      ['active findings by resource (several resources a finding)', { RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' }] }, 'ResourceId'],
      [
        'EC2 findings not LOW by severity',
        { ResourceType: [{ Value: 'AwsEc2Instance', Comparison: 'EQUALS' }], SeverityLabel: [{ Value: 'LOW', Comparison: 'NOT_EQUALS' }] },
        'SeverityLabel',
      ],
      ['TTPs by workflow status', { Type: [{ Value: 'TTPs', Comparison: 'PREFIX' }] }, 'WorkflowStatus'],
      ['every finding by Id (400 groups, the top 100 kept)', {}, 'Id'],
      ['nothing matching', { AwsAccountId: [{ Value: '999999999999', Comparison: 'EQUALS' }] }, 'ResourceId'],
    ])('counts %s as a brute-force count over the stored findings does', async (_case, Filters, GroupByAttribute) => {
      const { InsightArn } = await hub.client.send(new CreateInsightCommand({ Name: _case, Filters, GroupByAttribute }));
      const { InsightResults } = await hub.client.send(new GetInsightResultsCommand({ InsightArn }));
      expect(InsightResults?.InsightArn).toBe(InsightArn);
      expect(InsightResults?.GroupByAttribute).toBe(GroupByAttribute);
      expect(InsightResults?.ResultValues).toEqual(bruteForce(stored, Filters, GroupByAttribute));
      expect(InsightResults?.ResultValues?.length).toBeLessThanOrEqual(100);
    });

    it('follows an update of the filters', async () => {
      const { InsightArn } = await hub.client.send(new CreateInsightCommand({ Name: 'moving', Filters: CRITICAL, GroupByAttribute: 'AwsAccountId' }));
      const LOW: AwsSecurityFindingFilters = { SeverityLabel: [{ Value: 'LOW', Comparison: 'EQUALS' }] };
      await hub.client.send(new UpdateInsightCommand({ InsightArn, Filters: LOW }));
      const { InsightResults } = await hub.client.send(new GetInsightResultsCommand({ InsightArn }));
      expect(InsightResults?.ResultValues).toEqual(bruteForce(stored, LOW, 'AwsAccountId'));
    });
  });

  describe('managed insights over the fixture events of every source', () => {
    let hub: ServedApi;
    let stored: AwsSecurityFinding[];
    const results = async (arn: string) => (await hub.client.send(new GetInsightResultsCommand({ InsightArn: arn }))).InsightResults?.ResultValues;

    beforeAll(async () => {
      hub = await startHub(dynamo);
      const root = FIXTURE_DIRS.events;
      const findings: AwsSecurityFinding[] = [];
      for (const source of readdirSync(root)) {
        for (const file of readdirSync(join(root, source))) {
          const event = loadEvent(source, file);
          // Macie's public-bucket fixture is an archived sample; un-archive it so the open-findings insights see it.
          if (file === 'archived-sample-bucket-public.json') setAt(event, 'detail.archived', false);
          findings.push(...(normalizerFor(event)!.normalize(event) as unknown as AwsSecurityFinding[]));
        }
      }
      await importAll(hub.client, findings);
      stored = await storedFindings(hub.client);
    });
    afterAll(() => hub.stop());

    it('finds the buckets of the Macie S3BucketPublic and the Access Analyzer public-access findings in "S3 buckets with public write or read permissions" (10)', async () => {
      expect(await results(managedInsightArn('aws', 'securityhub', 10))).toEqual([
        { GroupByAttributeValue: 'arn:aws:s3:::macie-sample-finding-bucket', Count: 1 },
        { GroupByAttributeValue: 'arn:aws:s3:::my-bucket', Count: 1 }, // Effects/Data Exposure/External Access Granted on an AwsS3Bucket
      ]);
    });

    it('finds the instance of the Inspector network-reachability finding in "EC2 instances that have ports accessible from the Internet" (18)', async () => {
      expect(await results(managedInsightArn('aws', 'securityhub', 18))).toEqual([
        { GroupByAttributeValue: 'arn:aws:ec2:eu-central-1:111122223333:instance/i-0abc1234def567890', Count: 1 },
      ]);
    });

    it('groups suspicious access keys by principal, leaving out the archived root-credential finding (9)', async () => {
      expect(await results(managedInsightArn('aws', 'securityhub', 9))).toEqual([
        { GroupByAttributeValue: 'alice', Count: 1 },
        { GroupByAttributeValue: 'analytics', Count: 1 },
      ]);
    });

    it('counts EC2 findings per AMI, most first (3)', async () => {
      expect(await results(managedInsightArn('aws', 'securityhub', 3))).toEqual([
        { GroupByAttributeValue: 'ami-0abcdef1234567890', Count: 3 },
        { GroupByAttributeValue: 'ami-0a1b2c3d4e5f60718', Count: 2 },
      ]);
    });

    it.each(MANAGED_INSIGHTS.map((insight) => [`${insight.owner}/${insight.number} ${insight.name}`, insight] as const))(
      '%s counts as a brute-force count over the stored findings does',
      async (_name, insight) => {
        expect(await results(managedInsightArn('aws', insight.owner, insight.number))).toEqual(bruteForce(stored, insight.filters, insight.groupBy));
      },
    );

    it('has results for at least 10 managed insights on this data', async () => {
      const answered = [];
      for (const insight of MANAGED_INSIGHTS) {
        if (((await results(managedInsightArn('aws', insight.owner, insight.number))) ?? []).length > 0) answered.push(insight.number);
      }
      expect(answered.length).toBeGreaterThanOrEqual(10);
    });
  });
});
