/**
 * The shapes shared by the destination kinds, the delivery core and its adapters. Pure types.
 */
import type { AwsSecurityFinding } from '../asff';
import type { DestinationConfig } from './config';

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
