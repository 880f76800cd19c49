/**
 * Standards, controls and security scores in the Security Hub–compatible API: the entries of the
 * operations registry. Methods, paths and members are those of `@aws-sdk/client-securityhub`'s
 * restJson1 model; `GetSecurityScores` and `CreateSecurityScoreSnapshot` are ours (not in the model).
 */
import {
  CONTROLS,
  SNAPSHOT_RETENTION_DAYS,
  associationState,
  controlsOfStandard,
  currentScores,
  findControl,
  takeScoreSnapshot,
  withAssociation,
  withStandardsEnabled,
} from '../compliance';
import type { ComplianceSettings, ParameterValue, ScopeScore, ScoreChanges, ScoresAt, StandardId } from '../compliance';
import { ASSOCIATION_OPERATIONS } from './compliance-association-operations';
import { InvalidInputError } from '../shared/errors';
import {
  ALL_STANDARDS,
  controlOfStandardsControlArn,
  parameterValueOf,
  securityControlDefinitionShape,
  securityControlOf,
  securityControlShape,
  standardArnAt,
  standardOfArn,
  standardOfSubscription,
  standardShape,
  standardsControlShape,
  subscriptionShape,
} from './compliance-wire';
import { objectsOnly, optionalArray, optionalInteger, optionalObject, optionalString, required, requiredArray, requiredString, stringsOnly } from './envelope';
import { bodyPaging, compliance, dropUndefined, nowOf, page, queryPaging, type Paging } from './compliance-support';
import { defineOperation, type ApiOperation, type ServiceLocation } from './operation';

/** Subscription requests / ARNs per Batch{Enable,Disable}Standards call (Security Hub: 25). */
export const MAX_STANDARDS_BATCH = 25;
/** Control ids per BatchGetSecurityControls call (Security Hub: 100). */
export const MAX_SECURITY_CONTROLS = 100;

const batchEnableStandards = defineOperation<{ StandardsArns: string[] }>({
  name: 'BatchEnableStandards',
  method: 'POST',
  path: '/standards/register',
  parse: ({ body }) => ({
    StandardsArns: objectsOnly(requiredArray(body.StandardsSubscriptionRequests, 'StandardsSubscriptionRequests', 1, MAX_STANDARDS_BATCH), 'StandardsSubscriptionRequests').map(
      (request, index) => {
        optionalObject(request.StandardsInput, `StandardsSubscriptionRequests[${index}].StandardsInput`);
        return requiredString(request.StandardsArn, `StandardsSubscriptionRequests[${index}].StandardsArn`);
      },
    ),
  }),
  async invoke(input, services, _caller, location) {
    const ids = input.StandardsArns.map((arn, index) => standardOfArn(arn, location, `StandardsSubscriptionRequests[${index}].StandardsArn`));
    const at = nowOf(compliance(services)).toISOString();
    await compliance(services).settings.update((current) => withStandardsEnabled(current, ids, at));
    return { output: { StandardsSubscriptions: ids.map((id) => subscriptionShape(id, location)) }, log: { enabled: ids } };
  },
});

const batchDisableStandards = defineOperation<{ StandardsSubscriptionArns: string[] }>({
  name: 'BatchDisableStandards',
  method: 'POST',
  path: '/standards/deregister',
  parse: ({ body }) => ({
    StandardsSubscriptionArns: stringsOnly(requiredArray(body.StandardsSubscriptionArns, 'StandardsSubscriptionArns', 1, MAX_STANDARDS_BATCH), 'StandardsSubscriptionArns'),
  }),
  async invoke(input, services, _caller, location) {
    const ids = input.StandardsSubscriptionArns.map((arn, index) => standardOfSubscription(arn, location, `StandardsSubscriptionArns[${index}]`));
    await compliance(services).settings.update((current) => {
      ids.forEach((id, index) => {
        if (!current.enabledStandards.includes(id)) throw new InvalidInputError(`Invalid parameter 'StandardsSubscriptionArns[${index}]': the standard is not enabled.`);
      });
      return { ...current, enabledStandards: current.enabledStandards.filter((id) => !ids.includes(id)) };
    });
    return { output: { StandardsSubscriptions: ids.map((id) => subscriptionShape(id, location, 'DELETING')) }, log: { disabled: ids } };
  },
});

