/**
 * The organization: its delegated administrator, its configuration (Security Hub's
 * DescribeOrganizationConfiguration members) and its members with their place in AWS
 * Organizations. Pure: the state and the rules over it; `state/organization-store.ts` keeps it on
 * the findings table.
 */
import { InvalidInputError } from '../shared/errors';

/** Security Hub's MemberStatus values. */
export const MEMBER_STATUSES = ['Created', 'Invited', 'Enabled', 'Associated', 'Removed', 'Resigned', 'Deleted', 'AccountSuspended'] as const;
/** One of {@link MEMBER_STATUSES}. */
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/** Statuses whose findings the hub accepts and that ListMembers' `OnlyAssociated` keeps. */
export const ASSOCIATED_STATUSES: ReadonlySet<MemberStatus> = new Set(['Enabled', 'Associated']);

/** How a member came to be: from AWS Organizations, CreateMembers, or its first finding (AutoEnable). */
export type MemberSource = 'organizations' | 'create-members' | 'first-contact';

/** One member account as stored. */
export interface MemberRecord {
  accountId: string;
  email?: string;
  status: MemberStatus;
  administratorId: string;
  /** When it became a member (Security Hub's InvitedAt), ISO 8601. */
  invitedAt: string;
  updatedAt: string;
  source: MemberSource;
  /** Its parents in AWS Organizations, root first (`r-…`, then `ou-…`), when known. */
  organizationPath?: string[];
}

/** Security Hub's AutoEnableStandards values. */
export type AutoEnableStandards = 'DEFAULT' | 'NONE';
/** Security Hub's OrganizationConfiguration.ConfigurationType values. */
export type ConfigurationType = 'LOCAL' | 'CENTRAL';
/** Security Hub's OrganizationConfiguration.Status values. */
export type ConfigurationStatus = 'PENDING' | 'ENABLED' | 'FAILED';

/** The organization's configuration and administrator, as stored. */
export interface OrganizationState {
  /** The delegated administrator (EnableOrganizationAdminAccount), when one was designated or the sync recorded its own account. */
  administratorAccountId?: string;
  autoEnable: boolean;
  autoEnableStandards: AutoEnableStandards;
  configurationType: ConfigurationType;
  configurationStatus: ConfigurationStatus;
  statusMessage?: string;
  /** When AWS Organizations was last read (the sync), ISO 8601. */
  syncedAt?: string;
  /** The organization's root (`r-…`), as the last sync read it. */
  rootId?: string;
  /** Each organizational unit's parent (the root or another OU), as the last sync read them. */
  organizationalUnits?: Record<string, string>;
}

/** Most members one administrator may have (Security Hub: 10,000); MemberAccountLimitReached past it. */
export const MEMBER_ACCOUNT_LIMIT = 10_000;

/**
 * The organization a deployment starts with: local configuration, new accounts auto-enabled with
 * the default standards (an account that sends findings becomes a member on first contact).
 */
export function defaultOrganizationState(): OrganizationState {
  return { autoEnable: true, autoEnableStandards: 'DEFAULT', configurationType: 'LOCAL', configurationStatus: 'ENABLED' };
}

/** Security Hub's AccessDeniedException message for a central configuration operation under local configuration. */
export const CENTRAL_CONFIGURATION_REQUIRED = 'Must be a Security Hub delegated administrator with Central Configuration enabled';

/**
 * Whether central configuration is in effect: ConfigurationType CENTRAL and its Status ENABLED.
 * Only then may the administrator call the configuration policy operations, and only then do
 * configuration policies decide what an account's evaluation runs with.
 */
export function centralConfigurationEnabled(state: Pick<OrganizationState, 'configurationType' | 'configurationStatus'>): boolean {
  return state.configurationType === 'CENTRAL' && state.configurationStatus === 'ENABLED';
}

/**
 * What a switch to central configuration comes to: ENABLED when the home Region is designated
 * (a finding aggregator exists: cross-Region aggregation is Security Hub's prerequisite of central
 * configuration), else FAILED with the reason (DescribeOrganizationConfiguration's StatusMessage).
 */
export function centralConfigurationOutcome(homeRegionDesignated: boolean): Pick<OrganizationState, 'configurationStatus' | 'statusMessage'> {
  return homeRegionDesignated
    ? { configurationStatus: 'ENABLED' }
    : {
        configurationStatus: 'FAILED',
        statusMessage:
          'Central configuration needs a home Region: enable cross-Region aggregation (CreateFindingAggregator) in this Region, then call UpdateOrganizationConfiguration again.',
      };
}

