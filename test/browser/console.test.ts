/**
 * The posture console in a real browser: Debian's Chromium driven by playwright-core (no browser
 * download), against one embedded default shared by every test. Figures on the page are checked
 * against the API's own answers. Without Chromium the suite is skipped with a message on a
 * developer's machine, and fails in CI (CI=true), whose .ci/run installs it.
 */
import { GetFindingHistoryCommand, GetFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { CONFIG_PATHS } from '../../lib/local/config-service';
import { startEmbeddedDefault, type EmbeddedDefault } from '../../lib/local/server';
import { aFinding } from '../support/findings';
import { CHROMIUM, haveChromium, launchChromium } from './chromium';

jest.setTimeout(180_000);

const HAVE_CHROMIUM = haveChromium();

/** The little of the page's DOM the predicates below read (they run in the browser; this project's types have no DOM). */
declare const document: { querySelector(selector: string): { textContent: string | null } | null; querySelectorAll(selector: string): { length: number } };
declare const window: { location: { hash: string } };
const IN_CI = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';
if (!HAVE_CHROMIUM && !IN_CI) {
  console.warn(
    `Skipping the console's browser tests: no Chromium at ${CHROMIUM}. Install it with \`sudo apt-get install -y chromium\` (or set CHROMIUM_PATH), then run \`npm run test:browser\`.`,
  );
}
const suite = HAVE_CHROMIUM || IN_CI ? describe : describe.skip;
/**
 * CONSOLE_TESTS_DEMO=1 runs the same tests over the demo organization as well (its load takes
 * minutes on two busy cores, too long for every `npm test`); by default the tests seed their own data.
 */
const WITH_DEMO = process.env.CONSOLE_TESTS_DEMO === '1';

const ACCOUNTS = ['900000000001', '900000000002', '900000000003']; // not the demo organization's
const REGIONS = ['us-east-1', 'eu-west-1'];
const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];
const OPEN = {
  RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' }],
  WorkflowStatus: [
    { Value: 'NEW', Comparison: 'EQUALS' },
    { Value: 'NOTIFIED', Comparison: 'EQUALS' },
  ],
};

/** 24 findings over 3 accounts, 2 Regions and 4 severities. */
function seedFindings() {
  const now = new Date().toISOString();
  return Array.from({ length: 24 }, (_, index) => {
    const account = ACCOUNTS[index % 3];
    const region = REGIONS[index % 2];
    return aFinding({
      Id: `console-test-${index}`,
      ProductArn: `arn:aws:securityhub:${region}:${account}:product/${account}/default`,
      AwsAccountId: account,
      Region: region,
      CreatedAt: now,
      UpdatedAt: now,
      Severity: { Label: SEVERITIES[index % 4] as 'CRITICAL' },
      Title: `Console test finding ${index}`,
      Resources: [{ Type: index % 2 ? 'AwsEc2Instance' : 'AwsS3Bucket', Id: `arn:aws:s3:::console-test-${index}` }],
    });
  });
}

