/**
 * Security Hub's wire shapes of central configuration: `Policy` (`SecurityHub`: ServiceEnabled,
 * EnabledStandardIdentifiers, SecurityControlsConfiguration), `Target`, the policy and association
 * answers, and their mapping onto the compliance domain's model. Member paths in every error.
 */
import { findControl } from '../compliance';
import type { ConfigurationPolicy, ParameterValue, PolicySettings, PolicyTarget, ResolvedAssociation, StandardId } from '../compliance';
import { InvalidInputError } from '../shared/errors';
import { VALUE_MEMBER, parameterValueOf, standardArnAt, standardOfArn } from './compliance-wire';
import { objectsOnly, optionalArray, optionalObject, required, requiredString, stringsOnly, type JsonObject } from './envelope';
import type { ServiceLocation } from './operation';

/** A configuration policy's ARN here. */
export function policyArn(id: string, location: ServiceLocation): string {
  return `arn:${location.partition}:securityhub:${location.region}:${location.accountId}:configuration-policy/${id}`;
}

/** Exactly one member of a union (`Policy`, `Target`): its name. */
function unionMember(value: JsonObject, path: string, members: readonly string[]): string {
  const present = Object.keys(value).filter((key) => value[key] !== undefined && value[key] !== null);
  const unknown = present.find((key) => !members.includes(key));
  if (unknown !== undefined) throw new InvalidInputError(`Invalid parameter '${path}.${unknown}': not a member of ${path} (${members.join(' | ')}).`);
  if (present.length !== 1) throw new InvalidInputError(`Invalid parameter '${path}': set exactly one of ${members.join(', ')}.`);
  return present[0];
}

const TARGET_PATTERNS = {
  AccountId: { type: 'ACCOUNT', pattern: /^\d{12}$/, what: 'a 12-digit account id' },
  OrganizationalUnitId: { type: 'ORGANIZATIONAL_UNIT', pattern: /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/, what: 'an OU id (ou-…)' },
  RootId: { type: 'ROOT', pattern: /^r-[0-9a-z]{4,32}$/, what: 'a root id (r-…)' },
} as const;

/** `Target` (AccountId | OrganizationalUnitId | RootId) → our target. */
export function parseTarget(value: unknown, path: string): PolicyTarget {
  const target = optionalObject(required(value, path), path) as JsonObject;
  const member = unionMember(target, path, Object.keys(TARGET_PATTERNS)) as keyof typeof TARGET_PATTERNS;
  const id = requiredString(target[member], `${path}.${member}`);
  const rule = TARGET_PATTERNS[member];
  if (!rule.pattern.test(id)) throw new InvalidInputError(`Invalid parameter '${path}.${member}': '${id}' is not ${rule.what}.`);
  return { type: rule.type, id };
}

/** Checks `Policy`'s shape (a union with the one member `SecurityHub`); the values are read by {@link policySettingsOf}. */
export function parsePolicyShape(value: unknown, path: string): JsonObject {
  const policy = optionalObject(required(value, path), path) as JsonObject;
  unionMember(policy, path, ['SecurityHub']);
  return optionalObject(policy.SecurityHub, `${path}.SecurityHub`) as JsonObject;
}

function identifiers(value: unknown, path: string): string[] | undefined {
  const list = optionalArray(value, path, 0, Number.MAX_SAFE_INTEGER);
  if (list === undefined) return undefined;
  const ids = stringsOnly(list, path);
  ids.forEach((id, index) => {
    if (!/\S/.test(id)) throw new InvalidInputError(`Invalid parameter '${path}[${index}]': must not be blank.`);
  });
  return ids;
}

function controlsConfiguration(value: JsonObject, path: string): Pick<PolicySettings, 'controls' | 'parameters'> {
  const enabled = identifiers(value.EnabledSecurityControlIdentifiers, `${path}.EnabledSecurityControlIdentifiers`);
  const disabled = identifiers(value.DisabledSecurityControlIdentifiers, `${path}.DisabledSecurityControlIdentifiers`);
  if (enabled !== undefined && disabled !== undefined) {
    throw new InvalidInputError(`Invalid parameter '${path}': give EnabledSecurityControlIdentifiers or DisabledSecurityControlIdentifiers, not both.`);
  }
  if (enabled === undefined && disabled === undefined) {
    throw new InvalidInputError(`Invalid parameter '${path}': give EnabledSecurityControlIdentifiers or DisabledSecurityControlIdentifiers.`);
  }
  const controls = { mode: enabled !== undefined ? 'enabled' : 'disabled', ids: (enabled ?? disabled) as string[] } as const;
  const parameters: Record<string, Record<string, ParameterValue | null>> = {};
  const customs = optionalArray(value.SecurityControlCustomParameters, `${path}.SecurityControlCustomParameters`, 0, Number.MAX_SAFE_INTEGER);
  objectsOnly(customs ?? [], `${path}.SecurityControlCustomParameters`).forEach((custom, index) => {
    const at = `${path}.SecurityControlCustomParameters[${index}]`;
    const id = requiredString(custom.SecurityControlId, `${at}.SecurityControlId`);
    const control = findControl(id);
    if (control === undefined) throw new InvalidInputError(`Invalid parameter '${at}.SecurityControlId': unknown security control '${id}'.`);
    if (id in parameters) throw new InvalidInputError(`Invalid parameter '${at}.SecurityControlId': ${id} is listed twice.`);
    const given = optionalObject(required(custom.Parameters, `${at}.Parameters`), `${at}.Parameters`) as JsonObject;
    parameters[id] = {};
    for (const [name, configuration] of Object.entries(given)) {
      const parameter = control.parameters?.[name];
      if (parameter === undefined) throw new InvalidInputError(`Invalid parameter '${at}.Parameters.${name}': control ${id} has no parameter ${name}.`);
      parameters[id][name] = parameterValueOf(parameter, configuration, `${at}.Parameters.${name}`) ?? null;
    }
  });
  return { controls, ...(Object.keys(parameters).length > 0 && { parameters }) };
}

