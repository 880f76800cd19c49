/**
 * Custom actions the app always has (not stored, cannot be deleted or changed): `Remediate`, whose
 * events start the remediation playbooks (lambdas/remediation/dispatch.ts). Pure.
 */
import { REMEDIATE_ACTION_ID } from '../../remediation';
import { InvalidInputError } from '../../shared/errors';
import { actionTargetArn, actionTargetIdOf, type ActionTarget } from './action-targets';

/** The built-in actions' Ids, names and descriptions. */
export const BUILT_IN_ACTION_TARGETS = [
  { Id: REMEDIATE_ACTION_ID, Name: 'Remediate', Description: "Runs the remediation playbook of each selected finding (Open Security Hub's built-in action)." },
] as const;

/** True when the ARN names a built-in action. */
export function isBuiltInActionTarget(arn: string): boolean {
  const id = actionTargetIdOf(arn);
  return BUILT_IN_ACTION_TARGETS.some((target) => target.Id === id);
}

/** The built-in actions at this location, then the stored ones (a stored one with a built-in Id is hidden). */
export function withBuiltInActionTargets(stored: readonly ActionTarget[], location: { partition: string; region: string; accountId: string }): ActionTarget[] {
  const builtIn = BUILT_IN_ACTION_TARGETS.map(({ Id, Name, Description }) => ({ ActionTargetArn: actionTargetArn(location, Id), Name, Description }));
  return [...builtIn, ...stored.filter((target) => !isBuiltInActionTarget(target.ActionTargetArn))];
}

/** Refuses a create, change or delete of a built-in action. */
export function refuseBuiltInChange(arnOrId: string, operation: string, member = 'ActionTargetArn'): void {
  const id = arnOrId.startsWith('arn:') ? actionTargetIdOf(arnOrId, member) : arnOrId;
  if (BUILT_IN_ACTION_TARGETS.some((target) => target.Id === id)) {
    throw new InvalidInputError(`Invalid parameter '${member}': ${id} is a built-in action; ${operation} is not allowed.`);
  }
}