const getEnabledStandards = defineOperation<Paging & { StandardsSubscriptionArns?: string[] }>({
  name: 'GetEnabledStandards',
  method: 'POST',
  path: '/standards/get',
  parse: ({ body }) => {
    const arns = optionalArray(body.StandardsSubscriptionArns, 'StandardsSubscriptionArns', 1, MAX_STANDARDS_BATCH);
    return dropUndefined({ ...bodyPaging(body), StandardsSubscriptionArns: arns && stringsOnly(arns, 'StandardsSubscriptionArns') });
  },
  async invoke(input, services, _caller, location) {
    const settings = await compliance(services).settings.get();
    const wanted = input.StandardsSubscriptionArns?.map((arn, index) => standardOfSubscription(arn, location, `StandardsSubscriptionArns[${index}]`));
    const enabled = ALL_STANDARDS.map((standard) => standard.id).filter((id) => settings.enabledStandards.includes(id) && (wanted === undefined || wanted.includes(id)));
    const { items, NextToken } = page(enabled, input, `enabled:${(wanted ?? []).join(',')}`);
    return { output: dropUndefined({ StandardsSubscriptions: items.map((id) => subscriptionShape(id, location)), NextToken }) };
  },
});

const describeStandards = defineOperation<Paging>({
  name: 'DescribeStandards',
  method: 'GET',
  path: '/standards',
  parse: ({ query }) => queryPaging(query),
  async invoke(input, _services, _caller, location) {
    const { items, NextToken } = page(ALL_STANDARDS, input, 'standards');
    return { output: dropUndefined({ Standards: items.map((standard) => standardShape(standard, location)), NextToken }) };
  },
});

const describeStandardsControls = defineOperation<Paging & { StandardsSubscriptionArn: string }>({
  name: 'DescribeStandardsControls',
  method: 'GET',
  path: '/standards/controls/{StandardsSubscriptionArn+}',
  parse: ({ pathParameters, query }) => ({ ...queryPaging(query), StandardsSubscriptionArn: requiredString(pathParameters.StandardsSubscriptionArn, 'StandardsSubscriptionArn') }),
  async invoke(input, services, _caller, location) {
    const standard = standardOfSubscription(input.StandardsSubscriptionArn, location, 'StandardsSubscriptionArn');
    const settings = await compliance(services).settings.get();
    if (!settings.enabledStandards.includes(standard)) {
      throw new InvalidInputError(`Invalid parameter 'StandardsSubscriptionArn': the standard ${standard} is not enabled.`);
    }
    const { items, NextToken } = page(controlsOfStandard(standard), input, `controls:${standard}`);
    return { output: dropUndefined({ Controls: items.map((control) => standardsControlShape(standard, control, settings, location)), NextToken }) };
  },
});

