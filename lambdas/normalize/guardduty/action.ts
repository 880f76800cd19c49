/**
 * GuardDuty `service.action` → ASFF `Action` (Security Hub's shapes: AwsApiCallAction,
 * NetworkConnectionAction, DnsRequestAction, PortProbeAction) and the `Network` summary of a
 * network action. ASFF has no Kubernetes or RDS-login action object: those keep their ActionType,
 * their remote IP goes to `Network.SourceIpV4`, and their details stay in ProductFields.
 */
import type { Action, ActionPortDetails, ActionRemoteIpDetails, Network } from '../../asff';
import { UnmappableEventError } from '../errors';
import { optionalArray, optionalBoolean, optionalNumber, optionalObject, optionalString, truncate } from '../fields';
import { optionalIpV4, remoteIpDetails } from '../network';
import { compact } from '../objects';

/** An integer port 0–65535 from a number or numeric string. */
export function optionalPort(root: unknown, path: string): number | undefined {
  const port = optionalNumber(root, path);
  if (port === undefined) return undefined;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UnmappableEventError(`is not a port: ${port}`, path);
  return port;
}

/** Where GuardDuty keeps each member of a `remoteIpDetails` block. */
const REMOTE_IP = {
  ipAddressV4: 'ipAddressV4',
  asn: 'organization.asn',
  asnOrg: 'organization.asnOrg',
  isp: 'organization.isp',
  org: 'organization.org',
  countryCode: 'country.countryCode',
  countryName: 'country.countryName',
  cityName: 'city.cityName',
  lat: 'geoLocation.lat',
  lon: 'geoLocation.lon',
};

function remoteIp(root: unknown, path: string): ActionRemoteIpDetails | undefined {
  return optionalObject(root, path) === undefined ? undefined : remoteIpDetails(root, path, REMOTE_IP);
}

function portDetails(root: unknown, path: string): ActionPortDetails | undefined {
  const name = optionalString(root, `${path}.portName`);
  return compact({ Port: optionalPort(root, `${path}.port`), PortName: name && truncate(name, 128) });
}

const bounded = (value: string | undefined, max: number) => (value === undefined ? undefined : truncate(value, max));

/** GuardDuty's `callerType` in Security Hub's spelling (`Remote IP` → `remoteIp`, as Security Hub shows it). */
function callerType(value: string | undefined): string | undefined {
  if (value === 'Remote IP') return 'remoteIp';
  if (value === 'Domain') return 'domain';
  return value;
}

function affectedResources(root: unknown, path: string): Record<string, string> | undefined {
  const value = optionalObject(root, path);
  if (value === undefined) return undefined;
  const entries = Object.entries(value).filter((entry): entry is [string, string] => entry[0].trim() !== '' && typeof entry[1] === 'string' && entry[1].trim() !== '');
  return entries.length === 0 ? undefined : Object.fromEntries(entries);
}

