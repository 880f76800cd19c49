/**
 * The shapes shared by the destination kinds, the delivery core and its adapters. Pure types.
 */
import type { AwsSecurityFinding } from '../asff';
import type { AwsSecurityFindingFilters } from '../filters';

/**
 * A destination kind's name. The kind registry (./kinds, `satisfies Record<DestinationKind, KindEntry>`)
 * must register exactly these: declared here so that the configuration types need not import the registry.
 */
export type DestinationKind = 'slack' | 'teams' | 'pagerduty' | 'opsgenie' | 'jira' | 'servicenow';

/** Where a credential comes from: a Secrets Manager secret (deployed) or the value itself (the embedded default, tests). */
export type SecretRef = { secretName: string } | { value: string | Record<string, string> };

/** What an integration takes: findings matching `Criteria` (automation-rule criteria) and, when set, a priority at least `PriorityAtLeast`. */
export interface IntegrationRule {
  Criteria: AwsSecurityFindingFilters;
  PriorityAtLeast?: number;
}

/** One destination. Kind-specific members are checked by the kind's registry entry. */
export interface DestinationConfig {
  /** Unique, `[A-Za-z0-9_-]{1,64}`: names the destination in deliveries, notes, ticket fields and the inbound webhook path. */
  name: string;
  kind: DestinationKind;
  /** Any rule of the list matching sends the finding there (default: the kind's channel default). */
  rule: IntegrationRule[];
  /** The credential: Slack/Teams webhook URL, PagerDuty routing key, Opsgenie API key, Jira `{email, apiToken}`, ServiceNow `{username, password}`. */
  credentials: SecretRef;
  /** Base URL (Jira site, ServiceNow instance; Opsgenie/PagerDuty region endpoint). */
  url?: string;
  /** Inbound webhook authentication: the Jira webhook secret (HMAC) or the ServiceNow shared token. */
  inbound?: SecretRef;
  /** Jira: project key, issue type (default Task), transition to close (default Done). */
  projectKey?: string;
  issueType?: string;
  doneTransition?: string;
  /** ServiceNow: table (default incident), state that closes (default 6, Resolved), close code. */
  table?: string;
  closeState?: string;
  closeCode?: string;
}

/** The whole configuration. */
export interface IntegrationsConfig {
  /** Console base URL for the "Open in console" buttons; none: no console button. */
  consoleUrl?: string;
  destinations: DestinationConfig[];
}

/** An HTTP request a destination expects (JSON body), before credentials are redacted or captured. */
export interface OutboundRequest {
  method: 'GET' | 'POST' | 'PATCH';
  url: string;
  headers: Record<string, string>;
  /** JSON body; none for GET. */
  body?: unknown;
}

/** What the destination answered (after the HTTP client's own retries). */
export interface OutboundResponse {
  status: number;
  /** Parsed JSON, or the text when it is not JSON. */
  body: unknown;
}

/** Sends one request; throws when the destination still fails after retries (a non-2xx status or a network error). */
export type Send = (request: OutboundRequest) => Promise<OutboundResponse>;

/** A credential as resolved from its secret: a string, or an object for kinds that take several values. */
export type Credential = string | Record<string, string>;

/** What a formatter knows besides its input. */
export interface DestinationContext {
  destination: DestinationConfig;
  credential: Credential;
  /** Console base URL for buttons, when configured. */
  consoleUrl?: string;
}

/** A ticket as the destination knows it. */
export interface TicketRef {
  /** What people read (Jira `SEC-12`, ServiceNow `INC0010001`). */
  key: string;
  /** What the API addresses (Jira issue key, ServiceNow sys_id). */
  id: string;
  /** Where people open it. */
  url: string;
}

/** A change of a finding worth a ticket comment. */
export interface FindingChangeSummary {
  finding: AwsSecurityFinding;
  /** `Severity HIGH → CRITICAL`, `Workflow NEW → NOTIFIED`… */
  changes: string[];
  /** Who changed it (the change source's identity). */
  by: string;
}

/** The credential as a string (kinds whose credential is one value). */
export function credentialText(context: DestinationContext): string {
  if (typeof context.credential !== 'string') throw new Error(`${context.destination.name}: credentials must be a single string value`);
  return context.credential;
}

/** A member of an object credential (kinds whose credential is a JSON object). */
export function credentialMember(context: DestinationContext, member: string): string {
  const value = typeof context.credential === 'string' ? undefined : context.credential[member];
  if (typeof value !== 'string' || value === '') throw new Error(`${context.destination.name}: credentials must be a JSON object with '${member}'`);
  return value;
}