const updateStandardsControl = defineOperation<{ StandardsControlArn: string; ControlStatus?: 'ENABLED' | 'DISABLED'; DisabledReason?: string }>({
  name: 'UpdateStandardsControl',
  method: 'PATCH',
  path: '/standards/control/{StandardsControlArn+}',
  parse: ({ pathParameters, body }) => {
    const status = optionalString(body.ControlStatus, 'ControlStatus');
    if (status !== undefined && status !== 'ENABLED' && status !== 'DISABLED') {
      throw new InvalidInputError(`Invalid parameter 'ControlStatus': must be ENABLED or DISABLED.`);
    }
    const reason = optionalString(body.DisabledReason, 'DisabledReason');
    if (status === 'DISABLED' && !reason?.trim()) {
      throw new InvalidInputError(`Invalid parameter 'DisabledReason': required when ControlStatus is DISABLED.`);
    }
    return dropUndefined({
      StandardsControlArn: requiredString(pathParameters.StandardsControlArn, 'StandardsControlArn'),
      ControlStatus: status as 'ENABLED' | 'DISABLED' | undefined,
      DisabledReason: reason,
    });
  },
  /** Changes the control in THIS standard only (its association), as Security Hub does: the other standards keep it. */
  async invoke(input, services, _caller, location) {
    const { standard, control } = controlOfStandardsControlArn(input.StandardsControlArn, location, 'StandardsControlArn');
    const state = compliance(services);
    const at = nowOf(state).toISOString();
    await state.settings.update((current) => {
      const association = current.associations?.[standard]?.[control.id];
      // Without ControlStatus the status stays what it is (a control waiting to be enabled by hand stays DISABLED).
      const enabled = input.ControlStatus === undefined ? associationState(control, standard, current).status === 'ENABLED' : input.ControlStatus === 'ENABLED';
      const reason = input.DisabledReason ?? association?.reason;
      if (!enabled && !reason) throw new InvalidInputError(`Invalid parameter 'DisabledReason': required when ControlStatus is DISABLED.`);
      return withAssociation(current, control, standard, { enabled, reason }, at);
    });
    return { output: {}, log: { controlId: control.id, standard, controlStatus: input.ControlStatus } };
  },
});

const listSecurityControlDefinitions = defineOperation<Paging & { StandardsArn?: string }>({
  name: 'ListSecurityControlDefinitions',
  method: 'GET',
  path: '/securityControls/definitions',
  parse: ({ query }) => dropUndefined({ ...queryPaging(query), StandardsArn: query.StandardsArn }),
  async invoke(input, _services, _caller, location) {
    const standard = input.StandardsArn === undefined ? undefined : standardOfArn(input.StandardsArn, location, 'StandardsArn');
    const controls = standard === undefined ? CONTROLS : controlsOfStandard(standard);
    const { items, NextToken } = page(controls, input, `definitions:${standard ?? ''}`);
    return { output: dropUndefined({ SecurityControlDefinitions: items.map(securityControlDefinitionShape), NextToken }) };
  },
});

const getSecurityControlDefinition = defineOperation<{ SecurityControlId: string }>({
  name: 'GetSecurityControlDefinition',
  method: 'GET',
  path: '/securityControl/definition',
  parse: ({ query }) => ({ SecurityControlId: requiredString(query.SecurityControlId, 'SecurityControlId') }),
  async invoke(input, _services, _caller, location) {
    const control = securityControlOf(input.SecurityControlId, location, 'SecurityControlId');
    return { output: { SecurityControlDefinition: securityControlDefinitionShape(control) } };
  },
});

const updateSecurityControl = defineOperation<{ SecurityControlId: string; Parameters: Record<string, unknown>; LastUpdateReason?: string }>({
  name: 'UpdateSecurityControl',
  method: 'PATCH',
  path: '/securityControl/update',
  parse: ({ body }) =>
    dropUndefined({
      SecurityControlId: requiredString(body.SecurityControlId, 'SecurityControlId'),
      Parameters: required(optionalObject(body.Parameters, 'Parameters'), 'Parameters'),
      LastUpdateReason: optionalString(body.LastUpdateReason, 'LastUpdateReason'),
    }),
  async invoke(input, services, _caller, location) {
    const control = securityControlOf(input.SecurityControlId, location, 'SecurityControlId');
    const changes: Record<string, ParameterValue | undefined> = {};
    for (const [name, configuration] of Object.entries(input.Parameters)) {
      const parameter = control.parameters?.[name];
      if (parameter === undefined) throw new InvalidInputError(`Invalid parameter 'Parameters.${name}': control ${control.id} has no parameter ${name}.`);
      changes[name] = parameterValueOf(parameter, configuration, `Parameters.${name}`);
    }
    await compliance(services).settings.update((current) => {
      const state = current.controls[control.id] ?? { enabled: true };
      const parameters = { ...(state.parameters ?? {}) };
      for (const [name, value] of Object.entries(changes)) {
        if (value === undefined) delete parameters[name];
        else parameters[name] = value;
      }
      const next = dropUndefined({ ...state, parameters: Object.keys(parameters).length > 0 ? parameters : undefined });
      return { ...current, controls: { ...current.controls, [control.id]: next } };
    });
    return { output: {}, log: { controlId: control.id, parameters: Object.keys(changes), reason: input.LastUpdateReason } };
  },
});

