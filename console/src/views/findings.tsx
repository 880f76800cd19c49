/**
 * Findings: the prioritized list (GetFindings, by Priority by default) under the filter bar, sorted
 * by a column, paged with NextToken, optionally grouped by any group-by attribute
 * (GetFindingGroups); selected findings get a workflow status and note (BatchUpdateFindings) or go
 * to a custom action; the current filter can become an insight. Filters, grouping, sort and page
 * size live in the URL.
 */
import { BatchUpdateFindingsCommand, CreateInsightCommand, DescribeActionTargetsCommand, GetFindingsCommand, type AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { createColumnHelper, rowSelectionFeature, tableFeatures, useTable, type RowSelectionState } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useApi } from '../api-context';
import { barOption, Chart } from '../components/chart';
import { ErrorBox, Severity, Show, useAsync } from '../components/common';
import { FilterBar } from '../components/filter-bar';
import { SavedViews } from '../components/saved-views';
import { decodeFilters, DEFAULT_FILTERS, encodeFilters, GROUP_BY_KEYS, withEquals, type AwsSecurityFindingFilters, type FilterKey } from '../filters';
import { href, navigate } from '../router';
import { findingGroups, rowsOf } from './data';
import { OWN } from '../api/types';

const features = tableFeatures({ rowSelectionFeature });
const helper = createColumnHelper<typeof features, AwsSecurityFinding>();

/** Sortable columns: header, the GetFindings sort field, and the cell. */
const COLUMNS = helper.columns([
  helper.display({
    id: 'select',
    header: ({ table }) => (
      <input type="checkbox" aria-label="Select all findings on this page" checked={table.getIsAllRowsSelected()} onChange={table.getToggleAllRowsSelectedHandler()} />
    ),
    cell: ({ row }) => (
      <input type="checkbox" aria-label={`Select ${row.original.Title ?? row.original.Id}`} checked={row.getIsSelected()} onChange={row.getToggleSelectedHandler()} />
    ),
  }),
  helper.accessor((finding) => finding.Severity?.Label, { id: 'SeverityLabel', header: 'Severity', cell: (info) => <Severity label={info.getValue()} /> }),
  helper.accessor((finding) => finding.ProductFields?.['opensecurityhub/Priority'], { id: 'Priority', header: 'Priority' }),
  helper.accessor((finding) => finding.Title, {
    id: 'Title',
    header: 'Title',
    cell: (info) => <a href={href('finding', { id: info.row.original.Id, product: info.row.original.ProductArn })}>{info.getValue()}</a>,
  }),
  helper.accessor((finding) => finding.Workflow?.Status, { id: 'WorkflowStatus', header: 'Workflow' }),
  helper.accessor((finding) => finding.Compliance?.Status, { id: 'ComplianceStatus', header: 'Compliance' }),
  helper.accessor((finding) => finding.AwsAccountId, { id: 'AwsAccountId', header: 'Account' }),
  helper.accessor((finding) => finding.Region, { id: 'Region', header: 'Region' }),
  helper.accessor((finding) => finding.Resources?.[0]?.Type, { id: 'ResourceType', header: 'Resource type' }),
  helper.accessor((finding) => finding.ProductName, { id: 'ProductName', header: 'Product' }),
  helper.accessor((finding) => finding.UpdatedAt, { id: 'UpdatedAt', header: 'Updated', cell: (info) => (info.getValue() ?? '').replace('T', ' ').slice(0, 16) }),
]);

const UNSORTABLE = new Set(['select', 'ComplianceStatus', 'ResourceType']);
const WORKFLOW = ['NEW', 'NOTIFIED', 'RESOLVED', 'SUPPRESSED'] as const;

/** The list's state from the URL. */
export function findingsState(params: URLSearchParams) {
  const filters = decodeFilters(params.get('f')) ?? DEFAULT_FILTERS;
  const [field, order] = (params.get('s') ?? 'Priority:desc').split(':');
  return { filters, group: params.get('g') ?? '', sort: { field, order: order === 'asc' ? 'asc' : 'desc' } as const, size: Number(params.get('n') ?? 25) || 25 };
}

function Grouped({ filters, group, onPick }: { filters: AwsSecurityFindingFilters; group: string; onPick: (value: string) => void }) {
  const api = useApi();
  const loaded = useAsync(() => findingGroups(api, filters, [group]), `${encodeFilters(filters)}|${group}`);
  return (
    <Show loaded={loaded} what="groups">
      {(groups) => {
        const rows = rowsOf(groups, group);
        return (
          <section aria-label={`Findings grouped by ${group}`}>
            <p>
              {groups.Total} findings in {rows.length} groups{rows.length === 100 && ' (top 100)'}.
            </p>
            <Chart option={barOption(rows.slice(0, 15))} label={`Findings by ${group}`} height={Math.max(160, Math.min(15, rows.length) * 26)} onSelect={onPick} />
            <table className="list">
              <thead>
                <tr>
                  <th scope="col">{group}</th>
                  <th scope="col">Findings</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.name}>
                    <td>
                      <button type="button" className="link" onClick={() => onPick(row.name)}>
                        {row.name}
                      </button>
                    </td>
                    <td>{row.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        );
      }}
    </Show>
  );
}

