/**
 * ServiceNow Table API with basic auth (`username:password`): create an incident
 * (`POST /api/now/table/{table}`, `correlation_id` naming the finding), work notes on changes and
 * close (`PATCH /api/now/table/{table}/{sys_id}` with the closing state, close code and notes).
 * Inbound: a business rule or flow posts `{number, sys_id, state}` with a shared token
 * (`Authorization: Bearer <token>`). Pure.
 */
import { createHash } from 'node:crypto';
import type { AwsSecurityFinding } from '../../asff';
import { credentialMember, type DestinationContext, type OutboundRequest, type OutboundResponse, type TicketRef } from '../types';
import { ticketText } from './ticket-text';

const URGENCY: Record<string, string> = { CRITICAL: '1', HIGH: '1', MEDIUM: '2', LOW: '3', INFORMATIONAL: '3' };
const IMPACT: Record<string, string> = { CRITICAL: '1', HIGH: '2', MEDIUM: '2', LOW: '3', INFORMATIONAL: '3' };
/** ServiceNow incident states that count as closed: 6 Resolved, 7 Closed, 8 Canceled. */
export const CLOSED_STATES = new Set(['6', '7', '8']);

const table = (context: DestinationContext) => `${context.destination.url!}/api/now/table/${context.destination.table ?? 'incident'}`;
function headers(context: DestinationContext): Record<string, string> {
  const token = Buffer.from(`${credentialMember(context, 'username')}:${credentialMember(context, 'password')}`).toString('base64');
  return { 'content-type': 'application/json', accept: 'application/json', authorization: `Basic ${token}` };
}

/** `correlation_id` (at most 100 characters): the finding id, or a SHA-256 of id and product when longer. */
export function correlationId(finding: Pick<AwsSecurityFinding, 'Id' | 'ProductArn'>): string {
  return finding.Id.length <= 100 ? finding.Id : `sha256:${createHash('sha256').update(`${finding.ProductArn}\n${finding.Id}`).digest('hex').slice(0, 64)}`;
}

/** Query for the finding's incident by `correlation_id` (after a creation that may have happened before a crash). */
export function serviceNowFind(finding: AwsSecurityFinding, context: DestinationContext): OutboundRequest {
  const query = new URLSearchParams({ sysparm_query: `correlation_id=${correlationId(finding)}`, sysparm_fields: 'sys_id,number', sysparm_limit: '1' });
  return { method: 'GET', url: `${table(context)}?${query.toString()}`, headers: headers(context) };
}

/** The incident a query found, if any. */
export function serviceNowFound(response: OutboundResponse, context: DestinationContext): TicketRef | undefined {
  const [result] = ((response.body as { result?: unknown } | undefined)?.result ?? []) as Array<{ sys_id?: unknown; number?: unknown }>;
  return typeof result?.sys_id === 'string' ? serviceNowCreated({ status: 200, body: { result } }, context) : undefined;
}

/** Create-incident request for a finding. */
export function serviceNowCreate(finding: AwsSecurityFinding, context: DestinationContext): OutboundRequest {
  const text = ticketText(finding, context.consoleUrl, 160);
  const severity = finding.Severity?.Label ?? 'INFORMATIONAL';
  return {
    method: 'POST',
    url: `${table(context)}?sysparm_fields=sys_id,number`,
    headers: headers(context),
    body: {
      short_description: text.summary,
      description: text.lines.join('\n'),
      urgency: URGENCY[severity] ?? '3',
      impact: IMPACT[severity] ?? '3',
      category: 'Security',
      correlation_id: correlationId(finding),
      correlation_display: 'Open Security Hub',
    },
  };
}

/** The incident ServiceNow created (`{result: {sys_id, number}}`). */
export function serviceNowCreated(response: OutboundResponse, context: DestinationContext): TicketRef {
  const result = (response.body as { result?: { sys_id?: unknown; number?: unknown } } | undefined)?.result;
  if (typeof result?.sys_id !== 'string') throw new Error(`${context.destination.name}: ServiceNow answered ${response.status} without a sys_id`);
  const key = typeof result.number === 'string' ? result.number : result.sys_id;
  return { key, id: result.sys_id, url: `${context.destination.url}/nav_to.do?uri=${context.destination.table ?? 'incident'}.do?sys_id=${result.sys_id}` };
}

/** Work-note request. */
export function serviceNowComment(ticket: TicketRef, lines: readonly string[], context: DestinationContext): OutboundRequest {
  return { method: 'PATCH', url: `${table(context)}/${encodeURIComponent(ticket.id)}`, headers: headers(context), body: { work_notes: lines.join('\n') } };
}

/** Close request: the closing state (default 6, Resolved), close code and notes. */
export function serviceNowClose(ticket: TicketRef, lines: readonly string[], context: DestinationContext): OutboundRequest {
  return {
    method: 'PATCH',
    url: `${table(context)}/${encodeURIComponent(ticket.id)}`,
    headers: headers(context),
    body: { state: context.destination.closeState ?? '6', close_code: context.destination.closeCode ?? 'Solution provided', close_notes: lines.join('\n') },
  };
}

/** The incident a ServiceNow notification says is closed (`state` 6, 7 or 8), by `sys_id` (or `number`). */
export function serviceNowClosedTicket(payload: unknown): { key: string; by?: string } | undefined {
  const body = payload as { sys_id?: unknown; number?: unknown; state?: unknown; closed_by?: unknown };
  const state = typeof body?.state === 'number' ? String(body.state) : body?.state;
  if (typeof state !== 'string' || !CLOSED_STATES.has(state)) return undefined;
  const key = typeof body.number === 'string' ? body.number : typeof body.sys_id === 'string' ? body.sys_id : undefined;
  return key === undefined ? undefined : { key, ...(typeof body.closed_by === 'string' && { by: body.closed_by }) };
}
