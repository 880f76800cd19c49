/**
 * Central configuration in the Security Hub–compatible API: configuration policies
 * (Create/Get/Update/Delete/ListConfigurationPolicies) and their associations with the root, OUs
 * and accounts (Start…Association/Disassociation, Get/BatchGet/ListConfigurationPolicyAssociations).
 * The cores are the compliance domain's (`configuration-policies/`); the evaluation reads each
 * account's effective policy. As in Security Hub, they answer only under central configuration
 * (UpdateOrganizationConfiguration's ConfigurationType CENTRAL): under local configuration every
 * one of them is an AccessDeniedException.
 */
import { CentralConfiguration, type PolicySettings, type PolicyTarget } from '../compliance';
import { validateTagMap } from '../hub';
import { CENTRAL_CONFIGURATION_REQUIRED, centralConfigurationEnabled } from '../organization';
import { AccessDeniedError, InvalidInputError } from '../shared/errors';
import { bodyPaging, dropUndefined, page, queryPaging, type Paging } from './compliance-support';
import {
  associationShape,
  configurationIdentifier,
  configurationPolicyShape,
  parsePolicyShape,
  parseTarget,
  policyArn,
  policySettingsOf,
  policySummaryShape,
} from './configuration-policy-wire';
import { objectsOnly, optionalObject, optionalString, requiredArray, requiredString, type JsonObject } from './envelope';
import { defineOperation, type ApiOperation, type ApiServices, type ServiceLocation } from './operation';

/** Targets per BatchGetConfigurationPolicyAssociations call. */
export const MAX_ASSOCIATION_BATCH = 100;

/**
 * The central configuration core over the API's services, once the organization uses central
 * configuration (else Security Hub's AccessDeniedException); the API was built without them: a 500.
 */
async function central(services: ApiServices, location: ServiceLocation): Promise<CentralConfiguration> {
  const configured = services.configurationPolicies;
  if (configured === undefined || services.organization === undefined) throw new Error('The API was built without configuration policy or organization services');
  if (!centralConfigurationEnabled(await services.organization.repository.get())) throw new AccessDeniedError(CENTRAL_CONFIGURATION_REQUIRED);
  return new CentralConfiguration({ ...configured, arnOf: (id) => policyArn(id, location) });
}

/** A configuration policy's tags (TagResource, UntagResource, ListTagsForResource); with `change`, rewritten. */
export async function configurationPolicyTags(
  services: ApiServices,
  location: ServiceLocation,
  arn: string,
  change?: (tags: Record<string, string> | undefined) => Record<string, string>,
): Promise<Record<string, string>> {
  const core = await central(services, location);
  return change === undefined ? ((await core.get(arn)).tags ?? {}) : core.retag(arn, change);
}

const settingsOf = (policy: JsonObject, location: ServiceLocation): PolicySettings => policySettingsOf(policy, location, 'ConfigurationPolicy.SecurityHub');

const createConfigurationPolicy = defineOperation<{ Name: string; Description?: string; ConfigurationPolicy: JsonObject; Tags?: Record<string, string> }>({
  name: 'CreateConfigurationPolicy',
  method: 'POST',
  path: '/configurationPolicy/create',
  parse: ({ body }) =>
    dropUndefined({
      Name: requiredString(body.Name, 'Name'),
      Description: optionalString(body.Description, 'Description'),
      ConfigurationPolicy: parsePolicyShape(body.ConfigurationPolicy, 'ConfigurationPolicy'),
      Tags: body.Tags === undefined ? undefined : validateTagMap(body.Tags, 'Tags'),
    }),
  async invoke(input, services, _caller, location) {
    const policy = await (await central(services, location)).create({
      name: input.Name,
      description: input.Description,
      settings: settingsOf(input.ConfigurationPolicy, location),
      tags: input.Tags,
    });
    return { output: configurationPolicyShape(policy, location), log: { policyId: policy.id } };
  },
});

const getConfigurationPolicy = defineOperation<{ Identifier: string }>({
  name: 'GetConfigurationPolicy',
  method: 'GET',
  path: '/configurationPolicy/get/{Identifier}',
  parse: ({ pathParameters }) => ({ Identifier: requiredString(pathParameters.Identifier, 'Identifier') }),
  async invoke(input, services, _caller, location) {
    return { output: configurationPolicyShape(await (await central(services, location)).get(input.Identifier), location) };
  },
});

