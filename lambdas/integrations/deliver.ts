/**
 * The delivery core: alerts to chat and paging destinations, finding events to ticket lifecycles
 * and paging resolves, and inbound ticket closes back to findings. No SDK, no environment: the
 * sender, credentials, link store and findings come in as {@link DeliveryDeps}.
 *
 * A destination that still fails after the HTTP client's retries is collected; once every
 * destination was tried, the finding is noted (Note: which destination failed and why) and the
 * call throws {@link DeliveryFailedError}, so Lambda retries the invocation and then sends it to
 * the dead-letter queue. Destinations that succeeded are not repeated on retry: alerts are
 * marked sent per destination, tickets and incidents are links with a status.
 */
import type { AwsSecurityFinding } from '../asff';
import type { FindingsImportedDetail } from '../events';
import type { BatchUpdateFindingsRequest, FindingIdentifier } from '../store';
import type { AlertNotice } from './alert-notice';
import type { DestinationConfig, IntegrationsConfig, SecretRef } from './config';
import { alertView } from './destinations/view';
import { kindOf, type KindEntry, type TicketKind } from './kinds';
import { destinationTakes, isOpen, isResolved } from './rules';
import { STALE_CLAIM_MS, type LinkStore } from './state/link-store';
import type { Credential, DestinationContext, OutboundRequest, OutboundResponse, TicketRef } from './types';

/** Identity of the integrations' own bookkeeping writes (ticket fields, failure notes): their finding events are not delivered again. */
export const INTEGRATIONS_IDENTITY = 'open-security-hub/integrations';
/** Identity of a finding change an inbound ticket webhook made (delivered as any change: pagers resolve). */
export const inboundIdentity = (destination: string) => `${INTEGRATIONS_IDENTITY}/inbound/${destination}`;

/** UserDefinedFields keys of a finding's ticket at a destination. */
export const ticketFields = (destination: string) => ({ key: `ticket:${destination}`, url: `ticketUrl:${destination}`, status: `ticketStatus:${destination}` });

/** What the core needs. */
export interface DeliveryDeps {
  config: IntegrationsConfig;
  /** Sends one request to a destination (retries inside); throws when it still fails. */
  send(destination: DestinationConfig, request: OutboundRequest): Promise<OutboundResponse>;
  /** Resolves a credential (a secret's value, or the configured value). */
  credential(ref: SecretRef, shape: KindEntry['credentials']['shape']): Promise<Credential>;
  links: LinkStore;
  findings: {
    read(identifier: FindingIdentifier): Promise<AwsSecurityFinding | undefined>;
    /** BatchUpdateFindings as `identity`; throws when the finding was not processed. */
    update(request: BatchUpdateFindingsRequest, identity: string): Promise<void>;
  };
  now(): Date;
}

/** What happened at one destination. */
export interface DestinationOutcome {
  destination: string;
  action: string;
  error?: string;
}

/** Some destinations failed after retries; the message lists them. */
export class DeliveryFailedError extends Error {
  constructor(readonly failures: DestinationOutcome[]) {
    super(`Delivery failed: ${failures.map((failure) => `${failure.destination}: ${failure.error}`).join('; ')}`);
    this.name = 'DeliveryFailedError';
  }
}

async function contextOf(destination: DestinationConfig, deps: DeliveryDeps): Promise<DestinationContext> {
  const credential = await deps.credential(destination.credentials, kindOf(destination.kind).credentials.shape);
  return { destination, credential, ...(deps.config.consoleUrl !== undefined && { consoleUrl: deps.config.consoleUrl }) };
}

/** Tries every destination (concurrently), then notes the finding and throws when any failed. */
async function tryEach(
  destinations: DestinationConfig[],
  identifier: FindingIdentifier | undefined,
  deps: DeliveryDeps,
  act: (destination: DestinationConfig) => Promise<string>,
): Promise<DestinationOutcome[]> {
  // Destinations are independent: one slow or failing does not hold the others back.
  const outcomes = await Promise.all(
    destinations.map(async (destination): Promise<DestinationOutcome> => {
      try {
        return { destination: destination.name, action: await act(destination) };
      } catch (error) {
        return { destination: destination.name, action: 'failed', error: (error as Error).message };
      }
    }),
  );
  const failures = outcomes.filter((outcome) => outcome.error !== undefined);
  if (failures.length > 0) {
    if (identifier !== undefined) {
      const text = `Integration delivery failed (will be retried, then dead-lettered): ${failures.map((failure) => `${failure.destination}: ${failure.error}`).join('; ')}`;
      await deps.findings
        .update({ FindingIdentifiers: [identifier], Note: { Text: text.slice(0, 512), UpdatedBy: INTEGRATIONS_IDENTITY } }, INTEGRATIONS_IDENTITY)
        .catch(() => undefined);
    }
    throw new DeliveryFailedError(failures);
  }
  return outcomes;
}

