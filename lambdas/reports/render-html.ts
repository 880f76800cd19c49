/**
 * The report as one self-contained HTML file: inline CSS (with print rules), the trend as inline
 * SVG (trend-chart.ts), no scripts, no external references, so it can be mailed, archived and
 * printed as it is. Every value from the store is HTML-escaped.
 */
import escapeHtml from 'escape-html';
import { STANDARDS } from '../compliance';
import type { PostureReport, ReportControl, ReportScore } from './posture-report';
import { trendChartSvg } from './trend-chart';

const e = (value: unknown): string => escapeHtml(value === null || value === undefined ? '' : String(value));
const pct = (score: number | null): string => (score === null ? '—' : `${score}%`);

const STYLE = `
:root { color-scheme: light; --fail: #b3261e; --pass: #1b6e3a; --warn: #8a5a00; --muted: #5f6368; --line: #d0d4d9; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1f2328; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; } h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; border-bottom: 2px solid var(--line); padding-bottom: .25rem; }
h3 { font-size: 1rem; margin: 1.25rem 0 .5rem; }
.meta { color: var(--muted); margin: 0; } .notice { border: 1px solid var(--warn); color: var(--warn); padding: .5rem .75rem; border-radius: 4px; margin: 1rem 0; }
.cards { display: flex; flex-wrap: wrap; gap: .75rem; margin: 1rem 0; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: .75rem 1rem; min-width: 11rem; }
.card .value { font-size: 1.8rem; font-weight: 600; } .card .label { color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; } th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #f3f4f6; font-weight: 600; } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.status { font-weight: 600; white-space: nowrap; } .status-FAILED { color: var(--fail); } .status-PASSED { color: var(--pass); } .status-UNKNOWN { color: var(--warn); } .status-NO_DATA, .status-DISABLED { color: var(--muted); }
.resources { margin: .25rem 0 0; padding-left: 1.1rem; color: var(--muted); font-size: .9em; } .chart svg { max-width: 100%; height: auto; }
@page { margin: 15mm; }
@media print { body { margin: 0; max-width: none; font-size: 11pt; } h2 { break-after: avoid; } tr, .card, .chart { break-inside: avoid; } .notice { border-width: 2px; } a { color: inherit; text-decoration: none; } }
`;

function status(value: string): string {
  // The status is written out, colour only repeats it.
  return `<span class="status status-${e(value)}">${e(value.replace('_', ' '))}</span>`;
}

function scoreCells(score: ReportScore): string {
  return `<td class="num">${pct(score.Score)}</td><td class="num">${score.Passed}</td><td class="num">${score.Failed}</td><td class="num">${score.Unknown + score.NoData}</td>`;
}

function controlRow(control: ReportControl): string {
  const resources =
    control.FailedResources.length === 0
      ? ''
      : `<ul class="resources">${control.FailedResources.map((r) => `<li>${e(r.AccountId)} ${e(r.Region)} — ${e(r.ResourceType)} ${e(r.ResourceId)}</li>`).join('')}</ul>`;
  return `<tr><td>${e(control.SecurityControlId)}</td><td>${e(control.Title)}${resources}</td><td>${e(control.Severity)}</td><td>${status(control.Status)}</td><td class="num">${control.FailedResources.length}</td></tr>`;
}

