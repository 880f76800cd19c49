/**
 * What central configuration asks of the organization ({@link OrganizationView}), and a view of a
 * static layout: the root, the organizational units with their parents, and the accounts'
 * parents. The functions read the organization the membership sync stored (the organization
 * domain's `organizationTree`, composed in lambdas/wiring/central-configuration.ts); a static
 * layout serves tests and callers without AWS Organizations. Pure.
 */
import { InvalidInputError } from '../../shared/errors';
import type { AccountOrgPath, OrgPath, PolicyTarget } from './types';

/** The layout: an account or OU without a parent listed sits directly under the root. */
export interface OrganizationLayout {
  rootId: string;
  /** OU id → its parent (the root's id or another OU's). */
  organizationalUnits?: Record<string, string>;
  /** Account id → its parent OU (or the root's id). */
  accounts?: Record<string, string>;
}

/** What central configuration asks of the organization. */
export interface OrganizationView {
  rootId(): Promise<string>;
  /** The path of an account or OU: the root and the OUs above it (nearest last). */
  pathOf(target: PolicyTarget): Promise<OrgPath>;
  /** Every OU and account known (for listing inherited associations). */
  targets(): Promise<PolicyTarget[]>;
  /** The paths of many targets by id, in a few batched reads (listing every association); without it, one pathOf each. */
  pathsOf?(targets: readonly PolicyTarget[]): Promise<Map<string, OrgPath>>;
}

/** Most OU levels under the root AWS Organizations allows (a cycle in a layout stops here). */
const MAX_DEPTH = 5;

/** An {@link OrganizationView} of a static layout. */
export function layoutOrganization(layout: OrganizationLayout): OrganizationView {
  const ous = layout.organizationalUnits ?? {};
  const ancestors = (parent: string | undefined): string[] => {
    const chain: string[] = [];
    for (let at = parent; at !== undefined && at !== layout.rootId; at = ous[at]) {
      if (chain.length >= MAX_DEPTH) throw new InvalidInputError(`Organization layout: OU ${chain[0]} is nested deeper than ${MAX_DEPTH} levels (or in a cycle).`);
      chain.unshift(at);
    }
    return chain;
  };
  return {
    rootId: async () => layout.rootId,
    async pathOf(target) {
      if (target.type === 'ROOT') return { rootId: layout.rootId, ouIds: [] };
      const parent = target.type === 'ACCOUNT' ? layout.accounts?.[target.id] : ous[target.id];
      return { rootId: layout.rootId, ouIds: ancestors(parent) };
    },
    async targets() {
      return [
        ...Object.keys(ous).map((id): PolicyTarget => ({ type: 'ORGANIZATIONAL_UNIT', id })),
        ...Object.keys(layout.accounts ?? {}).map((id): PolicyTarget => ({ type: 'ACCOUNT', id })),
      ];
    },
  };
}

/** The {@link AccountOrgPath} of an organization view. */
export function accountOrgPath(organization: Pick<OrganizationView, 'pathOf'>): AccountOrgPath {
  return (accountId) => organization.pathOf({ type: 'ACCOUNT', id: accountId });
}
