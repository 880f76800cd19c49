/**
 * The services behind the embedded default's edge, in match order: EventBridge, SQS and Config by
 * `X-Amz-Target` (Config also on `/_sechub/config/*`), then Security Hub (restJson1, no target).
 */
import { configService, type LocalConfig } from './config-service';
import type { LocalStateMachines } from './engine';
import { stepFunctionsService } from './engine';
import type { EdgeService } from './engine';
import type { LocalEventBus } from './engine';
import { serveJson } from './engine';
import { lambdaProxyService } from './engine';
import type { FunctionRunner } from './engine';
import type { LocalQueues } from './engine';
import type { ResponderRules } from './responder-rules';
import { sqsService } from './engine';
import { snsService, type LocalSns } from './engine';
import type { IntegrationsCapture } from './integrations-capture';
import { memberCallerArn } from './caller-accounts';

/** The X-Amz-Target prefix of EventBridge (AWS JSON 1.1). */
export const EVENTS_TARGET_PREFIX = 'AWSEvents';

/** EventBridge behind the edge: PutEvents onto the local buses, and responders' own rules (PutRule, PutTargets…). */
export function eventsService(bus: LocalEventBus, rules?: ResponderRules): EdgeService {
  const operations = { PutEvents: async (input: Record<string, unknown>) => bus.putEvents(input), ...rules?.operations((name) => bus.hasBus(name)) };
  return {
    name: 'events',
    matches: (request) => request.target?.startsWith(`${EVENTS_TARGET_PREFIX}.`) ?? false,
    handle: (request) => serveJson('1.1', EVENTS_TARGET_PREFIX, operations, request),
  };
}

/** What the local services run on. */
export interface LocalServiceDeps {
  bus: LocalEventBus;
  queues: LocalQueues;
  account: string;
  region: string;
  /** The simulated member account's AWS Config. */
  config: LocalConfig;
  /** The stack's state machines, run on aws-local-stepfunctions. */
  stateMachines: LocalStateMachines;
  /** The stack's SNS topics (the alerts topic), when it has any. */
  sns?: LocalSns;
  /** Responders' own EventBridge rules. */
  responderRules?: ResponderRules;
  /** The API function of the stack, run in its own isolate as every function is. */
  api: { functions: FunctionRunner; logicalId: string };
  /** The integrations' capture endpoint, deliveries list and inbound webhook. */
  integrations?: IntegrationsCapture;
}

/** The local services. */
export function localServices(deps: LocalServiceDeps): EdgeService[] {
  return [
    eventsService(deps.bus, deps.responderRules),
    sqsService({ queues: deps.queues, account: deps.account, region: deps.region }),
    configService(deps.config, deps.bus),
    stepFunctionsService(deps.stateMachines),
    // Before Security Hub, which takes every request without X-Amz-Target: SNS claims its form-encoded ones.
    ...(deps.sns !== undefined ? [snsService(deps.sns, deps.account)] : []),
    ...(deps.integrations !== undefined ? [deps.integrations.service()] : []),
    lambdaProxyService({
      name: 'securityhub',
      account: deps.account,
      // restJson1: no X-Amz-Target; every other path gets the API's own UnknownOperationException.
      matches: (request) => request.target === undefined,
      // The caller API Gateway would name for the request's signature (another account's, or the local administrator).
      callerOf: memberCallerArn,
      invoke: (event, requestId) => deps.api.functions.invoke(deps.api.logicalId, event, requestId),
    }),
  ];
}