function Actions({ selected, onDone, filters, group }: { selected: AwsSecurityFinding[]; onDone: () => void; filters: AwsSecurityFindingFilters; group: string }) {
  const api = useApi();
  const [status, setStatus] = useState('NOTIFIED');
  const [note, setNote] = useState('');
  const [target, setTarget] = useState('');
  const [insightName, setInsightName] = useState('');
  const [message, setMessage] = useState<string>();
  const [error, setError] = useState<Error>();
  const targets = useAsync(async () => (await api.hub.send(new DescribeActionTargetsCommand({ MaxResults: 100 }))).ActionTargets ?? [], 'action-targets');
  const identifiers = selected.map((finding) => ({ Id: finding.Id as string, ProductArn: finding.ProductArn as string }));
  const run = async (what: () => Promise<string>) => {
    setError(undefined);
    try {
      setMessage(await what());
      onDone();
    } catch (caught) {
      setError(caught as Error);
    }
  };
  return (
    <section className="actions" aria-label="Actions">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void run(async () => {
            const answer = await api.hub.send(
              new BatchUpdateFindingsCommand({
                FindingIdentifiers: identifiers,
                Workflow: { Status: status as (typeof WORKFLOW)[number] },
                ...(note.trim() && { Note: { Text: note.trim(), UpdatedBy: api.user } }),
              }),
            );
            const failed = answer.UnprocessedFindings ?? [];
            return `Workflow ${status} on ${answer.ProcessedFindings?.length ?? 0} findings${failed.length ? `; ${failed.length} not updated: ${failed.map((entry) => entry.ErrorMessage).join('; ')}` : ''}.`;
          });
        }}
      >
        <label>
          Workflow status
          <select value={status} onChange={(event) => setStatus(event.target.value)} data-testid="bulk-status">
            {WORKFLOW.map((value) => (
              <option key={value}>{value}</option>
            ))}
          </select>
        </label>
        <label>
          Note <input value={note} onChange={(event) => setNote(event.target.value)} data-testid="bulk-note" />
        </label>
        <button type="submit" disabled={selected.length === 0}>
          Set workflow on {selected.length} selected
        </button>
      </form>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void run(async () => {
            const answer = await api.own<{ FindingsSent: number; UnprocessedFindings: unknown[] }>(OWN.sendToActionTarget, {
              ActionTargetArn: target,
              FindingIdentifiers: identifiers,
            });
            return `Sent ${answer.FindingsSent} findings to ${target.split('/').pop()}${answer.UnprocessedFindings.length ? `; ${answer.UnprocessedFindings.length} not found` : ''}.`;
          });
        }}
      >
        <label>
          Custom action
          <select value={target} onChange={(event) => setTarget(event.target.value)}>
            <option value="">—</option>
            {(targets.data ?? []).map((entry) => (
              <option key={entry.ActionTargetArn} value={entry.ActionTargetArn}>
                {entry.Name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={selected.length === 0 || target === ''}>
          Send {selected.length} selected
        </button>
      </form>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void run(async () => {
            const answer = await api.hub.send(new CreateInsightCommand({ Name: insightName.trim(), Filters: filters as never, GroupByAttribute: group || 'ResourceId' }));
            return `Insight created: ${answer.InsightArn}`;
          });
        }}
      >
        <label>
          New insight from this filter <input value={insightName} onChange={(event) => setInsightName(event.target.value)} placeholder="name" />
        </label>
        <button type="submit" disabled={insightName.trim() === ''}>
          Create insight (grouped by {group || 'ResourceId'})
        </button>
      </form>
      {message && (
        <p role="status" data-testid="action-result">
          {message}
        </p>
      )}
      {error && <ErrorBox error={error} />}
    </section>
  );
}

