/**
 * Readers of Elastic Load Balancing items as AWS Config records them: a Classic Load Balancer's
 * listeners and attributes (`LoadBalancerAttributes` with `crossZoneLoadBalancing`, `accessLog`,
 * `connectionDraining`, `additionalAttributes`), and an ALB/NLB/GWLB's attribute list
 * (`LoadBalancerAttributes` as `[{ key, value }]`). Pure.
 */
import type { ConfigurationItem } from '../types';
import { asArray, asRecord, asString, field, supplementary } from './readers';

/** A Classic Load Balancer listener, normalised. */
export interface ClassicListener {
  protocol: string;
  port: number | undefined;
  certificate: string | undefined;
  policyNames: string[];
}

/** The listeners of a Classic Load Balancer (`listenerDescriptions[].listener`). */
export function classicListeners(configuration: Record<string, unknown>): ClassicListener[] {
  return asArray(configuration.listenerDescriptions).map((description) => {
    const listener = field(description, 'listener');
    const port = field(listener, ['loadBalancerPort', 'LoadBalancerPort']);
    return {
      protocol: (asString(field(listener, ['protocol', 'Protocol'])) ?? '').toUpperCase(),
      port: typeof port === 'number' ? port : undefined,
      certificate: asString(field(listener, ['sSLCertificateId', 'sslcertificateId', 'SSLCertificateId'])),
      policyNames: asArray(field(description, 'policyNames')).filter((name): name is string => typeof name === 'string'),
    };
  });
}

/** A Classic Load Balancer attribute document (`LoadBalancerAttributes`), or undefined when not recorded. */
export function classicAttributes(item: ConfigurationItem): Record<string, unknown> | undefined {
  return asRecord(supplementary(item, 'LoadBalancerAttributes'));
}

/** A Classic Load Balancer's additional attribute (`additionalAttributes[{ key, value }]`). */
export function classicAdditional(item: ConfigurationItem, key: string): string | undefined {
  const entry = asArray(field(classicAttributes(item), 'additionalAttributes')).find((attribute) => field(attribute, 'key') === key);
  return asString(field(entry, 'value'));
}

/** An ALB/NLB/GWLB attribute (`LoadBalancerAttributes` as a `{ key, value }` list), as text. */
export function v2Attribute(item: ConfigurationItem, key: string): string | undefined {
  const entry = asArray(supplementary(item, 'LoadBalancerAttributes')).find((attribute) => field(attribute, ['key', 'Key']) === key);
  const value = field(entry, ['value', 'Value']);
  return value === undefined || value === null ? undefined : String(value);
}

/** An ALB/NLB/GWLB's type (`application`, `network`, `gateway`). */
export const v2Type = (configuration: Record<string, unknown>): string => (asString(field(configuration, ['type', 'Type'])) ?? 'application').toLowerCase();
