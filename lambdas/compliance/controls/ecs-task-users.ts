/**
 * Security Hub controls on how an ECS task definition's containers run: not in the host's network
 * namespace (ECS.17), and as a user that is not the default root (Linux, ECS.20) or administrator
 * (Windows, ECS.21) of the container. Latest active revisions only, as the other task definition controls.
 */
import type { ControlDefinition } from './types';
import { failed, notApplicable, passed } from './support/verdicts';
import { asString, field } from './support/readers';
import { controlPage, FSBP } from './support/mappings';
import { defineControl } from './support/guard';
import { activeTaskDefinition, containerName, containersOf } from './ecs';

const TASK_DEFINITION = ['AWS::ECS::TaskDefinition'];

/** The task definition's operating system family (`runtimePlatform.operatingSystemFamily`), upper case; undefined when not configured. */
const osFamily = (configuration: Record<string, unknown>) =>
  asString(field(configuration, ['RuntimePlatform', 'runtimePlatform'], ['OperatingSystemFamily', 'operatingSystemFamily']))?.toUpperCase();

/** The user part of a container's `user` (`user`, `user:group`, `uid:gid`); undefined when not configured. */
const userOf = (container: unknown) =>
  asString(field(container, ['User', 'user']))
    ?.split(':')[0]
    ?.trim() || undefined;

/** The containers that run as no configured user or as one of the default users. */
function defaultUserContainers(configuration: Record<string, unknown>, defaults: readonly string[]): string[] {
  return containersOf(configuration)
    .filter((container) => {
      const user = userOf(container);
      return user === undefined || defaults.includes(user.toLowerCase());
    })
    .map((container) => `${containerName(container)} (user ${userOf(container) ?? 'not configured'})`);
}

/** Security Hub's ECS.17, ECS.20 and ECS.21. */
export const ecsTaskUserControls: ControlDefinition[] = [
  defineControl(
    {
      id: 'ECS.17',
      title: 'ECS task definitions should not use host network mode',
      description: 'Checks whether the latest active revision of an ECS task definition uses host network mode.',
      severity: 'MEDIUM',
      resourceTypes: TASK_DEFINITION,
      standards: [], // NIST SP 800-53 Rev. 5 only: membership is data (standards/nist-800-53-r5.ts)
      remediationUrl: controlPage('ECS.17'),
    },
    activeTaskDefinition((item, configuration) => {
      const mode = asString(field(configuration, ['NetworkMode', 'networkMode']));
      return mode === 'host'
        ? failed(`Task definition ${item.resourceId} uses host network mode.`)
        : passed(`Task definition ${item.resourceId} uses ${mode ?? 'the default'} network mode, not host.`);
    }),
  ),
  defineControl(
    {
      id: 'ECS.20',
      title: 'ECS Task Definitions should configure non-root users in Linux container definitions',
      description:
        'Checks whether every container of the latest active revision of a Linux ECS task definition (operatingSystemFamily LINUX or not configured) runs as a configured user other than root or 0.',
      severity: 'MEDIUM',
      resourceTypes: TASK_DEFINITION,
      standards: [FSBP],
      remediationUrl: controlPage('ECS.20'),
    },
    activeTaskDefinition((item, configuration) => {
      const family = osFamily(configuration);
      if (family !== undefined && family !== 'LINUX') return notApplicable(`Task definition ${item.resourceId} runs ${family} containers; ECS.20 evaluates Linux ones.`);
      const rooted = defaultUserContainers(configuration, ['root', '0']);
      return rooted.length
        ? failed(`Container(s) ${rooted.join(', ')} run as the root user.`)
        : passed(`Every container of task definition ${item.resourceId} runs as a non-root user.`);
    }),
  ),
  defineControl(
    {
      id: 'ECS.21',
      title: 'ECS Task Definitions should configure non-administrator users in Windows container definitions',
      description:
        'Checks whether every container of the latest active revision of a Windows ECS task definition (operatingSystemFamily WINDOWS_*) runs as a configured user other than the default administrator (ContainerAdministrator).',
      severity: 'MEDIUM',
      resourceTypes: TASK_DEFINITION,
      standards: [FSBP],
      remediationUrl: controlPage('ECS.21'),
    },
    activeTaskDefinition((item, configuration) => {
      const family = osFamily(configuration);
      if (!family?.startsWith('WINDOWS'))
        return notApplicable(`Task definition ${item.resourceId} runs ${family ?? 'Linux (the default)'} containers; ECS.21 evaluates Windows ones.`);
      const admins = defaultUserContainers(configuration, ['containeradministrator']);
      return admins.length
        ? failed(`Container(s) ${admins.join(', ')} run as the default administrator.`)
        : passed(`Every container of task definition ${item.resourceId} runs as a non-administrator user.`);
    }),
  ),
];
