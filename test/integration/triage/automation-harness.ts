/**
 * Automation-rule tests' harness: the API core on a fresh findings table (dynalite), with the
 * automation-rules import stage (no cache) and test rules-as-code, served over plain HTTP for the SDK and sechub.
 */
import type { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { createApi } from '../../../lambdas/api/api';
import { FindingsStore } from '../../../lambdas/store/findings-store';
import { automationRulesStage } from '../../../lambdas/triage/automation/import-stage';
import { parseRulesAsCode } from '../../../lambdas/triage/automation/rules-as-code';
import { DynamoAutomationRuleStore } from '../../../lambdas/triage/automation/rules-store';
import { serveApi } from '../../support/api-server';
import type { LocalDynamo } from '../../support/dynalite';

/** The test's rules-as-code: one rule marking findings whose Title contains `from-code`. */
export const CODE_RULES = parseRulesAsCode({
  Rules: [
    {
      RuleName: 'Mark code findings',
      Description: 'from the rules file',
      RuleOrder: 500,
      Criteria: { Title: [{ Value: 'from-code', Comparison: 'CONTAINS' }] },
      Actions: [{ Type: 'FINDING_FIELDS_UPDATE', FindingFieldsUpdate: { UserDefinedFields: { marked: 'by-code' } } }],
    },
  ],
});

/** A served API and its store. */
export interface Harness {
  client: SecurityHubClient;
  store: FindingsStore;
  endpoint: string;
  stop(): Promise<void>;
}

/** Starts the API on a fresh table. */
export async function harness(dynamo: LocalDynamo, now: () => Date = () => new Date()): Promise<Harness> {
  const tableName = await dynamo.newFindingsTable();
  const repository = new DynamoAutomationRuleStore({ client: dynamo.client, tableName, capacity: 100 - CODE_RULES.length });
  const store = new FindingsStore({
    client: dynamo.client,
    tableName,
    now,
    stages: [automationRulesStage({ repository, tableName, cacheMs: 0, codeRules: CODE_RULES })],
  });
  const served = await serveApi(createApi({ findings: store, automationRules: { repository, codeRules: CODE_RULES, findings: store, now } }), {
    identity: 'arn:aws:iam::000000000000:user/tester',
  });
  return { ...served, store };
}
