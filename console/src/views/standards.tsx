/**
 * Standards and controls: each enabled standard's score; a standard's controls with their status,
 * severity and failed resource counts, enabled or disabled (with a reason) in place; a control's
 * page with its failed resources and findings.
 */
import {
  BatchGetSecurityControlsCommand,
  DescribeStandardsControlsCommand,
  GetEnabledStandardsCommand,
  GetFindingsCommand,
  UpdateStandardsControlCommand,
  type StandardsControl,
} from '@aws-sdk/client-securityhub';
import { useState } from 'react';
import { useApi } from '../api-context';
import { barOption, Chart } from '../components/chart';
import { ErrorBox, Score, Severity, Show, useAsync } from '../components/common';
import type { AwsSecurityFindingFilters } from '../filters';
import { href } from '../router';
import { findingGroups, nameOf, rowsOf, securityScores, standardNames } from './data';
import { findingsLink } from '../links';

/** Failing control findings that count: active, not suppressed. */
function failing(controlId?: string): AwsSecurityFindingFilters {
  return {
    RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' }],
    ComplianceStatus: [{ Value: 'FAILED', Comparison: 'EQUALS' }],
    WorkflowStatus: [{ Value: 'SUPPRESSED', Comparison: 'NOT_EQUALS' }],
    ...(controlId && { ComplianceSecurityControlId: [{ Value: controlId, Comparison: 'EQUALS' }] }),
  };
}

const STATUS_MARK: Record<string, string> = { PASSED: '✓', FAILED: '✗', UNKNOWN: '?', NO_DATA: '–' };

function ControlStatusText({ status }: { status?: string }) {
  const value = status ?? 'NO_DATA';
  return (
    <span className={`status status-${value.toLowerCase()}`}>
      <span aria-hidden="true">{STATUS_MARK[value] ?? ''} </span>
      {value}
    </span>
  );
}

