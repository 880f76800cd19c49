/**
 * Console figures in Debian's Chromium (playwright-core), printed as JSON:
 * - first contentful paint and time to an interactive findings list, on an embedded default with
 *   the demo organization (Performance API: `first-contentful-paint`, and navigation start → the
 *   first findings row rendered);
 * - findings-list interaction latency with 10,000 findings (BENCH_CONSOLE_FINDINGS): click → the
 *   table re-rendered, for a sort, a filter, the next page and a grouping, median of 5 each;
 * - the built bundle's size (console/dist, raw and gzip);
 * - `npm start` on a fresh data folder → a console showing the demo's summary (the start-up
 *   banner, the summary's first render while the demo loads, the demo loaded, and the summary
 *   showing the loaded demo's open-findings total and 30-day trend).
 *
 *   npx tsx test/bench/console-run.ts            (every part, each in its own process: the
 *                                                 embedded default runs once per process)
 *   npx tsx test/bench/console-run.ts start|demo|10k    (one part)
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { spawn, spawnSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { CONSOLE_DIST } from '../../lib/constructs/console';
import { PROJECT_ROOT } from '../../lib/local/engine';
import { startEmbeddedDefault } from '../../lib/local/server';
import { launchChromium } from '../browser/chromium';
import { aFinding } from '../support/findings';

const FINDINGS = Number(process.env.BENCH_CONSOLE_FINDINGS ?? 10_000);
const REPEATS = 5;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function bundleSize(): { files: number; bytes: number; gzipBytes: number; largest: Array<{ file: string; bytes: number; gzipBytes: number }> } {
  const files: Array<{ file: string; bytes: number; gzipBytes: number }> = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push({ file: path.slice(CONSOLE_DIST.length + 1), bytes: statSync(path).size, gzipBytes: gzipSync(readFileSync(path)).length });
    }
  };
  walk(CONSOLE_DIST);
  return {
    files: files.length,
    bytes: files.reduce((sum, file) => sum + file.bytes, 0),
    gzipBytes: files.reduce((sum, file) => sum + file.gzipBytes, 0),
    largest: files.sort((a, b) => b.bytes - a.bytes).slice(0, 5),
  };
}

/** Navigation start → first contentful paint, and → the first findings row. */
async function firstLoad(page: Page, url: string): Promise<{ firstContentfulPaintMs: number; interactiveFindingsListMs: number }> {
  await page.goto('about:blank'); // a fresh document each time (a hash change alone would not reload)
  await page.goto(url);
  await page.locator('[data-testid=finding-row]').first().waitFor({ timeout: 120_000 });
  return page.evaluate(() => ({
    firstContentfulPaintMs: Math.round(performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1),
    interactiveFindingsListMs: Math.round(performance.now()),
  }));
}

/** The little of the page's DOM the predicates read (they run in the browser; this project's types have no DOM). */
interface PageElement {
  textContent: string | null;
  getAttribute(name: string): string | null;
}
declare const document: { querySelector(selector: string): PageElement | null; querySelectorAll(selector: string): ArrayLike<PageElement> };

/** The first row's finding id, and whether the table is still loading. */
const tableState = (page: Page) => page.evaluate(() => ({ first: document.querySelector('[data-testid=finding-row]')?.getAttribute('data-finding-id') ?? null }));

/** Click → the table shows another first row and is no longer loading, in ms (Performance API clock). */
async function interaction(page: Page, act: () => Promise<void>, until: (before: string | null) => Promise<unknown>): Promise<number> {
  const { first } = await tableState(page);
  const started = await page.evaluate(() => performance.now());
  await act();
  await until(first);
  return Math.round((await page.evaluate(() => performance.now())) - started);
}

/** Waits for a new first row with the table settled. */
const newFirstRow = (page: Page) => (before: string | null) =>
  page.waitForFunction(
    (previous) => {
      const table = document.querySelector('[data-testid=findings-table]');
      const first = document.querySelector('[data-testid=finding-row]')?.getAttribute('data-finding-id') ?? null;
      return table?.getAttribute('aria-busy') === 'false' && first !== null && first !== previous;
    },
    before,
    { timeout: 120_000 },
  );

