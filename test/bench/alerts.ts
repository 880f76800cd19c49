/**
 * Alert volume on a realistic replay: the fixture events of GuardDuty, Inspector, Macie and Config,
 * normalized, spread over an organization (accounts × resources shared by several findings) and
 * replayed over six hours — every finding first imported, then re-imported with a newer UpdatedAt
 * (mostly unchanged), a few escalating a severity label, a few archived. Each import becomes the
 * finding event the store's publisher puts (created, version, before), and goes through:
 *
 * - naive: one alert per imported finding (no suppression);
 * - the alert policy alone (new / escalated / reopened), at the lowest and the default thresholds;
 * - the policy plus per-resource grouping: the real router core with the real group store on dynalite.
 *
 * Figures: alerts per 1,000 imported findings, and each as a share of the naive baseline.
 */
import { waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { severityRank, SEVERITY_LABELS } from '../../lambdas/asff/severity';
import type { AwsSecurityFinding, SeverityLabel } from '../../lambdas/asff/types';
import type { FindingChange } from '../../lambdas/events/finding-events';
import { normalizerFor } from '../../bin/cli/normalize';
import type { SourceEvent } from '../../lambdas/normalize/types';
import { stateOf } from '../../lambdas/events/finding-event';
import { DEFAULT_ALERT_CONFIG, type AlertConfig } from '../../lambdas/triage/alerts/config';
import { DynamoAlertDecisions } from '../../lambdas/triage/alerts/decision-store';
import { DynamoAlertGroups } from '../../lambdas/triage/alerts/group-store';
import { findingKind } from '../../lambdas/triage/priority/kinds';
import { decideAlert, severityLabelOf } from '../../lambdas/triage/alerts/policy';
import { routeFindingEvent } from '../../lambdas/triage/alerts/router';
import type { BenchDynamo } from './support';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'events');
const SOURCES = ['guardduty', 'inspector', 'macie', 'config'];
const HOURS = 6;

/** A deterministic PRNG (mulberry32), so every run replays the same organization. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The fixtures' findings as the normalizers produce them. */
function baseFindings(): AwsSecurityFinding[] {
  return SOURCES.flatMap((source) =>
    fs
      .readdirSync(path.join(FIXTURES, source))
      .filter((file) => file.endsWith('.json'))
      .flatMap((file) => {
        const event = JSON.parse(fs.readFileSync(path.join(FIXTURES, source, file), 'utf8')) as SourceEvent;
        return normalizerFor(event)?.normalize(event) ?? [];
      }),
  );
}

/** One import of the replay, in time order, with the event the publisher would put for it. */
interface ReplayedImport {
  at: Date;
  finding: AwsSecurityFinding;
  change: FindingChange;
}

/**
 * The replay: `accounts` copies of the fixture findings; in each account, findings of one resource
 * type share 2 resources (so a GuardDuty finding and an Inspector CVE land on one instance) and
 * arrive within 30 min of each other; each finding is re-imported 0–8 times, 15–60 min apart;
 * 4 % of re-imports raise the severity one label, 3 % archive the finding.
 */
export function buildReplay(accounts: number, seed = 7): ReplayedImport[] {
  const next = random(seed);
  const start = Date.parse('2026-11-27T00:00:00.000Z');
  const imports: Array<{ at: number; finding: AwsSecurityFinding }> = [];
  const base = baseFindings();
  const bursts: Record<string, number> = {};
  for (let a = 0; a < accounts; a += 1) {
    const account = String(100000000000 + a * 7919);
    base.forEach((template, index) => {
      const resource = template.Resources?.[0];
      const slot = Math.floor(next() * 2);
      const resourceId = `${resource?.Type ?? 'Other'}/${account}/r-${slot}`;
      let finding: AwsSecurityFinding = {
        ...template,
        Id: `${template.Id}/${account}/${index}`,
        AwsAccountId: account,
        RecordState: template.RecordState ?? 'ACTIVE',
        Workflow: template.Workflow ?? { Status: 'NEW' },
        Resources: [{ ...(resource ?? { Type: 'Other' }), Id: resourceId }, ...(template.Resources?.slice(1) ?? [])],
      } as AwsSecurityFinding;
      // Findings on one resource arrive close together (a scan, an attack): within 30 min of the
      // resource's first, which falls anywhere in the first half of the replay.
      const burst = (bursts[resourceId] ??= start + next() * HOURS * 3_600_000 * 0.5);
      let at = burst + next() * 30 * 60_000;
      imports.push({ at, finding });
      const repeats = Math.floor(next() * 9);
      for (let r = 0; r < repeats; r += 1) {
        at += 15 * 60_000 + next() * 45 * 60_000;
        const roll = next();
        const label = severityLabelOf(finding);
        if (roll < 0.04 && label !== 'CRITICAL') {
          const raised = SEVERITY_LABELS[severityRank(label) + 1] as SeverityLabel;
          finding = { ...finding, Severity: { ...finding.Severity, Label: raised, Normalized: undefined } };
        } else if (roll < 0.07) {
          finding = { ...finding, RecordState: 'ARCHIVED' };
        }
        finding = { ...finding, UpdatedAt: new Date(at).toISOString() };
        imports.push({ at, finding });
      }
    });
  }
  imports.sort((x, y) => x.at - y.at);

  // The events the store's publisher puts: created, version, the state before, the fields changed.
  const stored = new Map<string, { finding: AwsSecurityFinding; version: number }>();
  return imports.map(({ at, finding }) => {
    const key = `${finding.ProductArn}\n${finding.Id}`;
    const previous = stored.get(key);
    const version = (previous?.version ?? 0) + 1;
    const updatedFields =
      previous === undefined
        ? []
        : Object.keys(finding).filter(
            (field) => JSON.stringify(finding[field as keyof AwsSecurityFinding]) !== JSON.stringify(previous.finding[field as keyof AwsSecurityFinding]),
          );
    stored.set(key, { finding, version });
    const change: FindingChange = {
      created: previous === undefined,
      version,
      source: { Type: 'BATCH_IMPORT_FINDINGS', Identity: finding.AwsAccountId },
      updatedFields,
      ...(previous !== undefined && { before: stateOf(previous.finding) }),
    };
    return { at: new Date(at), finding, change };
  });
}