function List({
  filters,
  sort,
  size,
  onSort,
  group,
}: {
  filters: AwsSecurityFindingFilters;
  sort: { field: string; order: 'asc' | 'desc' };
  size: number;
  onSort: (field: string) => void;
  group: string;
}) {
  const api = useApi();
  const [tokens, setTokens] = useState<Array<string | undefined>>([undefined]);
  const [selection, setSelection] = useState<RowSelectionState>({});
  const key = `${encodeFilters(filters)}|${sort.field}:${sort.order}|${size}`;
  const [pageKey, setPageKey] = useState(key);
  if (pageKey !== key) {
    setPageKey(key);
    setTokens([undefined]);
    setSelection({});
  }
  const token = tokens[tokens.length - 1];
  const loaded = useAsync(
    () => api.hub.send(new GetFindingsCommand({ Filters: filters as never, SortCriteria: [{ Field: sort.field, SortOrder: sort.order }], MaxResults: size, NextToken: token })),
    `${key}|${token ?? ''}`,
  );
  const data = useMemo(() => loaded.data?.Findings ?? [], [loaded.data]);
  const table = useTable({
    features,
    columns: COLUMNS,
    data,
    getRowId: (finding) => `${finding.ProductArn}|${finding.Id}`,
    state: { rowSelection: selection },
    onRowSelectionChange: setSelection,
  });
  const selected = data.filter((finding) => selection[`${finding.ProductArn}|${finding.Id}`]);
  return (
    <>
      <Actions selected={selected} onDone={loaded.reload} filters={filters} group={group} />
      {loaded.error && <ErrorBox error={loaded.error} />}
      <table className="list findings" aria-busy={loaded.loading} data-testid="findings-table">
        <caption>
          Findings, page {tokens.length}
          {loaded.loading ? ' (loading…)' : `: ${data.length} shown`}, sorted by {sort.field} {sort.order === 'desc' ? 'descending' : 'ascending'}
        </caption>
        <thead>
          {table.getHeaderGroups().map((headers) => (
            <tr key={headers.id}>
              {headers.headers.map((header) => {
                const sorted = sort.field === header.column.id;
                return (
                  <th key={header.id} scope="col" aria-sort={sorted ? (sort.order === 'desc' ? 'descending' : 'ascending') : undefined}>
                    {UNSORTABLE.has(header.column.id) ? (
                      <table.FlexRender header={header} />
                    ) : (
                      <button type="button" className="sort" onClick={() => onSort(header.column.id)}>
                        <table.FlexRender header={header} />
                        <span aria-hidden="true">{sorted ? (sort.order === 'desc' ? ' ▼' : ' ▲') : ' ↕'}</span>
                      </button>
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id} data-testid="finding-row" data-finding-id={row.original.Id}>
              {row.getAllCells().map((cell) => (
                <td key={cell.id}>
                  <table.FlexRender cell={cell} />
                </td>
              ))}
            </tr>
          ))}
          {!loaded.loading && data.length === 0 && (
            <tr>
              <td colSpan={COLUMNS.length}>No findings match these filters.</td>
            </tr>
          )}
        </tbody>
      </table>
      <nav className="pager" aria-label="Pages">
        <button type="button" disabled={tokens.length === 1} onClick={() => setTokens(tokens.slice(0, -1))}>
          Previous page
        </button>
        <span>Page {tokens.length}</span>
        <button type="button" disabled={loaded.data?.NextToken === undefined} onClick={() => setTokens([...tokens, loaded.data?.NextToken])}>
          Next page
        </button>
      </nav>
    </>
  );
}

/** The findings page. */
export function Findings({ params }: { params: URLSearchParams }) {
  const state = findingsState(params);
  const link = (change: Partial<{ f: string; g: string; s: string; n: string }>) =>
    href('findings', { f: encodeFilters(state.filters), g: state.group, s: `${state.sort.field}:${state.sort.order}`, n: String(state.size), ...change });
  const current = link({});
  return (
    <>
      <h1>Findings</h1>
      <FilterBar filters={state.filters} onChange={(next) => navigate(link({ f: encodeFilters(next) }))} onReset={() => navigate(link({ f: encodeFilters(DEFAULT_FILTERS) }))} />
      <div className="toolbar">
        <label>
          Group by
          <select value={state.group} onChange={(event) => navigate(link({ g: event.target.value }))} data-testid="group-by">
            <option value="">— no grouping —</option>
            {GROUP_BY_KEYS.map((key) => (
              <option key={key}>{key}</option>
            ))}
          </select>
        </label>
        <label>
          Per page
          <select value={state.size} onChange={(event) => navigate(link({ n: event.target.value }))}>
            {[25, 50, 100].map((size) => (
              <option key={size}>{size}</option>
            ))}
          </select>
        </label>
        <SavedViews current={current} />
      </div>
      {state.group ? (
        <Grouped
          filters={state.filters}
          group={state.group}
          onPick={(value) => navigate(link({ f: encodeFilters(withEquals(state.filters, state.group as FilterKey, value)), g: '' }))}
        />
      ) : (
        <List
          filters={state.filters}
          sort={state.sort}
          size={state.size}
          group={state.group}
          onSort={(field) => navigate(link({ s: `${field}:${state.sort.field === field && state.sort.order === 'desc' ? 'asc' : 'desc'}` }))}
        />
      )}
    </>
  );
}