const updateConfigurationPolicy = defineOperation<{ Identifier: string; Name?: string; Description?: string; UpdatedReason?: string; ConfigurationPolicy?: JsonObject }>({
  name: 'UpdateConfigurationPolicy',
  method: 'PATCH',
  path: '/configurationPolicy/{Identifier}',
  parse: ({ pathParameters, body }) =>
    dropUndefined({
      Identifier: requiredString(pathParameters.Identifier, 'Identifier'),
      Name: body.Name === undefined ? undefined : requiredString(body.Name, 'Name'),
      Description: optionalString(body.Description, 'Description'),
      UpdatedReason: optionalString(body.UpdatedReason, 'UpdatedReason'),
      ConfigurationPolicy: body.ConfigurationPolicy === undefined ? undefined : parsePolicyShape(body.ConfigurationPolicy, 'ConfigurationPolicy'),
    }),
  async invoke(input, services, _caller, location) {
    const policy = await (await central(services, location)).update(input.Identifier, {
      name: input.Name,
      description: input.Description,
      settings: input.ConfigurationPolicy === undefined ? undefined : settingsOf(input.ConfigurationPolicy, location),
    });
    return { output: configurationPolicyShape(policy, location), log: { policyId: policy.id, reason: input.UpdatedReason } };
  },
});

const deleteConfigurationPolicy = defineOperation<{ Identifier: string }>({
  name: 'DeleteConfigurationPolicy',
  method: 'DELETE',
  path: '/configurationPolicy/{Identifier}',
  parse: ({ pathParameters }) => ({ Identifier: requiredString(pathParameters.Identifier, 'Identifier') }),
  async invoke(input, services, _caller, location) {
    await (await central(services, location)).delete(input.Identifier);
    return { output: {}, log: { identifier: input.Identifier } };
  },
});

const listConfigurationPolicies = defineOperation<Paging>({
  name: 'ListConfigurationPolicies',
  method: 'GET',
  path: '/configurationPolicy/list',
  parse: ({ query }) => queryPaging(query),
  async invoke(input, services, _caller, location) {
    const { items, NextToken } = page(await (await central(services, location)).list(), input, 'ListConfigurationPolicies');
    return { output: dropUndefined({ ConfigurationPolicySummaries: items.map(policySummaryShape), NextToken }) };
  },
});

const startConfigurationPolicyAssociation = defineOperation<{ ConfigurationPolicyIdentifier: string; Target: PolicyTarget }>({
  name: 'StartConfigurationPolicyAssociation',
  method: 'POST',
  path: '/configurationPolicyAssociation/associate',
  parse: ({ body }) => ({
    ConfigurationPolicyIdentifier: configurationIdentifier(body.ConfigurationPolicyIdentifier, 'ConfigurationPolicyIdentifier'),
    Target: parseTarget(body.Target, 'Target'),
  }),
  async invoke(input, services, _caller, location) {
    const association = await (await central(services, location)).associate(input.ConfigurationPolicyIdentifier, input.Target);
    return { output: associationShape(association), log: { target: input.Target.id, configuration: association.configurationPolicyId } };
  },
});

const startConfigurationPolicyDisassociation = defineOperation<{ ConfigurationPolicyIdentifier: string; Target: PolicyTarget }>({
  name: 'StartConfigurationPolicyDisassociation',
  method: 'POST',
  path: '/configurationPolicyAssociation/disassociate',
  // ConfigurationPolicyIdentifier is required in Security Hub's model, as for the association.
  parse: ({ body }) => ({
    ConfigurationPolicyIdentifier: configurationIdentifier(body.ConfigurationPolicyIdentifier, 'ConfigurationPolicyIdentifier'),
    Target: parseTarget(body.Target, 'Target'),
  }),
  async invoke(input, services, _caller, location) {
    await (await central(services, location)).disassociate(input.Target, input.ConfigurationPolicyIdentifier);
    return { output: {}, log: { target: input.Target.id } };
  },
});

const getConfigurationPolicyAssociation = defineOperation<{ Target: PolicyTarget }>({
  name: 'GetConfigurationPolicyAssociation',
  method: 'POST',
  path: '/configurationPolicyAssociation/get',
  parse: ({ body }) => ({ Target: parseTarget(body.Target, 'Target') }),
  async invoke(input, services, _caller, location) {
    return { output: associationShape(await (await central(services, location)).association(input.Target)) };
  },
});

