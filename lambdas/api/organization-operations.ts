/**
 * The organization in the Security Hub–compatible API: the delegated administrator
 * (Enable/Disable/ListOrganizationAdminAccounts), the organization configuration
 * (Describe/UpdateOrganizationConfiguration), members (Create/Get/List/Disassociate/DeleteMembers,
 * GetAdministratorAccount, GetMasterAccount) and the invitation operations, answered as Security
 * Hub answers them for organization-managed members: no invitations exist (members come from AWS
 * Organizations, CreateMembers or their first finding), so there is nothing to accept, decline or
 * delete. Members and errors as in `@aws-sdk/client-securityhub`'s model.
 */
import {
  CENTRAL_AUTO_ENABLE_REFUSED,
  MEMBER_ACCOUNT_LIMIT,
  accountOfPrincipal,
  centralConfigurationHold,
  centralConfigurationOutcome,
  isAssociated,
  memberShape,
  validateAccountId,
  type AutoEnableStandards,
  type ConfigurationType,
  type MemberRecord,
  type OrganizationState,
} from '../organization';
import { InvalidInputError, ResourceConflictError, ResourceNotFoundError } from '../shared/errors';
import { objectsOnly, optionalObject, optionalString, required, requiredArray, requiredString, stringsOnly, type JsonObject } from './envelope';
import { defineOperation, type ApiOperation, type ApiServices, type ServiceLocation } from './operation';
import type { OrganizationServices } from './services';

/** The organization services; an API built without them answers 500. */
function organization(services: ApiServices): OrganizationServices {
  if (services.organization === undefined) throw new Error('The API was built without organization services');
  return services.organization;
}

const nowOf = (services: OrganizationServices) => (services.now ?? (() => new Date()))();

/** The administrator: the designated one, else the account the API runs in. */
const administratorOf = (state: OrganizationState, location: ServiceLocation) => state.administratorAccountId ?? location.accountId;

const FEATURES = ['SecurityHub', 'SecurityHubV2'];

function oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T | undefined {
  const text = optionalString(value, path);
  if (text !== undefined && !allowed.includes(text as T)) throw new InvalidInputError(`Invalid parameter '${path}': '${text}' is not one of ${allowed.join(', ')}.`);
  return text as T | undefined;
}

function accountIds(value: unknown, path: string): string[] {
  return stringsOnly(requiredArray(value, path, 1, Number.MAX_SAFE_INTEGER), path).map((id, index) => validateAccountId(id, `${path}[${index}]`));
}

function queryMaxResults(value: string | undefined, max: number): number | undefined {
  if (value === undefined) return undefined;
  const number = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(number) || number < 1 || number > max) throw new InvalidInputError(`Invalid parameter 'MaxResults': '${value}' is not an integer from 1 to ${max}.`);
  return number;
}

/** A NextToken of ListMembers: the last account id of the previous page (checked, so no position outside the list can be forged). */
function decodeAfter(token: string | undefined): string | undefined {
  if (token === undefined) return undefined;
  const decoded = Buffer.from(token, 'base64url').toString('utf8');
  if (!/^\d{12}$/.test(decoded)) throw new InvalidInputError("Invalid parameter 'NextToken': not a token this operation issued.");
  return decoded;
}

const encodeAfter = (accountId: string) => Buffer.from(accountId).toString('base64url');

const enableOrganizationAdminAccount = defineOperation<{ AdminAccountId: string; Feature?: string }>({
  name: 'EnableOrganizationAdminAccount',
  method: 'POST',
  path: '/organization/admin/enable',
  parse: ({ body }) => ({
    AdminAccountId: validateAccountId(required(body.AdminAccountId, 'AdminAccountId'), 'AdminAccountId'),
    ...(body.Feature !== undefined && { Feature: oneOf(body.Feature, 'Feature', FEATURES) }),
  }),
  async invoke(input, services, _caller, location) {
    if (input.AdminAccountId !== location.accountId) {
      throw new InvalidInputError(
        `Invalid parameter 'AdminAccountId': this deployment runs in account ${location.accountId}, so only ${location.accountId} can be its delegated administrator (deploy the stack in ${input.AdminAccountId} to administer from there).`,
      );
    }
    await organization(services).repository.update((state) => ({ ...state, administratorAccountId: input.AdminAccountId }));
    return { output: { AdminAccountId: input.AdminAccountId, Feature: input.Feature ?? 'SecurityHub' } };
  },
});

