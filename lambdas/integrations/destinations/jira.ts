/**
 * Jira Cloud REST API v3 with basic auth (`email:apiToken`): create an issue
 * (`POST /rest/api/3/issue`, description in Atlassian Document Format), comment
 * (`POST /rest/api/3/issue/{key}/comment`), and close by the configured transition
 * (`GET` then `POST /rest/api/3/issue/{key}/transitions`). Inbound: Jira's admin webhooks sign the
 * raw body with HMAC-SHA256 (`X-Hub-Signature: sha256=<hex>`). Pure, but for `close`, which takes
 * the sender to look the transition up.
 */
import type { AwsSecurityFinding } from '../../asff';
import { findingKey } from '../../store';
import { credentialMember, type DestinationContext, type OutboundRequest, type OutboundResponse, type Send, type TicketRef } from '../types';
import { ticketText } from './ticket-text';

/** A minimal Atlassian Document Format document: one paragraph per line (blank lines dropped). */
export function adf(lines: readonly string[]): unknown {
  return { type: 'doc', version: 1, content: lines.filter((line) => line.trim() !== '').map((line) => ({ type: 'paragraph', content: [{ type: 'text', text: line }] })) };
}

const base = (context: DestinationContext) => context.destination.url!;
function headers(context: DestinationContext): Record<string, string> {
  const token = Buffer.from(`${credentialMember(context, 'email')}:${credentialMember(context, 'apiToken')}`).toString('base64');
  return { 'content-type': 'application/json', accept: 'application/json', authorization: `Basic ${token}` };
}

/** The label naming a finding on its issue (`osh-<finding key>`: labels take no spaces), to find it again. */
export function findingLabel(finding: Pick<AwsSecurityFinding, 'Id' | 'ProductArn'>): string {
  return `osh-${findingKey(finding)}`;
}

/** Search for the finding's issue (after a creation that may have happened before a crash). */
export function jiraFind(finding: AwsSecurityFinding, context: DestinationContext): OutboundRequest {
  const jql = `project = "${context.destination.projectKey}" AND labels = "${findingLabel(finding)}"`;
  return { method: 'GET', url: `${base(context)}/rest/api/3/search/jql?${new URLSearchParams({ jql, fields: 'key', maxResults: '1' }).toString()}`, headers: headers(context) };
}

/** The issue a search found, if any. */
export function jiraFound(response: OutboundResponse, context: DestinationContext): TicketRef | undefined {
  const [issue] = (response.body as { issues?: Array<{ key?: unknown }> } | undefined)?.issues ?? [];
  return typeof issue?.key === 'string' ? { key: issue.key, id: issue.key, url: `${base(context)}/browse/${issue.key}` } : undefined;
}

/** Create-issue request for a finding. */
export function jiraCreate(finding: AwsSecurityFinding, context: DestinationContext): OutboundRequest {
  const text = ticketText(finding, context.consoleUrl);
  return {
    method: 'POST',
    url: `${base(context)}/rest/api/3/issue`,
    headers: headers(context),
    body: {
      fields: {
        project: { key: context.destination.projectKey },
        issuetype: { name: context.destination.issueType ?? 'Task' },
        summary: text.summary,
        description: adf(text.lines),
        labels: ['open-security-hub', findingLabel(finding), `severity-${(finding.Severity?.Label ?? 'INFORMATIONAL').toLowerCase()}`],
      },
    },
  };
}

/** The issue Jira created (`{id, key, self}`). */
export function jiraCreated(response: OutboundResponse, context: DestinationContext): TicketRef {
  const body = response.body as { key?: unknown } | undefined;
  if (typeof body?.key !== 'string') throw new Error(`${context.destination.name}: Jira answered ${response.status} without an issue key`);
  return { key: body.key, id: body.key, url: `${base(context)}/browse/${body.key}` };
}

/** Comment request. */
export function jiraComment(ticket: TicketRef, lines: readonly string[], context: DestinationContext): OutboundRequest {
  return { method: 'POST', url: `${base(context)}/rest/api/3/issue/${encodeURIComponent(ticket.id)}/comment`, headers: headers(context), body: { body: adf(lines) } };
}

/** Comments why, then moves the issue through the configured transition (by name, or to a `done` status). */
export async function jiraClose(ticket: TicketRef, lines: readonly string[], context: DestinationContext, send: Send): Promise<void> {
  await send(jiraComment(ticket, lines, context));
  const url = `${base(context)}/rest/api/3/issue/${encodeURIComponent(ticket.id)}/transitions`;
  const listed = await send({ method: 'GET', url, headers: headers(context) });
  const wanted = (context.destination.doneTransition ?? 'Done').toLowerCase();
  const transitions = ((listed.body as { transitions?: unknown })?.transitions ?? []) as Array<{
    id?: string;
    name?: string;
    to?: { name?: string; statusCategory?: { key?: string } };
  }>;
  const transition =
    transitions.find((candidate) => candidate.name?.toLowerCase() === wanted || candidate.to?.name?.toLowerCase() === wanted) ??
    transitions.find((candidate) => candidate.to?.statusCategory?.key === 'done');
  if (transition?.id === undefined) {
    throw new Error(
      `${context.destination.name}: issue ${ticket.key} has no transition '${context.destination.doneTransition ?? 'Done'}' (offered: ${transitions.map((t) => t.name).join(', ') || 'none'})`,
    );
  }
  await send({ method: 'POST', url, headers: headers(context), body: { transition: { id: transition.id } } });
}

/** The issue a Jira webhook says moved to a done status (`jira:issue_updated`, status category `done`), if any. */
export function jiraClosedTicket(payload: unknown): { key: string; by?: string } | undefined {
  const body = payload as { webhookEvent?: string; issue?: { key?: unknown; fields?: { status?: { statusCategory?: { key?: string } } } }; user?: { displayName?: string } };
  if (body?.webhookEvent !== 'jira:issue_updated' || typeof body.issue?.key !== 'string') return undefined;
  if (body.issue.fields?.status?.statusCategory?.key !== 'done') return undefined;
  return { key: body.issue.key, ...(body.user?.displayName && { by: body.user.displayName }) };
}
