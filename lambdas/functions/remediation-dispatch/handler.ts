import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { ListAccountsForParentCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { ExecutionAlreadyExists, SFNClient, StartExecutionCommand, StateMachineDoesNotExist } from '@aws-sdk/client-sfn';
import middy from '@middy/core';
import type { EventBridgeEvent } from 'aws-lambda';
import { FINDINGS_CUSTOM_ACTION, type FindingsCustomActionDetail, type FindingsImportedDetail } from '../../events';
import { playbookRegionsFrom, REMEDIATION_PLAYBOOK_REGIONS_ENV, REMEDIATION_STATE_MACHINES_ENV, stepFunctionsRegionOf } from '../../remediation';
import { dispatchCustomAction, dispatchImported, type DispatchDependencies, type DispatchOutcome } from '../../remediation';
import { remediationContextFromEnv } from '../../wiring/remediation';
import { createLogger } from '../../shared/logger';
import { awsClient } from '../../shared/clients';

const logger = createLogger();

/** Parses `REMEDIATION_STATE_MACHINES` (JSON `{playbookId: arn}`); a bad value fails the function at once. */
export function stateMachinesFrom(value: string | undefined): Record<string, string> {
  if (value === undefined) throw new Error(`${REMEDIATION_STATE_MACHINES_ENV} is not set`);
  const parsed = JSON.parse(value) as unknown;
  if (typeof parsed !== 'object' || parsed === null || Object.values(parsed).some((arn) => typeof arn !== 'string')) {
    throw new Error(`${REMEDIATION_STATE_MACHINES_ENV}: expected JSON {"<playbookId>": "<state machine ARN>"}`);
  }
  return parsed as Record<string, string>;
}

/** The deployed wiring (Step Functions, Organizations, the findings table). */
export function dispatchDepsFromEnv(env: Record<string, string | undefined> = process.env): DispatchDependencies {
  const ctx = remediationContextFromEnv(env);
  const organizations = awsClient(OrganizationsClient);
  const ouAccounts = new Map<string, Promise<string[]>>();
  return {
    stateMachines: stateMachinesFrom(env[REMEDIATION_STATE_MACHINES_ENV]),
    playbookRegions: playbookRegionsFrom(env[REMEDIATION_PLAYBOOK_REGIONS_ENV]),
    async startExecution(stateMachineArn, name, input) {
      // Step Functions answers only for its own Region's state machines: a client of the ARN's Region.
      const sfn = awsClient(SFNClient, stepFunctionsRegionOf(stateMachineArn));
      try {
        await sfn.send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }));
        return 'started';
      } catch (error) {
        // A redelivered event: the execution of this name already ran (or runs).
        if (error instanceof ExecutionAlreadyExists || (error as Error).name === 'ExecutionAlreadyExists') return 'already';
        // A linked Region whose playbook stack is not deployed (yet): the core falls back to the home Region.
        if (error instanceof StateMachineDoesNotExist || (error as Error).name === 'StateMachineDoesNotExist') return 'missing';
        throw error;
      }
    },
    settings: async () => (await ctx.settings.get()).settings,
    accountsInOu(ouId) {
      // Once per warm container: OU membership changes rarely, and a cold start re-reads it.
      let accounts = ouAccounts.get(ouId);
      if (accounts === undefined) {
        accounts = listAccountsForParent(organizations, ouId);
        ouAccounts.set(ouId, accounts);
        accounts.catch(() => ouAccounts.delete(ouId));
      }
      return accounts;
    },
    records: ctx.records,
    now: ctx.now,
  };
}

/** Every account directly under an OU (all pages). */
export async function listAccountsForParent(client: OrganizationsClient, parentId: string): Promise<string[]> {
  const accounts: string[] = [];
  let NextToken: string | undefined;
  do {
    const page = await client.send(new ListAccountsForParentCommand({ ParentId: parentId, NextToken }));
    accounts.push(...(page.Accounts ?? []).flatMap((account) => (account.Id ? [account.Id] : [])));
    NextToken = page.NextToken;
  } while (NextToken);
  return accounts;
}

type DispatchEvent = EventBridgeEvent<string, FindingsImportedDetail | FindingsCustomActionDetail>;

/**
 * Target of the remediation rules on the app's bus: custom-action events of the `Remediate` action,
 * and finding events (automatic remediation, closed loop). Events another account put are ignored.
 */
export function createDispatchHandler(createDeps: () => DispatchDependencies = dispatchDepsFromEnv) {
  let deps: DispatchDependencies | undefined;
  return middy<DispatchEvent, DispatchOutcome[]>()
    .use(injectLambdaContext(logger, { clearState: true }))
    .handler(async (event, context) => {
      deps ??= createDeps();
      const ownAccount = context.invokedFunctionArn?.split(':')[4];
      if (ownAccount !== undefined && event.account !== ownAccount) {
        logger.warn('Event from another account ignored', { eventId: event.id, account: event.account });
        return [];
      }
      const outcomes =
        event['detail-type'] === FINDINGS_CUSTOM_ACTION
          ? await dispatchCustomAction(event as EventBridgeEvent<string, FindingsCustomActionDetail>, deps)
          : await dispatchImported(event as EventBridgeEvent<string, FindingsImportedDetail>, deps);
      for (const outcome of outcomes)
        if (outcome.action !== 'not-applicable' && outcome.action !== 'not-enabled') logger.info('Remediation dispatched', { eventId: event.id, ...outcome });
      return outcomes;
    });
}

export const handler = createDispatchHandler();
