/**
 * Remediation operations of our API (not in Security Hub's model), under `/remediations`:
 * ListRemediations, GetRemediation, ApproveRemediation, RejectRemediation, and
 * Get/UpdateRemediationSettings. Approving and rejecting complete the execution's task token
 * through Step Functions (SendTaskSuccess / SendTaskFailure `Remediation.Rejected`).
 */
import { approveRemediation, rejectRemediation } from '../remediation';
import { PLAYBOOKS } from '../remediation';
import { validateRemediationSettings } from '../remediation';
import type { StoredRemediationRecord } from '../remediation';
import { InvalidInputError, ResourceNotFoundError } from '../shared/errors';
import { findingIdentifier, optionalInteger, optionalString, requiredString } from './envelope';
import { defineOperation, type ApiOperation, type ApiServices } from './operation';
import type { RemediationServices } from './services';
export type { RemediationServices } from './services';

const STATUSES = ['RUNNING', 'AWAITING_APPROVAL', 'SUCCEEDED', 'NO_OP', 'DRY_RUN', 'REJECTED', 'SKIPPED', 'FAILED'] as const;
const MAX_PAGE = 100;

function remediation(services: ApiServices): RemediationServices {
  if (services.remediation === undefined) throw new Error('The API was built without remediation services');
  return services.remediation;
}

/** A record as the API shows it: the task token stays inside. */
function shown(record: StoredRemediationRecord): Omit<StoredRemediationRecord, 'taskToken'> {
  const { taskToken: _token, ...rest } = record;
  return rest;
}

const remediationId = (body: Record<string, unknown>) => requiredString(body.RemediationId, 'RemediationId');

const listRemediations = defineOperation<{ Status?: (typeof STATUSES)[number]; FindingIdentifier?: { Id: string; ProductArn: string }; MaxResults?: number; NextToken?: string }>({
  name: 'ListRemediations',
  method: 'POST',
  path: '/remediations/list',
  parse: ({ body }) => {
    const status = optionalString(body.Status, 'Status');
    if (status !== undefined && !(STATUSES as readonly string[]).includes(status)) {
      throw new InvalidInputError(`Invalid parameter 'Status': expected one of ${STATUSES.join(', ')}.`);
    }
    return {
      Status: status as (typeof STATUSES)[number] | undefined,
      FindingIdentifier: body.FindingIdentifier === undefined ? undefined : findingIdentifier(body.FindingIdentifier, 'FindingIdentifier'),
      MaxResults: optionalInteger(body.MaxResults, 'MaxResults', 1, MAX_PAGE),
      NextToken: optionalString(body.NextToken, 'NextToken'),
    };
  },
  async invoke(input, services) {
    const page = await remediation(services).records.list(
      { status: input.Status, finding: input.FindingIdentifier },
      { limit: input.MaxResults ?? MAX_PAGE, nextToken: input.NextToken },
    );
    return { output: { Remediations: page.records.map(shown), ...(page.nextToken && { NextToken: page.nextToken }) }, log: { returned: page.records.length } };
  },
});

const getRemediation = defineOperation<{ RemediationId: string }>({
  name: 'GetRemediation',
  method: 'POST',
  path: '/remediations/get',
  parse: ({ body }) => ({ RemediationId: remediationId(body) }),
  async invoke(input, services) {
    const record = await remediation(services).records.get(input.RemediationId);
    if (record === undefined) throw new ResourceNotFoundError(`No remediation ${input.RemediationId}.`);
    return { output: { Remediation: shown(record) } };
  },
});

const approve = defineOperation<{ RemediationId: string }>({
  name: 'ApproveRemediation',
  method: 'POST',
  path: '/remediations/approve',
  parse: ({ body }) => ({ RemediationId: remediationId(body) }),
  async invoke(input, services, caller) {
    const { records, tasks, now = () => new Date(), settings, awaiting } = remediation(services);
    const record = await approveRemediation(input.RemediationId, caller.identity, { records, tasks, now, awaiting, settings: async () => (await settings.get()).settings });
    return { output: { Remediation: shown(record) }, log: { remediationId: input.RemediationId, approvedBy: caller.identity } };
  },
});

const reject = defineOperation<{ RemediationId: string; Reason?: string }>({
  name: 'RejectRemediation',
  method: 'POST',
  path: '/remediations/reject',
  parse: ({ body }) => ({ RemediationId: remediationId(body), Reason: optionalString(body.Reason, 'Reason') }),
  async invoke(input, services, caller) {
    const { records, tasks, now = () => new Date(), settings, awaiting } = remediation(services);
    const record = await rejectRemediation(input.RemediationId, caller.identity, input.Reason, {
      records,
      tasks,
      now,
      awaiting,
      settings: async () => (await settings.get()).settings,
    });
    return { output: { Remediation: shown(record) }, log: { remediationId: input.RemediationId, rejectedBy: caller.identity } };
  },
});

const getSettings = defineOperation<Record<string, never>>({
  name: 'GetRemediationSettings',
  method: 'POST',
  path: '/remediations/settings/get',
  parse: () => ({}),
  async invoke(_input, services) {
    const { settings, version } = await remediation(services).settings.get();
    return {
      output: {
        Settings: settings,
        Version: version,
        Playbooks: PLAYBOOKS.map(({ id, title, destructive, approvalByDefault }) => ({ id, title, destructive, approvalByDefault })),
      },
    };
  },
});

const updateSettings = defineOperation<{ Settings: ReturnType<typeof validateRemediationSettings>; Version?: number }>({
  name: 'UpdateRemediationSettings',
  method: 'POST',
  path: '/remediations/settings/update',
  parse: ({ body }) => ({
    Settings: validateRemediationSettings(
      body.Settings,
      PLAYBOOKS.map((playbook) => playbook.id),
    ),
    Version: optionalInteger(body.Version, 'Version', 0, Number.MAX_SAFE_INTEGER),
  }),
  async invoke(input, services) {
    const store = remediation(services).settings;
    // Without Version: replace whatever is stored (read for its version); with it: only on that version.
    const version = input.Version ?? (await store.get()).version;
    const next = await store.put(input.Settings, version);
    return { output: { Settings: input.Settings, Version: next }, log: { version: next } };
  },
});

/** The remediation operations, for the operations registry. */
export const REMEDIATION_OPERATIONS: readonly ApiOperation[] = [listRemediations, getRemediation, approve, reject, getSettings, updateSettings];