suite('the posture console in Chromium', () => {
  let local: EmbeddedDefault;
  let hub: SecurityHubClient;
  let browser: BrowserContext;
  let page: Page;
  let profile: string;

  const post = async <T>(path: string, body: unknown): Promise<T> => {
    const response = await fetch(new URL(path, local.endpoint), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const answer = (await response.json()) as T;
    if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(answer)}`);
    return answer;
  };
  const open = async (hash: string) => {
    await page.goto(`${local.endpoint}/console/${hash}`);
  };
  const text = async (selector: string) => ((await page.locator(selector).first().textContent()) ?? '').trim();

  beforeAll(
    async () => {
      if (!HAVE_CHROMIUM) throw new Error(`No Chromium at ${CHROMIUM}: .ci/run installs it (apt-get install -y chromium)`);
      local = await startEmbeddedDefault({
        port: 0,
        dataDir: mkdtempSync(join(tmpdir(), 'sechub-console-')),
        retryBackoffMs: 5,
        logLevel: 'ERROR',
        schedules: false,
        demo: WITH_DEMO,
      });
      if (WITH_DEMO) {
        const loading = Date.now();
        expect(local.demoPending).toBe(true);
        await local.demo.load();
        process.stdout.write(`console browser tests: demo organization loaded in ${Date.now() - loading} ms\n`);
      }
      hub = new SecurityHubClient({ endpoint: local.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
      const imported = await post<{ FailedCount: number }>('/findings/import', { Findings: seedFindings() });
      expect(imported.FailedCount).toBe(0);
      // The simulated account's public bucket changes: its S3.8 control finding FAILS (a playbook remediates it).
      await post(CONFIG_PATHS.simulateChange, { ResourceType: 'AWS::S3::Bucket', ResourceId: 'public-website-assets', Set: ['tags.owner=web'] });
      await post('/compliance/scores/snapshot', {});
      await local.idle();
      ({ browser, profile } = await launchChromium());
      page = browser.pages()[0] ?? (await browser.newPage());
    },
    WITH_DEMO ? 900_000 : 180_000,
  );

  afterAll(async () => {
    await browser?.close();
    hub?.destroy();
    await local?.stop();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('shows the summary with the scores and counts the API reports', async () => {
    const [scores, groups] = await Promise.all([
      post<{ Current: { SummaryScore: { Score: number | null } } }>('/compliance/scores', {}),
      post<{ Total: number; Groups: Array<{ ResultValues: Array<{ GroupByAttributeValue: string; Count: number }> }> }>('/findings/groups', {
        Filters: OPEN,
        GroupByAttributes: ['SeverityLabel'],
      }),
    ]);
    await open('#/summary');
    await page.locator('[data-testid=open-total]').waitFor();
    expect(Number(await text('[data-testid=open-total]'))).toBe(groups.Total);
    expect(groups.Total).toBeGreaterThanOrEqual(24);
    for (const { GroupByAttributeValue, Count } of groups.Groups[0].ResultValues) {
      expect(await text(`[data-testid=severity-${GroupByAttributeValue}] strong`)).toBe(String(Count));
    }
    await page.locator('[data-testid=score-summary]').waitFor();
    expect(await text('[data-testid=score-summary] dd')).toContain(scores.Current.SummaryScore.Score === null ? 'no data' : `${scores.Current.SummaryScore.Score} %`);
  });

  it('narrows the list with a filter from the filter bar, and the URL carries it', async () => {
    await open('#/findings?n=100');
    await page.locator('[data-testid=finding-row]').first().waitFor();
    const before = await page.locator('[data-testid=finding-row]').count();
    await page.selectOption('[data-testid=filter-field]', 'AwsAccountId');
    await page.selectOption('[data-testid=filter-comparison]', 'EQUALS');
    await page.fill('[data-testid=filter-value]', '900000000002');
    await page.getByRole('button', { name: 'Add filter' }).click();
    await page.waitForFunction(() => decodeURIComponent(window.location.hash).includes('900000000002'));
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=finding-row]').length === 8);
    const { Findings = [] } = await hub.send(
      new GetFindingsCommand({ Filters: { ...OPEN, AwsAccountId: [{ Value: '900000000002', Comparison: 'EQUALS' }] } as never, MaxResults: 100 }),
    );
    expect(Findings).toHaveLength(8);
    expect(before).toBeGreaterThan(8);
    expect(await page.locator('[data-testid=filter-chip]').allTextContents()).toContainEqual(expect.stringContaining('AwsAccountId is 900000000002'));
  });

  it('opens a finding with its history; a workflow change shows in the list and in GetFindingHistory', async () => {
    await open(`#/findings?f=${encodeURIComponent(JSON.stringify({ ...OPEN, Title: [{ Value: 'Console test finding 5', Comparison: 'EQUALS' }] }))}`);
    await page.getByRole('link', { name: 'Console test finding 5' }).click();
    await page.locator('[data-testid=history-record]').first().waitFor();
    expect(await text('[data-testid=finding-title]')).toBe('Console test finding 5');
    expect(await text('[data-testid=history-record]')).toContain('Created');

    await page.selectOption('[data-testid=workflow-status]', 'NOTIFIED');
    await page.fill('[data-testid=workflow-note]', 'triaged in the console');
    await page.click('[data-testid=workflow-save]');
    await page.waitForFunction(() => document.querySelector('[data-testid=finding-workflow]')?.textContent === 'NOTIFIED');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=history-record]').length >= 2);
    expect(await text('[data-testid=finding-note]')).toContain('triaged in the console');

    const { Records = [] } = await hub.send(
      new GetFindingHistoryCommand({ FindingIdentifier: { Id: 'console-test-5', ProductArn: 'arn:aws:securityhub:eu-west-1:900000000003:product/900000000003/default' } }),
    );
    expect(Records[0].Updates).toContainEqual(expect.objectContaining({ UpdatedField: 'Workflow.Status', OldValue: 'NEW', NewValue: 'NOTIFIED' }));

    await page.goBack();
    await page.waitForFunction(() => document.querySelector('[data-finding-id="console-test-5"]')?.textContent?.includes('NOTIFIED') === true);
  });

  it('runs a dry-run remediation from the finding page and shows its note', async () => {
    const { Findings = [] } = await hub.send(
      new GetFindingsCommand({
        Filters: { ComplianceSecurityControlId: [{ Value: 'S3.8', Comparison: 'EQUALS' }], ResourceId: [{ Value: 'arn:aws:s3:::public-website-assets', Comparison: 'EQUALS' }] },
      }),
    );
    expect(Findings[0]?.Compliance?.Status).toBe('FAILED');
    await open(`#/finding?id=${encodeURIComponent(Findings[0].Id!)}&product=${encodeURIComponent(Findings[0].ProductArn!)}`);
    await page.locator('[data-testid=remediate-dry-run]').click();
    await page.locator('[data-testid=dry-run-note], [aria-labelledby=remediation-title] [role=alert]').first().waitFor({ timeout: 60_000 });
    expect(await page.locator('[aria-labelledby=remediation-title] [role=alert]').allTextContents()).toEqual([]);
    expect(await text('[data-testid=dry-run-note]')).toMatch(/Dry run of s3-block-public-access: would turn on all four Block Public Access settings/);
    expect(await page.locator('[data-testid=remediate]').isEnabled()).toBe(true);
    await page.waitForFunction(() => /would/.test(document.querySelector('[data-testid=finding-note]')?.textContent ?? ''));
    const { Findings: [after] = [] } = await hub.send(new GetFindingsCommand({ Filters: { Id: [{ Value: Findings[0].Id!, Comparison: 'EQUALS' }] } }));
    expect(after.Note?.Text).toContain('would turn on');
    expect(after.Workflow?.Status).toBe('NEW'); // a dry run changes nothing else
  });
});