const disableOrganizationAdminAccount = defineOperation<{ AdminAccountId: string; Feature?: string }>({
  name: 'DisableOrganizationAdminAccount',
  method: 'POST',
  path: '/organization/admin/disable',
  parse: ({ body }) => ({
    AdminAccountId: validateAccountId(required(body.AdminAccountId, 'AdminAccountId'), 'AdminAccountId'),
    ...(body.Feature !== undefined && { Feature: oneOf(body.Feature, 'Feature', FEATURES) }),
  }),
  async invoke(input, services) {
    await organization(services).repository.update((state) => {
      if (state.administratorAccountId !== input.AdminAccountId)
        throw new InvalidInputError(`Invalid parameter 'AdminAccountId': account ${input.AdminAccountId} is not the organization's delegated administrator.`);
      // Security Hub: under central configuration its API cannot remove the delegated administrator.
      const held = centralConfigurationHold(state, `remove the delegated administrator ${input.AdminAccountId}`);
      if (held !== undefined) throw new InvalidInputError(`Invalid parameter 'AdminAccountId': ${held}`);
      const { administratorAccountId: _removed, ...rest } = state;
      return rest;
    });
    return { output: { AdminAccountId: input.AdminAccountId, Feature: input.Feature ?? 'SecurityHub' } };
  },
});

const listOrganizationAdminAccounts = defineOperation<{ MaxResults?: number; NextToken?: string; Feature?: string }>({
  name: 'ListOrganizationAdminAccounts',
  method: 'GET',
  path: '/organization/admin',
  parse: ({ query }) => {
    const MaxResults = queryMaxResults(query.MaxResults, 10);
    oneOf(query.Feature, 'Feature', FEATURES);
    if (query.NextToken !== undefined) throw new InvalidInputError("Invalid parameter 'NextToken': not a token this operation issued.");
    return { ...(MaxResults !== undefined && { MaxResults }), ...(query.Feature !== undefined && { Feature: query.Feature }) };
  },
  async invoke(input, services) {
    const state = await organization(services).repository.get();
    const AdminAccounts = state.administratorAccountId === undefined ? [] : [{ AccountId: state.administratorAccountId, Status: 'ENABLED' }];
    return { output: { AdminAccounts, Feature: input.Feature ?? 'SecurityHub' } };
  },
});

/** MemberAccountLimitReached: whether the members reach Security Hub's limit (a single page read of the limit's size is not needed: count up to it). */
async function memberLimitReached(services: OrganizationServices): Promise<boolean> {
  let count = 0;
  let after: string | undefined;
  do {
    const page = await services.repository.listMembers(1000, after);
    count += page.members.filter((member) => member.status !== 'Deleted').length;
    after = page.last;
  } while (after !== undefined && count < MEMBER_ACCOUNT_LIMIT);
  return count >= MEMBER_ACCOUNT_LIMIT;
}

const describeOrganizationConfiguration = defineOperation<JsonObject>({
  name: 'DescribeOrganizationConfiguration',
  method: 'GET',
  path: '/organization/configuration',
  parse: () => ({}),
  async invoke(_input, services) {
    const state = await organization(services).repository.get();
    return {
      output: {
        AutoEnable: state.autoEnable,
        MemberAccountLimitReached: await memberLimitReached(organization(services)),
        AutoEnableStandards: state.autoEnableStandards,
        OrganizationConfiguration: {
          ConfigurationType: state.configurationType,
          Status: state.configurationStatus,
          ...(state.statusMessage !== undefined && { StatusMessage: state.statusMessage }),
        },
      },
    };
  },
});

interface UpdateConfigurationInput {
  AutoEnable: boolean;
  AutoEnableStandards?: AutoEnableStandards;
  ConfigurationType?: ConfigurationType;
}

