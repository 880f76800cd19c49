/**
 * The registry of destination kinds: what each takes in the configuration (credential shape, URL,
 * options), which channel it serves (chat and paging read alerts; tickets read finding events), its
 * default rule, and its formatters. Adding a kind is one entry here plus its formatter file.
 */
import type { AwsSecurityFinding } from '../asff';
import { jiraClose, jiraClosedTicket, jiraComment, jiraCreate, jiraCreated, jiraFind, jiraFound } from './destinations/jira';
import { opsgenieClose, opsgenieCreate } from './destinations/opsgenie';
import { pagerDutyResolve, pagerDutyTrigger } from './destinations/pagerduty';
import { serviceNowClose, serviceNowClosedTicket, serviceNowComment, serviceNowCreate, serviceNowCreated, serviceNowFind, serviceNowFound } from './destinations/servicenow';
import { slackMessage } from './destinations/slack';
import { teamsMessage } from './destinations/teams';
import type { AlertView } from './destinations/view';
import { verifyBearerToken, verifyJiraSignature, type InboundHeaders } from './inbound';
import type { DestinationContext, DestinationKind, IntegrationRule, OutboundRequest, OutboundResponse, Send, TicketRef } from './types';

/** Chat: one message per alert. */
export interface ChatKind {
  channel: 'chat';
  message(view: AlertView, context: DestinationContext): OutboundRequest;
}

/** Paging: open an incident per alert (deduplicated by the finding), close it when the finding resolves. */
export interface PagingKind {
  channel: 'paging';
  trigger(view: AlertView, finding: AwsSecurityFinding, context: DestinationContext): OutboundRequest;
  resolve(finding: AwsSecurityFinding, note: string, context: DestinationContext): OutboundRequest;
}

/** Tickets: create per matching finding, comment on changes, close when the finding resolves; inbound closes resolve the finding. */
export interface TicketKind {
  channel: 'tickets';
  create(finding: AwsSecurityFinding, context: DestinationContext): OutboundRequest;
  created(response: OutboundResponse, context: DestinationContext): TicketRef;
  /** Looks the finding's ticket up (used when a creation may have happened before a crash). */
  find(finding: AwsSecurityFinding, context: DestinationContext): OutboundRequest;
  found(response: OutboundResponse, context: DestinationContext): TicketRef | undefined;
  comment(ticket: TicketRef, lines: readonly string[], context: DestinationContext): OutboundRequest;
  close(ticket: TicketRef, lines: readonly string[], context: DestinationContext, send: Send): Promise<void>;
  /** Checks an inbound webhook's authentication against the configured inbound secret. */
  verify(headers: InboundHeaders, body: Buffer, secret: string): boolean;
  /** The ticket an inbound webhook reports closed (by its key), if it reports one. */
  closedTicket(payload: unknown): { key: string; by?: string } | undefined;
}

/** A kind's registry entry. */
export type KindEntry = (ChatKind | PagingKind | TicketKind) & {
  kind: string;
  credentials: { shape: readonly string[] | 'string'; describe: string };
  /** `url` may be set (a base URL); false where the URL is itself the credential. */
  urlAllowed: boolean;
  /** Why `url` is required, when it is. */
  urlRequired?: string;
  /** True for kinds that take inbound webhooks. */
  inbound: boolean;
  /** Kind-specific string settings. */
  options: Record<string, { required?: boolean; pattern?: RegExp }>;
  defaultRules: IntegrationRule[];
};

const ALL: IntegrationRule[] = [{ Criteria: {} }];
/** Paging by default: CRITICAL findings, or a priority of 90 and above. */
const PAGING_DEFAULT: IntegrationRule[] = [{ Criteria: { SeverityLabel: [{ Value: 'CRITICAL', Comparison: 'EQUALS' }] } }, { Criteria: {}, PriorityAtLeast: 90 }];
/** Tickets by default: HIGH and CRITICAL findings. */
const TICKETS_DEFAULT: IntegrationRule[] = [
  {
    Criteria: {
      SeverityLabel: [
        { Value: 'HIGH', Comparison: 'EQUALS' },
        { Value: 'CRITICAL', Comparison: 'EQUALS' },
      ],
    },
  },
];

/** The kinds, by name. */
export const DESTINATION_KINDS = {
  slack: {
    kind: 'slack',
    channel: 'chat',
    message: slackMessage,
    credentials: { shape: 'string', describe: 'the incoming webhook URL' },
    urlAllowed: false,
    inbound: false,
    options: {},
    defaultRules: ALL,
  },
  teams: {
    kind: 'teams',
    channel: 'chat',
    message: teamsMessage,
    credentials: { shape: 'string', describe: 'the incoming webhook (Workflows) URL' },
    urlAllowed: false,
    inbound: false,
    options: {},
    defaultRules: ALL,
  },
  pagerduty: {
    kind: 'pagerduty',
    channel: 'paging',
    trigger: pagerDutyTrigger,
    resolve: (finding, _note, context) => pagerDutyResolve(finding, context),
    credentials: { shape: 'string', describe: 'the Events API v2 integration (routing) key' },
    urlAllowed: true,
    inbound: false,
    options: {},
    defaultRules: PAGING_DEFAULT,
  },
  opsgenie: {
    kind: 'opsgenie',
    channel: 'paging',
    trigger: opsgenieCreate,
    resolve: opsgenieClose,
    credentials: { shape: 'string', describe: 'an API integration key' },
    urlAllowed: true,
    inbound: false,
    options: {},
    defaultRules: PAGING_DEFAULT,
  },
  jira: {
    kind: 'jira',
    channel: 'tickets',
    create: jiraCreate,
    created: jiraCreated,
    find: jiraFind,
    found: jiraFound,
    comment: jiraComment,
    close: jiraClose,
    verify: verifyJiraSignature,
    closedTicket: jiraClosedTicket,
    credentials: { shape: ['email', 'apiToken'], describe: 'a JSON secret {"email", "apiToken"}' },
    urlAllowed: true,
    urlRequired: 'the Jira Cloud site, https://<site>.atlassian.net',
    inbound: true,
    options: { projectKey: { required: true, pattern: /^[A-Z][A-Z0-9_]{1,9}$/ }, issueType: {}, doneTransition: {} },
    defaultRules: TICKETS_DEFAULT,
  },
  servicenow: {
    kind: 'servicenow',
    channel: 'tickets',
    create: serviceNowCreate,
    created: serviceNowCreated,
    find: serviceNowFind,
    found: serviceNowFound,
    comment: serviceNowComment,
    close: async (ticket, lines, context, send) => {
      await send(serviceNowClose(ticket, lines, context));
    },
    verify: verifyBearerToken,
    closedTicket: serviceNowClosedTicket,
    credentials: { shape: ['username', 'password'], describe: 'a JSON secret {"username", "password"}' },
    urlAllowed: true,
    urlRequired: 'the instance, https://<instance>.service-now.com',
    inbound: true,
    options: { table: { pattern: /^[a-z_][a-z0-9_]{0,79}$/ }, closeState: { pattern: /^\d{1,3}$/ }, closeCode: {} },
    defaultRules: TICKETS_DEFAULT,
  },
} satisfies Record<DestinationKind, KindEntry>;

export type { DestinationKind } from './types';

/** True for a registered kind. */
export function isDestinationKind(value: unknown): value is DestinationKind {
  return typeof value === 'string' && Object.hasOwn(DESTINATION_KINDS, value);
}

/** The registry entry of a kind. */
export function kindOf(kind: DestinationKind): KindEntry {
  return DESTINATION_KINDS[kind] as KindEntry;
}
