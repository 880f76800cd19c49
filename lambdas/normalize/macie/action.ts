import type { Action } from '../../asff';
import { optionalObject, optionalText } from '../fields';
import { remoteIpDetails } from '../network';
import { compact } from '../objects';
import { optionalTimestamp } from '../time';

const ACTION = 'detail.policyDetails.action';
const ACTOR = 'detail.policyDetails.actor';

/** Where Macie keeps each member of `actor.ipAddressDetails` (the ASN as `AS16509` or `16509`). */
const REMOTE_IP = {
  ipAddressV4: 'ipAddressV4',
  asn: 'ipOwner.asn',
  asnOrg: 'ipOwner.asnOrg',
  isp: 'ipOwner.isp',
  org: 'ipOwner.org',
  countryCode: 'ipCountry.code',
  countryName: 'ipCountry.name',
  cityName: 'ipCity.name',
  lat: 'ipGeoLocation.lat',
  lon: 'ipGeoLocation.lon',
};

/**
 * The API call behind a policy finding (`policyDetails.action.apiCallDetails` and the actor's
 * IP or domain) as an ASFF `AwsApiCallAction`; undefined when the finding has no action.
 */
export function policyAction(event: unknown): Action | undefined {
  if (optionalObject(event, `${ACTION}.apiCallDetails`) === undefined) return undefined;
  const call = `${ACTION}.apiCallDetails`;
  const remoteIp = remoteIpDetails(event, `${ACTOR}.ipAddressDetails`, REMOTE_IP);
  const domain = optionalText(event, `${ACTOR}.domainDetails.domainName`, 128);
  const apiCall = compact({
    Api: optionalText(event, `${call}.api`, 128),
    ServiceName: optionalText(event, `${call}.apiServiceName`, 128),
    // ASFF documents "remoteip" and "domain" as the caller types.
    CallerType: remoteIp !== undefined ? 'remoteip' : domain !== undefined ? 'domain' : undefined,
    RemoteIpDetails: remoteIp,
    DomainDetails: compact({ Domain: domain }),
    FirstSeen: optionalTimestamp(event, `${call}.firstSeen`),
    LastSeen: optionalTimestamp(event, `${call}.lastSeen`),
  });
  return apiCall && { ActionType: 'AWS_API_CALL', AwsApiCallAction: apiCall };
}