/**
 * Central configuration can be turned off only once nothing is left of it (Security Hub: first
 * disassociate every account and OU, then delete the configuration policies). Security Hub does not
 * document the error; this is the operation's modelled state-conflict error,
 * ResourceConflictException, as DeleteConfigurationPolicy answers for a policy still in use.
 */
async function refuseLocalWhilePoliciesRemain(services: ApiServices): Promise<void> {
  const policies = services.configurationPolicies?.repository;
  if (policies === undefined || (await organization(services).repository.get()).configurationType !== 'CENTRAL') return;
  const [applied, stored] = await Promise.all([policies.listApplied(), policies.list()]);
  if (applied.length > 0 || stored.length > 0) {
    const what =
      applied.length > 0 ? `configurations are associated with ${applied.map((association) => association.target.id).join(', ')}` : `${stored.length} configuration policies exist`;
    throw new ResourceConflictError(
      `OrganizationConfiguration.ConfigurationType LOCAL: central configuration can be turned off only after every target is disassociated (StartConfigurationPolicyDisassociation) and every configuration policy deleted; ${what}.`,
    );
  }
}

const updateOrganizationConfiguration = defineOperation<UpdateConfigurationInput>({
  name: 'UpdateOrganizationConfiguration',
  method: 'POST',
  path: '/organization/configuration',
  parse: ({ body }) => {
    const autoEnable = required(body.AutoEnable, 'AutoEnable');
    if (typeof autoEnable !== 'boolean') throw new InvalidInputError(`Invalid parameter 'AutoEnable': expected a boolean, got ${typeof autoEnable}.`);
    const configuration = optionalObject(body.OrganizationConfiguration, 'OrganizationConfiguration');
    const input: UpdateConfigurationInput = {
      AutoEnable: autoEnable,
      ...(body.AutoEnableStandards !== undefined && { AutoEnableStandards: oneOf<AutoEnableStandards>(body.AutoEnableStandards, 'AutoEnableStandards', ['DEFAULT', 'NONE']) }),
      ...(configuration?.ConfigurationType !== undefined && {
        ConfigurationType: oneOf<ConfigurationType>(configuration.ConfigurationType, 'OrganizationConfiguration.ConfigurationType', ['LOCAL', 'CENTRAL']),
      }),
    };
    for (const member of ['Status', 'StatusMessage']) {
      if (configuration?.[member] !== undefined)
        throw new InvalidInputError(`Invalid parameter 'OrganizationConfiguration.${member}': it is read-only; only ConfigurationType can be set.`);
    }
    return input;
  },
  async invoke(input, services, _caller, location) {
    if (input.ConfigurationType === 'LOCAL') await refuseLocalWhilePoliciesRemain(services);
    // Central configuration's prerequisite, the home Region (an API built without aggregation services cannot tell: it assumes one).
    const homeRegion = services.aggregation === undefined || (await services.aggregation.repository.get()) !== undefined;
    const state = await organization(services).repository.update((current) => {
      const configurationType = input.ConfigurationType ?? current.configurationType;
      // Central configuration: policies decide what an account runs, so nothing is auto-enabled (Security Hub's rule).
      if (configurationType === 'CENTRAL' && input.AutoEnable)
        throw new InvalidInputError(`${CENTRAL_AUTO_ENABLE_REFUSED} (Invalid parameter 'AutoEnable': must be false when OrganizationConfiguration.ConfigurationType is CENTRAL).`);
      const autoEnableStandards = input.AutoEnableStandards ?? (configurationType === 'CENTRAL' ? 'NONE' : current.autoEnableStandards);
      if (configurationType === 'CENTRAL' && autoEnableStandards !== 'NONE')
        throw new InvalidInputError(
          `${CENTRAL_AUTO_ENABLE_REFUSED} (Invalid parameter 'AutoEnableStandards': must be NONE when OrganizationConfiguration.ConfigurationType is CENTRAL).`,
        );
      const { statusMessage: _previous, ...rest } = current;
      return {
        ...rest,
        administratorAccountId: administratorOf(current, location),
        autoEnable: input.AutoEnable,
        autoEnableStandards,
        configurationType,
        // Local configuration is always ENABLED (Security Hub's rule); central configuration as its prerequisite allows.
        ...(configurationType === 'CENTRAL' ? centralConfigurationOutcome(homeRegion) : { configurationStatus: 'ENABLED' as const }),
      };
    });
    return { output: {}, log: { autoEnable: state.autoEnable, configurationType: state.configurationType, configurationStatus: state.configurationStatus } };
  },
});

