import type { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { createApi } from '../../lambdas/api/api';
import { ScoreSnapshotStore } from '../../lambdas/compliance/state/score-snapshots';
import { DynamoComplianceSettingsStore } from '../../lambdas/compliance/state/settings-store';
import { hubAdmission, hubStoreOn } from '../../lambdas/hub/import-gate';
import { FindingsStore } from '../../lambdas/store/findings-store';
import { RULES_AS_CODE } from '../../lambdas/triage/automation/rules-as-code';
import { automationRuleStore } from '../../lambdas/triage/automation/rules-store';
import { serveApi, type ServedApi } from './api-server';
import { startDynalite, type LocalDynamo } from './dynalite';

/** The API with the hub wired as the deployed handler wires it, on dynalite, behind an SDK client. */
export interface HubApi {
  client: SecurityHubClient;
  endpoint: string;
  dynamo: LocalDynamo;
  tableName: string;
  stop(): Promise<void>;
}

/**
 * Starts dynalite and serves the API over HTTP: findings store with the hub's admission (read for
 * every batch: no cache between tests), hub, compliance settings and automation rules (rules-as-code
 * included), for `@aws-sdk/client-securityhub`.
 */
export async function startHubApi(): Promise<HubApi> {
  const dynamo = await startDynalite();
  const tableName = await dynamo.newFindingsTable();
  const hub = hubStoreOn(dynamo.client, tableName);
  const findings = new FindingsStore({ client: dynamo.client, tableName, admission: hubAdmission(hub, tableName, 0) });
  const api = createApi({
    findings,
    hub: { repository: hub },
    compliance: {
      settings: new DynamoComplianceSettingsStore({ client: dynamo.client, tableName }),
      snapshots: new ScoreSnapshotStore({ client: dynamo.client, tableName }),
    },
    automationRules: { repository: automationRuleStore(dynamo.client, tableName, RULES_AS_CODE.length), codeRules: RULES_AS_CODE, findings },
  });
  const served: ServedApi = await serveApi(api);
  return {
    client: served.client,
    endpoint: served.endpoint,
    dynamo,
    tableName,
    async stop() {
      await served.stop();
      await dynamo.stop();
    },
  };
}
