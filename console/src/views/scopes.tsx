/**
 * Per account and per Region: scores (GetSecurityScores' AccountScores / RegionScores, where the
 * API has them) and open findings by severity; one account's or Region's page with its score per
 * standard, its trend and its findings.
 */
import { useApi } from '../api-context';
import { barOption, Chart, SEVERITY_COLOURS, trendOption } from '../components/chart';
import { Score, Show, useAsync } from '../components/common';
import { withEquals, type FilterKey } from '../filters';
import { href, navigate } from '../router';
import type { ScopeScores, ScoreSnapshot } from '../api/types';
import { findingGroups, nameOf, OPEN_FINDINGS, rowsOf, securityScores, severityRows, standardNames } from './data';
import { findingsLink } from '../links';

type Kind = 'account' | 'region';

const ATTRIBUTE: Record<Kind, FilterKey> = { account: 'AwsAccountId', region: 'Region' };

function scopeOf(snapshot: ScoreSnapshot, kind: Kind, id: string): ScopeScores | undefined {
  return kind === 'account' ? snapshot.AccountScores?.find((entry) => entry.AccountId === id) : snapshot.RegionScores?.find((entry) => entry.Region === id);
}

/** Every account (or Region): score and open findings. */
export function Scopes({ kind }: { kind: Kind }) {
  const api = useApi();
  const attribute = ATTRIBUTE[kind];
  const loaded = useAsync(async () => {
    const [scores, all, severe] = await Promise.all([
      securityScores(api, {}),
      findingGroups(api, OPEN_FINDINGS, [attribute]),
      findingGroups(
        api,
        {
          ...OPEN_FINDINGS,
          SeverityLabel: [
            { Value: 'CRITICAL', Comparison: 'EQUALS' },
            { Value: 'HIGH', Comparison: 'EQUALS' },
          ],
        },
        [attribute],
      ),
    ]);
    const list =
      kind === 'account'
        ? scores.Current.AccountScores?.map((entry) => ({ id: entry.AccountId, score: entry.SummaryScore.Score }))
        : scores.Current.RegionScores?.map((entry) => ({ id: entry.Region, score: entry.SummaryScore.Score }));
    return { list, all: rowsOf(all, attribute), severe: new Map(rowsOf(severe, attribute).map((row) => [row.name, row.count])) };
  }, kind);
  const title = kind === 'account' ? 'Accounts' : 'Regions';
  return (
    <>
      <h1>{title}</h1>
      <Show loaded={loaded} what={title.toLowerCase()}>
        {({ list, all, severe }) => {
          const ids = [...new Set([...(list ?? []).map((entry) => entry.id), ...all.map((row) => row.name)])].sort();
          const scoreOf = new Map((list ?? []).map((entry) => [entry.id, entry.score]));
          const counts = new Map(all.map((row) => [row.name, row.count]));
          return (
            <>
              {list === undefined ? (
                <p className="hint">This API reports scores for the whole organization only; per-{kind} scores appear once it reports them.</p>
              ) : (
                <Chart
                  option={barOption(ids.map((id) => ({ name: id, count: scoreOf.get(id) ?? 0 })))}
                  label={`Score per ${kind}: ${ids.map((id) => `${id} ${scoreOf.get(id) ?? 'no data'} %`).join(', ')}`}
                  height={60 + 28 * ids.length}
                  onSelect={(id) => navigate(href(kind, { id }))}
                />
              )}
              <table className="list" data-testid={`${kind}-table`}>
                <thead>
                  <tr>
                    <th scope="col">{kind === 'account' ? 'Account' : 'Region'}</th>
                    <th scope="col">Score</th>
                    <th scope="col">Open findings</th>
                    <th scope="col">Critical + high</th>
                  </tr>
                </thead>
                <tbody>
                  {ids.map((id) => (
                    <tr key={id}>
                      <td>
                        <a href={href(kind, { id })}>{id}</a>
                      </td>
                      <td>{list === undefined ? '—' : <Score value={scoreOf.get(id)} />}</td>
                      <td>
                        <a href={findingsLink(withEquals(OPEN_FINDINGS, ATTRIBUTE[kind], id))}>{counts.get(id) ?? 0}</a>
                      </td>
                      <td>{severe.get(id) ?? 0}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          );
        }}
      </Show>
    </>
  );
}

/** One account or Region. */
export function Scope({ kind, id }: { kind: Kind; id: string }) {
  const api = useApi();
  const attribute = ATTRIBUTE[kind];
  const filters = withEquals(OPEN_FINDINGS, attribute, id);
  const loaded = useAsync(async () => {
    const [scores, groups, names] = await Promise.all([
      securityScores(api, { HistoryDays: 30, ...(kind === 'account' ? { AccountId: id } : { Region: id }) }),
      findingGroups(api, filters, ['SeverityLabel', kind === 'account' ? 'Region' : 'AwsAccountId', 'ResourceType']),
      standardNames(api),
    ]);
    return { scores, groups, names };
  }, `${kind}|${id}`);
  return (
    <>
      <p>
        <a href={href(kind === 'account' ? 'accounts' : 'regions')}>← {kind === 'account' ? 'Accounts' : 'Regions'}</a>
      </p>
      <h1>
        {kind === 'account' ? 'Account' : 'Region'} {id}
      </h1>
      <Show loaded={loaded} what={kind}>
        {({ scores, groups, names }) => {
          const current = scopeOf(scores.Current, kind, id);
          const history = [...(scores.History ?? [])].reverse();
          const series = (current?.StandardsScores ?? []).map((standard) => ({
            name: nameOf(names, standard.StandardsArn),
            points: history
              .map((snapshot): [string, number | null | undefined] => [
                snapshot.TakenAt,
                scopeOf(snapshot, kind, id)?.StandardsScores.find((entry) => entry.StandardsArn === standard.StandardsArn)?.Score,
              ])
              .filter((point): point is [string, number] => typeof point[1] === 'number'),
          }));
          return (
            <div className="panels">
              <section className="panel" aria-label="Score">
                <h2>Score</h2>
                {current === undefined ? (
                  <p className="hint">No per-{kind} score from this API.</p>
                ) : (
                  <dl className="scores">
                    <div data-testid="scope-score">
                      <dt>All enabled standards</dt>
                      <dd>
                        <Score value={current.SummaryScore.Score} />
                      </dd>
                    </div>
                    {current.StandardsScores.map((standard) => (
                      <div key={standard.StandardsArn}>
                        <dt>{nameOf(names, standard.StandardsArn)}</dt>
                        <dd>
                          <Score value={standard.Score} />
                        </dd>
                      </div>
                    ))}
                  </dl>
                )}
                {series.some((entry) => entry.points.length > 1) && <Chart option={trendOption(series)} label={`Score trend of ${kind} ${id}`} />}
              </section>
              <section className="panel" aria-label="Open findings">
                <h2>
                  Open findings: <a href={findingsLink(filters)}>{groups.Total}</a>
                </h2>
                <Chart option={barOption(severityRows(groups), (name) => SEVERITY_COLOURS[name])} label={`Open findings of ${id} by severity`} height={200} />
                <h3>{kind === 'account' ? 'By Region' : 'By account'}</h3>
                <Chart
                  option={barOption(rowsOf(groups, kind === 'account' ? 'Region' : 'AwsAccountId').slice(0, 10))}
                  label={`Open findings of ${id} by ${kind === 'account' ? 'Region' : 'account'}`}
                  height={160}
                />
                <h3>By resource type</h3>
                <Chart option={barOption(rowsOf(groups, 'ResourceType').slice(0, 10))} label={`Open findings of ${id} by resource type`} height={220} />
              </section>
            </div>
          );
        }}
      </Show>
    </>
  );
}
