/**
 * Automation-rule tests' harness: the API core on a fresh findings table (dynalite), with the
 * automation-rules import stage (no cache) and test rules-as-code, served over plain HTTP for the SDK and sechub.
 */
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApi, type ApiRequest } from '../../../lambdas/api/api';
import { FindingsStore } from '../../../lambdas/shared/store/findings-store';
import { automationRulesStage } from '../../../lambdas/triage/automation/import-stage';
import { parseRulesAsCode } from '../../../lambdas/triage/automation/rules-as-code';
import { DynamoAutomationRuleStore } from '../../../lambdas/triage/automation/rules-store';
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

/** Serves the API core over plain HTTP for the SDK. */
async function serve(api: ReturnType<typeof createApi>): Promise<{ server: Server; endpoint: string }> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const apiRequest: ApiRequest = {
        method: request.method ?? 'GET',
        path: url.pathname,
        body: Buffer.concat(chunks).toString('utf8'),
        query: Object.fromEntries(url.searchParams),
        caller: { identity: 'arn:aws:iam::000000000000:user/tester' },
        requestId: 'req',
      };
      void api(apiRequest).then((result) => {
        response.writeHead(result.statusCode, result.headers);
        response.end(result.body);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

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
  const served = await serve(createApi({ findings: store, automationRules: { repository, codeRules: CODE_RULES, findings: store, now } }));
  const client = new SecurityHubClient({ endpoint: served.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
  return {
    client,
    store,
    endpoint: served.endpoint,
    async stop() {
      client.destroy();
      await new Promise<void>((resolve) => served.server.close(() => resolve()));
    },
  };
}