/** Saves a full-page screenshot of a view (for docs/console.md). */
async function screenshot(page: Page, url: string, ready: string, file: string): Promise<void> {
  await page.goto(url);
  await page.locator(ready).first().waitFor({ timeout: 120_000 });
  await page.waitForTimeout(1500); // charts finish laying out
  await page.screenshot({ path: file, fullPage: false });
}

async function demoPart(): Promise<Record<string, unknown>> {
  const result: Record<string, unknown> = {};
  const { browser } = await launchChromium();
  const page = browser.pages()[0] ?? (await browser.newPage());
  {
    const local = await startEmbeddedDefault({ port: 0, dataDir: mkdtempSync(join(tmpdir(), 'bench-console-demo-')), logLevel: 'ERROR', schedules: false, demo: true });
    const loading = Date.now();
    if (local.demoPending) await local.demo.load();
    result.demoLoadMs = Date.now() - loading;
    const runs = [];
    for (let i = 0; i < REPEATS; i += 1) runs.push(await firstLoad(page, `${local.endpoint}/console/#/findings?reload=${i}`));
    if (process.env.BENCH_CONSOLE_SCREENSHOTS !== undefined) {
      const dir = process.env.BENCH_CONSOLE_SCREENSHOTS;
      await screenshot(page, `${local.endpoint}/console/#/summary`, '[data-testid=score-summary]', join(dir, 'console-summary.png'));
      await screenshot(page, `${local.endpoint}/console/#/findings`, '[data-testid=finding-row]', join(dir, 'console-findings.png'));
    }
    result.demo = {
      firstContentfulPaintMs: median(runs.map((run) => run.firstContentfulPaintMs)),
      interactiveFindingsListMs: median(runs.map((run) => run.interactiveFindingsListMs)),
      runs,
    };
    await local.stop();
  }
  await browser.close();
  return result;
}

async function tenThousandPart(): Promise<Record<string, unknown>> {
  const result: Record<string, unknown> = {};
  const { browser } = await launchChromium();
  const page = browser.pages()[0] ?? (await browser.newPage());
  const local = await startEmbeddedDefault({ port: 0, dataDir: mkdtempSync(join(tmpdir(), 'bench-console-10k-')), logLevel: 'ERROR', schedules: false });
  const importing = Date.now();
  const severities = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'];
  for (let start = 0; start < FINDINGS; start += 100) {
    const batch = Array.from({ length: Math.min(100, FINDINGS - start) }, (_, offset) => {
      const index = start + offset;
      const account = String(100000000000 + (index % 50));
      return aFinding({
        Id: `bench-${index}`,
        ProductArn: `arn:aws:securityhub:us-east-1:${account}:product/${account}/default`,
        AwsAccountId: account,
        Severity: { Label: severities[index % 5] as 'CRITICAL' },
        Title: `Bench finding ${index}`,
        Resources: [{ Type: ['AwsS3Bucket', 'AwsEc2Instance', 'AwsIamRole'][index % 3], Id: `arn:aws:s3:::bench-${index}` }],
      });
    });
    // A busy machine can time a batch out inside the embedded default: retried, as an SDK client would.
    for (let attempt = 1; ; attempt += 1) {
      const response = await fetch(`${local.endpoint}/findings/import`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ Findings: batch }),
      });
      if (response.ok) break;
      if (attempt === 3 || response.status < 500) throw new Error(`import: ${response.status} ${await response.text()}`);
    }
  }
  await local.idle();
  result.importMs = Date.now() - importing;
  const load = await firstLoad(page, `${local.endpoint}/console/#/findings?n=100`);
  const latency: Record<string, number[]> = { sortByTitle: [], nextPage: [], filterSeverity: [], groupByAccount: [] };
  for (let i = 0; i < REPEATS; i += 1) {
    await page.goto(`${local.endpoint}/console/#/findings?n=100&i=${i}`);
    await page.locator('[data-testid=finding-row]').first().waitFor();
    latency.sortByTitle.push(await interaction(page, () => page.getByRole('button', { name: /^Title/ }).click(), newFirstRow(page)));
    latency.nextPage.push(await interaction(page, () => page.getByRole('button', { name: 'Next page' }).click(), newFirstRow(page)));
    await page.selectOption('[data-testid=filter-field]', 'SeverityLabel');
    await page.fill('[data-testid=filter-value]', 'CRITICAL');
    latency.filterSeverity.push(
      await interaction(
        page,
        () => page.getByRole('button', { name: 'Add filter' }).click(),
        () =>
          page.waitForFunction(
            () => {
              const cells = Array.from(document.querySelectorAll('[data-testid=finding-row] .severity'));
              return (
                document.querySelector('[data-testid=findings-table]')?.getAttribute('aria-busy') === 'false' &&
                cells.length > 0 &&
                cells.every((cell) => (cell.textContent ?? '').includes('CRITICAL'))
              );
            },
            undefined,
            { timeout: 120_000 },
          ),
      ),
    );
    latency.groupByAccount.push(
      await interaction(
        page,
        () => page.selectOption('[data-testid=group-by]', 'AwsAccountId').then(() => undefined),
        () => page.waitForFunction(() => document.querySelector('section[aria-label="Findings grouped by AwsAccountId"] table tbody tr') !== null, undefined, { timeout: 120_000 }),
      ),
    );
  }
  result.tenThousand = { findings: FINDINGS, ...load, medianMs: Object.fromEntries(Object.entries(latency).map(([name, values]) => [name, median(values)])), runsMs: latency };
  await browser.close();
  await local.stop();
  return result;
}

