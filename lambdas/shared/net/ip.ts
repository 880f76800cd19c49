/** IPv4 and IPv6 addresses and CIDR blocks, for finding filters (IpFilter) and event patterns (`cidr`). */
/** An IP address as bytes: 4 for IPv4, 16 for IPv6. */
export type IpBytes = readonly number[];

/** A CIDR block: network bytes and prefix length in bits. */
export interface Cidr {
  readonly bytes: IpBytes;
  readonly prefix: number;
}

const IPV4_OCTET = /^(0|[1-9]\d{0,2})$/;
const IPV6_GROUP = /^[0-9a-fA-F]{1,4}$/;

function parseIpv4(text: string): IpBytes | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((part) => IPV4_OCTET.test(part))) return undefined;
  const bytes = parts.map(Number);
  return bytes.every((byte) => byte <= 255) ? bytes : undefined;
}

function parseGroups(text: string): number[] | undefined {
  if (text === '') return [];
  const groups: number[] = [];
  const parts = text.split(':');
  for (const [index, part] of parts.entries()) {
    if (index === parts.length - 1 && part.includes('.')) {
      const v4 = parseIpv4(part);
      if (!v4) return undefined;
      groups.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
    } else if (IPV6_GROUP.test(part)) groups.push(parseInt(part, 16));
    else return undefined;
  }
  return groups;
}

function parseIpv6(text: string): IpBytes | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = parseGroups(halves[0]);
  const tail = halves.length === 2 ? parseGroups(halves[1]) : [];
  if (!head || !tail) return undefined;
  // An IPv4 tail is only allowed at the very end of the address.
  if (halves.length === 2 && halves[0].includes('.')) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
  return groups.flatMap((group) => [group >> 8, group & 0xff]);
}

/** Parses an IPv4 or IPv6 address (no zone), or `undefined` when it is not one. */
export function parseIp(text: unknown): IpBytes | undefined {
  if (typeof text !== 'string') return undefined;
  return text.includes(':') ? parseIpv6(text) : parseIpv4(text);
}

/**
 * Parses `address/prefix`, or `undefined` when invalid. A bare address is a single-host block
 * unless `requirePrefix` (EventBridge's `cidr` needs the `/bits`).
 */
export function parseCidr(text: string, options: { requirePrefix?: boolean } = {}): Cidr | undefined {
  const slash = text.indexOf('/');
  if (slash < 0 && options.requirePrefix) return undefined;
  const bytes = parseIp(slash < 0 ? text : text.slice(0, slash));
  if (!bytes) return undefined;
  if (slash < 0) return { bytes, prefix: bytes.length * 8 };
  const prefixText = text.slice(slash + 1);
  if (!/^(0|[1-9]\d{0,2})$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  return prefix <= bytes.length * 8 ? { bytes, prefix } : undefined;
}

/** True when `address` lies in `cidr` (an IPv4 address never lies in an IPv6 block, nor the reverse). */
export function cidrContains(cidr: Cidr, address: IpBytes): boolean {
  if (address.length !== cidr.bytes.length) return false;
  const whole = cidr.prefix >> 3;
  for (let i = 0; i < whole; i++) if (address[i] !== cidr.bytes[i]) return false;
  const bits = cidr.prefix & 7;
  if (bits === 0) return true;
  const mask = (0xff << (8 - bits)) & 0xff;
  return (address[whole] & mask) === (cidr.bytes[whole] & mask);
}

/** True when both are the same address, however each was written (`::1` and `0:0:0:0:0:0:0:1`). */
export function sameIp(a: IpBytes, b: IpBytes): boolean {
  return a.length === b.length && a.every((byte, index) => byte === b[index]);
}
