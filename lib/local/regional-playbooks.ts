/**
 * The embedded default's twin of the regional playbook stacks (lib/regional-playbooks-stack.ts):
 * the stack's playbook state machines again in each of {@link LOCAL_PLAYBOOK_REGIONS}, under their
 * known names and an ARN of that Region, so a finding of the demo's second Region runs its playbook
 * there and the simulated member account acts in that Region (the engine passes each SDK task the
 * Region of its state machine's ARN). The tasks stay the stack's own local functions.
 */
import type { LocalStateMachineSpec } from './engine';
import { PLAYBOOKS, playbookDefinitionFile, regionalPlaybookName } from '../../lambdas/remediation';

/** The linked Regions running playbooks locally: the demo organization's second Region. */
export const LOCAL_PLAYBOOK_REGIONS: readonly string[] = ['eu-west-1'];

/** The regional copies of the playbooks among `specs` (the home Region's), one per Region of `regions`. */
export function regionalPlaybookSpecs(specs: readonly LocalStateMachineSpec[], regions: readonly string[] = LOCAL_PLAYBOOK_REGIONS): LocalStateMachineSpec[] {
  const byFile = new Map(PLAYBOOKS.map((playbook) => [playbookDefinitionFile(playbook.id), playbook.id]));
  return regions.flatMap((region) =>
    specs.flatMap((spec) => {
      const playbookId = byFile.get(spec.definitionFile);
      if (playbookId === undefined) return [];
      const [, partition, , , account] = spec.arn.split(':');
      const name = regionalPlaybookName(playbookId);
      return [{ ...spec, logicalId: `${spec.logicalId}@${region}`, name, arn: `arn:${partition}:states:${region}:${account}:stateMachine:${name}` }];
    }),
  );
}
