import type { ControlDefinition } from './types';
import { failed, notApplicable, passed } from './support/verdicts';
import { asBoolean, asRecord, asString, field } from './support/readers';
import { stringListParameter } from './support/parameters';
import { controlPage, FSBP } from './support/mappings';
import { defineControl } from './support/guard';

const REST_STAGE = 'AWS::ApiGateway::Stage';
const V2_STAGE = 'AWS::ApiGatewayV2::Stage';
const LOGGING_LEVELS = ['ERROR', 'INFO'];

/** A stage's per-method settings (`methodSettings` keyed by `resource/method`, `*\/*` for all). */
const methodSettings = (configuration: Record<string, unknown>) => Object.entries(asRecord(configuration.methodSettings) ?? {});

/** The execution logging levels of a stage: REST per method setting, WebSocket default and per route. */
function loggingLevels(resourceType: string, configuration: Record<string, unknown>): [string, string | undefined][] {
  if (resourceType === REST_STAGE) {
    const settings = methodSettings(configuration);
    return settings.length ? settings.map(([method, setting]) => [method, asString(field(setting, 'loggingLevel'))]) : [['*/*', undefined]];
  }
  const routes = Object.entries(asRecord(configuration.routeSettings) ?? {}).map(([route, setting]): [string, string | undefined] => [
    route,
    asString(field(setting, 'loggingLevel')),
  ]);
  return [['default route', asString(field(configuration, 'defaultRouteSettings', 'loggingLevel'))], ...routes];
}

/** Security Hub controls for API Gateway REST, WebSocket and HTTP API stages and routes. */
export const apigatewayControls: ControlDefinition[] = [
  defineControl(
    {
      id: 'APIGateway.1',
      title: 'API Gateway REST and WebSocket API execution logging should be enabled',
      description: 'Checks whether every method (REST) or route (WebSocket) of a stage has execution logging at one of the allowed levels (ERROR or INFO).',
      severity: 'MEDIUM',
      resourceTypes: [REST_STAGE, V2_STAGE],
      standards: [FSBP],
      parameters: { loggingLevel: { type: 'stringList', default: LOGGING_LEVELS, description: 'Allowed execution logging levels.' } },
      remediationUrl: controlPage('APIGateway.1'),
    },
    (item, configuration, { parameters }) => {
      const allowed = stringListParameter(parameters, 'loggingLevel', LOGGING_LEVELS).map((level) => level.toUpperCase());
      const levels = loggingLevels(item.resourceType, configuration);
      if (item.resourceType === V2_STAGE && levels.every(([, level]) => level === undefined)) {
        return notApplicable(`Stage ${item.resourceId} records no execution logging level (HTTP API stages have no execution logging).`);
      }
      const off = levels.filter(([, level]) => !allowed.includes((level ?? 'OFF').toUpperCase())).map(([where, level]) => `${where} (${level ?? 'OFF'})`);
      return off.length
        ? failed(`Stage ${item.resourceId} does not log execution at ${allowed.join(' or ')} for: ${off.join(', ')}.`)
        : passed(`Stage ${item.resourceId} logs execution at ${allowed.join(' or ')} for every method.`);
    },
  ),
  defineControl(
    {
      id: 'APIGateway.2',
      title: 'API Gateway REST API stages should be configured to use SSL certificates for backend authentication',
      description: 'Checks whether a REST API stage has a client certificate (clientCertificateId) for the backend to authenticate API Gateway.',
      severity: 'MEDIUM',
      resourceTypes: [REST_STAGE],
      standards: [FSBP],
      remediationUrl: controlPage('APIGateway.2'),
    },
    (item, configuration) => {
      const certificate = asString(configuration.clientCertificateId);
      return certificate
        ? passed(`Stage ${item.resourceId} uses client certificate ${certificate}.`)
        : failed(`Stage ${item.resourceId} has no client certificate (clientCertificateId).`);
    },
  ),
  defineControl(
    {
      id: 'APIGateway.3',
      title: 'API Gateway REST API stages should have AWS X-Ray tracing enabled',
      description: 'Checks whether X-Ray active tracing is enabled for a REST API stage (tracingEnabled).',
      severity: 'LOW',
      resourceTypes: [REST_STAGE],
      standards: [FSBP],
      remediationUrl: controlPage('APIGateway.3'),
    },
    (item, configuration) =>
      asBoolean(configuration.tracingEnabled) === true
        ? passed(`Stage ${item.resourceId} has X-Ray tracing enabled.`)
        : failed(`Stage ${item.resourceId} does not have X-Ray tracing enabled (tracingEnabled ${String(configuration.tracingEnabled ?? 'missing')}).`),
  ),
  defineControl(
    {
      id: 'APIGateway.4',
      title: 'API Gateway should be associated with a WAF Web ACL',
      description: 'Checks whether a REST API stage is associated with an AWS WAF web ACL (webAclArn).',
      severity: 'MEDIUM',
      resourceTypes: [REST_STAGE],
      standards: [FSBP],
      remediationUrl: controlPage('APIGateway.4'),
    },
    (item, configuration) => {
      const acl = asString(configuration.webAclArn);
      return acl
        ? passed(`Stage ${item.resourceId} is associated with web ACL ${acl}.`)
        : failed(`Stage ${item.resourceId} is not associated with an AWS WAF web ACL (webAclArn).`);
    },
  ),
  defineControl(
    {
      id: 'APIGateway.5',
      title: 'API Gateway REST API cache data should be encrypted at rest',
      description:
        'Checks whether every method of a REST API stage that caches responses encrypts its cache data (cacheDataEncrypted). Stages that cache nothing are not evaluated.',
      severity: 'MEDIUM',
      resourceTypes: [REST_STAGE],
      standards: [FSBP],
      remediationUrl: controlPage('APIGateway.5'),
    },
    (item, configuration) => {
      const caching = methodSettings(configuration).filter(([, setting]) => asBoolean(field(setting, 'cachingEnabled')) === true);
      if (!caching.length) return notApplicable(`No method of stage ${item.resourceId} caches responses.`);
      const plain = caching.filter(([, setting]) => asBoolean(field(setting, 'cacheDataEncrypted')) !== true).map(([method]) => method);
      return plain.length
        ? failed(`Stage ${item.resourceId} caches unencrypted data for: ${plain.join(', ')}.`)
        : passed(`Every caching method of stage ${item.resourceId} encrypts its cache data.`);
    },
  ),
  defineControl(
    {
      id: 'APIGateway.9',
      title: 'Access logging should be configured for API Gateway V2 Stages',
      description: 'Checks whether an API Gateway V2 stage has access logging configured (accessLogSettings.destinationArn).',
      severity: 'MEDIUM',
      resourceTypes: [V2_STAGE],
      standards: [FSBP],
      remediationUrl: controlPage('APIGateway.9'),
    },
    (item, configuration) => {
      const destination = asString(field(configuration, 'accessLogSettings', 'destinationArn'));
      return destination
        ? passed(`Stage ${item.resourceId} writes access logs to ${destination}.`)
        : failed(`Stage ${item.resourceId} has no access log settings (accessLogSettings.destinationArn).`);
    },
  ),
];
