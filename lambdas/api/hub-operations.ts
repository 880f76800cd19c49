/**
 * The hub in the Security Hub–compatible API: EnableSecurityHub, DescribeHub, DisableSecurityHub
 * and UpdateSecurityHubConfiguration (`/accounts`), with the members and errors of
 * `@aws-sdk/client-securityhub`'s model. The hub is this deployment's (the account it runs in);
 * disabled, it accepts no findings (every import answers InvalidAccessException per finding) until
 * EnableSecurityHub. Control findings are always consolidated (`SECURITY_CONTROL`). AutoEnableControls
 * is kept in the hub's state (DescribeHub) and in the compliance settings, where it decides whether a
 * control added to an enabled standard since it was enabled runs (lambdas/compliance/standards-associations.ts).
 */
import { defaultComplianceSettings, withAutoEnableControls, withStandardsEnabled } from '../compliance';
import { InvalidAccessError, InvalidInputError, ResourceConflictError } from '../shared/errors';
import { hubArn, notSubscribedMessage, type HubState } from '../hub';
import { addTags, validateTagMap } from '../hub';
import { optionalString, type JsonObject } from './envelope';
import { defineOperation, type ApiOperation, type ApiServices, type ServiceLocation } from './operation';
import type { HubServices } from './services';
export type { HubServices } from './services';

/** The hub services; an API built without them answers 500. */
export function hubServices(services: ApiServices): HubServices {
  if (services.hub === undefined) throw new Error('The API was built without hub services');
  return services.hub;
}

/** Refuses when the hub is disabled, as Security Hub answers an account that is not subscribed. */
export function requireEnabled(state: HubState, location: ServiceLocation): HubState {
  if (!state.enabled) throw new InvalidAccessError(notSubscribedMessage(location.accountId));
  return state;
}

function optionalBoolean(value: unknown, path: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw new InvalidInputError(`Invalid parameter '${path}': expected a boolean.`);
  return value;
}

/** ControlFindingGenerator: SECURITY_CONTROL only (STANDARD_CONTROL is a valid value we cannot honour, so it is refused, not ignored). */
function controlFindingGenerator(value: unknown): 'SECURITY_CONTROL' | undefined {
  const generator = optionalString(value, 'ControlFindingGenerator');
  if (generator === undefined || generator === 'SECURITY_CONTROL') return generator;
  if (generator === 'STANDARD_CONTROL') {
    throw new InvalidInputError(
      "Invalid parameter 'ControlFindingGenerator': this hub generates consolidated control findings only (SECURITY_CONTROL); STANDARD_CONTROL (one finding per standard) is not supported.",
    );
  }
  throw new InvalidInputError(`Invalid parameter 'ControlFindingGenerator': '${generator}' is not one of SECURITY_CONTROL, STANDARD_CONTROL.`);
}

const nowOf = (hub: HubServices) => (hub.now ?? (() => new Date()))();

interface EnableInput {
  Tags?: Record<string, string>;
  EnableDefaultStandards: boolean;
  ControlFindingGenerator?: 'SECURITY_CONTROL';
}

const enableSecurityHub = defineOperation<EnableInput>({
  name: 'EnableSecurityHub',
  method: 'POST',
  path: '/accounts',
  parse: ({ body }) => ({
    ...(body.Tags !== undefined && { Tags: validateTagMap(body.Tags, 'Tags') }),
    EnableDefaultStandards: optionalBoolean(body.EnableDefaultStandards, 'EnableDefaultStandards') ?? true,
    ...(body.ControlFindingGenerator !== undefined && { ControlFindingGenerator: controlFindingGenerator(body.ControlFindingGenerator) }),
  }),
  async invoke(input, services, _caller, location) {
    const hub = hubServices(services);
    await hub.repository.update((state) => {
      if (state.enabled) throw new ResourceConflictError(`Account ${location.accountId} is already subscribed to Security Hub`);
      return {
        ...state,
        enabled: true,
        subscribedAt: nowOf(hub).toISOString(),
        tags: addTags(state.tags, input.Tags ?? {}, hubArn(location)),
        controlFindingGenerator: 'SECURITY_CONTROL',
      };
    });
    // The standards Security Hub enables with a new hub, or none when EnableDefaultStandards is false.
    const enabledStandards = input.EnableDefaultStandards ? defaultComplianceSettings().enabledStandards : [];
    const at = nowOf(hub).toISOString();
    await services.compliance?.settings.update((settings) => withStandardsEnabled({ ...settings, enabledStandards: [] }, enabledStandards, at));
    return { output: {}, log: { enableDefaultStandards: input.EnableDefaultStandards } };
  },
});

const describeHub = defineOperation<{ HubArn?: string }>({
  name: 'DescribeHub',
  method: 'GET',
  path: '/accounts',
  parse: ({ query }) => (query.HubArn === undefined ? {} : { HubArn: query.HubArn }),
  async invoke(input, services, _caller, location) {
    const arn = hubArn(location);
    if (input.HubArn !== undefined && input.HubArn !== arn) {
      throw new InvalidInputError(`Invalid parameter 'HubArn': '${input.HubArn}' is not this account's hub (${arn}).`);
    }
    const state = requireEnabled(await hubServices(services).repository.get(), location);
    return {
      output: { HubArn: arn, SubscribedAt: state.subscribedAt, AutoEnableControls: state.autoEnableControls, ControlFindingGenerator: state.controlFindingGenerator },
    };
  },
});

const disableSecurityHub = defineOperation<JsonObject>({
  name: 'DisableSecurityHub',
  method: 'DELETE',
  path: '/accounts',
  parse: () => ({}),
  async invoke(_input, services, _caller, location) {
    await hubServices(services).repository.update((state) => ({ ...requireEnabled(state, location), enabled: false }));
    return { output: {} };
  },
});

const updateSecurityHubConfiguration = defineOperation<{ AutoEnableControls?: boolean; ControlFindingGenerator?: 'SECURITY_CONTROL' }>({
  name: 'UpdateSecurityHubConfiguration',
  method: 'PATCH',
  path: '/accounts',
  parse: ({ body }) => {
    const autoEnable = optionalBoolean(body.AutoEnableControls, 'AutoEnableControls');
    const generator = controlFindingGenerator(body.ControlFindingGenerator);
    return { ...(autoEnable !== undefined && { AutoEnableControls: autoEnable }), ...(generator !== undefined && { ControlFindingGenerator: generator }) };
  },
  async invoke(input, services, _caller, location) {
    await hubServices(services).repository.update((state) => ({
      ...requireEnabled(state, location),
      ...(input.AutoEnableControls !== undefined && { autoEnableControls: input.AutoEnableControls }),
    }));
    // What the evaluations and the standards API read (DescribeHub answers from the hub's state).
    const autoEnable = input.AutoEnableControls;
    if (autoEnable !== undefined) await services.compliance?.settings.update((settings) => withAutoEnableControls(settings, autoEnable));
    return { output: {}, log: { autoEnableControls: autoEnable } };
  },
});

/** The hub operations of the registry. */
export const HUB_OPERATIONS: readonly ApiOperation[] = [enableSecurityHub, describeHub, disableSecurityHub, updateSecurityHubConfiguration];