const batchGetConfigurationPolicyAssociations = defineOperation<{ Identifiers: JsonObject[] }>({
  name: 'BatchGetConfigurationPolicyAssociations',
  method: 'POST',
  path: '/configurationPolicyAssociation/batchget',
  parse: ({ body }) => ({
    Identifiers: objectsOnly(
      requiredArray(body.ConfigurationPolicyAssociationIdentifiers, 'ConfigurationPolicyAssociationIdentifiers', 1, MAX_ASSOCIATION_BATCH),
      'ConfigurationPolicyAssociationIdentifiers',
    ),
  }),
  async invoke(input, services, _caller, location) {
    const core = await central(services, location);
    const found: object[] = [];
    const unprocessed: object[] = [];
    for (const [index, identifier] of input.Identifiers.entries()) {
      try {
        found.push(associationShape(await core.association(parseTarget(identifier.Target, `ConfigurationPolicyAssociationIdentifiers[${index}].Target`))));
      } catch (error) {
        const code = error instanceof InvalidInputError ? 'INVALID_INPUT' : (error as { name?: string }).name === 'ResourceNotFoundException' ? 'NOT_FOUND' : undefined;
        if (code === undefined) throw error;
        unprocessed.push({ ConfigurationPolicyAssociationIdentifiers: identifier, ErrorCode: code, ErrorReason: (error as Error).message });
      }
    }
    return { output: { ConfigurationPolicyAssociations: found, UnprocessedConfigurationPolicyAssociations: unprocessed } };
  },
});

const ASSOCIATION_TYPES = ['APPLIED', 'INHERITED'];
const ASSOCIATION_STATUSES = ['PENDING', 'SUCCESS', 'FAILED'];

function enumFilter(value: unknown, path: string, allowed: string[]): string | undefined {
  const text = optionalString(value, path);
  if (text !== undefined && !allowed.includes(text)) throw new InvalidInputError(`Invalid parameter '${path}': must be one of ${allowed.join(', ')}.`);
  return text;
}

const listConfigurationPolicyAssociations = defineOperation<Paging & { Filters: { ConfigurationPolicyId?: string; AssociationType?: string; AssociationStatus?: string } }>({
  name: 'ListConfigurationPolicyAssociations',
  method: 'POST',
  path: '/configurationPolicyAssociation/list',
  parse: ({ body }) => {
    const filters = optionalObject(body.Filters, 'Filters') ?? {};
    return {
      ...bodyPaging(body),
      Filters: dropUndefined({
        ConfigurationPolicyId: filters.ConfigurationPolicyId === undefined ? undefined : configurationIdentifier(filters.ConfigurationPolicyId, 'Filters.ConfigurationPolicyId'),
        AssociationType: enumFilter(filters.AssociationType, 'Filters.AssociationType', ASSOCIATION_TYPES),
        AssociationStatus: enumFilter(filters.AssociationStatus, 'Filters.AssociationStatus', ASSOCIATION_STATUSES),
      }),
    };
  },
  async invoke(input, services, _caller, location) {
    const { ConfigurationPolicyId, AssociationType, AssociationStatus } = input.Filters;
    const policyId = ConfigurationPolicyId === undefined ? undefined : CentralConfiguration.idOf(ConfigurationPolicyId);
    const all = (await (await central(services, location)).associations()).filter(
      (association) =>
        (policyId === undefined || association.configurationPolicyId === policyId) &&
        (AssociationType === undefined || association.associationType === AssociationType) &&
        (AssociationStatus === undefined || AssociationStatus === 'SUCCESS'),
    );
    const { items, NextToken } = page(all, input, JSON.stringify(['ListConfigurationPolicyAssociations', input.Filters]));
    return { output: dropUndefined({ ConfigurationPolicyAssociationSummaries: items.map(associationShape), NextToken }) };
  },
});

/** The central configuration operations, in the registry's order. */
export const CONFIGURATION_POLICY_OPERATIONS: readonly ApiOperation[] = [
  createConfigurationPolicy,
  getConfigurationPolicy,
  updateConfigurationPolicy,
  deleteConfigurationPolicy,
  listConfigurationPolicies,
  startConfigurationPolicyAssociation,
  startConfigurationPolicyDisassociation,
  getConfigurationPolicyAssociation,
  batchGetConfigurationPolicyAssociations,
  listConfigurationPolicyAssociations,
];
