/**
 * What groups alerts: findings on one resource in one account — every resource a finding names,
 * not only the first — and the key of one finding version, which makes redelivery harmless. Pure.
 */
import { createHash } from 'node:crypto';
import type { AwsSecurityFinding } from '../../asff';

/** The group a finding's alerts fall into. */
export interface GroupKey {
  account: string;
  /** A resource's Id; findings without a resource group by their own Id. */
  resourceId: string;
}

/** Resources of one finding considered for grouping (ASFF allows 32). */
export const MAX_GROUPS_PER_FINDING = 32;

/** The groups of a finding: one per distinct resource Id (in the finding's order), or its own. */
export function groupKeysOf(finding: AwsSecurityFinding): GroupKey[] {
  const ids = [...new Set((finding.Resources ?? []).map((resource) => resource.Id).filter((id): id is string => typeof id === 'string' && id !== ''))];
  const resourceIds = ids.length > 0 ? ids.slice(0, MAX_GROUPS_PER_FINDING) : [`finding:${finding.Id}`];
  return resourceIds.map((resourceId) => ({ account: finding.AwsAccountId, resourceId }));
}

/** A short, fixed-length key of one version of one finding (`ProductArn` + `Id` + version). */
export function versionKeyOf(finding: Pick<AwsSecurityFinding, 'ProductArn' | 'Id'>, version: number): string {
  return createHash('sha256').update(`${finding.ProductArn}\n${finding.Id}\n${version}`).digest('base64url').slice(0, 22);
}

/** A short, fixed-length key of one finding (`ProductArn` + `Id`): where its alert decisions are kept. */
export function findingKeyOf(finding: Pick<AwsSecurityFinding, 'ProductArn' | 'Id'>): string {
  return createHash('sha256').update(`${finding.ProductArn}\n${finding.Id}`).digest('base64url').slice(0, 32);
}
