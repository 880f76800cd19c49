/**
 * One finding: its summary, priority and reasons, the history timeline (GetFindingHistory),
 * related findings (its RelatedFindings and others on the same resource), remediation records,
 * actions (workflow + note, remediation — dry run first, approval answered here), and the full ASFF.
 */
import { BatchUpdateFindingsCommand, GetFindingHistoryCommand, GetFindingsCommand, type AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { useState } from 'react';
import { useApi } from '../api-context';
import { ErrorBox, Severity, Show, useAsync } from '../components/common';
import { OWN, type RemediationRecord } from '../api/types';
import { href } from '../router';

const WORKFLOW = ['NEW', 'NOTIFIED', 'RESOLVED', 'SUPPRESSED'] as const;

function History({ id, productArn, version }: { id: string; productArn: string; version: number }) {
  const api = useApi();
  const loaded = useAsync(
    () => api.hub.send(new GetFindingHistoryCommand({ FindingIdentifier: { Id: id, ProductArn: productArn }, MaxResults: 100 })),
    `${id}|${productArn}|${version}`,
  );
  return (
    <section aria-labelledby="history-title" className="panel wide">
      <h2 id="history-title">History</h2>
      <Show loaded={loaded} what="history">
        {(answer) => (
          <ol className="timeline" data-testid="history">
            {(answer.Records ?? []).map((record, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the history is append-only and rendered whole; records have no id of their own
              <li key={index} data-testid="history-record">
                <time dateTime={String(record.UpdateTime?.toISOString?.() ?? record.UpdateTime)}>{record.UpdateTime?.toISOString?.().replace('T', ' ').slice(0, 19)}</time>{' '}
                <strong>{record.FindingCreated ? 'Created' : 'Updated'}</strong> by {record.UpdateSource?.Type} {record.UpdateSource?.Identity}
                {(record.Updates ?? []).length > 0 && (
                  <ul>
                    {(record.Updates ?? []).map((update, at) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: a record's updates never change once written
                      <li key={at}>
                        <code>{update.UpdatedField}</code>: {update.OldValue ?? '—'} → {update.NewValue ?? '—'}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>
        )}
      </Show>
    </section>
  );
}

function Related({ finding }: { finding: AwsSecurityFinding }) {
  const api = useApi();
  const resource = finding.Resources?.[0]?.Id;
  const loaded = useAsync(
    async () =>
      resource === undefined
        ? []
        : (
            (
              await api.hub.send(
                new GetFindingsCommand({
                  Filters: { ResourceId: [{ Value: resource, Comparison: 'EQUALS' }], RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' }] },
                  MaxResults: 20,
                }),
              )
            ).Findings ?? []
          ).filter((other) => other.Id !== finding.Id),
    `${finding.Id}|related`,
  );
  return (
    <section aria-labelledby="related-title" className="panel">
      <h2 id="related-title">Related findings</h2>
      {(finding.RelatedFindings ?? []).length > 0 && (
        <ul>
          {(finding.RelatedFindings ?? []).map((related) => (
            <li key={related.Id}>
              <a href={href('finding', { id: related.Id, product: related.ProductArn })}>{related.Id}</a>
            </li>
          ))}
        </ul>
      )}
      <h3>On the same resource</h3>
      <Show loaded={loaded} what="related findings">
        {(others) =>
          others.length === 0 ? (
            <p>None.</p>
          ) : (
            <ul>
              {others.map((other) => (
                <li key={`${other.ProductArn}|${other.Id}`}>
                  <Severity label={other.Severity?.Label} /> <a href={href('finding', { id: other.Id, product: other.ProductArn })}>{other.Title}</a>
                </li>
              ))}
            </ul>
          )
        }
      </Show>
    </section>
  );
}

/** The finding's Note (dry runs write theirs there: "Dry run of …: would …"). */
async function noteOf(api: ReturnType<typeof useApi>, id: string, productArn: string): Promise<string> {
  const { Findings = [] } = await api.hub.send(
    new GetFindingsCommand({ Filters: { Id: [{ Value: id, Comparison: 'EQUALS' }], ProductArn: [{ Value: productArn, Comparison: 'EQUALS' }] }, MaxResults: 1 }),
  );
  return Findings[0]?.Note?.Text ?? '';
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function Remediations({ id, productArn, onChange, version }: { id: string; productArn: string; onChange: () => void; version: number }) {
  const api = useApi();
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const [reason, setReason] = useState('');
  const [dryRun, setDryRun] = useState<{ remediationId: string; note?: string }>();
  const list = async () => (await api.own<{ Remediations: RemediationRecord[] }>(OWN.listRemediations, { FindingIdentifier: { Id: id, ProductArn: productArn } })).Remediations;
  const records = useAsync(list, `${id}|${productArn}|${version}`);
  const act = async (what: () => Promise<unknown>) => {
    setError(undefined);
    setBusy(true);
    try {
      await what();
    } catch (caught) {
      setError(caught as Error);
    } finally {
      setBusy(false);
      records.reload();
      onChange();
    }
  };
  // A playbook runs asynchronously: follow it until it settles or waits for approval (≤ 30 s here; the records list stays live).
  const follow = async (remediationId: string) => {
    for (let attempt = 0; attempt < 60; attempt += 1) {
      const record = (await list()).find((entry) => entry.remediationId === remediationId);
      if (record !== undefined && record.status !== 'RUNNING') return;
      await pause(500);
    }
  };
  const startDryRun = () =>
    act(async () => {
      const started = await api.own<{ RemediationId: string }>(OWN.startRemediation, { FindingIdentifier: { Id: id, ProductArn: productArn }, DryRun: true });
      setDryRun({ remediationId: started.RemediationId });
      // A dry run changes nothing and keeps no record: its report is the finding's Note, naming the execution.
      for (let attempt = 0; attempt < 60; attempt += 1) {
        const note = await noteOf(api, id, productArn);
        if (note.includes(started.RemediationId)) {
          setDryRun({ remediationId: started.RemediationId, note });
          return;
        }
        await pause(500);
      }
      throw new Error(`Dry run ${started.RemediationId} started, but its note has not arrived yet; check again shortly.`);
    });
  const startRemediation = () =>
    act(async () => {
      const started = await api.own<{ RemediationId: string }>(OWN.startRemediation, { FindingIdentifier: { Id: id, ProductArn: productArn }, DryRun: false });
      await follow(started.RemediationId);
    });
  const answer = (remediationId: string, approve: boolean) =>
    act(async () => {
      await api.own(approve ? OWN.approveRemediation : OWN.rejectRemediation, { RemediationId: remediationId, ...(!approve && reason && { Reason: reason }) });
      await follow(remediationId);
    });
  const dryRunDone = dryRun?.note !== undefined;
  return (
    <section aria-labelledby="remediation-title" className="panel">
      <h2 id="remediation-title">Remediation</h2>
      <p>
        <button type="button" onClick={() => void startDryRun()} disabled={busy} data-testid="remediate-dry-run">
          Dry run
        </button>{' '}
        <button type="button" onClick={() => void startRemediation()} disabled={busy || !dryRunDone} title={dryRunDone ? undefined : 'Run a dry run first'} data-testid="remediate">
          Remediate
        </button>
        {!dryRunDone && <small> (a dry run first shows what would change)</small>}
        {busy && <span role="status"> working…</span>}
      </p>
      {dryRun?.note && (
        <p className="dry-run" data-testid="dry-run-note">
          <strong>Dry run:</strong> {dryRun.note}
        </p>
      )}
      {error && <ErrorBox error={error} />}
      <Show loaded={records} what="remediation records">
        {(rows) =>
          rows.length === 0 ? (
            <p>No remediation records.</p>
          ) : (
            <ul className="records" data-testid="remediations">
              {rows.map((record) => (
                <li key={record.remediationId} data-testid="remediation-record" data-status={record.status}>
                  <strong>{record.status}</strong> {record.playbookId} — {record.summary ?? ''}
                  <br />
                  <small>
                    {record.requestedBy} at {record.startedAt}
                    {record.decision &&
                      ` · ${record.decision.approved ? 'approved' : 'rejected'} by ${record.decision.by}${record.decision.reason ? `: ${record.decision.reason}` : ''}`}
                  </small>
                  {record.status === 'AWAITING_APPROVAL' && (
                    // biome-ignore lint/a11y/useSemanticElements: a group of two buttons, not a form control set: <fieldset> would add a legend and form semantics
                    <div className="approval" role="group" aria-label={`Approval of ${record.remediationId}`}>
                      <button type="button" onClick={() => void answer(record.remediationId, true)} data-testid="approve">
                        Approve
                      </button>
                      <label>
                        Reason <input value={reason} onChange={(event) => setReason(event.target.value)} />
                      </label>
                      <button type="button" onClick={() => void answer(record.remediationId, false)}>
                        Reject
                      </button>
                    </div>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </Show>
    </section>
  );
}

function Workflow({ finding, onChange }: { finding: AwsSecurityFinding; onChange: () => void }) {
  const api = useApi();
  const [status, setStatus] = useState<string>(finding.Workflow?.Status ?? 'NEW');
  const [note, setNote] = useState('');
  const [error, setError] = useState<Error>();
  const [done, setDone] = useState<string>();
  return (
    <form
      className="panel"
      aria-label="Workflow"
      onSubmit={(event) => {
        event.preventDefault();
        setError(undefined);
        api.hub
          .send(
            new BatchUpdateFindingsCommand({
              FindingIdentifiers: [{ Id: finding.Id, ProductArn: finding.ProductArn }],
              Workflow: { Status: status as (typeof WORKFLOW)[number] },
              ...(note.trim() && { Note: { Text: note.trim(), UpdatedBy: api.user } }),
            }),
          )
          .then((answer) => {
            const failed = answer.UnprocessedFindings?.[0];
            if (failed) throw new Error(`${failed.ErrorCode}: ${failed.ErrorMessage}`);
            setDone(`Workflow set to ${status}.`);
            setNote('');
            onChange();
          })
          .catch((caught: Error) => setError(caught));
      }}
    >
      <h2>Workflow</h2>
      <label>
        Status
        <select value={status} onChange={(event) => setStatus(event.target.value)} data-testid="workflow-status">
          {WORKFLOW.map((value) => (
            <option key={value}>{value}</option>
          ))}
        </select>
      </label>
      <label>
        Note <input value={note} onChange={(event) => setNote(event.target.value)} data-testid="workflow-note" />
      </label>
      <button type="submit" data-testid="workflow-save">
        Save
      </button>
      {done && <p role="status">{done}</p>}
      {error && <ErrorBox error={error} />}
    </form>
  );
}

/** The finding page. */
export function FindingDetail({ id, productArn }: { id: string; productArn: string }) {
  const api = useApi();
  const [version, setVersion] = useState(0);
  const loaded = useAsync(
    async () =>
      (
        await api.hub.send(
          new GetFindingsCommand({ Filters: { Id: [{ Value: id, Comparison: 'EQUALS' }], ProductArn: [{ Value: productArn, Comparison: 'EQUALS' }] }, MaxResults: 1 }),
        )
      ).Findings?.[0],
    `${id}|${productArn}|${version}`,
  );
  const changed = () => setVersion((value) => value + 1);
  return (
    <Show loaded={{ ...loaded, data: loaded.loading && loaded.data === undefined ? undefined : { finding: loaded.data } }} what="the finding">
      {({ finding }) =>
        finding === undefined ? (
          <p role="alert">No finding {id}.</p>
        ) : (
          <>
            <p>
              <a href={href('findings')}>← Findings</a>
            </p>
            <h1 data-testid="finding-title">{finding.Title}</h1>
            <div className="panels">
              <section className="panel" aria-label="Summary">
                <dl className="facts">
                  <dt>Severity</dt>
                  <dd>
                    <Severity label={finding.Severity?.Label} />
                  </dd>
                  <dt>Workflow</dt>
                  <dd data-testid="finding-workflow">{finding.Workflow?.Status}</dd>
                  <dt>Compliance</dt>
                  <dd>{finding.Compliance?.Status ?? '—'}</dd>
                  <dt>Account / Region</dt>
                  <dd>
                    <a href={href('account', { id: finding.AwsAccountId })}>{finding.AwsAccountId}</a> / <a href={href('region', { id: finding.Region })}>{finding.Region}</a>
                  </dd>
                  <dt>Resource</dt>
                  <dd>
                    {finding.Resources?.[0]?.Type} <code>{finding.Resources?.[0]?.Id}</code>
                  </dd>
                  <dt>Product</dt>
                  <dd>{finding.ProductName}</dd>
                  <dt>Note</dt>
                  <dd data-testid="finding-note">{finding.Note ? `${finding.Note.Text} (${finding.Note.UpdatedBy})` : '—'}</dd>
                </dl>
                <p>{finding.Description}</p>
                {finding.Remediation?.Recommendation?.Text && <p>Recommendation: {finding.Remediation.Recommendation.Text}</p>}
              </section>
              <section className="panel" aria-labelledby="priority-title">
                <h2 id="priority-title">
                  Priority <span data-testid="finding-priority">{finding.ProductFields?.['opensecurityhub/Priority'] ?? '—'}</span>
                </h2>
                <ul>
                  {(finding.ProductFields?.['opensecurityhub/PriorityReasons'] ?? '')
                    .split('; ')
                    .filter(Boolean)
                    .map((reason) => (
                      <li key={reason}>{reason}</li>
                    ))}
                </ul>
              </section>
              <Workflow finding={finding} onChange={changed} />
              <Remediations id={finding.Id as string} productArn={finding.ProductArn as string} onChange={changed} version={version} />
              <History id={finding.Id as string} productArn={finding.ProductArn as string} version={version} />
              <Related finding={finding} />
              <section className="panel wide" aria-labelledby="asff-title">
                <h2 id="asff-title">Full ASFF</h2>
                {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1) */}
                <pre className="asff" tabIndex={0} data-testid="asff">
                  {JSON.stringify(finding, null, 2)}
                </pre>
              </section>
            </div>
          </>
        )
      }
    </Show>
  );
}
