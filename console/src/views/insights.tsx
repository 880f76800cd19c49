/** Insights: managed and custom, each with its results as a chart and a table (GetInsightResults). */
import { DeleteInsightCommand, GetInsightResultsCommand, GetInsightsCommand, type Insight } from '@aws-sdk/client-securityhub';
import { useApi } from '../api-context';
import { barOption, Chart } from '../components/chart';
import { Show, useAsync } from '../components/common';
import { withEquals, type AwsSecurityFindingFilters, type FilterKey } from '../filters';
import { href, navigate } from '../router';
import { findingsLink } from '../links';

const isCustom = (arn: string) => arn.includes('/custom/');

function Results({ insight }: { insight: Insight }) {
  const api = useApi();
  const loaded = useAsync(
    async () => (await api.hub.send(new GetInsightResultsCommand({ InsightArn: insight.InsightArn }))).InsightResults?.ResultValues ?? [],
    insight.InsightArn ?? '',
  );
  const drill = (value: string) => navigate(findingsLink(withEquals(insight.Filters as AwsSecurityFindingFilters, insight.GroupByAttribute as FilterKey, value)));
  return (
    <Show loaded={loaded} what="results">
      {(values) =>
        values.length === 0 ? (
          <p>No findings match this insight.</p>
        ) : (
          <>
            <Chart
              option={barOption(values.slice(0, 15).map((value) => ({ name: value.GroupByAttributeValue ?? '', count: value.Count ?? 0 })))}
              label={`${insight.Name}: ${values
                .slice(0, 15)
                .map((value) => `${value.GroupByAttributeValue} ${value.Count}`)
                .join(', ')}`}
              height={Math.max(160, Math.min(15, values.length) * 26)}
              onSelect={drill}
            />
            <table className="list">
              <thead>
                <tr>
                  <th scope="col">{insight.GroupByAttribute}</th>
                  <th scope="col">Findings</th>
                </tr>
              </thead>
              <tbody>
                {values.map((value) => (
                  <tr key={value.GroupByAttributeValue}>
                    <td>
                      <button type="button" className="link" onClick={() => drill(value.GroupByAttributeValue ?? '')}>
                        {value.GroupByAttributeValue}
                      </button>
                    </td>
                    <td>{value.Count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )
      }
    </Show>
  );
}

/** The insights page; `selected` shows one insight's results. */
export function Insights({ selected }: { selected?: string }) {
  const api = useApi();
  const loaded = useAsync(async () => {
    const all: Insight[] = [];
    let NextToken: string | undefined;
    do {
      const page = await api.hub.send(new GetInsightsCommand({ MaxResults: 100, NextToken }));
      all.push(...(page.Insights ?? []));
      NextToken = page.NextToken;
    } while (NextToken);
    return all;
  }, 'insights');
  return (
    <>
      <h1>Insights</h1>
      <p className="hint">Create a custom insight from the findings list: filter, group, then “Create insight”.</p>
      <Show loaded={loaded} what="insights">
        {(insights) => {
          const current = insights.find((insight) => insight.InsightArn === selected);
          return (
            <div className="split">
              <nav aria-label="Insights">
                {[
                  ['Custom', insights.filter((insight) => isCustom(insight.InsightArn ?? ''))],
                  ['Managed', insights.filter((insight) => !isCustom(insight.InsightArn ?? ''))],
                ].map(([title, list]) => (
                  <div key={title as string}>
                    <h2>{title as string}</h2>
                    <ul>
                      {(list as Insight[]).map((insight) => (
                        <li key={insight.InsightArn}>
                          <a href={href('insight', { arn: insight.InsightArn })} aria-current={insight.InsightArn === selected ? 'true' : undefined}>
                            {insight.Name}
                          </a>
                        </li>
                      ))}
                      {(list as Insight[]).length === 0 && <li>None.</li>}
                    </ul>
                  </div>
                ))}
              </nav>
              <section aria-label="Insight results">
                {current === undefined ? (
                  <p>Choose an insight.</p>
                ) : (
                  <>
                    <h2>{current.Name}</h2>
                    <p>
                      Grouped by <code>{current.GroupByAttribute}</code> · <a href={findingsLink(current.Filters as AwsSecurityFindingFilters)}>its findings</a>
                      {isCustom(current.InsightArn ?? '') && (
                        <>
                          {' · '}
                          <button
                            type="button"
                            onClick={() =>
                              void api.hub.send(new DeleteInsightCommand({ InsightArn: current.InsightArn })).then(() => {
                                navigate(href('insights'));
                                loaded.reload();
                              })
                            }
                          >
                            Delete
                          </button>
                        </>
                      )}
                    </p>
                    <Results key={current.InsightArn} insight={current} />
                  </>
                )}
              </section>
            </div>
          );
        }}
      </Show>
    </>
  );
}
