/**
 * Opsgenie Alert API v2: create (`POST /v2/alerts`, `alias` = the finding id) and close
 * (`POST /v2/alerts/{alias}/close?identifierType=alias`), authenticated with `GenieKey <api key>`.
 * Pure.
 */
import type { AwsSecurityFinding } from '../../asff';
import { credentialText, type DestinationContext, type OutboundRequest } from '../types';
import { cut, type AlertView } from './view';

/** Opsgenie's API endpoint (EU accounts: `url: https://api.eu.opsgenie.com`). */
export const OPSGENIE_URL = 'https://api.opsgenie.com';

const PRIORITIES: Record<string, 'P1' | 'P2' | 'P3' | 'P4' | 'P5'> = { CRITICAL: 'P1', HIGH: 'P2', MEDIUM: 'P3', LOW: 'P4', INFORMATIONAL: 'P5' };

const headers = (context: DestinationContext) => ({ 'content-type': 'application/json', authorization: `GenieKey ${credentialText(context)}` });
const base = (context: DestinationContext) => context.destination.url ?? OPSGENIE_URL;

/** The create-alert request for an alert about `finding`. */
export function opsgenieCreate(view: AlertView, finding: AwsSecurityFinding, context: DestinationContext): OutboundRequest {
  const resource = finding.Resources?.[0];
  const description = [view.headline, '', ...view.fields.map(([label, text]) => `${label}: ${text}`), '', ...view.commands, ...(view.consoleUrl ? ['', view.consoleUrl] : [])].join(
    '\n',
  );
  return {
    method: 'POST',
    url: `${base(context)}/v2/alerts`,
    headers: headers(context),
    body: {
      message: cut(view.title, 130),
      alias: cut(finding.Id, 512),
      description: cut(description, 15000),
      priority: PRIORITIES[view.severity] ?? 'P5',
      source: 'Open Security Hub',
      ...(resource && { entity: cut(resource.Id, 512) }),
      tags: ['open-security-hub', view.severity.toLowerCase()],
      details: { findingId: cut(finding.Id, 8000), productArn: finding.ProductArn, account: finding.AwsAccountId },
    },
  };
}

/** The close-alert request for a finding that resolved. */
export function opsgenieClose(finding: AwsSecurityFinding, note: string, context: DestinationContext): OutboundRequest {
  return {
    method: 'POST',
    url: `${base(context)}/v2/alerts/${encodeURIComponent(cut(finding.Id, 512))}/close?identifierType=alias`,
    headers: headers(context),
    body: { source: 'Open Security Hub', note: cut(note, 25000) },
  };
}
