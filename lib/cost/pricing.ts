/**
 * The pricing core of `npm run cost`: measured counts per unit of work × a month's load × published
 * prices → this stack's monthly bill, line by line, next to Security Hub CSPM's for the same load.
 * Pure: the counts come from lib/cost/measure.ts, the prices from prices.json.
 */
import { DAYS_PER_MONTH, type Load } from './load';

/** One published price. */
export interface Price {
  usd: number;
  /** The quantity `usd` buys (1, 1,000, 1,000,000). */
  per: number;
  unit: string;
  source: string;
}

/** A tier of a tiered price: up to `upTo` units (cumulative; null: no limit) at `usdEach`. */
export interface Tier {
  upTo: number | null;
  usdEach: number;
}

/** prices.json. */
export interface PriceBook {
  date: string;
  region: string;
  prices: Record<string, Price>;
  securityHubCspm: { sources: string[]; securityChecks: Tier[]; findingIngestionEvents: Tier[] };
}

/** What one unit of work (an imported finding, an evaluated change, a swept resource, an API read) cost, measured. */
export interface UnitCounts {
  /** Read request units (dynalite's ConsumedCapacity). */
  readUnits: number;
  /** Write request units: table (dynalite's ConsumedCapacity) + indexes (from the stream images) + refused conditional writes (1 each). */
  writeUnits: number;
  invocations: number;
  /** Σ invocations × measured duration × the function's MemorySize. */
  gbSeconds: number;
  /** Events put on an event bus (ours and the members' forwarding). */
  events: number;
  snsPublishes: number;
  sqsRequests: number;
  s3Requests: number;
  stateTransitions: number;
  apiRequests: number;
  /** Handler log bytes written + the platform's START/END/REPORT lines. */
  logBytes: number;
  /** Table bytes added (items + index entries + 100 bytes each). */
  storedBytes: number;
}

/** The stack's resources that bill by the month, counted in the synthesized template. */
export interface FixedResources {
  kmsKeys: number;
  alarms: number;
  dashboards: number;
  webAcls: number;
  wafRules: number;
  /** Days the log groups keep logs (the longest retention in the template: an upper bound). */
  logRetentionDays: number;
}

/** The measured inputs of the model. */
export interface Measurement {
  import: { new: UnitCounts; identical: UnitCounts; repeat: UnitCounts; update: UnitCounts };
  /** Per configuration change evaluated. */
  changeEvaluation: UnitCounts;
  /** Per resource of a sweep (the sweep's totals ÷ resources listed). */
  sweepResource: UnitCounts;
  apiRead: UnitCounts;
  /** Controls evaluated per resource by a sweep (Security Hub's "security checks" per resource). */
  checksPerResource: number;
  /** Controls evaluated per configuration change. */
  checksPerChange: number;
  fixed: FixedResources;
}

/** One line of a bill. */
export interface CostLine {
  service: string;
  item: string;
  quantity: number;
  usd: number;
  source: string;
}

/** The cost of `quantity` units at tiered prices. */
export function tiered(quantity: number, tiers: readonly Tier[]): number {
  let usd = 0;
  let floor = 0;
  for (const tier of tiers) {
    const ceiling = tier.upTo ?? Number.POSITIVE_INFINITY;
    const inTier = Math.max(0, Math.min(quantity, ceiling) - floor);
    usd += inTier * tier.usdEach;
    floor = ceiling;
    if (quantity <= ceiling) break;
  }
  return usd;
}

