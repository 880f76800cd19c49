/**
 * The remediation functions' wiring from their environment: `FINDINGS_TABLE`, `EVENT_BUS_NAME`
 * (the app's bus), `HOME_REGION` (set in a regional playbook stack: the table and the bus are the
 * home Region's, lib/regional-playbooks-stack.ts); the SDK clients find their endpoints as everywhere (`AWS_ENDPOINT_URL_*` on the
 * embedded default). Each function builds what it uses, once, at first use.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { SendTaskFailureCommand, SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';
import type { AwsSecurityFinding } from '../asff';
import { requireEnv } from '../shared/env';
import { APP_EVENT_SOURCE } from '../events';
import type { FindingsStore } from '../store';
import { findingsStoreFromEnv } from './findings-store';
import type { TaskTokenClient } from '../remediation';
import { REMEDIATION_IDENTITY } from '../remediation';
import { DynamoRateLimiter } from '../remediation';
import { DynamoRemediationRecordStore } from '../remediation';
import { DynamoRemediationSettingsStore } from '../remediation';
import { DynamoAwaitingApprovals } from '../remediation';
import { awsClient } from '../shared/clients';

/** Reads one finding by Id and ProductArn through the store's planner (an `Id` query). */
export async function readFinding(store: Pick<FindingsStore, 'getFindings'>, identifier: { Id: string; ProductArn: string }): Promise<AwsSecurityFinding | undefined> {
  const { Findings } = await store.getFindings({
    Filters: { Id: [{ Value: identifier.Id, Comparison: 'EQUALS' }], ProductArn: [{ Value: identifier.ProductArn, Comparison: 'EQUALS' }] },
    MaxResults: 1,
  });
  return Findings[0];
}

/** BatchUpdateFindings of one finding as the remediation identity; throws when it was not processed. */
export async function updateFinding(
  store: Pick<FindingsStore, 'updateFindings'>,
  identifier: { Id: string; ProductArn: string },
  note: string,
  workflowStatus?: string,
): Promise<void> {
  const result = await store.updateFindings(
    {
      FindingIdentifiers: [identifier],
      Note: { Text: note, UpdatedBy: REMEDIATION_IDENTITY },
      ...(workflowStatus !== undefined && { Workflow: { Status: workflowStatus } }),
    } as never,
    { identity: REMEDIATION_IDENTITY },
  );
  const failed = result.UnprocessedFindings[0];
  if (failed !== undefined) throw new Error(`Finding ${identifier.Id} not updated: ${failed.ErrorCode} ${failed.ErrorMessage}`);
}

/** A PutEvents of one app event on `busName`; throws when EventBridge refused it. */
export function eventPutter(client: EventBridgeClient, busName: string) {
  return async (detailType: string, detail: object): Promise<void> => {
    const answer = await client.send(
      new PutEventsCommand({ Entries: [{ EventBusName: busName, Source: APP_EVENT_SOURCE, DetailType: detailType, Detail: JSON.stringify(detail) }] }),
    );
    if ((answer.FailedEntryCount ?? 0) > 0) throw new Error(`PutEvents refused ${detailType}: ${answer.Entries?.[0]?.ErrorCode} ${answer.Entries?.[0]?.ErrorMessage}`);
  };
}

/** Environment variable of a regional playbook stack's functions: the Region of the findings table and the app's bus. */
export const HOME_REGION_ENV = 'HOME_REGION';

/**
 * Step Functions' task-token calls through the SDK: `client`, or for a token of an execution in a
 * Region `inRegion` answers for, that Region's client (a regional playbook's approval).
 */
export function taskTokenClient(client: SFNClient, inRegion?: (region: string) => SFNClient): TaskTokenClient {
  const clientFor = (region: string | undefined) => (region !== undefined && inRegion !== undefined ? inRegion(region) : client);
  return {
    async sendTaskSuccess(taskToken, output, region) {
      await clientFor(region).send(new SendTaskSuccessCommand({ taskToken, output }));
    },
    async sendTaskFailure(taskToken, error, cause, region) {
      await clientFor(region).send(new SendTaskFailureCommand({ taskToken, error, cause }));
    },
  };
}

/** Everything the remediation functions share, from the environment. */
export function remediationContextFromEnv(env: Record<string, string | undefined> = process.env) {
  const table = env.FINDINGS_TABLE ?? requireEnv('FINDINGS_TABLE');
  const homeRegion = env[HOME_REGION_ENV] || undefined;
  const dynamo = awsClient(DynamoDBClient, homeRegion);
  const store = findingsStoreFromEnv(homeRegion);
  const busName = env.EVENT_BUS_NAME;
  return {
    store,
    records: new DynamoRemediationRecordStore(dynamo, table),
    settings: new DynamoRemediationSettingsStore(dynamo, table),
    rateLimiter: new DynamoRateLimiter(dynamo, table),
    awaiting: new DynamoAwaitingApprovals(dynamo, table),
    putEvent:
      busName === undefined
        ? async () => {
            throw new Error('EVENT_BUS_NAME is not set');
          }
        : eventPutter(awsClient(EventBridgeClient, homeRegion), busName),
    tasks: taskTokenClient(awsClient(SFNClient), (region) => awsClient(SFNClient, region)),
    now: () => new Date(),
  };
}