/** `Policy.SecurityHub` → the domain's policy settings (standards from their ARNs here). */
export function policySettingsOf(securityHub: JsonObject, location: ServiceLocation, path: string): PolicySettings {
  const serviceEnabled = required(securityHub.ServiceEnabled, `${path}.ServiceEnabled`);
  if (typeof serviceEnabled !== 'boolean') throw new InvalidInputError(`Invalid parameter '${path}.ServiceEnabled': expected a boolean.`);
  const standards = identifiers(securityHub.EnabledStandardIdentifiers, `${path}.EnabledStandardIdentifiers`);
  const configuration = optionalObject(securityHub.SecurityControlsConfiguration, `${path}.SecurityControlsConfiguration`);
  if (serviceEnabled && standards === undefined)
    throw new InvalidInputError(`Missing required parameter '${path}.EnabledStandardIdentifiers': required when ServiceEnabled is true.`);
  if (serviceEnabled && configuration === undefined)
    throw new InvalidInputError(`Missing required parameter '${path}.SecurityControlsConfiguration': required when ServiceEnabled is true.`);
  const enabledStandards: StandardId[] = (standards ?? []).map((arn, index) => standardOfArn(arn, location, `${path}.EnabledStandardIdentifiers[${index}]`));
  return { serviceEnabled, enabledStandards, ...(configuration && controlsConfiguration(configuration, `${path}.SecurityControlsConfiguration`)) };
}

/** The domain's policy settings → `Policy` (`{ SecurityHub: … }`). */
export function policyShape(settings: PolicySettings, location: ServiceLocation): object {
  const parameters = Object.entries(settings.parameters ?? {}).map(([id, values]) => {
    const control = findControl(id);
    return {
      SecurityControlId: id,
      Parameters: Object.fromEntries(
        Object.entries(values).map(([name, value]) => {
          const type = control?.parameters?.[name]?.type;
          return [name, value === null || type === undefined ? { ValueType: 'DEFAULT' } : { ValueType: 'CUSTOM', Value: { [VALUE_MEMBER[type]]: value } }];
        }),
      ),
    };
  });
  return {
    SecurityHub: {
      ServiceEnabled: settings.serviceEnabled,
      EnabledStandardIdentifiers: settings.enabledStandards.map((id) => standardArnAt(id, location)),
      ...(settings.controls && {
        SecurityControlsConfiguration: {
          [settings.controls.mode === 'enabled' ? 'EnabledSecurityControlIdentifiers' : 'DisabledSecurityControlIdentifiers']: settings.controls.ids,
          ...(parameters.length > 0 && { SecurityControlCustomParameters: parameters }),
        },
      }),
    },
  };
}

/** Create/Get/UpdateConfigurationPolicy's answer. */
export function configurationPolicyShape(policy: ConfigurationPolicy, location: ServiceLocation): object {
  return {
    Arn: policy.arn,
    Id: policy.id,
    Name: policy.name,
    ...(policy.description !== undefined && { Description: policy.description }),
    UpdatedAt: policy.updatedAt,
    CreatedAt: policy.createdAt,
    ConfigurationPolicy: policyShape(policy.settings, location),
  };
}

/** `ConfigurationPolicySummary` of ListConfigurationPolicies. */
export function policySummaryShape(policy: ConfigurationPolicy): object {
  return {
    Arn: policy.arn,
    Id: policy.id,
    Name: policy.name,
    ...(policy.description !== undefined && { Description: policy.description }),
    UpdatedAt: policy.updatedAt,
    ServiceEnabled: policy.settings.serviceEnabled,
  };
}

/** `ConfigurationPolicyAssociationSummary` (also Get/StartConfigurationPolicyAssociation's answer). Applied at once: SUCCESS. */
export function associationShape(association: ResolvedAssociation): object {
  return {
    ConfigurationPolicyId: association.configurationPolicyId,
    TargetId: association.target.id,
    TargetType: association.target.type,
    AssociationType: association.associationType,
    ...(association.updatedAt !== undefined && { UpdatedAt: association.updatedAt }),
    AssociationStatus: 'SUCCESS',
  };
}

/** A configuration identifier: a policy's UUID or ARN, or SELF_MANAGED_SECURITY_HUB. */
export function configurationIdentifier(value: unknown, path: string): string {
  const identifier = requiredString(value, path);
  if (!/\S/.test(identifier)) throw new InvalidInputError(`Invalid parameter '${path}': must not be blank.`);
  return identifier;
}
