/**
 * IP addresses and CIDR blocks for EventBridge's `cidr` operator and for exact values that are
 * addresses, on Node's own parser (`net.isIP`) and matcher (`net.BlockList`). As EventBridge: no
 * zone ids, an IPv4 address never lies in an IPv6 block nor the reverse.
 */
import { BlockList, isIP } from 'node:net';

/** An address and its family. */
export interface IpAddress {
  readonly text: string;
  readonly family: 'ipv4' | 'ipv6';
}

/** Parses an IPv4 or IPv6 address (no zone), or `undefined` when it is not one. */
export function parseIp(text: unknown): IpAddress | undefined {
  if (typeof text !== 'string' || text.includes('%')) return undefined;
  const version = isIP(text);
  return version === 0 ? undefined : { text, family: version === 4 ? 'ipv4' : 'ipv6' };
}

/** A compiled CIDR block: does it contain an address? */
export type CidrTest = (address: IpAddress) => boolean;

/** Compiles `address/prefix` (the prefix is required), or `undefined` when malformed. */
export function parseCidr(text: string): CidrTest | undefined {
  const slash = text.indexOf('/');
  const network = slash < 0 ? undefined : parseIp(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (network === undefined || !/^(0|[1-9]\d{0,2})$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > (network.family === 'ipv4' ? 32 : 128)) return undefined;
  const block = new BlockList();
  block.addSubnet(network.text, prefix, network.family);
  return (address) => address.family === network.family && block.check(address.text, address.family);
}

/** True when both are the same address, however each was written (`::1` and `0:0:0:0:0:0:0:1`). */
export function sameIp(a: IpAddress, b: IpAddress): boolean {
  if (a.family !== b.family) return false;
  const block = new BlockList();
  block.addAddress(a.text, a.family);
  return block.check(b.text, b.family);
}