/** The standards page. */
export function Standards() {
  const api = useApi();
  const loaded = useAsync(async () => {
    const [enabled, scores, names] = await Promise.all([api.hub.send(new GetEnabledStandardsCommand({ MaxResults: 100 })), securityScores(api, {}), standardNames(api)]);
    return { subscriptions: enabled.StandardsSubscriptions ?? [], scores, names };
  }, 'standards');
  return (
    <>
      <h1>Standards and controls</h1>
      <Show loaded={loaded} what="standards">
        {({ subscriptions, scores, names }) => (
          <>
            <Chart
              option={barOption(scores.Current.StandardsScores.map((standard) => ({ name: nameOf(names, standard.StandardsArn), count: standard.Score ?? 0 })))}
              label={`Score per standard: ${scores.Current.StandardsScores.map((standard) => `${nameOf(names, standard.StandardsArn)} ${standard.Score ?? 'no data'} %`).join(', ')}`}
              height={60 + 40 * scores.Current.StandardsScores.length}
            />
            <table className="list">
              <thead>
                <tr>
                  <th scope="col">Standard</th>
                  <th scope="col">Score</th>
                  <th scope="col">Passed</th>
                  <th scope="col">Failed</th>
                  <th scope="col">Unknown</th>
                  <th scope="col">No data</th>
                  <th scope="col">Disabled</th>
                </tr>
              </thead>
              <tbody>
                {subscriptions.map((subscription) => {
                  const score = scores.Current.StandardsScores.find((entry) => entry.StandardsArn === subscription.StandardsArn);
                  return (
                    <tr key={subscription.StandardsSubscriptionArn}>
                      <td>
                        <a href={href('standard', { arn: subscription.StandardsSubscriptionArn })}>{nameOf(names, subscription.StandardsArn ?? '')}</a>
                      </td>
                      <td>
                        <Score value={score?.Score} />
                      </td>
                      <td>{score?.Passed}</td>
                      <td>{score?.Failed}</td>
                      <td>{score?.Unknown}</td>
                      <td>{score?.NoData}</td>
                      <td>{score?.Disabled}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </>
        )}
      </Show>
    </>
  );
}

function Toggle({ control, onDone }: { control: StandardsControl; onDone: () => void }) {
  const api = useApi();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<Error>();
  const enabled = control.ControlStatus === 'ENABLED';
  return (
    <form
      className="inline"
      onSubmit={(event) => {
        event.preventDefault();
        setError(undefined);
        api.hub
          .send(
            new UpdateStandardsControlCommand({
              StandardsControlArn: control.StandardsControlArn,
              ControlStatus: enabled ? 'DISABLED' : 'ENABLED',
              ...(enabled && { DisabledReason: reason }),
            }),
          )
          .then(onDone, (caught: Error) => setError(caught));
      }}
    >
      {enabled && (
        <label>
          Reason <input value={reason} required onChange={(event) => setReason(event.target.value)} aria-label={`Reason to disable ${control.ControlId}`} />
        </label>
      )}
      <button type="submit">{enabled ? 'Disable' : 'Enable'}</button>
      {error && <ErrorBox error={error} />}
    </form>
  );
}

/** One standard's controls. */
export function Standard({ arn }: { arn: string }) {
  const api = useApi();
  const loaded = useAsync(async () => {
    const controls: StandardsControl[] = [];
    let NextToken: string | undefined;
    do {
      const page = await api.hub.send(new DescribeStandardsControlsCommand({ StandardsSubscriptionArn: arn, MaxResults: 100, NextToken }));
      controls.push(...(page.Controls ?? []));
      NextToken = page.NextToken;
    } while (NextToken);
    const [scores, failed] = await Promise.all([securityScores(api, {}), findingGroups(api, failing(), ['ComplianceSecurityControlId'])]);
    return { controls, statuses: scores.Current.ControlStatuses ?? {}, failed: new Map(rowsOf(failed, 'ComplianceSecurityControlId').map((row) => [row.name, row.count])) };
  }, arn);
  return (
    <>
      <p>
        <a href={href('standards')}>← Standards</a>
      </p>
      <h1>{arn.split(':subscription/')[1] ?? arn}</h1>
      <Show loaded={loaded} what="controls">
        {({ controls, statuses, failed }) => (
          <table className="list" data-testid="controls-table">
            <caption>{controls.length} controls</caption>
            <thead>
              <tr>
                <th scope="col">Control</th>
                <th scope="col">Title</th>
                <th scope="col">Status</th>
                <th scope="col">Severity</th>
                <th scope="col">Failed resources</th>
                <th scope="col">Enabled</th>
              </tr>
            </thead>
            <tbody>
              {controls.map((control) => (
                <tr key={control.StandardsControlArn}>
                  <td>
                    <a href={href('control', { id: control.ControlId })}>{control.ControlId}</a>
                  </td>
                  <td>{control.Title}</td>
                  <td>{control.ControlStatus === 'DISABLED' ? <span className="status">DISABLED</span> : <ControlStatusText status={statuses[control.ControlId ?? '']} />}</td>
                  <td>
                    <Severity label={control.SeverityRating} />
                  </td>
                  <td>{failed.get(control.ControlId ?? '') ? <a href={findingsLink(failing(control.ControlId))}>{failed.get(control.ControlId ?? '')}</a> : 0}</td>
                  <td>
                    {control.ControlStatus}
                    {control.DisabledReason && <small> ({control.DisabledReason})</small>}
                    <Toggle control={control} onDone={loaded.reload} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Show>
    </>
  );
}

/** One control: its definition, failed resources and findings. */
export function Control({ id }: { id: string }) {
  const api = useApi();
  const loaded = useAsync(async () => {
    const [definition, findings, scores] = await Promise.all([
      api.hub.send(new BatchGetSecurityControlsCommand({ SecurityControlIds: [id] })),
      api.hub.send(new GetFindingsCommand({ Filters: failing(id) as never, SortCriteria: [{ Field: 'Priority', SortOrder: 'desc' }], MaxResults: 100 })),
      securityScores(api, {}),
    ]);
    return { control: definition.SecurityControls?.[0], findings: findings.Findings ?? [], more: findings.NextToken !== undefined, status: scores.Current.ControlStatuses?.[id] };
  }, id);
  return (
    <Show loaded={loaded} what="the control">
      {({ control, findings, more, status }) => (
        <>
          <p>
            <a href={href('standards')}>← Standards</a>
          </p>
          <h1>
            {id}: {control?.Title}
          </h1>
          <p>{control?.Description}</p>
          <p>
            Severity <Severity label={control?.SeverityRating} /> · status <ControlStatusText status={control?.SecurityControlStatus === 'DISABLED' ? 'DISABLED' : status} />{' '}
            {control?.RemediationUrl && <a href={control.RemediationUrl}>Remediation guidance</a>}
          </p>
          <h2>
            Failed resources:{' '}
            <span data-testid="failed-count">
              {findings.length}
              {more ? '+' : ''}
            </span>
          </h2>
          <table className="list">
            <thead>
              <tr>
                <th scope="col">Resource</th>
                <th scope="col">Type</th>
                <th scope="col">Account</th>
                <th scope="col">Region</th>
                <th scope="col">Finding</th>
              </tr>
            </thead>
            <tbody>
              {findings.map((finding) => (
                <tr key={`${finding.ProductArn}|${finding.Id}`}>
                  <td>
                    <code>{finding.Resources?.[0]?.Id}</code>
                  </td>
                  <td>{finding.Resources?.[0]?.Type}</td>
                  <td>{finding.AwsAccountId}</td>
                  <td>{finding.Region}</td>
                  <td>
                    <a href={href('finding', { id: finding.Id, product: finding.ProductArn })}>{finding.Workflow?.Status}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            <a href={findingsLink(failing(id))}>Open these findings in the list</a>
          </p>
        </>
      )}
    </Show>
  );
}
