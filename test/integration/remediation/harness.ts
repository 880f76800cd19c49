/**
 * Runs the real playbook ASL files (statemachines/remediation-*.asl.json) on aws-local-stepfunctions
 * with the shared tasks' real cores (Check, Record, Await Approval of lambdas/remediation/) over a
 * findings table on dynalite, and the AWS SDK tasks on the simulated member account (an in-memory
 * copy of lib/local/simulated-account/, its Config change events captured).
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { openLocalConfig, recordChange, putResource, type LocalConfig } from '../../../lib/local/config-service';
import type { StoredConfigurationItem } from '../../../lib/local/config-store';
import type { LocalEventBus } from '../../../lib/local/engine';
import { SimulatedMemberAccounts } from '../../../lib/local/member-account/account';
import { callMemberAction } from '../../../lib/local/member-account/registry';
import type { PutEventsRequestEntry } from '../../../lib/local/engine';
import { LocalStateMachines, type LocalExecution } from '../../../lib/local/engine';
import { PROJECT_ROOT } from '../../../lib/local/engine';
import { approveRemediation, rejectRemediation, requestApproval, type TaskTokenClient } from '../../../lambdas/remediation/approvals';
import { runCheck } from '../../../lambdas/remediation/check';
import type { ApprovalRequestInput, RecordInput } from '../../../lambdas/remediation/contract';
import { readFinding, updateFinding } from '../../../lambdas/wiring/remediation';
import { PLAYBOOKS, playbookById, playbookDefinitionFile } from '../../../lambdas/remediation/playbooks';
import { runRecord } from '../../../lambdas/remediation/record';
import { defaultRemediationSettings, type RemediationSettings } from '../../../lambdas/remediation/settings';
import { DynamoRateLimiter } from '../../../lambdas/remediation/state/rate-limit';
import { DynamoRemediationRecordStore, type StoredRemediationRecord } from '../../../lambdas/remediation/state/record-store';
import { DynamoAwaitingApprovals } from '../../../lambdas/remediation/state/awaiting-store';
import type { AwsSecurityFinding } from '../../../lambdas/asff/types';
import { FindingsStore } from '../../../lambdas/store/findings-store';

export const ADMIN = '000000000000';
export const REGION = 'us-east-1';
const FUNCTION = (name: string) => `arn:aws:lambda:${REGION}:${ADMIN}:function:${name}`;

/** One test world: a findings table, the member account, the playbooks' state machines. */
export interface RemediationWorld {
  store: FindingsStore;
  records: DynamoRemediationRecordStore;
  config: LocalConfig;
  member: SimulatedMemberAccounts;
  machines: LocalStateMachines;
  /** Config / settings events the member account put. */
  configEvents: PutEventsRequestEntry[];
  /** App events the Record and Approval tasks put. */
  appEvents: Array<{ detailType: string; detail: Record<string, unknown> }>;
  settings: RemediationSettings;
  tasks: TaskTokenClient;
  /** The approval waits (reminders). */
  awaiting: DynamoAwaitingApprovals;
}