/** The ASFF Action of a GuardDuty finding (`detail.service.action`), or undefined when it has none. */
export function actionOf(detail: unknown): Action | undefined {
  const base = 'service.action';
  const actionType = optionalString(detail, `${base}.actionType`);
  if (actionType === undefined) return undefined;
  const api = `${base}.awsApiCallAction`;
  const net = `${base}.networkConnectionAction`;
  const dns = `${base}.dnsRequestAction`;
  const probe = `${base}.portProbeAction`;
  return compact({
    ActionType: truncate(actionType, 128),
    AwsApiCallAction:
      optionalObject(detail, api) &&
      compact({
        Api: bounded(optionalString(detail, `${api}.api`), 128),
        ServiceName: bounded(optionalString(detail, `${api}.serviceName`), 128),
        CallerType: bounded(callerType(optionalString(detail, `${api}.callerType`)), 128),
        RemoteIpDetails: remoteIp(detail, `${api}.remoteIpDetails`),
        DomainDetails: compact({ Domain: bounded(optionalString(detail, `${api}.domainDetails.domain`), 128) }),
        AffectedResources: affectedResources(detail, `${api}.affectedResources`),
      }),
    NetworkConnectionAction:
      optionalObject(detail, net) &&
      compact({
        ConnectionDirection: bounded(optionalString(detail, `${net}.connectionDirection`), 16),
        RemoteIpDetails: remoteIp(detail, `${net}.remoteIpDetails`),
        RemotePortDetails: portDetails(detail, `${net}.remotePortDetails`),
        LocalPortDetails: portDetails(detail, `${net}.localPortDetails`),
        Protocol: bounded(optionalString(detail, `${net}.protocol`), 64),
        Blocked: optionalBoolean(detail, `${net}.blocked`),
      }),
    DnsRequestAction:
      optionalObject(detail, dns) &&
      compact({
        Domain: bounded(optionalString(detail, `${dns}.domain`), 128),
        Protocol: bounded(optionalString(detail, `${dns}.protocol`), 64),
        Blocked: optionalBoolean(detail, `${dns}.blocked`),
      }),
    PortProbeAction:
      optionalObject(detail, probe) &&
      compact({
        PortProbeDetails: optionalArray(detail, `${probe}.portProbeDetails`).map((_, index) => {
          const item = `${probe}.portProbeDetails[${index}]`;
          return (
            compact({
              LocalPortDetails: portDetails(detail, `${item}.localPortDetails`),
              LocalIpDetails: compact({ IpAddressV4: optionalIpV4(detail, `${item}.localIpDetails.ipAddressV4`) }),
              RemoteIpDetails: remoteIp(detail, `${item}.remoteIpDetails`),
            }) ?? {}
          );
        }),
        Blocked: optionalBoolean(detail, `${probe}.blocked`),
      }),
  });
}

const direction = (value: string | undefined): Network['Direction'] => (value === 'INBOUND' ? 'IN' : value === 'OUTBOUND' ? 'OUT' : undefined);

/** Remote IP of an action without an ASFF action object (Kubernetes API call, RDS login attempt). */
function otherRemoteIp(detail: unknown): string | undefined {
  for (const key of ['kubernetesApiCallAction', 'rdsLoginAttemptAction']) {
    const ip = optionalIpV4(detail, `service.action.${key}.remoteIpDetails.ipAddressV4`);
    if (ip !== undefined) return ip;
  }
  return undefined;
}

/**
 * The ASFF Network of a network connection (INBOUND: the remote end is the source), a DNS request
 * (the queried domain is the destination) or of another action with a remote caller. Docs are
 * silent on GuardDuty's Network; this is our reading of the ASFF field descriptions.
 */
export function networkOf(detail: unknown): Network | undefined {
  const net = 'service.action.networkConnectionAction';
  if (optionalObject(detail, net) !== undefined) {
    const dir = direction(optionalString(detail, `${net}.connectionDirection`));
    const remote = { ip: optionalIpV4(detail, `${net}.remoteIpDetails.ipAddressV4`), port: optionalPort(detail, `${net}.remotePortDetails.port`) };
    const local = { ip: optionalIpV4(detail, `${net}.localIpDetails.ipAddressV4`), port: optionalPort(detail, `${net}.localPortDetails.port`) };
    const [source, destination] = dir === 'OUT' ? [local, remote] : [remote, local];
    return compact({
      Direction: dir,
      Protocol: bounded(optionalString(detail, `${net}.protocol`), 16),
      SourceIpV4: source.ip,
      SourcePort: source.port,
      DestinationIpV4: destination.ip,
      DestinationPort: destination.port,
    });
  }
  const dns = 'service.action.dnsRequestAction';
  if (optionalObject(detail, dns) !== undefined) {
    return compact({
      Direction: 'OUT' as const,
      Protocol: bounded(optionalString(detail, `${dns}.protocol`), 16),
      DestinationDomain: bounded(optionalString(detail, `${dns}.domain`), 128),
    });
  }
  const api = optionalIpV4(detail, 'service.action.awsApiCallAction.remoteIpDetails.ipAddressV4') ?? otherRemoteIp(detail);
  return api === undefined ? undefined : { Direction: 'IN', SourceIpV4: api };
}
