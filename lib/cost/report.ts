/**
 * The cost model's markdown: the monthly bill of this stack next to Security Hub CSPM's for each
 * load, then every measured input and where it came from. Pure.
 */
import { DAYS_PER_MONTH, type Load } from './load';
import type { MeasurementDetail } from './measure';
import { monthlyWork, securityHubMonthlyCost, stackMonthlyCost, total, type CostLine, type Measurement, type PriceBook, type UnitCounts } from './pricing';

const usd = (value: number) => `$${value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(2)}`;
const count = (value: number) => (value >= 1000 ? Math.round(value).toLocaleString('en-US') : `${+value.toPrecision(3)}`);

function describeLoad(load: Load): string {
  const mix = Object.entries(load.mix)
    .map(([kind, share]) => `${Math.round(share * 100)} % ${kind}`)
    .join(', ');
  return `${load.accounts} accounts × ${load.regions} Regions; ${count(load.findingsPerMonth)} findings imported a month (${mix}); ${count(load.changesPerHour)} configuration changes an hour evaluated on change; ${load.sweepsPerDay} sweep a day over ${count(load.resources)} resources; ${count(load.apiReadsPerDay)} API reads a day; findings kept ${load.findingRetentionDays} days`;
}

/** The two bills side by side for each load, with the lines of this stack's. */
export function costTables(loads: ReadonlyArray<{ label: string; load: Load }>, measured: Measurement, book: PriceBook): string {
  const out: string[] = [`| | ${loads.map(({ label }) => label).join(' | ')} |`, `|---|${loads.map(() => '---:|').join('')}`];
  const bills = loads.map(({ load }) => ({ stack: stackMonthlyCost(load, measured, book), hub: securityHubMonthlyCost(load, measured, book) }));
  const lineRows = (pick: (bill: (typeof bills)[number]) => CostLine[]) =>
    pick(bills[0]).map(
      (line, index) => `| ${line.service}: ${line.item} | ${bills.map((bill) => `${usd(pick(bill)[index].usd)} (${count(pick(bill)[index].quantity)})`).join(' | ')} |`,
    );
  out.push(...lineRows((bill) => bill.stack));
  out.push(`| **this stack, a month** | ${bills.map((bill) => `**${usd(total(bill.stack))}**`).join(' | ')} |`);
  out.push(...lineRows((bill) => bill.hub));
  out.push(`| **Security Hub CSPM, a month** | ${bills.map((bill) => `**${usd(total(bill.hub))}**`).join(' | ')} |`);
  out.push(`| this stack ÷ Security Hub CSPM | ${bills.map((bill) => `${((100 * total(bill.stack)) / total(bill.hub)).toFixed(1)} %`).join(' | ')} |`);
  out.push(
    '',
    'Each cell: dollars (quantity billed). Loads:',
    ...loads.map(({ label, load }) => `- **${label}**: ${describeLoad(load)}; ${count(monthlyWork(load, measured).securityChecks)} security checks a month.`),
  );
  return out.join('\n');
}

const COLUMNS: Array<[keyof UnitCounts, string]> = [
  ['readUnits', 'RRU'],
  ['writeUnits', 'WRU'],
  ['invocations', 'Lambda invocations'],
  ['gbSeconds', 'GB-s'],
  ['events', 'events'],
  ['snsPublishes', 'SNS'],
  ['sqsRequests', 'SQS'],
  ['stateTransitions', 'transitions'],
  ['apiRequests', 'API requests'],
  ['logBytes', 'log bytes'],
  ['storedBytes', 'bytes stored'],
];

/** The measured counts per unit of work, and per phase the requests and functions behind them. */
export function measuredTables(measured: Measurement, detail: MeasurementDetail, book: PriceBook): string {
  const rows: Array<[string, UnitCounts]> = [
    ['import: new finding', measured.import.new],
    ['import: identical redelivery', measured.import.identical],
    ['import: repeat (newer UpdatedAt)', measured.import.repeat],
    ['import: update (severity)', measured.import.update],
    ['change: a resource created or changed, evaluated', measured.changeEvaluation],
    ['sweep: one resource (a second sweep)', measured.sweepResource],
    ['API read (GetFindings, four shapes)', measured.apiRead],
  ];
  const out = [
    `| per unit of work | ${COLUMNS.map(([, title]) => title).join(' | ')} |`,
    `|---|${COLUMNS.map(() => '---:|').join('')}`,
    ...rows.map(([name, counts]) => `| ${name} | ${COLUMNS.map(([key]) => count(counts[key])).join(' | ')} |`),
    '',
    `Security checks (controls evaluated): ${count(measured.checksPerResource)} per swept resource (the sweep's own count), ${count(measured.checksPerChange)} per changed resource (the registry's controls for its type). ` +
      `Billed by the month (the synthesized template): ${measured.fixed.kmsKeys} KMS keys, ${measured.fixed.alarms} alarms, ${measured.fixed.dashboards} dashboard(s), ${measured.fixed.webAcls} web ACL(s) with ${measured.fixed.wafRules} rules, logs kept ${measured.fixed.logRetentionDays} days.`,
    '',
    `Sample: ${detail.sample.findings} findings per import phase, ${detail.sample.changes} changes, a sweep over ${detail.resourcesSwept} resources, ${detail.sample.apiReads} API reads; measured in ${detail.seconds} s (start ${detail.startupSeconds} s, first sweep ${detail.firstSweepSeconds} s). Per phase, per unit:`,
    '',
    '| phase | units | s | DynamoDB requests | functions: invocations × billed ms (wall ms) @ MemorySize MB |',
    '|---|---:|---:|---|---|',
    ...Object.entries(detail.phases).map(
      ([name, phase]) =>
        `| ${name} | ${phase.units} | ${phase.seconds ?? ''} | ${Object.entries(phase.dynamoRequests)
          .map(([op, n]) => `${op} ${n}`)
          .join(', ')} | ${Object.entries(phase.functions)
          .map(([fn, spent]) => `${fn.replace(/^.*?-/, '')} ${spent.invocations} × ${spent.billedMs} (${spent.wallMs}) @ ${spent.memoryMb}`)
          .join(', ')} |`,
    ),
    '',
    `Prices: ${book.region}, on-demand, as of ${book.date} (lib/cost/prices.json, each with its source URL). A month is ${DAYS_PER_MONTH} days.`,
  ];
  return out.join('\n');
}