/**
 * Security Hub's InvalidInputException message for AutoEnable or AutoEnableStandards DEFAULT with
 * central configuration (the text Security Hub answers, as reported in
 * schubergphilis/terraform-aws-mcaf-landing-zone#213).
 */
export const CENTRAL_AUTO_ENABLE_REFUSED = 'Auto Enable and AutoEnableStandards can not be enabled for Central Configuration';

/**
 * Why an operation that would take central configuration's prerequisites away is refused while
 * central configuration is in effect, else undefined. Security Hub documents that under central
 * configuration the delegated administrator cannot be removed through its API
 * (remove-admin-overview in the user guide) and that central configuration needs a home Region
 * (a finding aggregator); the Terraform provider turns central configuration off before it can
 * delete either. `what` names the operation's effect ("delete the finding aggregator").
 */
export function centralConfigurationHold(state: Pick<OrganizationState, 'configurationType' | 'configurationStatus'>, what: string): string | undefined {
  if (!centralConfigurationEnabled(state)) return undefined;
  return `Cannot ${what} while the organization uses central configuration: first disassociate every target, delete every configuration policy and call UpdateOrganizationConfiguration with ConfigurationType LOCAL.`;
}

const ACCOUNT_ID = /^\d{12}$/;

/** Throws Security Hub's InvalidInputException unless `value` is a 12-digit account id. */
export function validateAccountId(value: unknown, path: string): string {
  if (typeof value !== 'string') throw new InvalidInputError(`Invalid parameter '${path}': expected a string, got ${value === null ? 'null' : typeof value}.`);
  if (!ACCOUNT_ID.test(value)) throw new InvalidInputError(`Invalid parameter '${path}': '${value}' is not a 12-digit AWS account id.`);
  return value;
}

/** The account an IAM principal ARN belongs to (`arn:aws:iam::123456789012:user/x`, `arn:aws:sts::…:assumed-role/…`); undefined for anything else. */
export function accountOfPrincipal(identity: string): string | undefined {
  const parts = identity.split(':');
  if (parts.length < 6 || parts[0] !== 'arn' || (parts[2] !== 'iam' && parts[2] !== 'sts')) return undefined;
  return ACCOUNT_ID.test(parts[4]) ? parts[4] : undefined;
}

/** True when findings of this member are accepted and ListMembers' OnlyAssociated lists it. */
export function isAssociated(member: MemberRecord | undefined): boolean {
  return member !== undefined && ASSOCIATED_STATUSES.has(member.status);
}

/**
 * Whether the hub accepts a finding of `accountId`: the administrator always; a member when
 * associated; an account never seen when AutoEnable is on (it becomes a member: `enroll`); else
 * refused with the reason. An account that was a member and was disassociated or deleted is
 * refused even with AutoEnable (the administrator removed it).
 */
export function membershipDecision(
  state: OrganizationState,
  accountId: string,
  member: MemberRecord | undefined,
): { admit: true; enroll?: boolean } | { admit: false; reason: string } {
  if (accountId === state.administratorAccountId || isAssociated(member)) return { admit: true };
  if (member === undefined && state.autoEnable) return { admit: true, enroll: true };
  const status = member === undefined ? 'not a member (AutoEnable is off)' : `a member with status ${member.status}`;
  return { admit: false, reason: `Account ${accountId} is ${status}: the administrator accepts findings only from associated member accounts` };
}

/** The member a first finding of `accountId` enrolls (AutoEnable). */
export function firstContactMember(accountId: string, administratorId: string, now: Date): MemberRecord {
  const at = now.toISOString();
  return { accountId, status: 'Enabled', administratorId, invitedAt: at, updatedAt: at, source: 'first-contact' };
}

/** The wire shape of a member (Security Hub's `Member`). */
export function memberShape(member: MemberRecord): Record<string, unknown> {
  return {
    AccountId: member.accountId,
    ...(member.email !== undefined && { Email: member.email }),
    MasterId: member.administratorId,
    AdministratorId: member.administratorId,
    MemberStatus: member.status,
    InvitedAt: member.invitedAt,
    UpdatedAt: member.updatedAt,
  };
}
