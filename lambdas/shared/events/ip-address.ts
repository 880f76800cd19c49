/** An IP address as bytes: 4 for IPv4, 16 for IPv6. */
export type IpBytes = Uint8Array;

/** A CIDR block: the network's bytes and how many leading bits are fixed. */
export interface CidrBlock {
  readonly network: IpBytes;
  readonly prefixBits: number;
}

const IPV4_PART = /^\d{1,3}$/;
const IPV6_GROUP = /^[0-9a-fA-F]{1,4}$/;

/** Parses a dotted-quad IPv4 literal; undefined when it is not one. */
function parseIpv4(text: string): IpBytes | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((part) => IPV4_PART.test(part))) return undefined;
  const bytes = parts.map(Number);
  return bytes.every((byte) => byte <= 255) ? Uint8Array.from(bytes) : undefined;
}

/** Parses IPv6 groups (no `::`), a trailing dotted quad counting as two groups. */
function ipv6Groups(text: string): number[] | undefined {
  if (text === '') return [];
  const parts = text.split(':');
  const groups: number[] = [];
  for (const [index, part] of parts.entries()) {
    if (index === parts.length - 1 && part.includes('.')) {
      const v4 = parseIpv4(part);
      if (!v4) return undefined;
      groups.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
    } else if (IPV6_GROUP.test(part)) {
      groups.push(parseInt(part, 16));
    } else {
      return undefined;
    }
  }
  return groups;
}

/** Parses an IPv6 literal (with at most one `::`); undefined when it is not one. */
function parseIpv6(text: string): IpBytes | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = ipv6Groups(halves[0]);
  const tail = halves.length === 2 ? ipv6Groups(halves[1]) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
  return Uint8Array.from(groups.flatMap((group) => [group >> 8, group & 0xff]));
}

/** Parses an IPv4 or IPv6 address literal; undefined when the text is neither. */
export function parseIpAddress(text: string): IpBytes | undefined {
  return text.includes(':') ? parseIpv6(text) : parseIpv4(text);
}

/** Parses `address/bits`; undefined when malformed or the bits exceed the family's width. */
export function parseCidr(text: string): CidrBlock | undefined {
  const slash = text.split('/');
  if (slash.length !== 2 || !/^\d{1,3}$/.test(slash[1])) return undefined;
  const network = parseIpAddress(slash[0]);
  const prefixBits = Number(slash[1]);
  if (!network || prefixBits > network.length * 8) return undefined;
  return { network, prefixBits };
}

/** True when the address is of the block's family and its leading `prefixBits` equal the network's. */
export function inCidr(address: IpBytes, block: CidrBlock): boolean {
  if (address.length !== block.network.length) return false;
  const whole = block.prefixBits >> 3;
  for (let i = 0; i < whole; i++) if (address[i] !== block.network[i]) return false;
  const rest = block.prefixBits & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return (address[whole] & mask) === (block.network[whole] & mask);
}

/** True when both are the same address (bytes equal). */
export function sameIpAddress(a: IpBytes, b: IpBytes): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
