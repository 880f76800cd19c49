/**
 * Summary: the security score per enabled standard with its trend, open findings by severity,
 * account, Region, product and resource type, the top insights, and what changed since yesterday.
 */
import { GetInsightResultsCommand, GetInsightsCommand } from '@aws-sdk/client-securityhub';
import { useApi } from '../api-context';
import { barOption, Chart, SEVERITY_COLOURS, trendOption } from '../components/chart';
import { useState } from 'react';
import { ErrorBox, Score, Show, useAsync } from '../components/common';
import { OWN } from '../api/types';
import { findingsLink } from '../links';
import { withEquals, type AwsSecurityFindingFilters, type FilterKey } from '../filters';
import { href, navigate } from '../router';
import { findingGroups, nameOf, OPEN_FINDINGS, rowsOf, securityScores, severityRows, standardNames } from './data';

const BREAKDOWNS: Array<{ attribute: FilterKey; title: string }> = [
  { attribute: 'AwsAccountId', title: 'By account' },
  { attribute: 'Region', title: 'By Region' },
  { attribute: 'ProductName', title: 'By product' },
  { attribute: 'ResourceType', title: 'By resource type' },
];

const day = (comparison?: 'OLDER_THAN') => [{ DateRange: { Value: 1, Unit: 'DAYS' as const, ...(comparison && { Comparison: comparison }) } }];

