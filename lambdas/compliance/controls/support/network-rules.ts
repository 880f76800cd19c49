/**
 * Readers of EC2 security group and network ACL rules as AWS Config records them
 * (`ipPermissions`, `entries`), and the questions the network controls ask of them. Pure.
 */
import { asArray, asBoolean, asNumber, asString, field, isRecord } from './readers';

/** The "anywhere" source of an address family. */
export const ANY_IPV4 = '0.0.0.0/0';
/** The "anywhere" source of IPv6. */
export const ANY_IPV6 = '::/0';

/** An inbound security group rule, normalised: protocol name, inclusive port range, sources. */
export interface IngressRule {
  /** `tcp`, `udp`, `icmp`, `icmpv6` or `all` (Config's `-1`), lower-case. */
  protocol: string;
  fromPort: number;
  toPort: number;
  ipv4: string[];
  ipv6: string[];
}

const PROTOCOL_NUMBERS: Record<string, string> = { '-1': 'all', '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6' };

/** Normalises an IP protocol (name or number; `-1` means all). */
export function protocolName(value: unknown): string {
  const text = String(value ?? '-1')
    .trim()
    .toLowerCase();
  return PROTOCOL_NUMBERS[text] ?? text;
}

/** The inbound rules of a security group configuration (`ipPermissions`). */
export function ingressRules(configuration: Record<string, unknown>): IngressRule[] {
  return asArray(configuration.ipPermissions)
    .filter(isRecord)
    .map((permission) => {
      const protocol = protocolName(permission.ipProtocol);
      // All-protocol rules and rules without ports cover every port.
      const whole = protocol === 'all' || asNumber(permission.fromPort) === undefined || asNumber(permission.fromPort) === -1;
      return {
        protocol,
        fromPort: whole ? 0 : (asNumber(permission.fromPort) ?? 0),
        toPort: whole ? 65535 : (asNumber(permission.toPort) ?? asNumber(permission.fromPort) ?? 65535),
        ipv4: [
          ...asArray(permission.ipRanges).filter((range): range is string => typeof range === 'string'),
          ...asArray(permission.ipv4Ranges)
            .map((range) => asString(field(range, 'cidrIp')))
            .filter((c): c is string => c !== undefined),
        ],
        ipv6: asArray(permission.ipv6Ranges)
          .map((range) => (typeof range === 'string' ? range : asString(field(range, 'cidrIpv6'))))
          .filter((c): c is string => c !== undefined),
      };
    });
}

/** Which "anywhere" sources a rule admits, among the families asked for. */
export function openSources(rule: IngressRule, families: ReadonlyArray<'ipv4' | 'ipv6'> = ['ipv4', 'ipv6']): string[] {
  const sources: string[] = [];
  if (families.includes('ipv4') && rule.ipv4.includes(ANY_IPV4)) sources.push(ANY_IPV4);
  if (families.includes('ipv6') && rule.ipv6.includes(ANY_IPV6)) sources.push(ANY_IPV6);
  return sources;
}

/** Whether a rule's protocol carries TCP or UDP ports (`tcp`, `udp` or all protocols). */
export function carriesPorts(rule: IngressRule): boolean {
  return rule.protocol === 'all' || rule.protocol === 'tcp' || rule.protocol === 'udp';
}

/** The ports among `ports` that a rule opens. */
export function portsOpened(rule: IngressRule, ports: readonly number[]): number[] {
  return carriesPorts(rule) ? ports.filter((port) => port >= rule.fromPort && port <= rule.toPort) : [];
}

/** A human description of a rule (`tcp 22-22 from 0.0.0.0/0`). */
export function describeRule(rule: IngressRule, sources: string[]): string {
  const ports = rule.protocol === 'all' ? 'all ports' : rule.fromPort === rule.toPort ? `port ${rule.fromPort}` : `ports ${rule.fromPort}-${rule.toPort}`;
  return `${rule.protocol} ${ports} from ${sources.join(' and ')}`;
}

/**
 * Findings of "ingress from anywhere to these ports": each open rule that reaches one of the ports,
 * described. Empty when none does.
 */
export function openToPorts(configuration: Record<string, unknown>, ports: readonly number[], families: ReadonlyArray<'ipv4' | 'ipv6'> = ['ipv4', 'ipv6']): string[] {
  return ingressRules(configuration).flatMap((rule) => {
    const sources = openSources(rule, families);
    const hit = portsOpened(rule, ports);
    return sources.length > 0 && hit.length > 0 ? [`${describeRule(rule, sources)} (reaches ${hit.join(', ')})`] : [];
  });
}

/** A network ACL entry, normalised. */
interface AclEntry {
  ruleNumber: number;
  egress: boolean;
  allow: boolean;
  protocol: string;
  from: number;
  to: number;
  cidr?: string;
}

function aclEntries(configuration: Record<string, unknown>): AclEntry[] {
  return asArray(configuration.entries)
    .filter(isRecord)
    .map((entry) => {
      const protocol = protocolName(entry.protocol);
      const from = asNumber(field(entry, 'portRange', 'from'));
      return {
        ruleNumber: asNumber(entry.ruleNumber) ?? 32767,
        egress: asBoolean(entry.egress) ?? false,
        allow: String(entry.ruleAction ?? '').toLowerCase() === 'allow',
        protocol,
        from: protocol === 'all' || from === undefined ? 0 : from,
        to: protocol === 'all' || from === undefined ? 65535 : (asNumber(field(entry, 'portRange', 'to')) ?? from),
        cidr: asString(entry.cidrBlock) ?? asString(entry.ipv6CidrBlock),
      };
    })
    .sort((a, b) => a.ruleNumber - b.ruleNumber);
}

/**
 * The (source, port) pairs a network ACL admits from anywhere over TCP: entries are read in rule
 * number order and the first that matches decides, as the VPC does.
 */
export function aclOpenToPorts(configuration: Record<string, unknown>, ports: readonly number[]): string[] {
  const entries = aclEntries(configuration).filter((entry) => !entry.egress && (entry.protocol === 'tcp' || entry.protocol === 'all'));
  const open: string[] = [];
  for (const source of [ANY_IPV4, ANY_IPV6]) {
    for (const port of ports) {
      const first = entries.find((entry) => entry.cidr === source && port >= entry.from && port <= entry.to);
      if (first?.allow) open.push(`rule ${first.ruleNumber} allows port ${port} from ${source}`);
    }
  }
  return open;
}