/** Renders the report as one self-contained HTML document. */
export function renderHtml(report: PostureReport): string {
  const names = Object.fromEntries(STANDARDS.map((standard) => [standard.id, standard.name]));
  const changes = report.Changes;
  const newTotal = Object.values(changes.NewFindings).reduce((sum, n) => sum + n, 0);
  const sections = [
    `<header><h1>${e(report.Title)}</h1><p class="meta">Generated ${e(report.GeneratedAt)} · period: the last ${report.Scope.SinceDays} days (since ${e(report.Scope.Since.slice(0, 10))})` +
      `${report.Scope.AccountId ? ` · account ${e(report.Scope.AccountId)}` : ' · whole organization'}${report.Scope.StandardId ? ` · ${e(names[report.Scope.StandardId] ?? report.Scope.StandardId)}` : ''}</p>` +
      (report.IncludesDemoData ? '<p class="notice" role="note">Includes demo data: the score history before today was backfilled by the demo organization.</p>' : '') +
      '</header>',
    `<section aria-labelledby="summary"><h2 id="summary">Summary</h2><div class="cards">` +
      `<div class="card"><div class="value">${pct(report.Summary.Score)}</div><div class="label">Security score</div></div>` +
      `<div class="card"><div class="value">${report.Summary.Failed}</div><div class="label">Failed controls</div></div>` +
      `<div class="card"><div class="value">${report.Summary.Passed}</div><div class="label">Passed controls</div></div>` +
      report.Standards.map((s) => `<div class="card"><div class="value">${pct(s.Score.Score)}</div><div class="label">${e(s.Name)}</div></div>`).join('') +
      '</div></section>',
    `<section aria-labelledby="trend"><h2 id="trend">Score trend</h2><figure class="chart" role="img" aria-label="Security score per day, summary and per standard">${trendChartSvg(report.Trend, names)}</figure>` +
      `<p class="meta">${report.Trend.length} snapshots; from ${pct(changes.ScoreFrom)} to ${pct(changes.ScoreTo)}.</p></section>`,
    `<section aria-labelledby="changed"><h2 id="changed">What changed in the period</h2><ul>` +
      `<li>Score: ${pct(changes.ScoreFrom)} → ${pct(changes.ScoreTo)}</li>` +
      `<li>New findings: ${newTotal}${
        newTotal
          ? ` (${Object.entries(changes.NewFindings)
              .map(([label, n]) => `${e(label)} ${n}`)
              .join(', ')})`
          : ''
      }</li>` +
      `<li>Resolved findings: ${changes.ResolvedFindings}</li>` +
      (changes.ControlStatusChanges === null
        ? '<li>Control status changes: kept for the whole organization only</li>'
        : `<li>Control status changes: ${changes.ControlStatusChanges.length}${changes.ControlStatusChanges.length ? `<ul>${changes.ControlStatusChanges.map((c) => `<li>${e(c.SecurityControlId)}: ${status(c.From)} → ${status(c.To)}</li>`).join('')}</ul>` : ''}</li>`) +
      '</ul></section>',
    `<section aria-labelledby="risks"><h2 id="risks">Top risks by priority</h2><table><thead><tr><th class="num">Priority</th><th>Severity</th><th>Finding</th><th>Account</th><th>Region</th><th>Resource</th></tr></thead><tbody>` +
      report.TopRisks.map(
        (r) =>
          `<tr><td class="num">${e(r.Priority ?? '—')}</td><td>${e(r.Severity)}</td><td>${e(r.Title)}<div class="meta">${e(r.ProductName)}${r.PriorityReasons ? ` · ${e(r.PriorityReasons)}` : ''}</div></td><td>${e(r.AccountId)}</td><td>${e(r.Region)}</td><td>${e(r.ResourceType)} ${e(r.ResourceId)}</td></tr>`,
      ).join('') +
      (report.TopRisks.length === 0 ? '<tr><td colspan="6">No open findings.</td></tr>' : '') +
      '</tbody></table></section>',
    `<section aria-labelledby="accounts"><h2 id="accounts">By account and Region</h2><table><thead><tr><th>Account</th><th class="num">Score</th><th class="num">Passed</th><th class="num">Failed</th><th class="num">No data</th></tr></thead><tbody>` +
      report.Accounts.map((a) => `<tr><td>${e(a.AccountId)}</td>${scoreCells(a.Score)}</tr>`).join('') +
      `</tbody></table><table><thead><tr><th>Region</th><th class="num">Score</th><th class="num">Passed</th><th class="num">Failed</th><th class="num">No data</th></tr></thead><tbody>` +
      report.Regions.map((r) => `<tr><td>${e(r.Region)}</td>${scoreCells(r.Score)}</tr>`).join('') +
      '</tbody></table></section>',
    ...report.Standards.map(
      (s, i) =>
        `<section aria-labelledby="standard-${i}"><h2 id="standard-${i}">${e(s.Name)}: ${pct(s.Score.Score)}</h2><p class="meta">${s.Score.Passed} passed, ${s.Score.Failed} failed, ${s.Score.Unknown} unknown, ${s.Score.NoData} without data, ${s.Score.Disabled} disabled.</p>` +
        `<table><thead><tr><th>Control</th><th>Title and failed resources</th><th>Severity</th><th>Status</th><th class="num">Failed resources</th></tr></thead><tbody>${s.Controls.map(controlRow).join('')}</tbody></table></section>`,
    ),
  ];
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${e(report.Title)}</title><style>${STYLE}</style></head><body>${sections.join('\n')}</body></html>\n`;
}