/** What changed since yesterday, as filters (counted by GetFindingGroups). */
export const CHANGES: Array<{ key: string; title: string; filters: AwsSecurityFindingFilters }> = [
  { key: 'new', title: 'New', filters: { RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' }], CreatedAt: day() } },
  { key: 'resolved', title: 'Resolved', filters: { WorkflowStatus: [{ Value: 'RESOLVED', Comparison: 'EQUALS' }], UpdatedAt: day() } },
  {
    key: 'reopened',
    title: 'Reopened',
    filters: { RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' }], WorkflowStatus: [{ Value: 'NEW', Comparison: 'EQUALS' }], CreatedAt: day('OLDER_THAN'), UpdatedAt: day() },
  },
];

function Scores() {
  const api = useApi();
  const loaded = useAsync(async () => ({ scores: await securityScores(api, { HistoryDays: 30 }), names: await standardNames(api) }), 'scores');
  return (
    <Show loaded={loaded} what="scores">
      {({ scores, names }) => {
        const history = [...(scores.History ?? [])].reverse();
        const series = scores.Current.StandardsScores.map((standard) => ({
          name: nameOf(names, standard.StandardsArn),
          points: [...history, scores.Current]
            .map((snapshot): [string, number | null | undefined] => [
              snapshot.TakenAt,
              snapshot.StandardsScores.find((entry) => entry.StandardsArn === standard.StandardsArn)?.Score,
            ])
            .filter((point): point is [string, number] => typeof point[1] === 'number'),
        }));
        return (
          <section aria-labelledby="scores-title" className="panel wide">
            <h2 id="scores-title">Security score</h2>
            <dl className="scores">
              <div data-testid="score-summary">
                <dt>All enabled standards</dt>
                <dd>
                  <Score value={scores.Current.SummaryScore.Score} />
                  <small>
                    {scores.Current.SummaryScore.Passed} passed, {scores.Current.SummaryScore.Failed} failed controls
                  </small>
                </dd>
              </div>
              {scores.Current.StandardsScores.map((standard) => (
                <div key={standard.StandardsArn} data-testid="score-standard" data-standard={standard.StandardsArn}>
                  <dt>
                    <a href={href('standard', { arn: standard.StandardsArn })}>{nameOf(names, standard.StandardsArn)}</a>
                  </dt>
                  <dd>
                    <Score value={standard.Score} />
                    <small>
                      {standard.Passed} passed, {standard.Failed} failed
                    </small>
                  </dd>
                </div>
              ))}
            </dl>
            <h3>Trend, last 30 days {history.some((snapshot) => snapshot.Demo) && <small>(includes demo history)</small>}</h3>
            {history.length === 0 ? (
              <p>No score history yet: snapshots are taken after each evaluation sweep.</p>
            ) : (
              <Chart option={trendOption(series)} label={`Score trend over ${history.length + 1} snapshots`} />
            )}
          </section>
        );
      }}
    </Show>
  );
}

function Breakdowns() {
  const api = useApi();
  const loaded = useAsync(() => findingGroups(api, OPEN_FINDINGS, ['SeverityLabel', ...BREAKDOWNS.map((entry) => entry.attribute)]), 'breakdowns');
  return (
    <Show loaded={loaded} what="findings">
      {(groups) => (
        <>
          <section aria-labelledby="severity-title" className="panel">
            <h2 id="severity-title">
              Open findings: <span data-testid="open-total">{groups.Total}</span>
            </h2>
            <ul className="counts" aria-label="Open findings by severity">
              {severityRows(groups).map((row) => (
                <li key={row.name} data-testid={`severity-${row.name}`}>
                  <a href={findingsLink(withEquals(OPEN_FINDINGS, 'SeverityLabel', row.name))}>
                    <span className={`severity severity-${row.name.toLowerCase()}`}>{row.name}</span> <strong>{row.count}</strong>
                  </a>
                </li>
              ))}
            </ul>
            <Chart
              option={barOption(severityRows(groups), (name) => SEVERITY_COLOURS[name])}
              label="Open findings by severity"
              height={200}
              onSelect={(name) => navigate(findingsLink(withEquals(OPEN_FINDINGS, 'SeverityLabel', name)))}
            />
          </section>
          {BREAKDOWNS.map(({ attribute, title }) => (
            <section key={attribute} className="panel" aria-label={`Open findings ${title.toLowerCase()}`}>
              <h2>{title}</h2>
              <Chart
                option={barOption(rowsOf(groups, attribute).slice(0, 10))}
                label={`Open findings ${title.toLowerCase()}: ${rowsOf(groups, attribute)
                  .slice(0, 10)
                  .map((row) => `${row.name} ${row.count}`)
                  .join(', ')}`}
                height={220}
                onSelect={(name) => navigate(findingsLink(withEquals(OPEN_FINDINGS, attribute, name)))}
              />
            </section>
          ))}
        </>
      )}
    </Show>
  );
}

function Changes() {
  const api = useApi();
  const loaded = useAsync(() => Promise.all(CHANGES.map((change) => findingGroups(api, change.filters, ['SeverityLabel']))), 'changes');
  return (
    <section aria-labelledby="changes-title" className="panel">
      <h2 id="changes-title">Since yesterday</h2>
      <Show loaded={loaded} what="changes">
        {(answers) => (
          <ul className="counts">
            {CHANGES.map((change, index) => (
              <li key={change.key} data-testid={`changed-${change.key}`}>
                <a href={findingsLink(change.filters)}>
                  {change.title} <strong>{answers[index].Total}</strong>
                </a>
              </li>
            ))}
          </ul>
        )}
      </Show>
      <p className="hint">Reopened: created before yesterday, back to NEW since (a failing control again, or an archived finding active again).</p>
    </section>
  );
}

function TopInsights() {
  const api = useApi();
  const loaded = useAsync(async () => {
    const { Insights = [] } = await api.hub.send(new GetInsightsCommand({ MaxResults: 100 }));
    const top = Insights.slice(0, 3);
    const results = await Promise.all(top.map((insight) => api.hub.send(new GetInsightResultsCommand({ InsightArn: insight.InsightArn }))));
    return top.map((insight, index) => ({ insight, values: results[index].InsightResults?.ResultValues ?? [] }));
  }, 'top-insights');
  return (
    <section aria-labelledby="insights-title" className="panel wide">
      <h2 id="insights-title">Top insights</h2>
      <Show loaded={loaded} what="insights">
        {(items) => (
          <div className="grid3">
            {items.map(({ insight, values }) => (
              <div key={insight.InsightArn}>
                <h3>
                  <a href={href('insight', { arn: insight.InsightArn })}>{insight.Name}</a>
                </h3>
                {values.length === 0 ? (
                  <p>No findings.</p>
                ) : (
                  <ol>
                    {values.slice(0, 5).map((value) => (
                      <li key={value.GroupByAttributeValue}>
                        {value.GroupByAttributeValue}: <strong>{value.Count}</strong>
                      </li>
                    ))}
                  </ol>
                )}
              </div>
            ))}
          </div>
        )}
      </Show>
    </section>
  );
}

/** The summary page. */
export function Summary() {
  return (
    <>
      <div className="toolbar">
        <h1>Summary</h1>
        <ReportDownload />
      </div>
      <div className="panels">
        <Scores />
        <Breakdowns />
        <Changes />
        <TopInsights />
      </div>
    </>
  );
}

/** The stakeholder report (GetPostureReport, our own operation) as a file download. */
export function ReportDownload() {
  const api = useApi();
  const [format, setFormat] = useState<'html' | 'csv' | 'json'>('html');
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setError(undefined);
    setBusy(true);
    try {
      const report = await api.own<{ Format: string; ContentType: string; Body: string }>(OWN.report, { Format: format });
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([report.Body], { type: report.ContentType }));
      link.download = `posture-report-${new Date().toISOString().slice(0, 10)}.${format}`;
      link.click();
      URL.revokeObjectURL(link.href);
    } catch (caught) {
      setError(caught as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="report"
      onSubmit={(event) => {
        event.preventDefault();
        void download();
      }}
    >
      <label>
        Report
        <select value={format} onChange={(event) => setFormat(event.target.value as typeof format)}>
          <option value="html">HTML</option>
          <option value="csv">CSV</option>
          <option value="json">JSON</option>
        </select>
      </label>
      <button type="submit" disabled={busy}>
        Download
      </button>
      {error && <ErrorBox error={error} />}
    </form>
  );
}
