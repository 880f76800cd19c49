/**
 * Central configuration as the functions build it from their environment: the policy store on
 * `FINDINGS_TABLE`, the organization from `ORGANIZATION_LAYOUT` (JSON; a flat organization without
 * it), and each account's effective settings for the evaluations.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DynamoConfigurationPolicyStore,
  FLAT_LAYOUT,
  ORGANIZATION_LAYOUT_ENV,
  accountOrgPath,
  effectiveSettingsResolver,
  layoutOrganization,
  parseOrganizationLayout,
  type AccountSettingsResolver,
  type ComplianceSettings,
  type OrganizationView,
} from '../compliance';
import { awsClient } from '../shared/clients';
import { requireEnv } from '../shared/env';

/** The organization the functions see: `ORGANIZATION_LAYOUT`, else a root with every account directly under it. */
export function organizationFromEnv(): OrganizationView {
  const json = process.env[ORGANIZATION_LAYOUT_ENV];
  return layoutOrganization(json ? parseOrganizationLayout(json) : FLAT_LAYOUT);
}

/** The policy store on the findings table. */
export function configurationPolicyStoreFromEnv(): DynamoConfigurationPolicyStore {
  return new DynamoConfigurationPolicyStore({ client: awsClient(DynamoDBClient), tableName: requireEnv('FINDINGS_TABLE') });
}

/**
 * A factory of per-account settings resolvers over the self-managed settings `settings`: call it
 * once per invocation (a sweep batch, a change event) so its cache lives as long as that.
 */
export function effectiveSettingsFromEnv(settings: () => Promise<ComplianceSettings>): () => AccountSettingsResolver {
  const policies = configurationPolicyStoreFromEnv();
  const orgPath = accountOrgPath(organizationFromEnv());
  return () => effectiveSettingsResolver({ settings, policies, orgPath });
}
