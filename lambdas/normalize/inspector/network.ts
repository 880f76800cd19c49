import type { Network, NetworkPathComponent } from '../../asff';
import { optionalArray, optionalInteger, optionalString, truncate } from '../fields';
import { withoutEmpty } from '../objects';

const DETAILS = 'detail.networkReachabilityDetails';
/** ASFF limit of NetworkPath ComponentId and ComponentType. */
const COMPONENT_MAX = 32;

/** A port (0–65535), or undefined. */
const port = (event: unknown, path: string) => optionalInteger(event, path, 0, 65535);

/** A component field within the ASFF limit: `AWS::` dropped first, then cut. */
function component(value: string | undefined): string | undefined {
  if (value === undefined || value.length <= COMPONENT_MAX) return value;
  return value.replace(/^AWS::/, '').slice(0, COMPONENT_MAX);
}

/** `Network` of a NETWORK_REACHABILITY finding: inbound, the protocol and the open port range. */
export function reachabilityNetwork(event: unknown): Network {
  const protocol = optionalString(event, `${DETAILS}.protocol`);
  return withoutEmpty<Network>({
    Direction: 'IN',
    Protocol: protocol && truncate(protocol, 16),
    OpenPortRange: { Begin: port(event, `${DETAILS}.openPortRange.begin`), End: port(event, `${DETAILS}.openPortRange.end`) },
  });
}

/** `NetworkPath`: one component per step, from the entry point (e.g. the internet gateway) to the resource. */
export function reachabilityPath(event: unknown): NetworkPathComponent[] {
  return optionalArray(event, `${DETAILS}.networkPath.steps`)
    .map((_, index) =>
      withoutEmpty<NetworkPathComponent>({
        ComponentId: component(optionalString(event, `${DETAILS}.networkPath.steps[${index}].componentId`)),
        ComponentType: component(optionalString(event, `${DETAILS}.networkPath.steps[${index}].componentType`)),
      }),
    )
    .filter((step) => Object.keys(step).length > 0);
}
