/**
 * Integrations as configuration: chat (Slack, Teams), paging (PagerDuty, Opsgenie) and tickets
 * (Jira, ServiceNow) declared in the stack's configuration, each with a rule in the automation
 * rules' criteria language. The front door of the domain.
 */
export { readAlertNotice, type AlertNotice } from './alert-notice';
export {
  integrationsConfigFromEnv,
  parseIntegrationsConfig,
  secretNamesOf,
  INTEGRATIONS_CONFIG_ENV,
  InvalidIntegrationConfigError,
  type IntegrationsConfig,
  type DestinationConfig,
} from './config';
export { credentialResolver } from './credentials';
export { deliverAlert, deliverFindingEvent, handleInbound, DeliveryFailedError, INTEGRATIONS_IDENTITY, ticketFields, type DeliveryDeps, type DestinationOutcome } from './deliver';
export { httpSender, CAPTURE_HEADERS, DestinationError } from './http';
export { DESTINATION_KINDS, kindOf, type DestinationKind } from './kinds';
export { DynamoLinkStore, type LinkStore } from './state/link-store';
/**
 * The integrations domain's front door: everything other code (functions, other domains, lib, bin) may use.
 * Inside the domain, files import each other directly.
 */