const createMembers = defineOperation<{ AccountDetails: Array<{ AccountId: string; Email?: string }> }>({
  name: 'CreateMembers',
  method: 'POST',
  path: '/members',
  parse: ({ body }) => ({
    AccountDetails: objectsOnly(requiredArray(body.AccountDetails, 'AccountDetails', 1, Number.MAX_SAFE_INTEGER), 'AccountDetails').map((detail, index) => ({
      AccountId: validateAccountId(required(detail.AccountId, `AccountDetails[${index}].AccountId`), `AccountDetails[${index}].AccountId`),
      ...(detail.Email !== undefined && { Email: requiredString(detail.Email, `AccountDetails[${index}].Email`) }),
    })),
  }),
  async invoke(input, services, _caller, location) {
    const org = organization(services);
    const state = await org.repository.get();
    const administrator = administratorOf(state, location);
    const existing = await org.repository.getMembers(input.AccountDetails.map((detail) => detail.AccountId));
    const at = nowOf(org).toISOString();
    const unprocessed: Array<{ AccountId: string; ProcessingResult: string }> = [];
    const writes = new Map<string, MemberRecord>();
    for (const { AccountId, Email } of input.AccountDetails) {
      if (AccountId === administrator) {
        unprocessed.push({ AccountId, ProcessingResult: 'The administrator account cannot be a member of itself.' });
        continue;
      }
      const current = writes.get(AccountId) ?? existing.get(AccountId);
      // An organization member is enabled at once (no invitation), as Security Hub does for organization accounts.
      writes.set(
        AccountId,
        current === undefined || current.status === 'Deleted'
          ? {
              accountId: AccountId,
              ...(Email !== undefined && { email: Email }),
              status: 'Enabled',
              administratorId: administrator,
              invitedAt: at,
              updatedAt: at,
              source: 'create-members',
              ...(current?.organizationPath && { organizationPath: current.organizationPath }),
            }
          : { ...current, ...(Email !== undefined && { email: Email }), status: 'Enabled', updatedAt: at },
      );
    }
    await org.repository.putMembers([...writes.values()]);
    return { output: { UnprocessedAccounts: unprocessed }, log: { created: writes.size, unprocessed: unprocessed.length } };
  },
});

/** Members not deleted, as GetMembers and ListMembers see them. */
const visible = (member: MemberRecord | undefined): member is MemberRecord => member !== undefined && member.status !== 'Deleted';

const getMembers = defineOperation<{ AccountIds: string[] }>({
  name: 'GetMembers',
  method: 'POST',
  path: '/members/get',
  parse: ({ body }) => ({ AccountIds: accountIds(body.AccountIds, 'AccountIds') }),
  async invoke(input, services) {
    const found = await organization(services).repository.getMembers(input.AccountIds);
    const ids = [...new Set(input.AccountIds)];
    return {
      output: {
        Members: ids
          .map((id) => found.get(id))
          .filter(visible)
          .map(memberShape),
        UnprocessedAccounts: ids
          .filter((id) => !visible(found.get(id)))
          .map((AccountId) => ({ AccountId, ProcessingResult: `Account ${AccountId} is not a member of this administrator.` })),
      },
    };
  },
});