/** What grouping produced: alerts, threats alerted of threats imported, and the router's latency. */
interface GroupedRun {
  published: number;
  threatsImported: number;
  threatsAlerted: number;
  /** Router wall time per event that reached grouping (ms, p50 and p99), dynalite on loopback. */
  p50Ms: number;
  p99Ms: number;
  /** Alerts by the rule that sent them. */
  byRule: Record<string, number>;
}

/** Alerts the replay produces through the router core with grouping (real group and decision stores on dynalite). */
async function groupedAlerts(dynamo: BenchDynamo, replay: ReplayedImport[], config: AlertConfig): Promise<GroupedRun> {
  const table = await dynamo.newTable(`bench-alerts-${config.minimumSeverity}-${Date.now()}`);
  await waitUntilTableExists({ client: dynamo.client, maxWaitTime: 10, minDelay: 0.05 }, { TableName: table });
  const groups = new DynamoAlertGroups(dynamo.client, table);
  const decisions = new DynamoAlertDecisions(dynamo.client, table);
  let published = 0;
  let clock = new Date(0);
  const threats = new Set<string>();
  const alertedThreats = new Set<string>();
  const timings: number[] = [];
  const byRule: Record<string, number> = {};
  for (const { at, finding, change } of replay) {
    clock = at;
    const threat = findingKind(finding) === 'threat' && change.created && finding.RecordState !== 'ARCHIVED';
    if (threat) threats.add(finding.Id);
    const started = performance.now();
    const outcome = await routeFindingEvent(
      { detail: { findings: [finding], change } },
      { groups, decisions, config, now: () => clock, publish: async () => void (published += 1) },
    );
    if (outcome.outcome !== 'not-alerted') timings.push(performance.now() - started);
    if (threat && outcome.outcome === 'published') alertedThreats.add(finding.Id);
    if (outcome.outcome === 'published') byRule[outcome.rule] = (byRule[outcome.rule] ?? 0) + 1;
  }
  timings.sort((a, b) => a - b);
  const at = (q: number) => Math.round((timings[Math.min(timings.length - 1, Math.floor(q * timings.length))] ?? 0) * 10) / 10;
  return { published, threatsImported: threats.size, threatsAlerted: alertedThreats.size, p50Ms: at(0.5), p99Ms: at(0.99), byRule };
}

/** Threat findings created ACTIVE that the policy lets through (at or above the severity/priority thresholds). */
function thresholdThreats(replay: ReplayedImport[], config: AlertConfig): number {
  return new Set(
    replay.filter(({ finding, change }) => change.created && findingKind(finding) === 'threat' && decideAlert({ finding, change, config }).alert).map(({ finding }) => finding.Id),
  ).size;
}

/** Alerts per 1,000 imported findings: naive, policy alone, policy + grouping, at two thresholds. */
export async function benchAlerts(dynamo: BenchDynamo, accounts: number) {
  const replay = buildReplay(accounts);
  const imports = replay.length;
  const perThousand = (alerts: number) => Math.round((alerts / imports) * 10_000) / 10;
  const share = (alerts: number) => `${((alerts / imports) * 100).toFixed(1)} %`;
  const lowest: AlertConfig = { ...DEFAULT_ALERT_CONFIG, minimumSeverity: 'INFORMATIONAL' };
  const rows = [];
  for (const [name, config] of [
    ['every severity', lowest],
    [`default (${DEFAULT_ALERT_CONFIG.minimumSeverity}+, priority ${DEFAULT_ALERT_CONFIG.priorityThreshold}+)`, DEFAULT_ALERT_CONFIG],
  ] as const) {
    const policyOnly = replay.filter(({ finding, change }) => decideAlert({ finding, change, config }).alert).length;
    const run = await groupedAlerts(dynamo, replay, config);
    const grouped = run.published;
    rows.push({
      thresholds: name,
      mode: 'policy (new/escalated/reopened), no grouping',
      alerts: policyOnly,
      perThousandImported: perThousand(policyOnly),
      ofNaive: share(policyOnly),
    });
    rows.push({
      thresholds: name,
      mode: `policy + grouping (${config.groupWindowMinutes} min per resource)`,
      alerts: grouped,
      perThousandImported: perThousand(grouped),
      ofNaive: share(grouped),
      threatsAlerted: `${run.threatsAlerted}/${run.threatsImported} (of threats at or above the thresholds: ${thresholdThreats(replay, config)})`,
      routerP50Ms: run.p50Ms,
      routerP99Ms: run.p99Ms,
      sentBy: Object.entries(run.byRule)
        .map(([rule, count]) => `${rule} ${count}`)
        .join(', '),
    });
  }
  const resources = new Set(replay.map(({ finding }) => `${finding.AwsAccountId}/${finding.Resources?.[0]?.Id}`)).size;
  const findings = new Set(replay.map(({ finding }) => finding.Id)).size;
  return {
    replay: { accounts, importedFindings: imports, distinctFindings: findings, resources, hours: HOURS },
    rows: [{ thresholds: '-', mode: 'naive: one alert per imported finding', alerts: imports, perThousandImported: 1000, ofNaive: '100.0 %' }, ...rows],
  };
}