const batchGetSecurityControls = defineOperation<{ SecurityControlIds: string[] }>({
  name: 'BatchGetSecurityControls',
  method: 'POST',
  path: '/securityControls/batchGet',
  parse: ({ body }) => ({
    SecurityControlIds: stringsOnly(requiredArray(body.SecurityControlIds, 'SecurityControlIds', 1, MAX_SECURITY_CONTROLS), 'SecurityControlIds'),
  }),
  async invoke(input, services, _caller, location) {
    const settings = await compliance(services).settings.get();
    const found = input.SecurityControlIds.map((id) => ({ id, control: id.startsWith('arn:') ? undefined : findControl(id) }));
    const resolved = found.map((entry) => {
      if (entry.control !== undefined || !entry.id.startsWith('arn:')) return entry;
      try {
        return { id: entry.id, control: securityControlOf(entry.id, location, 'SecurityControlIds') };
      } catch {
        return entry;
      }
    });
    return {
      output: {
        SecurityControls: resolved.flatMap((entry) => (entry.control ? [securityControlShape(entry.control, settings, location)] : [])),
        UnprocessedIds: resolved
          .filter((entry) => entry.control === undefined)
          .map((entry) => ({ SecurityControlId: entry.id, ErrorCode: 'NOT_FOUND', ErrorReason: `Security control '${entry.id}' not found.` })),
      },
    };
  },
});

/** Scores on the wire: `SummaryScore` and `StandardsScores` (PascalCase members, standards as ARNs). */
function scoresShape(scores: ScoresAt['scores'], location: ServiceLocation): { SummaryScore: object; StandardsScores: object[] } {
  const counts = (score: ScoresAt['scores']['summary']) => ({
    Score: score.score,
    Passed: score.passed,
    Failed: score.failed,
    Unknown: score.unknown,
    NoData: score.noData,
    Disabled: score.disabled,
  });
  return {
    SummaryScore: counts(scores.summary),
    StandardsScores: scores.standards.map((standard) => ({ StandardsArn: standardArnAt(standard.standard, location), ...counts(standard) })),
  };
}

/**
 * A snapshot on the wire: its scores, `ControlStatuses` when known at its scope, `AccountScores`
 * and `RegionScores` (each with the same `SummaryScore` / `StandardsScores`), `Demo: true` when
 * the demo organization backfilled it.
 */
function snapshotShape(snapshot: ScoresAt & { controls?: Record<string, string> }, location: ServiceLocation): object {
  const scopes = (list: readonly ScopeScore[], key: 'AccountId' | 'Region') => list.map((entry) => ({ [key]: entry.scope, ...scoresShape(entry.scores, location) }));
  return {
    TakenAt: snapshot.takenAt,
    ...scoresShape(snapshot.scores, location),
    ...(snapshot.controls !== undefined && { ControlStatuses: snapshot.controls }),
    AccountScores: scopes(snapshot.accounts, 'AccountId'),
    RegionScores: scopes(snapshot.regions, 'Region'),
    ...(snapshot.demo && { Demo: true }),
  };
}

function changesShape(changes: ScoreChanges, location: ServiceLocation): object {
  return {
    ScoreChanges: changes.scores.map((change) => ({
      Scope: change.scope === 'summary' ? 'SUMMARY' : standardArnAt(change.scope as StandardId, location),
      PreviousScore: change.previous,
      CurrentScore: change.current,
    })),
    ControlStatusChanges: changes.controls.map((change) => ({ SecurityControlId: change.controlId, PreviousStatus: change.previous, CurrentStatus: change.current })),
  };
}

