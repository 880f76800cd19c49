import type { Network, NetworkPathComponent } from '../shared/asff/types';
import { optionalArray, optionalNumber, optionalString } from '../shared/normalize/fields';
import { compact } from './text';

const DETAILS = 'detail.networkReachabilityDetails';
/** ASFF limit of NetworkPath ComponentId and ComponentType. */
const COMPONENT_MAX = 32;

/** A port (0–65535), or undefined. */
function port(event: unknown, path: string): number | undefined {
  const value = optionalNumber(event, path);
  return value !== undefined && Number.isInteger(value) && value >= 0 && value <= 65535 ? value : undefined;
}

/** A component field within the ASFF limit: `AWS::` dropped first, then cut. */
function component(value: string | undefined): string | undefined {
  if (value === undefined || value.length <= COMPONENT_MAX) return value;
  return value.replace(/^AWS::/, '').slice(0, COMPONENT_MAX);
}

/** `Network` of a NETWORK_REACHABILITY finding: inbound, the protocol and the open port range. */
export function reachabilityNetwork(event: unknown): Network {
  const range = compact({ Begin: port(event, `${DETAILS}.openPortRange.begin`), End: port(event, `${DETAILS}.openPortRange.end`) });
  return compact<Network>({
    Direction: 'IN',
    Protocol: optionalString(event, `${DETAILS}.protocol`)?.slice(0, 16),
    OpenPortRange: Object.keys(range).length > 0 ? range : undefined,
  });
}

/** `NetworkPath`: one component per step, from the entry point (e.g. the internet gateway) to the resource. */
export function reachabilityPath(event: unknown): NetworkPathComponent[] {
  return optionalArray(event, `${DETAILS}.networkPath.steps`)
    .map((_, index) =>
      compact<NetworkPathComponent>({
        ComponentId: component(optionalString(event, `${DETAILS}.networkPath.steps[${index}].componentId`)),
        ComponentType: component(optionalString(event, `${DETAILS}.networkPath.steps[${index}].componentType`)),
      }),
    )
    .filter((step) => Object.keys(step).length > 0);
}
