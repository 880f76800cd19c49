import { ListAccountsForParentCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import { listAccountsForParent } from '../../../lambdas/functions/remediation-dispatch/handler';
import type { PlaybookExecutionInput } from '../../../lambdas/remediation/contract';
import { dispatchCustomAction, dispatchImported, type DispatchDependencies } from '../../../lambdas/remediation/dispatch';
import { defaultRemediationSettings, type RemediationSettings } from '../../../lambdas/remediation/settings';
import { DynamoRemediationRecordStore } from '../../../lambdas/remediation/state/record-store';
import type { AwsSecurityFinding } from '../../../lambdas/asff/types';
import type { FindingChange } from '../../../lambdas/events/finding-events';
import { startDynalite, type LocalDynamo } from '../../support/dynalite';
import { aFinding, identifierOf } from '../../support/findings';

const ACCOUNT = '111122223333';
const REMEDIATE = `arn:aws:securityhub:us-east-1:${ACCOUNT}:action/custom/Remediate`;
const MACHINES = { 's3-block-public-access': 'arn:aws:states:us-east-1:999988887777:stateMachine:s3bpa' };
const organizations = mockClient(OrganizationsClient);
let dynamo: LocalDynamo;
beforeAll(async () => (dynamo = await startDynalite()));
afterAll(async () => dynamo.stop());

const failing = (overrides: Partial<AwsSecurityFinding> = {}) =>
  aFinding({
    Id: 'bucket-1',
    RecordState: 'ACTIVE',
    Workflow: { Status: 'NEW' },
    Compliance: { Status: 'FAILED', SecurityControlId: 'S3.8' },
    ...overrides,
  } as Partial<AwsSecurityFinding>);
const change = (overrides: Partial<FindingChange> = {}): FindingChange => ({
  created: true,
  version: 1,
  source: { Type: 'BATCH_IMPORT_FINDINGS', Identity: 'compliance' },
  updatedFields: [],
  ...overrides,
});

async function harness(settings: RemediationSettings = defaultRemediationSettings()) {
  const started = new Map<string, PlaybookExecutionInput>();
  const records = new DynamoRemediationRecordStore(dynamo.client, await dynamo.newFindingsTable());
  const deps: DispatchDependencies = {
    stateMachines: MACHINES,
    // Step Functions' own rule: one execution per name and state machine.
    startExecution: async (arn, name, input) => {
      if (started.has(`${arn}|${name}`)) return 'already';
      started.set(`${arn}|${name}`, input);
      return 'started';
    },
    settings: async () => settings,
    accountsInOu: (ou) => listAccountsForParent(new OrganizationsClient({ region: 'us-east-1' }), ou),
    records,
    now: () => new Date('2026-11-27T22:30:00Z'),
  };
  return { deps, started, records };
}

describe('custom action Remediate', () => {
  it("starts each finding's playbook once, however often the event is delivered", async () => {
    const { deps, started } = await harness();
    const event = {
      id: 'event-1',
      resources: [REMEDIATE],
      detail: {
        actionName: 'Remediate',
        actionDescription: '',
        findings: [failing(), failing({ Id: 'cve-1', Compliance: undefined, Types: ['Software and Configuration Checks/Vulnerabilities/CVE'] })],
      },
    };
    const first = await dispatchCustomAction(event, deps);
    const again = await dispatchCustomAction(event, deps);
    expect(first.map((outcome) => outcome.action)).toEqual(['started', 'no-playbook']);
    expect(again.map((outcome) => outcome.action)).toEqual(['already-started', 'no-playbook']);
    expect([...started.values()]).toEqual([{ finding: identifierOf(failing()), requestedBy: 'custom-action' }]);
    expect(first[0].executionName).toMatch(/^action-[0-9a-f]{32}$/);
  });

  it('ignores events of other custom actions', async () => {
    const { deps, started } = await harness();
    const outcomes = await dispatchCustomAction(
      { id: 'e', resources: [REMEDIATE.replace('Remediate', 'Escalate')], detail: { actionName: 'x', actionDescription: '', findings: [failing()] } },
      deps,
    );
    expect(outcomes).toEqual([]);
    expect(started.size).toBe(0);
  });
});

describe('automatic remediation', () => {
  it('is off by default', async () => {
    const { deps, started } = await harness();
    expect(await dispatchImported({ detail: { findings: [failing()], change: change() } }, deps)).toEqual([{ findingId: 'bucket-1', action: 'not-enabled' }]);
    expect(started.size).toBe(0);
  });

  it('does not read the settings for a newly failing finding no playbook remediates (most new findings)', async () => {
    const { deps, started } = await harness({ ...defaultRemediationSettings(), automatic: { 'EC2.19': { enabled: true } } });
    let reads = 0;
    const counted = {
      ...deps,
      settings: () => {
        reads++;
        return deps.settings();
      },
    };
    const cve = failing({ Id: 'cve-1', Compliance: undefined, Types: ['Software and Configuration Checks/Vulnerabilities/CVE'] });
    expect(await dispatchImported({ detail: { findings: [cve], change: change() } }, counted)).toEqual([
      { findingId: 'cve-1', action: 'not-applicable', detail: 'no playbook remediates this finding' },
    ]);
    expect(reads).toBe(0);
    expect((await dispatchImported({ detail: { findings: [failing()], change: change() } }, counted))[0].action).toBe('not-enabled');
    expect(reads).toBe(1);
    expect(started.size).toBe(0);
  });

  it('starts once per finding version for an enabled control in scope, and not for a finding still failing', async () => {
    const { deps, started } = await harness({ ...defaultRemediationSettings(), automatic: { 'S3.8': { enabled: true, accountIds: [ACCOUNT] } } });
    const created = { detail: { findings: [failing()] as [AwsSecurityFinding], change: change() } };
    expect((await dispatchImported(created, deps))[0]).toMatchObject({ action: 'started', playbookId: 's3-block-public-access', executionName: expect.stringMatching(/^auto-/) });
    expect((await dispatchImported(created, deps))[0].action).toBe('already-started');
    const stillFailing = {
      detail: { findings: [failing()] as [AwsSecurityFinding], change: change({ created: false, version: 2, before: { ComplianceStatus: 'FAILED', RecordState: 'ACTIVE' } }) },
    };
    expect((await dispatchImported(stillFailing, deps))[0].action).toBe('not-applicable');
    const reopened = {
      detail: { findings: [failing()] as [AwsSecurityFinding], change: change({ created: false, version: 3, before: { ComplianceStatus: 'PASSED', RecordState: 'ACTIVE' } }) },
    };
    expect((await dispatchImported(reopened, deps))[0].action).toBe('started');
    expect([...started.values()].map((input) => input.requestedBy)).toEqual(['auto', 'auto']);
  });

  it('keeps to its account scope, and resolves OUs through Organizations', async () => {
    organizations.reset();
    organizations
      .on(ListAccountsForParentCommand, { ParentId: 'ou-ab12-cdefgh34' })
      .resolvesOnce({ Accounts: [{ Id: '444455556666' }], NextToken: 'p2' })
      .resolvesOnce({ Accounts: [{ Id: ACCOUNT }] });
    const outside = await harness({ ...defaultRemediationSettings(), automatic: { 'S3.8': { enabled: true, accountIds: ['444455556666'] } } });
    expect((await dispatchImported({ detail: { findings: [failing()], change: change() } }, outside.deps))[0].action).toBe('not-enabled');
    const byOu = await harness({ ...defaultRemediationSettings(), automatic: { 'S3.8': { enabled: true, organizationalUnitIds: ['ou-ab12-cdefgh34'] } } });
    expect((await dispatchImported({ detail: { findings: [failing()], change: change() } }, byOu.deps))[0].action).toBe('started');
    expect(organizations.commandCalls(ListAccountsForParentCommand)).toHaveLength(2);
  });

  it('does not start for a disabled rule or a suppressed finding', async () => {
    const { deps, started } = await harness({ ...defaultRemediationSettings(), automatic: { 'S3.8': { enabled: false } } });
    expect((await dispatchImported({ detail: { findings: [failing()], change: change() } }, deps))[0].action).toBe('not-enabled');
    const enabled = await harness({ ...defaultRemediationSettings(), automatic: { 'S3.8': { enabled: true } } });
    expect(
      (await dispatchImported({ detail: { findings: [failing({ Workflow: { Status: 'SUPPRESSED' } } as Partial<AwsSecurityFinding>)], change: change() } }, enabled.deps))[0]
        .action,
    ).toBe('not-applicable');
    expect(started.size + enabled.started.size).toBe(0);
  });
});

describe('closed loop', () => {
  it('confirms a succeeded remediation when its control finding turns FAILED → PASSED, once', async () => {
    const { deps, records } = await harness();
    const finding = failing();
    await records.create({
      remediationId: 'run-1',
      playbookId: 's3-block-public-access',
      executionArn: 'arn:aws:states:us-east-1:999988887777:execution:s3bpa:run-1',
      finding: identifierOf(finding),
      requestedBy: 'cli:alice',
      status: 'SUCCEEDED',
      startedAt: '2026-11-27T22:00:00.000Z',
      endedAt: '2026-11-27T22:00:05.000Z',
    });
    await records.create({
      remediationId: 'run-0',
      playbookId: 's3-block-public-access',
      executionArn: 'arn:aws:states:us-east-1:999988887777:execution:s3bpa:run-0',
      finding: identifierOf(finding),
      requestedBy: 'cli:alice',
      status: 'FAILED',
      startedAt: '2026-11-27T21:00:00.000Z',
    });
    const passed = failing({ Compliance: { Status: 'PASSED', SecurityControlId: 'S3.8' }, UpdatedAt: '2026-11-27T22:01:00.000Z' } as Partial<AwsSecurityFinding>);
    const event = {
      detail: {
        findings: [passed] as [AwsSecurityFinding],
        change: change({ created: false, version: 4, source: { Type: 'BATCH_IMPORT_FINDINGS', Identity: 'open-security-hub/compliance' }, before: { ComplianceStatus: 'FAILED' } }),
      },
    };

    expect(await dispatchImported(event, deps)).toEqual([{ findingId: 'bucket-1', action: 'confirmed', playbookId: 's3-block-public-access', executionName: 'run-1' }]);
    expect((await records.get('run-1'))?.confirmedBy).toEqual({ findingVersion: 4, at: '2026-11-27T22:01:00.000Z', source: 'BATCH_IMPORT_FINDINGS:open-security-hub/compliance' });
    expect((await records.get('run-0'))?.confirmedBy).toBeUndefined();
    expect((await dispatchImported(event, deps))[0].action).toBe('not-applicable');
  });

  it('confirms a remediation still RUNNING (the evaluation landed before its Record step), not one awaiting approval', async () => {
    const { deps, records } = await harness();
    const finding = failing();
    const base = { playbookId: 's3-block-public-access', finding: identifierOf(finding), requestedBy: 'cli:alice', startedAt: '2026-11-27T22:00:00.000Z' };
    await records.create({ ...base, remediationId: 'run-3', executionArn: 'arn:aws:states:us-east-1:999988887777:execution:s3bpa:run-3', status: 'RUNNING' });
    await records.create({ ...base, remediationId: 'run-4', executionArn: 'arn:aws:states:us-east-1:999988887777:execution:s3bpa:run-4', status: 'AWAITING_APPROVAL' });
    const passed = failing({ Compliance: { Status: 'PASSED', SecurityControlId: 'S3.8' }, UpdatedAt: '2026-11-27T22:01:00.000Z' } as Partial<AwsSecurityFinding>);
    const event = {
      detail: {
        findings: [passed] as [AwsSecurityFinding],
        change: change({ created: false, version: 5, source: { Type: 'BATCH_IMPORT_FINDINGS', Identity: 'open-security-hub/compliance' }, before: { ComplianceStatus: 'FAILED' } }),
      },
    };

    expect(await dispatchImported(event, deps)).toEqual([{ findingId: 'bucket-1', action: 'confirmed', playbookId: 's3-block-public-access', executionName: 'run-3' }]);
    expect((await records.get('run-3'))?.confirmedBy).toMatchObject({ findingVersion: 5 });
    expect((await records.get('run-4'))?.confirmedBy).toBeUndefined();
  });
});
