/**
 * Security Hub's inheritance of configurations, pure: a target uses the configuration applied to
 * it; else the one applied to its nearest ancestor (parent OU, its parent, …, the root); else it is
 * self-managed. An account or OU has one configuration at a time.
 */
import { SELF_MANAGED, type AppliedAssociation, type OrgPath, type PolicyTarget, type ResolvedAssociation } from './types';

/** The targets from the root down to `target` itself: the order in which configurations are overridden. */
export function chainOf(target: PolicyTarget, path: OrgPath): PolicyTarget[] {
  if (target.type === 'ROOT') return [target];
  return [{ type: 'ROOT', id: path.rootId }, ...path.ouIds.map((id): PolicyTarget => ({ type: 'ORGANIZATIONAL_UNIT', id })), target];
}

/**
 * The target's association: APPLIED when a configuration is applied to it; INHERITED from the
 * nearest ancestor that has one; else INHERITED self-managed (no configuration anywhere above it).
 * `applied` answers the applied association of a target id (undefined: none).
 */
export function resolveAssociation(target: PolicyTarget, path: OrgPath, applied: (targetId: string) => AppliedAssociation | undefined): ResolvedAssociation {
  const chain = chainOf(target, path);
  for (let index = chain.length - 1; index >= 0; index--) {
    const found = applied(chain[index].id);
    if (found === undefined) continue;
    return {
      target,
      configurationPolicyId: found.configurationPolicyId,
      associationType: index === chain.length - 1 ? 'APPLIED' : 'INHERITED',
      from: chain[index],
      updatedAt: found.updatedAt,
    };
  }
  return { target, configurationPolicyId: SELF_MANAGED, associationType: 'INHERITED' };
}
