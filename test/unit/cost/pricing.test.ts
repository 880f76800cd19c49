import prices from '../../../lib/cost/prices.json';
import { DEFAULT_LOAD, LoadFlagError, parseLoadFlags, scaleLoad, type Load } from '../../../lib/cost/load';
import { monthlyWork, securityHubMonthlyCost, stackMonthlyCost, tiered, total, type Measurement, type PriceBook, type UnitCounts } from '../../../lib/cost/pricing';
import { costTables } from '../../../lib/cost/report';

const book = prices as PriceBook;
const none: UnitCounts = {
  readUnits: 0,
  writeUnits: 0,
  invocations: 0,
  gbSeconds: 0,
  events: 0,
  snsPublishes: 0,
  sqsRequests: 0,
  s3Requests: 0,
  stateTransitions: 0,
  apiRequests: 0,
  logBytes: 0,
  storedBytes: 0,
};
const noFixed = { kmsKeys: 0, alarms: 0, dashboards: 0, webAcls: 0, wafRules: 0, logRetentionDays: 30 };

function measurement(overrides: Partial<Measurement> = {}): Measurement {
  return {
    import: { new: none, identical: none, repeat: none, update: none },
    changeEvaluation: none,
    sweepResource: none,
    apiRead: none,
    checksPerResource: 4,
    checksPerChange: 2.5,
    fixed: noFixed,
    ...overrides,
  };
}

describe('tiered prices', () => {
  const checks = book.securityHubCspm.securityChecks;
  it("charges each tier's share at its price (Security Hub CSPM's security checks)", () => {
    expect(tiered(0, checks)).toBe(0);
    expect(tiered(100_000, checks)).toBeCloseTo(100, 9);
    expect(tiered(150_000, checks)).toBeCloseTo(100 + 40, 9); // 100,000 × $0.001 + 50,000 × $0.0008
    expect(tiered(600_000, checks)).toBeCloseTo(100 + 320 + 50, 9); // + 400,000 × $0.0008 + 100,000 × $0.0005
  });
  it('gives the first 10,000 finding ingestion events free', () => {
    const events = book.securityHubCspm.findingIngestionEvents;
    expect(tiered(10_000, events)).toBe(0);
    expect(tiered(25_000, events)).toBeCloseTo(15_000 * 0.00003, 9);
  });
});

describe('the bills, against a hand-computed case', () => {
  const load: Load = {
    ...DEFAULT_LOAD,
    accounts: 10,
    regions: 1,
    findingsPerMonth: 1_000_000,
    mix: { new: 1, identical: 0, repeat: 0, update: 0 },
    resources: 1_000,
    sweepsPerDay: 1,
    changesPerHour: 10,
    apiReadsPerDay: 0,
  };
  const measured = measurement({
    import: { new: { ...none, readUnits: 2, writeUnits: 20, invocations: 3, gbSeconds: 0.01, events: 2 }, identical: none, repeat: none, update: none },
  });

  it('this stack: a million new findings at 20 WRU, 2 RRU, 3 invocations, 0.01 GB-s and 2 events each', () => {
    const lines = stackMonthlyCost(load, measured, book);
    const usd = (item: string) => lines.find((line) => `${line.service}: ${line.item}` === item)!.usd;
    expect(usd('DynamoDB: write request units')).toBeCloseTo(20 * 0.625, 9);
    expect(usd('DynamoDB: read request units')).toBeCloseTo(2 * 0.125, 9);
    expect(usd('Lambda: requests')).toBeCloseTo(3 * 0.2, 9);
    expect(usd('Lambda: GB-seconds')).toBeCloseTo(10_000 * 0.0000166667, 9);
    expect(usd('EventBridge: events put (member forwarding + finding events)')).toBeCloseTo(2, 9);
    expect(total(lines)).toBeCloseTo(12.5 + 0.25 + 0.6 + 0.166667 + 2, 5);
  });

  it('Security Hub CSPM: checks by sweep and on change, and ingestion events, tiered per account and Region', () => {
    // 1,000 resources × 4 checks × 30 sweeps + 10 changes × 720 hours × 2.5 checks = 138,000 checks over 10 accounts.
    expect(monthlyWork(load, measured).securityChecks).toBe(138_000);
    const [checks, ingestion] = securityHubMonthlyCost(load, measured, book);
    expect(checks.usd).toBeCloseTo(10 * 13_800 * 0.001, 9);
    expect(ingestion.usd).toBeCloseTo(10 * 90_000 * 0.00003, 9); // 100,000 each, the first 10,000 free
  });

  it('prints both loads side by side with the ratio', () => {
    const markdown = costTables(
      [
        { label: 'stated', load },
        { label: '10×', load: scaleLoad(load, 10) },
      ],
      measured,
      book,
    );
    expect(markdown).toContain('| **this stack, a month** | **$15.52** | **$155** |');
    expect(markdown).toContain('| **Security Hub CSPM, a month** | **$165** |');
  });
});

describe('the load flags', () => {
  it('reads the flags over the default load', () => {
    expect(parseLoadFlags(['--accounts', '7', '--changes-per-hour', '0'])).toMatchObject({ accounts: 7, changesPerHour: 0, regions: 3 });
  });
  it('names a bad flag', () => {
    expect(() => parseLoadFlags(['--acounts', '7'])).toThrow(
      new LoadFlagError(
        'Unknown option --acounts: one of --accounts, --regions, --findings-per-month, --resources, --sweeps-per-day, --changes-per-hour, --api-reads-per-day, --retention-days, --new-share, --identical-share, --repeat-share, --update-share',
      ),
    );
    expect(() => parseLoadFlags(['--regions', 'two'])).toThrow('--regions needs a number ≥ 0, got two');
    expect(() => parseLoadFlags(['--new-share', '0.5'])).toThrow('must sum to 1, got 1.2');
  });
  it('scales accounts, findings, resources, changes and reads, not Regions', () => {
    expect(scaleLoad(DEFAULT_LOAD, 10)).toMatchObject({
      accounts: 1_000,
      regions: 3,
      findingsPerMonth: 10_000_000,
      resources: 500_000,
      changesPerHour: 5_000,
      apiReadsPerDay: 10_000,
    });
  });
  it('every price has its unit and an https source, and the book its date', () => {
    expect(book.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const price of Object.values(book.prices)) expect(price).toMatchObject({ usd: expect.any(Number), per: expect.any(Number), source: expect.stringMatching(/^https:\/\//) });
  });
});
