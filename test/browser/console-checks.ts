/**
 * The posture console in a real browser, on the demo organization: Debian's Chromium driven by
 * playwright-core (no browser download). Registered by the demo suite (demo.test.ts), which loads
 * the demo once per run, so these tests and the demo's own assertions share that one load. Every
 * figure on a page is checked against the API's own answer, fetched by the test.
 *
 * Without Chromium the console's tests are skipped with a message on a developer's machine, and
 * fail in CI (CI=true), whose .ci/run installs it.
 */
import {
  GetFindingHistoryCommand,
  GetFindingsCommand,
  paginateGetFindings,
  type AwsSecurityFinding,
  type AwsSecurityFindingFilters,
  type SecurityHubClient,
} from '@aws-sdk/client-securityhub';
import { rmSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { CHROMIUM, haveChromium, launchChromium } from './chromium';

/** What the console tests need of the demo suite's embedded default (set once the demo is loaded). */
export interface DemoHandle {
  endpoint: string;
  hub: SecurityHubClient;
}

/** The little of the page's DOM the predicates below read (they run in the browser; this project's types have no DOM). */
declare const document: {
  querySelector(selector: string): { textContent: string | null } | null;
  querySelectorAll(selector: string): ArrayLike<{ getAttribute(name: string): string | null }>;
};
declare const window: { location: { hash: string } };

const IN_CI = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';
const HAVE_CHROMIUM = haveChromium();

/** The console's "open findings" (console/src/views/data.ts OPEN_FINDINGS). */
const OPEN: AwsSecurityFindingFilters = {
  RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' }],
  WorkflowStatus: [
    { Value: 'NEW', Comparison: 'EQUALS' },
    { Value: 'NOTIFIED', Comparison: 'EQUALS' },
  ],
};

type Counts = { Score: number | null; Passed: number; Failed: number };
type Scores = { Current: { SummaryScore: Counts; StandardsScores: Array<Counts & { StandardsArn: string }> }; History?: unknown[] };
type Groups = { Total: number; Groups: Array<{ GroupByAttribute: string; ResultValues: Array<{ GroupByAttributeValue: string; Count: number }> }> };

async function post<T>(endpoint: string, path: string, body: unknown): Promise<T> {
  const response = await fetch(new URL(path, endpoint), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const answer = (await response.json()) as T;
  if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(answer)}`);
  return answer;
}

/** Every finding GetFindings returns for these filters, page by page. */
async function allFindings(hub: SecurityHubClient, Filters: AwsSecurityFindingFilters): Promise<AwsSecurityFinding[]> {
  const findings: AwsSecurityFinding[] = [];
  for await (const page of paginateGetFindings({ client: hub, pageSize: 100 }, { Filters })) findings.push(...(page.Findings ?? []));
  return findings;
}

const shownScore = (score: number | null) => (score === null ? 'no data' : `${Math.round(score)} %`);

/** Registers the console's browser tests; `demo()` answers once the suite's beforeAll has loaded the demo. */
export function describeConsoleOnDemo(demo: () => DemoHandle): void {
  if (!HAVE_CHROMIUM && !IN_CI) {
    console.warn(
      `Skipping the console's browser tests: no Chromium at ${CHROMIUM}. Install it with \`sudo apt-get install -y chromium\` (or set CHROMIUM_PATH), then run \`npm run test:browser\`.`,
    );
  }
  const suite = HAVE_CHROMIUM || IN_CI ? describe : describe.skip;

  suite('the posture console in Chromium, on the demo organization', () => {
    let browser: BrowserContext;
    let page: Page;
    let profile: string;
    const open = (hash: string) => page.goto(`${demo().endpoint}/console/${hash}`);
    const text = async (selector: string) => ((await page.locator(selector).first().textContent()) ?? '').trim();

    beforeAll(async () => {
      if (!HAVE_CHROMIUM) throw new Error(`No Chromium at ${CHROMIUM}: .ci/run installs it (apt-get install -y chromium)`);
      ({ browser, profile } = await launchChromium());
      page = browser.pages()[0] ?? (await browser.newPage());
    });

    afterAll(async () => {
      await browser?.close();
      if (profile) rmSync(profile, { recursive: true, force: true });
    });

    it('shows the summary with the demo’s scores and counts, as the API reports them', async () => {
      const { endpoint, hub } = demo();
      const [scores, groups, openFindings] = await Promise.all([
        post<Scores>(endpoint, '/compliance/scores', { HistoryDays: 30 }),
        post<Groups>(endpoint, '/findings/groups', { Filters: OPEN, GroupByAttributes: ['SeverityLabel', 'AwsAccountId'] }),
        allFindings(hub, OPEN),
      ]);
      expect(groups.Total).toBe(openFindings.length);
      expect(scores.Current.StandardsScores.length).toBeGreaterThanOrEqual(2);
      await page.goto(`${endpoint}/console/#/summary`);
      await page.locator('[data-testid=open-total]').waitFor();
      expect(Number(await text('[data-testid=open-total]'))).toBe(openFindings.length);
      const byAttribute = (name: string) => groups.Groups.find((group) => group.GroupByAttribute === name)?.ResultValues ?? [];
      for (const { GroupByAttributeValue, Count } of byAttribute('SeverityLabel')) {
        expect([GroupByAttributeValue, await text(`[data-testid=severity-${GroupByAttributeValue}] strong`)]).toEqual([GroupByAttributeValue, String(Count)]);
      }
      const accounts = byAttribute('AwsAccountId');
      expect(accounts.length).toBe(7);
      const accountChart = (await page.locator('[role=img][aria-label^="Open findings by account"]').getAttribute('aria-label')) ?? '';
      for (const { GroupByAttributeValue, Count } of accounts) expect(accountChart).toContain(`${GroupByAttributeValue} ${Count}`);

      await page.locator('[data-testid=score-summary]').waitFor();
      const { SummaryScore, StandardsScores } = scores.Current;
      expect(await text('[data-testid=score-summary] dd')).toContain(`${shownScore(SummaryScore.Score)}`);
      expect(await text('[data-testid=score-summary] dd')).toContain(`${SummaryScore.Passed} passed, ${SummaryScore.Failed} failed controls`);
      for (const standard of StandardsScores) {
        const shown = await text(`[data-testid=score-standard][data-standard="${standard.StandardsArn}"] dd`);
        expect(shown).toContain(shownScore(standard.Score));
        expect(shown).toContain(`${standard.Passed} passed, ${standard.Failed} failed`);
      }
      // The 30-day trend: every snapshot the API keeps, and today's.
      expect(scores.History?.length).toBeGreaterThanOrEqual(30);
      await page.getByRole('img', { name: `Score trend over ${(scores.History?.length ?? 0) + 1} snapshots` }).waitFor();
      expect(await text('#scores-title ~ h3')).toContain('includes demo history');
    });

    it('narrows the list with a filter from the filter bar, and the URL carries it', async () => {
      const expected = await allFindings(demo().hub, { ...OPEN, ProductName: [{ Value: 'GuardDuty', Comparison: 'EQUALS' }] });
      expect(expected.length).toBeGreaterThan(0);
      await open('#/findings?n=100');
      await page.locator('[data-testid=finding-row]').first().waitFor();
      expect(await page.locator('[data-testid=finding-row]').count()).toBe(100); // the demo has more open findings than a page
      await page.selectOption('[data-testid=filter-field]', 'ProductName');
      await page.selectOption('[data-testid=filter-comparison]', 'EQUALS');
      await page.fill('[data-testid=filter-value]', 'GuardDuty');
      await page.getByRole('button', { name: 'Add filter' }).click();
      await page.waitForFunction(() => decodeURIComponent(window.location.hash).includes('GuardDuty'));
      await page.waitForFunction((count) => document.querySelectorAll('[data-testid=finding-row]').length === count, expected.length);
      const shown = await page.locator('[data-testid=finding-row]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-finding-id')));
      expect(shown.sort()).toEqual(expected.map((finding) => finding.Id).sort());
      expect(await page.locator('[data-testid=filter-chip]').allTextContents()).toContainEqual(expect.stringContaining('ProductName is GuardDuty'));
    });

    it('opens a finding with its history; a workflow change shows in the list and in GetFindingHistory', async () => {
      const { hub } = demo();
      const inspector = await allFindings(hub, { ...OPEN, ProductName: [{ Value: 'Inspector', Comparison: 'EQUALS' }], WorkflowStatus: [{ Value: 'NEW', Comparison: 'EQUALS' }] });
      const [target] = inspector.sort((a, b) => (a.Id! < b.Id! ? -1 : 1));
      const identifier = { Id: target.Id!, ProductArn: target.ProductArn! };
      const { Records: before = [] } = await hub.send(new GetFindingHistoryCommand({ FindingIdentifier: identifier }));
      expect(before.at(-1)?.FindingCreated).toBe(true);

      await open(`#/findings?f=${encodeURIComponent(JSON.stringify({ ...OPEN, Id: [{ Value: target.Id, Comparison: 'EQUALS' }] }))}`);
      await page.getByRole('link', { name: target.Title }).click();
      await page.waitForFunction((count) => document.querySelectorAll('[data-testid=history-record]').length === count, before.length);
      expect(await text('[data-testid=finding-title]')).toBe(target.Title);
      expect(await page.locator('[data-testid=history-record]').last().textContent()).toContain('Created');

      await page.selectOption('[data-testid=workflow-status]', 'NOTIFIED');
      await page.fill('[data-testid=workflow-note]', 'triaged in the console');
      await page.click('[data-testid=workflow-save]');
      await page.waitForFunction(() => document.querySelector('[data-testid=finding-workflow]')?.textContent === 'NOTIFIED');
      await page.waitForFunction((count) => document.querySelectorAll('[data-testid=history-record]').length === count, before.length + 1);
      expect(await text('[data-testid=finding-note]')).toContain('triaged in the console');

      const { Records = [] } = await hub.send(new GetFindingHistoryCommand({ FindingIdentifier: identifier }));
      expect(Records).toHaveLength(before.length + 1);
      expect(Records[0].Updates).toContainEqual(expect.objectContaining({ UpdatedField: 'Workflow.Status', OldValue: 'NEW', NewValue: 'NOTIFIED' }));

      await page.goBack();
      await page.waitForFunction((id) => document.querySelector(`[data-finding-id="${id}"]`)?.textContent?.includes('NOTIFIED') === true, target.Id);
    });

    it('runs a dry-run remediation from the finding page and shows its note', async () => {
      const { hub } = demo();
      // The demo's security-tooling account keeps its public website bucket public: S3.8 fails there.
      const { Findings = [] } = await hub.send(
        new GetFindingsCommand({
          Filters: {
            ComplianceSecurityControlId: [{ Value: 'S3.8', Comparison: 'EQUALS' }],
            ResourceId: [{ Value: 'arn:aws:s3:::public-website-assets', Comparison: 'EQUALS' }],
            AwsAccountId: [{ Value: '123456789012', Comparison: 'EQUALS' }],
          },
        }),
      );
      expect(Findings).toHaveLength(1);
      expect(Findings[0].Compliance?.Status).toBe('FAILED');
      await open(`#/finding?id=${encodeURIComponent(Findings[0].Id!)}&product=${encodeURIComponent(Findings[0].ProductArn!)}`);
      await page.locator('[data-testid=remediate-dry-run]').click();
      await page.locator('[data-testid=dry-run-note], [aria-labelledby=remediation-title] [role=alert]').first().waitFor({ timeout: 60_000 });
      expect(await page.locator('[aria-labelledby=remediation-title] [role=alert]').allTextContents()).toEqual([]);
      expect(await text('[data-testid=dry-run-note]')).toMatch(/Dry run of s3-block-public-access: would turn on all four Block Public Access settings/);
      expect(await page.locator('[data-testid=remediate]').isEnabled()).toBe(true);
      await page.waitForFunction(() => /would/.test(document.querySelector('[data-testid=finding-note]')?.textContent ?? ''));
      const { Findings: [after] = [] } = await hub.send(new GetFindingsCommand({ Filters: { Id: [{ Value: Findings[0].Id!, Comparison: 'EQUALS' }] } }));
      expect(after.Note?.Text).toContain('would turn on');
      expect(after.Workflow?.Status).toBe(Findings[0].Workflow?.Status); // a dry run changes nothing else
      expect(after.Compliance?.Status).toBe('FAILED');
    });
  });
}
