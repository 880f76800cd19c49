/**
 * What groups alerts: findings on one resource (the first resource's Id) in one account, and the
 * key of one finding version, which makes redelivery harmless. Pure.
 */
import { createHash } from 'node:crypto';
import type { AwsSecurityFinding } from '../../shared/asff/types';

/** The group a finding's alerts fall into. */
export interface GroupKey {
  account: string;
  /** The first resource's Id; findings without a resource group by their own Id. */
  resourceId: string;
}

/** The group of a finding. */
export function groupKeyOf(finding: AwsSecurityFinding): GroupKey {
  return { account: finding.AwsAccountId, resourceId: finding.Resources?.[0]?.Id ?? `finding:${finding.Id}` };
}

/** A short, fixed-length key of one version of one finding (`ProductArn` + `Id` + version). */
export function versionKeyOf(finding: Pick<AwsSecurityFinding, 'ProductArn' | 'Id'>, version: number): string {
  return createHash('sha256').update(`${finding.ProductArn}\n${finding.Id}\n${version}`).digest('base64url').slice(0, 22);
}
