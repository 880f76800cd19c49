/**
 * PagerDuty Events API v2 (`POST /v2/enqueue`): `trigger` with `dedup_key` = the finding id (a
 * SHA-256 of it past PagerDuty's 255 characters), a summary, severity, source, component, links;
 * `resolve` with the same `dedup_key` when the finding resolves. Pure.
 */
import { createHash } from 'node:crypto';
import type { AwsSecurityFinding } from '../../asff';
import { credentialText, type DestinationContext, type OutboundRequest } from '../types';
import { cut, type AlertView } from './view';

/** PagerDuty's events endpoint (EU accounts: `url: https://events.eu.pagerduty.com`). */
export const PAGERDUTY_URL = 'https://events.pagerduty.com';

/** PagerDuty's severities for ours. */
const SEVERITIES: Record<string, 'critical' | 'error' | 'warning' | 'info'> = { CRITICAL: 'critical', HIGH: 'error', MEDIUM: 'warning', LOW: 'info', INFORMATIONAL: 'info' };

/** The finding id, or `sha256:<hex>` when it is longer than PagerDuty's 255-character dedup_key. */
export function dedupKey(findingId: string): string {
  return findingId.length <= 255 ? findingId : `sha256:${createHash('sha256').update(findingId).digest('hex')}`;
}

const endpoint = (context: DestinationContext) => `${context.destination.url ?? PAGERDUTY_URL}/v2/enqueue`;

/** The trigger event for an alert about `finding`. */
export function pagerDutyTrigger(view: AlertView, finding: AwsSecurityFinding, context: DestinationContext): OutboundRequest {
  const resource = finding.Resources?.[0];
  return {
    method: 'POST',
    url: endpoint(context),
    headers: { 'content-type': 'application/json' },
    body: {
      routing_key: credentialText(context),
      event_action: 'trigger',
      dedup_key: dedupKey(finding.Id),
      payload: {
        summary: cut(view.title, 1024),
        source: `aws:${finding.AwsAccountId}${finding.Region ? `:${finding.Region}` : ''}`,
        severity: SEVERITIES[view.severity] ?? 'info',
        timestamp: finding.UpdatedAt,
        ...(resource && { component: cut(resource.Id, 255) }),
        group: finding.ProductName ?? finding.ProductArn,
        class: finding.Types?.[0] ?? 'finding',
        custom_details: { ...Object.fromEntries(view.fields), finding_id: finding.Id, product_arn: finding.ProductArn, commands: view.commands },
      },
      client: 'Open Security Hub',
      ...(view.consoleUrl !== undefined && { client_url: view.consoleUrl, links: [{ href: view.consoleUrl, text: 'Open in console' }] }),
    },
  };
}

/** The resolve event for a finding that resolved. */
export function pagerDutyResolve(finding: AwsSecurityFinding, context: DestinationContext): OutboundRequest {
  return {
    method: 'POST',
    url: endpoint(context),
    headers: { 'content-type': 'application/json' },
    body: { routing_key: credentialText(context), event_action: 'resolve', dedup_key: dedupKey(finding.Id) },
  };
}
