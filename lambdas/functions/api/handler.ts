/**
 * API Gateway (REST, proxy integration, payload v1) adapter of the Security Hub–compatible API.
 * The embedded default calls this same handler with events built from plain HTTP requests.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { ScoreSnapshotStore } from '../../compliance';
import { DynamoComplianceSettingsStore } from '../../compliance';
import { requireEnv } from '../../shared/env';
import { partitionOf } from '../../normalize';
import { findingsStoreFromEnv } from '../../wiring/findings-store';
import { DynamoInsightStore } from '../../triage';
import { Insights } from '../../triage';
import { RULES_AS_CODE } from '../../triage';
import { automationRuleStore } from '../../triage';
import { DynamoCodeRuleStamps } from '../../triage';
import { DynamoActionTargetStore } from '../../triage';
import { DynamoRemediationRecordStore } from '../../remediation';
import { DynamoRemediationSettingsStore } from '../../remediation';
import { DynamoAwaitingApprovals } from '../../remediation';
import { taskTokenClient } from '../../wiring/remediation';
import { configurationPolicyStoreFromEnv, effectiveSettingsFromEnv, organizationFromEnv } from '../../wiring/central-configuration';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { playbookRegionsFrom, REMEDIATION_PLAYBOOK_REGIONS_ENV, REMEDIATION_STATE_MACHINES_ENV, stepFunctionsRegionOf } from '../../remediation';
import type { RemediationStarter } from '../../api';
import { hubStoreOn } from '../../hub';
import { aggregatorStoreOn } from '../../aggregation';
import { organizationStoreOn } from '../../organization';
import { DynamoAlertDecisions } from '../../triage';
import { DynamoAlertGroups } from '../../triage';
import { LOCAL_LOCATION, createApi } from '../../api';
import type { ServiceLocation } from '../../api';
import { createLogger } from '../../shared/logger';
import { awsClient } from '../../shared/clients';

const logger = createLogger();
const dynamo = awsClient(DynamoDBClient);
const tableName = requireEnv('FINDINGS_TABLE');
const findings = findingsStoreFromEnv();
const eventBridge = awsClient(EventBridgeClient);
const sfn = awsClient(SFNClient);
const complianceSettings = new DynamoComplianceSettingsStore({ client: dynamo, tableName });

/** StartRemediation's starter from `REMEDIATION_STATE_MACHINES` (JSON `{playbookId: arn}`); absent: none. */
function remediationStarter(value: string | undefined): RemediationStarter | undefined {
  if (value === undefined) return undefined;
  const stateMachines = JSON.parse(value) as Record<string, string>;
  return {
    stateMachines,
    playbookRegions: playbookRegionsFrom(process.env[REMEDIATION_PLAYBOOK_REGIONS_ENV]),
    async startExecution(stateMachineArn, name, input) {
      try {
        const { executionArn } = await awsClient(SFNClient, stepFunctionsRegionOf(stateMachineArn)).send(
          new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }),
        );
        return executionArn ?? '';
      } catch (error) {
        if ((error as Error).name === 'StateMachineDoesNotExist') return undefined; // a linked Region's playbook stack not deployed (yet)
        throw error;
      }
    },
  };
}
const api = createApi({
  findings,
  compliance: {
    settings: complianceSettings,
    snapshots: new ScoreSnapshotStore({ client: dynamo, tableName }),
    settingsOfAccount: effectiveSettingsFromEnv(() => complianceSettings.get()), // each account's configuration policy, under central configuration
  },
  insights: new Insights({ repository: new DynamoInsightStore({ client: dynamo, tableName }), findings }),
  automationRules: {
    repository: automationRuleStore(dynamo, tableName, RULES_AS_CODE.length),
    codeRules: RULES_AS_CODE,
    findings,
    codeRuleStamps: new DynamoCodeRuleStamps(dynamo, tableName),
  },
  actionTargets: {
    store: new DynamoActionTargetStore({ client: dynamo, tableName }),
    eventBusName: process.env.EVENT_BUS_NAME, // the app's bus, for custom-action events
    putEvents: (Entries) => eventBridge.send(new PutEventsCommand({ Entries })),
  },
  remediation: {
    records: new DynamoRemediationRecordStore(dynamo, tableName),
    settings: new DynamoRemediationSettingsStore(dynamo, tableName),
    tasks: taskTokenClient(sfn, (region) => awsClient(SFNClient, region)), // Step Functions' endpoint from the SDK's env (the embedded default's)
    awaiting: new DynamoAwaitingApprovals(dynamo, tableName),
  },
  console: { findings, remediations: remediationStarter(process.env[REMEDIATION_STATE_MACHINES_ENV]) },
  hub: { repository: hubStoreOn(dynamo, tableName) },
  aggregation: { repository: aggregatorStoreOn(dynamo, tableName) },
  organization: { repository: organizationStoreOn(dynamo, tableName) },
  alerts: { decisions: new DynamoAlertDecisions(dynamo, tableName), groups: new DynamoAlertGroups(dynamo, tableName) },
  configurationPolicies: { repository: configurationPolicyStoreFromEnv(), organization: organizationFromEnv() },
});
const region = process.env.AWS_REGION ?? LOCAL_LOCATION.region;

/** The API's own account (API Gateway's, else the function ARN's) and the Lambda's Region. */
function location(event: APIGatewayProxyEvent, context: Context): ServiceLocation {
  const accountId = event.requestContext?.accountId ?? context.invokedFunctionArn?.split(':')[4] ?? LOCAL_LOCATION.accountId;
  return { accountId, region, partition: partitionOf(region) };
}

/**
 * The caller as API Gateway's IAM authorizer reports it (`requestContext.identity.userArn`, which the
 * client cannot set; the API core derives the caller's account from it), or `caller` when unauthenticated.
 */
function callerIdentity(event: APIGatewayProxyEvent): string {
  return event.requestContext?.identity?.userArn ?? 'caller';
}

function bodyText(event: APIGatewayProxyEvent): string | null {
  if (event.body === null || event.body === undefined) return null;
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}

/** `CORS_ALLOWED_ORIGIN` (set by the console's construct): the Access-Control-Allow-Origin of every answer. */
const corsOrigin = process.env.CORS_ALLOWED_ORIGIN;

function corsHeaders(): Record<string, string> {
  if (corsOrigin === undefined) return {};
  return { 'Access-Control-Allow-Origin': corsOrigin, 'Access-Control-Expose-Headers': 'x-amzn-RequestId,x-amzn-ErrorType' };
}

export const handler = middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
  .use(injectLambdaContext(logger, { clearState: true }))
  .handler(async (event, context) => {
    const response = await api({
      method: event.httpMethod,
      path: event.path,
      body: bodyText(event),
      query: event.queryStringParameters,
      multiValueQuery: event.multiValueQueryStringParameters,
      caller: { identity: callerIdentity(event) },
      requestId: event.requestContext?.requestId ?? context.awsRequestId,
      location: location(event, context),
    });
    if (response.cause !== undefined) {
      logger.error('Request failed', { ...response.log, error: response.cause as Error });
    } else {
      logger.info('Request served', { ...response.log });
    }
    return { statusCode: response.statusCode, headers: { ...response.headers, ...corsHeaders() }, body: response.body };
  });