/** Builds a world on a fresh findings table of `client`. */
export async function remediationWorld(client: DynamoDBClient, tableName: string): Promise<RemediationWorld> {
  const store = new FindingsStore({ client, tableName });
  const records = new DynamoRemediationRecordStore(client, tableName);
  const rateLimiter = new DynamoRateLimiter(client, tableName);
  const awaiting = new DynamoAwaitingApprovals(client, tableName);
  const config = await openLocalConfig({ model: { functions: {} }, account: ADMIN, region: REGION });
  const configEvents: PutEventsRequestEntry[] = [];
  const bus = {
    putEvents: ({ Entries }: { Entries: PutEventsRequestEntry[] }) => {
      configEvents.push(...Entries);
      return { FailedEntryCount: 0, Entries: Entries.map((_, index) => ({ EventId: `config-${configEvents.length + index}` })) };
    },
  } as unknown as Pick<LocalEventBus, 'putEvents'>;
  const member = new SimulatedMemberAccounts(config, bus);
  const appEvents: RemediationWorld['appEvents'] = [];
  const putEvent = async (detailType: string, detail: object) => {
    appEvents.push({ detailType, detail: detail as Record<string, unknown> });
  };
  const world = { settings: defaultRemediationSettings() } as RemediationWorld;
  const now = () => new Date();
  const functions = new Map<string, (input: unknown) => Promise<unknown>>([
    [
      FUNCTION('check'),
      (input) =>
        runCheck(input as never, {
          playbook: playbookById,
          readFinding: (identifier) => readFinding(store, identifier),
          settings: async () => world.settings,
          // The resource's recorded item; an access key carries no tags, its user's item does.
          currentTags: async (target, resourceType) => {
            const userName = resourceType === 'AwsIamAccessKey' ? target.parameters.userName : undefined;
            const item = config.store
              .latest()
              .find(
                (candidate) =>
                  candidate.accountId === target.accountId &&
                  (userName !== undefined
                    ? candidate.resourceName === userName && candidate.resourceType === 'AWS::IAM::User'
                    : candidate.resourceId === target.resourceId || candidate.arn === target.resourceArn),
              );
            return item?.tags;
          },
          rateLimiter,
          records,
          markNotified: (identifier, note) => updateFinding(store, identifier, note, 'NOTIFIED'),
          now,
        }),
    ],
    [
      FUNCTION('record'),
      (input) =>
        runRecord(input as RecordInput, {
          readFinding: (identifier) => readFinding(store, identifier),
          updateFinding: (identifier, note, workflow) => updateFinding(store, identifier, note, workflow),
          records,
          putEvent,
          now,
          awaiting,
        }),
    ],
    [FUNCTION('approval'), (input) => requestApproval(input as ApprovalRequestInput, { records, putEvent, now, awaiting, settings: async () => world.settings })],
  ]);
  const machines = new LocalStateMachines(
    PLAYBOOKS.map((playbook) => ({
      logicalId: `Remediation${playbook.id}`,
      name: `remediation-${playbook.id}`,
      arn: stateMachineArn(playbook.id),
      definitionFile: playbookDefinitionFile(playbook.id),
      substitutions: { CheckFunctionArn: FUNCTION('check'), RecordFunctionArn: FUNCTION('record'), ApprovalFunctionArn: FUNCTION('approval') },
    })),
    { root: PROJECT_ROOT, functions, sdk: (call) => callMemberAction(member, call) },
  );
  const tasks: TaskTokenClient = {
    sendTaskSuccess: async (token, output) => machines.tokens.succeed(token, output),
    sendTaskFailure: async (token, error, cause) => machines.tokens.fail(token, error, cause),
  };
  return Object.assign(world, { store, records, config, member, machines, configEvents, appEvents, tasks, awaiting });
}

export function stateMachineArn(playbookId: string): string {
  return `arn:aws:states:${REGION}:${ADMIN}:stateMachine:remediation-${playbookId}`;
}

let executions = 0;

/** Starts a playbook on a finding; resolves when it ended or parked on its approval. */
export async function startPlaybook(
  world: RemediationWorld,
  playbookId: string,
  finding: AwsSecurityFinding,
  options: { dryRun?: boolean; approved?: boolean } = {},
): Promise<LocalExecution> {
  const input = { finding: { Id: finding.Id, ProductArn: finding.ProductArn }, requestedBy: 'cli:test', ...options };
  const started = world.machines.start(stateMachineArn(playbookId), JSON.stringify(input), `rem-${process.pid}-${++executions}`)!;
  await world.machines.idle();
  return started;
}

/** Approves (or rejects) a parked remediation through the real approval path; resolves when the execution ended. */
export async function decide(world: RemediationWorld, execution: LocalExecution, approve: boolean): Promise<LocalExecution> {
  const deps = {
    records: world.records,
    now: () => new Date(),
    tasks: world.tasks,
    putEvent: async () => undefined,
    awaiting: world.awaiting,
    settings: async () => world.settings,
  };
  if (approve) await approveRemediation(execution.name, 'alice', deps);
  else await rejectRemediation(execution.name, 'bob', 'not in this change window', deps);
  return (await world.machines.wait(execution.executionArn))!;
}

export async function storedFinding(world: RemediationWorld, finding: AwsSecurityFinding): Promise<AwsSecurityFinding> {
  return (await readFinding(world.store, { Id: finding.Id, ProductArn: finding.ProductArn }))!;
}

export async function recordOf(world: RemediationWorld, execution: LocalExecution): Promise<StoredRemediationRecord | undefined> {
  return world.records.get(execution.name);
}

/** The latest item of a resource of the member account. */
export function memberItem(world: RemediationWorld, resourceType: string, resourceId: string): StoredConfigurationItem {
  return world.config.store.find(resourceType, resourceId)[0];
}

/** Edits a resource of the member account (a test's setup), as simulate-change does. */
export async function editMember(world: RemediationWorld, resourceType: string, resourceId: string, set: Array<{ path: Array<string | number>; value: unknown }>): Promise<void> {
  await recordChange(world.config, { putEvents: () => ({ FailedEntryCount: 0, Entries: [{ EventId: 'setup' }] }) } as never, memberItem(world, resourceType, resourceId), { set });
}

/** Records a new resource of the member account (a test's setup). */
export async function addMember(world: RemediationWorld, item: Record<string, unknown>): Promise<void> {
  await putResource(world.config, { putEvents: () => ({ FailedEntryCount: 0, Entries: [{ EventId: 'setup' }] }) } as never, { ConfigurationItem: item });
}
