/**
 * Central configuration as the functions build it from their environment: the policy store on
 * `FINDINGS_TABLE`, the organization as the membership sync stored it there (the root and OU tree
 * on the organization state, each account's OU path on its member record), and each account's
 * effective settings for the evaluations — configuration policies only under central
 * configuration (ConfigurationType CENTRAL), the self-managed settings otherwise.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DynamoConfigurationPolicyStore,
  accountOrgPath,
  effectiveSettingsResolver,
  type AccountSettingsResolver,
  type ComplianceSettings,
  type OrganizationView,
} from '../compliance';
import { centralConfigurationEnabled, organizationStoreOn, organizationTree, type OrganizationRepository, type OrganizationState } from '../organization';
import { awsClient } from '../shared/clients';
import { requireEnv } from '../shared/env';

/** The organization store on the findings table. */
function organizationRepositoryFromEnv(): OrganizationRepository {
  return organizationStoreOn(awsClient(DynamoDBClient), requireEnv('FINDINGS_TABLE'));
}

/** The organization the API's central configuration operations see: read from the store on every call. */
export function organizationFromEnv(repository: OrganizationRepository = organizationRepositoryFromEnv()): OrganizationView {
  return organizationTree(repository, () => repository.get());
}

/** The policy store on the findings table. */
export function configurationPolicyStoreFromEnv(): DynamoConfigurationPolicyStore {
  return new DynamoConfigurationPolicyStore({ client: awsClient(DynamoDBClient), tableName: requireEnv('FINDINGS_TABLE') });
}

/**
 * A factory of per-account settings resolvers over the self-managed settings `settings`: call it
 * once per invocation (a sweep batch, a change event) so its caches — the organization state, the
 * accounts' places, the associations and policies — live as long as that.
 */
export function effectiveSettingsFromEnv(settings: () => Promise<ComplianceSettings>): () => AccountSettingsResolver {
  const policies = configurationPolicyStoreFromEnv();
  const organization = organizationRepositoryFromEnv();
  return () => effectiveSettingsOver({ settings, policies, organization });
}

/** One resolver over the stores: the organization state is read once, policies apply only under central configuration. */
export function effectiveSettingsOver(deps: {
  settings: () => Promise<ComplianceSettings>;
  policies: DynamoConfigurationPolicyStore;
  organization: OrganizationRepository;
}): AccountSettingsResolver {
  let state: Promise<OrganizationState> | undefined;
  const readState = () => (state ??= deps.organization.get());
  return effectiveSettingsResolver({
    settings: deps.settings,
    policies: deps.policies,
    orgPath: accountOrgPath(organizationTree(deps.organization, readState)),
    central: async () => centralConfigurationEnabled(await readState()),
  });
}