/**
 * `npm start` on a fresh data folder, as a newcomer runs it, until the console shows the demo's
 * summary: ms from the spawn to the banner, to the summary's first render (while the demo loads),
 * to the demo loaded (the banner's `demo: loaded` line), and to the summary showing the loaded
 * demo's open-findings total (as GetFindingGroups counts it) and its 30-day trend.
 */
async function startPart(): Promise<Record<string, unknown>> {
  const started = Date.now();
  const since = () => Date.now() - started;
  const child = spawn('npm', ['start', '--', '--port', '0', '--data-dir', mkdtempSync(join(tmpdir(), 'bench-console-start-'))], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true, // its own process group: npm, its shell and node stop together
  });
  let out = '';
  const marks: Record<string, number> = {};
  const line = (pattern: RegExp) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = out.match(pattern);
        if (match) resolve(match);
      };
      child.stdout.on('data', check);
      child.once('exit', (code) => reject(new Error(`npm start exited (${code}):\n${out}`)));
      check();
    });
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
  });
  const { browser } = await launchChromium();
  try {
    const [, url] = await line(/console: +(http:\/\/\S+)/);
    marks.bannerMs = since();
    const loaded = line(/demo: +loaded in/).then(() => {
      marks.demoLoadedMs = since();
    });
    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(`${url}#/summary`);
    await page.locator('[data-testid=open-total]').waitFor({ timeout: 600_000 });
    marks.firstSummaryMs = since();
    await loaded;
    const endpoint = new URL(url).origin;
    const groups = (await (
      await fetch(`${endpoint}/findings/groups`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          Filters: {
            RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' }],
            WorkflowStatus: [
              { Value: 'NEW', Comparison: 'EQUALS' },
              { Value: 'NOTIFIED', Comparison: 'EQUALS' },
            ],
          },
          GroupByAttributes: ['SeverityLabel'],
        }),
      })
    ).json()) as { Total: number };
    // The page a newcomer has open shows the load's figures once reloaded (or navigated to again).
    await page.reload();
    await page.waitForFunction((total) => document.querySelector('[data-testid=open-total]')?.textContent === String(total), groups.Total, { timeout: 120_000 });
    await page.locator('[role=img][aria-label^="Score trend over"]').waitFor({ timeout: 120_000 });
    marks.demoSummaryMs = since();
    marks.openFindings = groups.Total;
  } finally {
    await browser.close();
    process.kill(-(child.pid as number), 'SIGTERM');
  }
  return { start: marks };
}

async function main(): Promise<void> {
  const part = process.argv[2];
  const parts: Record<string, () => Promise<Record<string, unknown>>> = { start: startPart, demo: demoPart, '10k': tenThousandPart };
  if (part !== undefined && parts[part]) {
    process.stdout.write(JSON.stringify(await parts[part]()));
    return;
  }
  const result: Record<string, unknown> = { bundle: bundleSize() };
  for (const child of Object.keys(parts)) {
    const run = spawnSync(process.execPath, ['--import', 'tsx', __filename, child], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
    if (run.status !== 0) throw new Error(`bench part ${child} failed (exit ${run.status})`);
    Object.assign(result, JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}'));
  }
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