const listMembers = defineOperation<{ OnlyAssociated: boolean; MaxResults: number; after?: string }>({
  name: 'ListMembers',
  method: 'GET',
  path: '/members',
  parse: ({ query }) => {
    const only = query.OnlyAssociated;
    if (only !== undefined && only !== 'true' && only !== 'false') throw new InvalidInputError(`Invalid parameter 'OnlyAssociated': expected true or false, got '${only}'.`);
    const after = decodeAfter(query.NextToken);
    return { OnlyAssociated: only !== 'false', MaxResults: queryMaxResults(query.MaxResults, 50) ?? 50, ...(after !== undefined && { after }) };
  },
  async invoke(input, services) {
    const repository = organization(services).repository;
    const members: MemberRecord[] = [];
    let after = input.after;
    let more = true;
    // Reads pages until this one is full: the filtered-out members (not associated, deleted) are skipped.
    while (more && members.length < input.MaxResults) {
      const page = await repository.listMembers(input.MaxResults - members.length, after);
      for (const member of page.members) {
        after = member.accountId;
        if (visible(member) && (!input.OnlyAssociated || isAssociated(member))) members.push(member);
      }
      more = page.last !== undefined;
    }
    return { output: { Members: members.map(memberShape), ...(more && after !== undefined && { NextToken: encodeAfter(after) }) }, log: { returned: members.length } };
  },
});

async function changeStatus(services: ApiServices, ids: string[], status: 'Removed' | 'Deleted'): Promise<Array<{ AccountId: string; ProcessingResult: string }>> {
  const org = organization(services);
  const found = await org.repository.getMembers(ids);
  const at = nowOf(org).toISOString();
  const unique = [...new Set(ids)];
  await org.repository.putMembers(
    unique.flatMap((id) => {
      const member = found.get(id);
      return visible(member) ? [{ ...member, status, updatedAt: at }] : [];
    }),
  );
  return unique.filter((id) => !visible(found.get(id))).map((AccountId) => ({ AccountId, ProcessingResult: `Account ${AccountId} is not a member of this administrator.` }));
}

const disassociateMembers = defineOperation<{ AccountIds: string[] }>({
  name: 'DisassociateMembers',
  method: 'POST',
  path: '/members/disassociate',
  parse: ({ body }) => ({ AccountIds: accountIds(body.AccountIds, 'AccountIds') }),
  async invoke(input, services) {
    const unknown = await changeStatus(services, input.AccountIds, 'Removed');
    // The output has no list of unprocessed accounts: an account that is not a member is invalid input, not silently skipped.
    if (unknown.length > 0)
      throw new InvalidInputError(`Invalid parameter 'AccountIds': ${unknown.map((entry) => entry.AccountId).join(', ')} is not a member (the others were disassociated).`);
    return { output: {} };
  },
});

const deleteMembers = defineOperation<{ AccountIds: string[] }>({
  name: 'DeleteMembers',
  method: 'POST',
  path: '/members/delete',
  parse: ({ body }) => ({ AccountIds: accountIds(body.AccountIds, 'AccountIds') }),
  async invoke(input, services) {
    // Kept as Deleted, not erased: with AutoEnable on, a deleted account's next finding must not enroll it again.
    return { output: { UnprocessedAccounts: await changeStatus(services, input.AccountIds, 'Deleted') } };
  },
});

/** The caller's administrator as Security Hub's `Invitation`, or none when the caller is the administrator or not a member. */
async function administratorInvitation(services: ApiServices, identity: string, location: ServiceLocation): Promise<object | undefined> {
  const caller = accountOfPrincipal(identity) ?? location.accountId;
  if (caller === location.accountId) return undefined;
  const member = (await organization(services).repository.getMembers([caller])).get(caller);
  if (!visible(member)) return undefined;
  return { AccountId: member.administratorId || location.accountId, InvitationId: `organization-${member.accountId}`, InvitedAt: member.invitedAt, MemberStatus: member.status };
}

const getAdministratorAccount = defineOperation<JsonObject>({
  name: 'GetAdministratorAccount',
  method: 'GET',
  path: '/administrator',
  parse: () => ({}),
  async invoke(_input, services, caller, location) {
    const administrator = await administratorInvitation(services, caller.identity, location);
    return { output: administrator === undefined ? {} : { Administrator: administrator } };
  },
});

