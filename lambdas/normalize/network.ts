import type { ActionRemoteIpDetails } from '../asff';
import { parseIp } from '../shared/net/ip';
import { optionalNumber, optionalString, truncate, within } from './fields';
import { compact } from './objects';

/** An IPv4 address at the path; undefined when absent or not a dotted quad (Security Hub rejects those). */
export function optionalIpV4(root: unknown, path: string): string | undefined {
  const value = optionalString(root, path)?.trim();
  return value !== undefined && parseIp(value)?.length === 4 ? value : undefined;
}

/** Where each member of a product's remote-IP block lives, relative to the block. */
export interface RemoteIpPaths {
  ipAddressV4: string;
  asn: string;
  asnOrg: string;
  isp: string;
  org: string;
  countryCode: string;
  countryName: string;
  cityName: string;
  lat: string;
  lon: string;
}

/** An ASN from a number or `AS16509`/`16509`; undefined when it is neither. */
function asnAt(root: unknown, path: string): number | undefined {
  const value = optionalString(root, path)?.trim().replace(/^AS/i, '');
  return value !== undefined && /^\d{1,10}$/.test(value) ? Number(value) : undefined;
}

/** A coordinate within `[-limit, limit]`, or undefined. */
function coordinate(root: unknown, path: string, limit: number): number | undefined {
  const value = optionalNumber(root, path);
  return value !== undefined && Math.abs(value) <= limit ? value : undefined;
}

const text = (root: unknown, path: string) => {
  const value = optionalString(root, path);
  return value === undefined ? undefined : truncate(value, 128);
};

/** ASFF `RemoteIpDetails` of a product's remote-IP block at `base` (GuardDuty, Macie); undefined when empty. */
export function remoteIpDetails(root: unknown, base: string, paths: RemoteIpPaths): ActionRemoteIpDetails | undefined {
  return within(root, base, (block) =>
    compact({
      IpAddressV4: optionalIpV4(block, paths.ipAddressV4),
      Organization: compact({
        Asn: asnAt(block, paths.asn),
        AsnOrg: text(block, paths.asnOrg),
        Isp: text(block, paths.isp),
        Org: text(block, paths.org),
      }),
      Country: compact({ CountryCode: text(block, paths.countryCode), CountryName: text(block, paths.countryName) }),
      City: compact({ CityName: text(block, paths.cityName) }),
      GeoLocation: compact({ Lon: coordinate(block, paths.lon, 180), Lat: coordinate(block, paths.lat, 90) }),
    }),
  );
}
