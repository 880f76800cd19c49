import type { Action, ActionRemoteIpDetails } from '../shared/asff/types';
import { optionalNumber, optionalObject, optionalString } from '../shared/normalize/fields';
import { optionalTimestamp } from '../shared/normalize/time';
import { compact } from './values';

const ACTION = 'detail.policyDetails.action';
const ACTOR = 'detail.policyDetails.actor';

function remoteIp(event: unknown): ActionRemoteIpDetails | undefined {
  const ip = `${ACTOR}.ipAddressDetails`;
  return compact({
    IpAddressV4: optionalString(event, `${ip}.ipAddressV4`),
    Organization: compact({
      // Macie sends the ASN as a string ("AS16509" or "16509"); ASFF wants a number.
      Asn: asn(optionalString(event, `${ip}.ipOwner.asn`)),
      AsnOrg: optionalString(event, `${ip}.ipOwner.asnOrg`),
      Isp: optionalString(event, `${ip}.ipOwner.isp`),
      Org: optionalString(event, `${ip}.ipOwner.org`),
    }),
    Country: compact({
      CountryCode: optionalString(event, `${ip}.ipCountry.code`),
      CountryName: optionalString(event, `${ip}.ipCountry.name`),
    }),
    City: compact({ CityName: optionalString(event, `${ip}.ipCity.name`) }),
    GeoLocation: compact({
      Lat: optionalNumber(event, `${ip}.ipGeoLocation.lat`),
      Lon: optionalNumber(event, `${ip}.ipGeoLocation.lon`),
    }),
  });
}

function asn(value: string | undefined): number | undefined {
  const digits = value?.replace(/^AS/i, '');
  return digits !== undefined && /^\d+$/.test(digits) ? Number(digits) : undefined;
}

/**
 * The API call behind a policy finding (`policyDetails.action.apiCallDetails` and the actor's
 * IP or domain) as an ASFF `AwsApiCallAction`; undefined when the finding has no action.
 */
export function policyAction(event: unknown): Action | undefined {
  if (optionalObject(event, `${ACTION}.apiCallDetails`) === undefined) return undefined;
  const call = `${ACTION}.apiCallDetails`;
  const remoteIpDetails = remoteIp(event);
  const domain = optionalString(event, `${ACTOR}.domainDetails.domainName`);
  const apiCall = compact({
    Api: optionalString(event, `${call}.api`),
    ServiceName: optionalString(event, `${call}.apiServiceName`),
    // ASFF documents "remoteip" and "domain" as the caller types.
    CallerType: remoteIpDetails !== undefined ? 'remoteip' : domain !== undefined ? 'domain' : undefined,
    RemoteIpDetails: remoteIpDetails,
    DomainDetails: compact({ Domain: domain }),
    FirstSeen: optionalTimestamp(event, `${call}.firstSeen`),
    LastSeen: optionalTimestamp(event, `${call}.lastSeen`),
  });
  return apiCall && { ActionType: 'AWS_API_CALL', AwsApiCallAction: apiCall };
}