const getMasterAccount = defineOperation<JsonObject>({
  name: 'GetMasterAccount',
  method: 'GET',
  path: '/master',
  parse: () => ({}),
  async invoke(_input, services, caller, location) {
    const administrator = await administratorInvitation(services, caller.identity, location);
    return { output: administrator === undefined ? {} : { Master: administrator } };
  },
});

const NO_INVITATIONS = 'Members of this organization are managed through AWS Organizations (or CreateMembers): they are not invited';

const inviteMembers = defineOperation<{ AccountIds: string[] }>({
  name: 'InviteMembers',
  method: 'POST',
  path: '/members/invite',
  parse: ({ body }) => ({ AccountIds: accountIds(body.AccountIds, 'AccountIds') }),
  async invoke(input, services) {
    const found = await organization(services).repository.getMembers(input.AccountIds);
    const UnprocessedAccounts = [...new Set(input.AccountIds)].map((AccountId) => ({
      AccountId,
      ProcessingResult: visible(found.get(AccountId))
        ? `${NO_INVITATIONS}; account ${AccountId} is a member already.`
        : `${NO_INVITATIONS}; use CreateMembers to make account ${AccountId} a member.`,
    }));
    return { output: { UnprocessedAccounts } };
  },
});

function acceptInvitation(name: 'AcceptAdministratorInvitation' | 'AcceptInvitation', path: string, administratorMember: 'AdministratorId' | 'MasterId'): ApiOperation {
  return defineOperation<{ AdministratorId: string; InvitationId: string }>({
    name,
    method: 'POST',
    path,
    parse: ({ body }) => ({
      AdministratorId: validateAccountId(required(body[administratorMember], administratorMember), administratorMember),
      InvitationId: requiredString(body.InvitationId, 'InvitationId'),
    }),
    async invoke(input) {
      throw new ResourceNotFoundError(`No invitation ${input.InvitationId} from account ${input.AdministratorId}: ${NO_INVITATIONS}.`);
    },
  });
}

function refuseInvitations(name: 'DeclineInvitations' | 'DeleteInvitations', path: string): ApiOperation {
  return defineOperation<{ AccountIds: string[] }>({
    name,
    method: 'POST',
    path,
    parse: ({ body }) => ({ AccountIds: accountIds(body.AccountIds, 'AccountIds') }),
    async invoke(input) {
      return {
        output: {
          UnprocessedAccounts: [...new Set(input.AccountIds)].map((AccountId) => ({ AccountId, ProcessingResult: `No invitation from account ${AccountId}: ${NO_INVITATIONS}.` })),
        },
      };
    },
  });
}

const listInvitations = defineOperation<JsonObject>({
  name: 'ListInvitations',
  method: 'GET',
  path: '/invitations',
  parse: ({ query }) => {
    queryMaxResults(query.MaxResults, 50);
    if (query.NextToken !== undefined) throw new InvalidInputError("Invalid parameter 'NextToken': not a token this operation issued.");
    return {};
  },
  async invoke() {
    return { output: { Invitations: [] } };
  },
});

const getInvitationsCount = defineOperation<JsonObject>({
  name: 'GetInvitationsCount',
  method: 'GET',
  path: '/invitations/count',
  parse: () => ({}),
  async invoke() {
    return { output: { InvitationsCount: 0 } };
  },
});

/** The organization, administrator, member and invitation operations of the registry. */
export const ORGANIZATION_OPERATIONS: readonly ApiOperation[] = [
  enableOrganizationAdminAccount,
  disableOrganizationAdminAccount,
  listOrganizationAdminAccounts,
  describeOrganizationConfiguration,
  updateOrganizationConfiguration,
  createMembers,
  getMembers,
  listMembers,
  disassociateMembers,
  deleteMembers,
  getAdministratorAccount,
  getMasterAccount,
  inviteMembers,
  acceptInvitation('AcceptAdministratorInvitation', '/administrator', 'AdministratorId'),
  acceptInvitation('AcceptInvitation', '/master', 'MasterId'),
  refuseInvitations('DeclineInvitations', '/invitations/decline'),
  refuseInvitations('DeleteInvitations', '/invitations/delete'),
  listInvitations,
  getInvitationsCount,
];