const DAY_MS = 86_400_000;

const ACCOUNT_ID = /^\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

function optionalPattern(value: unknown, path: string, pattern: RegExp, expected: string): string | undefined {
  const text = optionalString(value, path);
  if (text !== undefined && !pattern.test(text)) throw new InvalidInputError(`Invalid parameter '${path}': expected ${expected}, got '${text}'.`);
  return text;
}

/**
 * Ours: the current scores and, with `HistoryDays`, the snapshots of that many days, newest first;
 * `AccountId` and/or `Region` scope both to that account and/or Region.
 */
const getSecurityScores = defineOperation<{ HistoryDays?: number; AccountId?: string; Region?: string }>({
  name: 'GetSecurityScores',
  method: 'POST',
  path: '/compliance/scores',
  parse: ({ body }) =>
    dropUndefined({
      HistoryDays: optionalInteger(body.HistoryDays, 'HistoryDays', 1, SNAPSHOT_RETENTION_DAYS),
      AccountId: optionalPattern(body.AccountId, 'AccountId', ACCOUNT_ID, 'a 12-digit account id'),
      Region: optionalPattern(body.Region, 'Region', REGION, 'a Region name such as us-east-1'),
    }),
  async invoke(input, services, _caller, location) {
    const state = compliance(services);
    const now = nowOf(state);
    // One account's scores are computed with that account's effective settings (its configuration policy, under central configuration).
    const settings: ComplianceSettings =
      input.AccountId !== undefined && state.settingsOfAccount !== undefined ? await state.settingsOfAccount()(input.AccountId) : await state.settings.get();
    const scope = dropUndefined({ accountId: input.AccountId, region: input.Region });
    // Organization-wide, each account's findings count only for the controls enabled for it (its own policy).
    const current = await currentScores(services.findings, settings, now, { scope, settingsOfAccount: state.settingsOfAccount?.() });
    const since = input.HistoryDays === undefined ? undefined : new Date(now.getTime() - input.HistoryDays * DAY_MS);
    const history = since === undefined ? undefined : await state.snapshots.listScoped(scope, since, now);
    return {
      output: dropUndefined({ Current: snapshotShape(current, location), History: history?.map((snapshot) => snapshotShape(snapshot, location)) }),
      log: { summaryScore: current.scores.summary.score, history: history?.length, ...scope },
    };
  },
});

const createSecurityScoreSnapshot = defineOperation<Record<string, never>>({
  name: 'CreateSecurityScoreSnapshot',
  method: 'POST',
  path: '/compliance/scores/snapshot',
  parse: () => ({}),
  async invoke(_input, services, _caller, location) {
    const state = compliance(services);
    const result = await takeScoreSnapshot({
      findings: services.findings,
      settings: await state.settings.get(),
      snapshots: state.snapshots,
      now: nowOf(state),
      settingsOfAccount: state.settingsOfAccount?.(),
    });
    return {
      output: dropUndefined({
        Snapshot: snapshotShape(result.snapshot, location),
        Previous: result.previous && snapshotShape(result.previous, location),
        ...changesShape(result.changes, location),
      }),
      log: { summaryScore: result.snapshot.scores.summary.score, controlChanges: result.changes.controls.length },
    };
  },
});

/** The standards, controls and scores operations. */
export const COMPLIANCE_OPERATIONS: readonly ApiOperation[] = [
  batchEnableStandards,
  batchDisableStandards,
  getEnabledStandards,
  describeStandards,
  describeStandardsControls,
  updateStandardsControl,
  listSecurityControlDefinitions,
  getSecurityControlDefinition,
  updateSecurityControl,
  batchGetSecurityControls,
  getSecurityScores,
  createSecurityScoreSnapshot,
  ...ASSOCIATION_OPERATIONS,
];