const ZERO: UnitCounts = {
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

function plus(total: UnitCounts, counts: UnitCounts, times: number): UnitCounts {
  return Object.fromEntries(Object.entries(total).map(([key, value]) => [key, value + counts[key as keyof UnitCounts] * times])) as unknown as UnitCounts;
}

/** The month's units of work of a load. */
export function monthlyWork(load: Load, measured: Pick<Measurement, 'checksPerResource' | 'checksPerChange'>) {
  const changes = load.changesPerHour * 24 * DAYS_PER_MONTH;
  const sweptResources = load.resources * load.sweepsPerDay * DAYS_PER_MONTH;
  return {
    imports: {
      new: load.findingsPerMonth * load.mix.new,
      identical: load.findingsPerMonth * load.mix.identical,
      repeat: load.findingsPerMonth * load.mix.repeat,
      update: load.findingsPerMonth * load.mix.update,
    },
    changes,
    sweptResources,
    apiReads: load.apiReadsPerDay * DAYS_PER_MONTH,
    securityChecks: sweptResources * measured.checksPerResource + changes * measured.checksPerChange,
  };
}

/** The month's usage: every unit of work × its measured counts. */
export function monthlyUsage(load: Load, measured: Measurement): UnitCounts {
  const work = monthlyWork(load, measured);
  let total = ZERO;
  for (const kind of ['new', 'identical', 'repeat', 'update'] as const) total = plus(total, measured.import[kind], work.imports[kind]);
  total = plus(total, measured.changeEvaluation, work.changes);
  total = plus(total, measured.sweepResource, work.sweptResources);
  return plus(total, measured.apiRead, work.apiReads);
}

const GB = 1024 ** 3;

/** This stack's monthly bill for a load, line by line. */
export function stackMonthlyCost(load: Load, measured: Measurement, book: PriceBook): CostLine[] {
  const usage = monthlyUsage(load, measured);
  const line = (service: string, item: string, key: string, quantity: number): CostLine => {
    const price = book.prices[key];
    if (price === undefined) throw new Error(`prices.json has no ${key}`);
    return { service, item, quantity, usd: (quantity * price.usd) / price.per, source: price.source };
  };
  const retentionMonths = load.findingRetentionDays / DAYS_PER_MONTH;
  // Steady state: what a month adds, kept for the retention period (history and findings alike: an upper bound).
  const storedGb = (usage.storedBytes * retentionMonths) / GB;
  const logGb = usage.logBytes / GB;
  const fixed = measured.fixed;
  return [
    line('DynamoDB', 'write request units', 'dynamodb.writeRequestUnit', usage.writeUnits),
    line('DynamoDB', 'read request units', 'dynamodb.readRequestUnit', usage.readUnits),
    line('DynamoDB', `storage, GB (a month's writes kept ${load.findingRetentionDays} days)`, 'dynamodb.storageGbMonth', storedGb),
    line('Lambda', 'requests', 'lambda.request', usage.invocations),
    line('Lambda', 'GB-seconds', 'lambda.gbSecond', usage.gbSeconds),
    line('Step Functions', 'state transitions', 'stepfunctions.transition', usage.stateTransitions),
    line('EventBridge', 'events put (member forwarding + finding events)', 'eventbridge.event', usage.events),
    line('API Gateway', 'REST requests', 'apigateway.restRequest', usage.apiRequests),
    line('WAF', 'requests inspected', 'waf.request', usage.apiRequests),
    line('WAF', 'web ACLs', 'waf.webAclMonth', fixed.webAcls),
    line('WAF', 'rules', 'waf.ruleMonth', fixed.wafRules),
    line('CloudWatch Logs', 'ingestion, GB', 'logs.ingestionGb', logGb),
    line(
      'CloudWatch Logs',
      `storage, GB (${fixed.logRetentionDays} days kept, uncompressed: an upper bound)`,
      'logs.storageGbMonth',
      (logGb * fixed.logRetentionDays) / DAYS_PER_MONTH,
    ),
    line('CloudWatch', 'alarms', 'cloudwatch.alarmMonth', fixed.alarms),
    line('CloudWatch', 'dashboards', 'cloudwatch.dashboardMonth', fixed.dashboards),
    line('SQS', 'requests', 'sqs.request', usage.sqsRequests),
    line('SNS', 'publishes', 'sns.publish', usage.snsPublishes),
    line('KMS', 'customer managed keys', 'kms.keyMonth', fixed.kmsKeys),
    line('KMS', 'requests (one per SNS publish and SQS request: an upper bound)', 'kms.request', usage.snsPublishes + usage.sqsRequests),
    line('S3', 'requests', 's3.putRequest', usage.s3Requests),
  ];
}

/**
 * Security Hub CSPM's monthly bill for the same load: security checks (every control evaluated on a
 * resource, by sweep or on change) and finding ingestion events (every import; control findings of
 * its own checks are free), each tiered per account and Region — the load spread evenly over them.
 */
export function securityHubMonthlyCost(load: Load, measured: Measurement, book: PriceBook): CostLine[] {
  const work = monthlyWork(load, measured);
  const places = load.accounts * load.regions;
  const source = book.securityHubCspm.sources.join(' ; ');
  return [
    {
      service: 'Security Hub CSPM',
      item: `security checks (tiered per account and Region, over ${places})`,
      quantity: work.securityChecks,
      usd: places * tiered(work.securityChecks / places, book.securityHubCspm.securityChecks),
      source,
    },
    {
      service: 'Security Hub CSPM',
      item: `finding ingestion events (tiered per account and Region, over ${places})`,
      quantity: load.findingsPerMonth,
      usd: places * tiered(load.findingsPerMonth / places, book.securityHubCspm.findingIngestionEvents),
      source,
    },
  ];
}

/** The sum of a bill. */
export function total(lines: readonly CostLine[]): number {
  return lines.reduce((sum, line) => sum + line.usd, 0);
}