/** An alert of the alerts topic to the chat and paging destinations whose rules take its finding. */
export async function deliverAlert(notice: AlertNotice, deps: DeliveryDeps): Promise<DestinationOutcome[]> {
  const finding = notice.identifier === undefined ? undefined : await deps.findings.read(notice.identifier);
  const now = deps.now();
  const targets = deps.config.destinations.filter((destination) => {
    const channel = kindOf(destination.kind).channel;
    return (channel === 'chat' || channel === 'paging') && destinationTakes(destination, finding, now, notice.priority);
  });
  const view = alertView(notice, finding, deps.config.consoleUrl);
  return tryEach(targets, notice.identifier, deps, async (destination) => {
    if (await deps.links.wasSent(destination.name, notice.messageId)) return 'already-sent';
    const kind = kindOf(destination.kind);
    const context = await contextOf(destination, deps);
    if (kind.channel === 'chat') {
      await deps.send(destination, kind.message(view, context));
    } else if (kind.channel === 'paging') {
      if (finding === undefined) return 'skipped-no-finding';
      await deps.send(destination, kind.trigger(view, finding, context));
      await deps.links.transition(destination.name, finding, ['absent', 'OPEN', 'CLOSED'], 'OPEN', now);
    }
    await deps.links.markSent(destination.name, notice.messageId, now);
    return kind.channel === 'chat' ? 'posted' : 'triggered';
  });
}

const CHANGE_FIELDS: Record<string, (finding: AwsSecurityFinding, before: FindingsImportedDetail['change']['before']) => string | undefined> = {
  Severity: (finding, before) => `Severity ${before?.SeverityLabel ?? '?'} → ${finding.Severity?.Label ?? '?'}`,
  Workflow: (finding, before) => `Workflow ${before?.WorkflowStatus ?? '?'} → ${finding.Workflow?.Status ?? '?'}`,
  RecordState: (finding, before) => `Record state ${before?.RecordState ?? '?'} → ${finding.RecordState}`,
  Compliance: (finding, before) =>
    before?.ComplianceStatus !== finding.Compliance?.Status ? `Compliance ${before?.ComplianceStatus ?? '?'} → ${finding.Compliance?.Status ?? '?'}` : undefined,
  Note: (finding) => (finding.Note ? `Note by ${finding.Note.UpdatedBy}: ${finding.Note.Text}` : undefined),
};

/** The lines of a ticket comment for a change, or none when nothing a ticket reader cares about changed. */
export function changeLines(detail: FindingsImportedDetail): string[] {
  if (detail.change.created) return [];
  const [finding] = detail.findings;
  return detail.change.updatedFields.flatMap((field) => CHANGE_FIELDS[field]?.(finding, detail.change.before) ?? []);
}

function closingLines(finding: AwsSecurityFinding, by: string): string[] {
  const why =
    finding.Compliance?.Status === 'PASSED' ? 'its control passed' : finding.RecordState === 'ARCHIVED' ? 'it was archived' : `its workflow is ${finding.Workflow?.Status}`;
  return [`Open Security Hub: the finding is resolved (${why}, change by ${by}); closing this ticket.`];
}

async function ticketLifecycle(destination: DestinationConfig, kind: TicketKind, detail: FindingsImportedDetail, deps: DeliveryDeps): Promise<string> {
  const [finding] = detail.findings;
  const name = destination.name;
  const now = deps.now();
  const link = await deps.links.get(name, finding);
  const fields = ticketFields(name);
  const stale = (status: string) => link?.status === status && now.getTime() - link.changedAt >= STALE_CLAIM_MS;
  if (isResolved(finding)) {
    if ((link?.status !== 'OPEN' && !stale('CLOSING')) || link?.ref === undefined) return 'nothing-to-close';
    if (!(await deps.links.transition(name, finding, ['OPEN'], 'CLOSING', now))) return 'closing-elsewhere';
    try {
      await kind.close(link.ref, closingLines(finding, detail.change.source.Identity), await contextOf(destination, deps), (request) => deps.send(destination, request));
    } catch (error) {
      await deps.links.transition(name, finding, ['CLOSING'], 'OPEN', deps.now());
      throw error;
    }
    await deps.links.transition(name, finding, ['CLOSING'], 'CLOSED', deps.now());
    await deps.findings.update({ FindingIdentifiers: [finding], UserDefinedFields: { [fields.status]: 'CLOSED' } }, INTEGRATIONS_IDENTITY);
    return `closed ${link.ref.key}`;
  }
  if (link?.status === 'OPEN' && link.ref !== undefined) {
    const lines = changeLines(detail);
    if (lines.length === 0) return 'no-change-to-comment';
    await deps.send(
      destination,
      kind.comment(link.ref, [`Open Security Hub: the finding changed (by ${detail.change.source.Identity}).`, ...lines], await contextOf(destination, deps)),
    );
    return `commented ${link.ref.key}`;
  }
  if (link !== undefined && link.status !== 'CLOSED' && !stale('PENDING')) return `ticket-${link.status.toLowerCase()}`;
  if (!isOpen(finding) || !destinationTakes(destination, finding, now)) return 'not-taken';
  // A PENDING claim gone stale means its holder crashed, perhaps after creating the ticket: look for it first.
  const takeOver = stale('PENDING');
  if (!(await deps.links.transition(name, finding, ['absent', 'CLOSED'], 'PENDING', now))) return 'created-elsewhere';
  let ticket: TicketRef | undefined;
  try {
    const context = await contextOf(destination, deps);
    ticket = takeOver ? kind.found(await deps.send(destination, kind.find(finding, context)), context) : undefined;
    ticket ??= kind.created(await deps.send(destination, kind.create(finding, context)), context);
  } catch (error) {
    await deps.links.release(name, finding);
    throw error;
  }
  await deps.links.transition(name, finding, ['PENDING'], 'OPEN', deps.now(), ticket);
  await deps.findings.update(
    { FindingIdentifiers: [finding], UserDefinedFields: { [fields.key]: ticket.key, [fields.url]: ticket.url.slice(0, 1024), [fields.status]: 'OPEN' } },
    INTEGRATIONS_IDENTITY,
  );
  return `created ${ticket.key}`;
}

/** A finding event to the ticket destinations (create, comment, close) and paging destinations (resolve). */
export async function deliverFindingEvent(detail: FindingsImportedDetail, deps: DeliveryDeps): Promise<DestinationOutcome[]> {
  if (detail.change.source.Identity === INTEGRATIONS_IDENTITY) return []; // our own bookkeeping
  const [finding] = detail.findings;
  const identifier = { Id: finding.Id, ProductArn: finding.ProductArn };
  const targets = deps.config.destinations.filter((destination) => kindOf(destination.kind).channel !== 'chat');
  return tryEach(targets, identifier, deps, async (destination) => {
    const kind = kindOf(destination.kind);
    if (kind.channel === 'tickets') return ticketLifecycle(destination, kind, detail, deps);
    if (kind.channel !== 'paging' || !isResolved(finding)) return 'nothing-to-do';
    const link = await deps.links.get(destination.name, identifier);
    if (link?.status !== 'OPEN') return 'not-paged';
    await deps.send(destination, kind.resolve(finding, closingLines(finding, detail.change.source.Identity)[0], await contextOf(destination, deps)));
    await deps.links.transition(destination.name, identifier, ['OPEN'], 'CLOSED', deps.now());
    return 'resolved';
  });
}

/** An inbound webhook request, as the function URL (or the embedded default's edge) hands it over. */
export interface InboundRequest {
  destination: string;
  /** Header names lower-cased. */
  headers: Record<string, string | undefined>;
  body: Buffer;
}

/** The answer to an inbound webhook. */
export interface InboundAnswer {
  statusCode: number;
  message: string;
}

/** A ticket closed in Jira/ServiceNow: authenticate, find the finding by the ticket key, set its workflow to RESOLVED. */
export async function handleInbound(request: InboundRequest, deps: DeliveryDeps): Promise<InboundAnswer> {
  const destination = deps.config.destinations.find((candidate) => candidate.name === request.destination);
  const kind = destination && kindOf(destination.kind);
  if (destination === undefined || kind?.channel !== 'tickets' || destination.inbound === undefined) {
    return { statusCode: 404, message: `No ticket destination '${request.destination}' with an inbound webhook` };
  }
  let secret: Credential;
  try {
    secret = await deps.credential(destination.inbound, 'string');
  } catch (error) {
    return { statusCode: 401, message: `Cannot verify: the inbound secret is not available (${(error as Error).message})` };
  }
  if (typeof secret !== 'string' || !kind.verify(request.headers, request.body, secret)) {
    return { statusCode: 401, message: 'Signature or token does not verify' };
  }
  let payload: unknown;
  try {
    payload = JSON.parse(request.body.toString('utf8'));
  } catch {
    return { statusCode: 400, message: 'Body is not JSON' };
  }
  const closed = kind.closedTicket(payload);
  if (closed === undefined) return { statusCode: 202, message: 'Not a ticket close: ignored' };
  const identifier = await deps.links.byRef(destination.name, closed.key);
  if (identifier === undefined) return { statusCode: 202, message: `Ticket ${closed.key} is not one of ours: ignored` };
  if (!(await deps.links.transition(destination.name, identifier, ['OPEN', 'CLOSING'], 'CLOSED', deps.now()))) {
    return { statusCode: 200, message: `Ticket ${closed.key} was already closed` };
  }
  await deps.findings.update(
    {
      FindingIdentifiers: [identifier],
      Workflow: { Status: 'RESOLVED' },
      Note: { Text: `Ticket ${closed.key} closed in ${destination.name}${closed.by ? ` by ${closed.by}` : ''}`.slice(0, 512), UpdatedBy: inboundIdentity(destination.name) },
      UserDefinedFields: { [ticketFields(destination.name).status]: 'CLOSED' },
    },
    inboundIdentity(destination.name),
  );
  return { statusCode: 200, message: `Finding ${identifier.Id} resolved (ticket ${closed.key} closed)` };
}
