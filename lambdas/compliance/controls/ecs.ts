import type { ControlDefinition } from './types';
import { failed, notApplicable, passed } from './support/verdicts';
import { asArray, asBoolean, asString, field } from './support/readers';
import { stringListParameter } from './support/parameters';
import { controlPage, FSBP } from './support/mappings';
import { defineControl, type GuardedEvaluator } from './support/guard';

const TASK_DEFINITION = ['AWS::ECS::TaskDefinition'];
const SERVICE = ['AWS::ECS::Service'];
const CLUSTER = ['AWS::ECS::Cluster'];

/** The newest Fargate platform versions, as AWS documents them (Linux 1.4.0, Windows 1.0.0). */
const LATEST_FARGATE = { LINUX: '1.4.0', WINDOWS: '1.0.0' } as const;

/** A container definition's name, for reasons. */
export const containerName = (container: unknown) => asString(field(container, ['Name', 'name'])) ?? '(unnamed)';

/** The container definitions of a task definition (CloudFormation and ECS API spellings). */
export const containersOf = (configuration: Record<string, unknown>) => asArray(field(configuration, ['ContainerDefinitions', 'containerDefinitions']));

/**
 * Runs a task definition control on the latest active revision only: an `INACTIVE` (deregistered)
 * revision is NOT_APPLICABLE, as Security Hub only evaluates active task definitions.
 */
export function activeTaskDefinition(evaluate: GuardedEvaluator): GuardedEvaluator {
  return (item, configuration, context) => {
    const status = asString(field(configuration, ['Status', 'status']));
    if (status === 'INACTIVE') return notApplicable(`Task definition ${item.resourceId} is INACTIVE (deregistered); only active revisions are evaluated.`);
    return evaluate(item, configuration, context);
  };
}

/** The names of the containers a predicate picks, for a reason; `[]` when none. */
const containersWhere = (configuration: Record<string, unknown>, predicate: (container: unknown) => boolean) => containersOf(configuration).filter(predicate).map(containerName);

/** Security Hub controls for Amazon ECS task definitions, services and clusters. */
export const ecsControls: ControlDefinition[] = [
  defineControl(
    {
      id: 'ECS.2',
      title: 'ECS services should not have public IP addresses assigned to them automatically',
      description: 'Checks whether an ECS service assigns public IP addresses automatically (AssignPublicIp ENABLED).',
      severity: 'HIGH',
      resourceTypes: SERVICE,
      standards: [FSBP],
      parameters: { exemptEcsServiceArns: { type: 'stringList', default: [], description: 'ARNs of ECS services allowed to assign public IP addresses.' } },
      remediationUrl: controlPage('ECS.2'),
    },
    (item, configuration, context) => {
      const assign = asString(
        field(configuration, ['NetworkConfiguration', 'networkConfiguration'], ['AwsvpcConfiguration', 'awsvpcConfiguration'], ['AssignPublicIp', 'assignPublicIp']),
      );
      if (assign !== 'ENABLED') return passed(`The service does not assign public IP addresses (AssignPublicIp ${assign ?? 'not set, DISABLED'}).`);
      const arn = asString(field(configuration, ['ServiceArn', 'serviceArn'])) ?? item.arn ?? item.resourceId;
      return stringListParameter(context.parameters, 'exemptEcsServiceArns', []).includes(arn)
        ? passed(`The service assigns public IP addresses but ${arn} is in exemptEcsServiceArns.`)
        : failed('The service assigns public IP addresses automatically (AssignPublicIp ENABLED).');
    },
  ),
  defineControl(
    {
      id: 'ECS.3',
      title: "ECS task definitions should not share the host's process namespace",
      description: "Checks whether an active ECS task definition shares the host's process namespace (pidMode host).",
      severity: 'HIGH',
      resourceTypes: TASK_DEFINITION,
      standards: [FSBP],
      remediationUrl: controlPage('ECS.3'),
    },
    activeTaskDefinition((_item, configuration) =>
      asString(field(configuration, ['PidMode', 'pidMode'])) === 'host'
        ? failed("The task definition shares the host's process namespace (PidMode host).")
        : passed("The task definition does not share the host's process namespace."),
    ),
  ),
  defineControl(
    {
      id: 'ECS.4',
      title: 'ECS containers should run as non-privileged',
      description: 'Checks whether a container definition of an active ECS task definition is privileged.',
      severity: 'HIGH',
      resourceTypes: TASK_DEFINITION,
      standards: [FSBP],
      remediationUrl: controlPage('ECS.4'),
    },
    activeTaskDefinition((_item, configuration) => {
      const privileged = containersWhere(configuration, (container) => asBoolean(field(container, ['Privileged', 'privileged'])) === true);
      return privileged.length ? failed(`Container(s) ${privileged.join(', ')} run privileged (Privileged true).`) : passed('No container runs privileged.');
    }),
  ),
  defineControl(
    {
      id: 'ECS.5',
      title: 'ECS task definitions should configure containers to be limited to read-only access to root filesystems',
      description: 'Checks whether the containers of an active ECS task definition have read-only root filesystems.',
      severity: 'HIGH',
      resourceTypes: TASK_DEFINITION,
      standards: [FSBP],
      remediationUrl: controlPage('ECS.5'),
    },
    activeTaskDefinition((_item, configuration) => {
      const writable = containersWhere(configuration, (container) => asBoolean(field(container, ['ReadonlyRootFilesystem', 'readonlyRootFilesystem'])) !== true);
      return writable.length
        ? failed(`Container(s) ${writable.join(', ')} have a writable root filesystem (ReadonlyRootFilesystem not true).`)
        : passed('Every container has a read-only root filesystem.');
    }),
  ),
  defineControl(
    {
      id: 'ECS.8',
      title: 'Secrets should not be passed as container environment variables',
      description: 'Checks whether a container definition of an active ECS task definition sets an environment variable named like a secret (secretKeys).',
      severity: 'HIGH',
      resourceTypes: TASK_DEFINITION,
      standards: [FSBP],
      parameters: {
        secretKeys: {
          type: 'stringList',
          default: ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'ECS_ENGINE_AUTH_DATA'],
          description: 'Environment variable names that must not be set in container definitions.',
        },
      },
      remediationUrl: controlPage('ECS.8'),
    },
    activeTaskDefinition((_item, configuration, context) => {
      const secretKeys = stringListParameter(context.parameters, 'secretKeys', ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'ECS_ENGINE_AUTH_DATA']);
      const found = containersOf(configuration).flatMap((container) =>
        asArray(field(container, ['Environment', 'environment']))
          .map((variable) => asString(field(variable, ['Name', 'name'])))
          .filter((name): name is string => name !== undefined && secretKeys.includes(name))
          .map((name) => `${containerName(container)}:${name}`),
      );
      return found.length
        ? failed(`Secrets are passed as environment variables: ${found.join(', ')}.`)
        : passed(`No container sets ${secretKeys.join(', ')} as an environment variable.`);
    }),
  ),
  defineControl(
    {
      id: 'ECS.9',
      title: 'ECS task definitions should have a logging configuration',
      description: 'Checks whether every container definition of the latest active ECS task definition has a logging configuration (logConfiguration).',
      severity: 'HIGH',
      resourceTypes: TASK_DEFINITION,
      standards: [FSBP],
      remediationUrl: controlPage('ECS.9'),
    },
    activeTaskDefinition((_item, configuration) => {
      const silent = containersWhere(configuration, (container) => !asString(field(container, ['LogConfiguration', 'logConfiguration'], ['LogDriver', 'logDriver'])));
      return silent.length
        ? failed(`Container(s) ${silent.join(', ')} have no logging configuration (LogConfiguration.LogDriver).`)
        : passed('Every container has a logging configuration.');
    }),
  ),
  defineControl(
    {
      id: 'ECS.10',
      title: 'ECS Fargate services should run on the latest Fargate platform version',
      description: `Checks whether an ECS Fargate service runs the latest Fargate platform version (LATEST, Linux ${LATEST_FARGATE.LINUX}, Windows ${LATEST_FARGATE.WINDOWS}).`,
      severity: 'MEDIUM',
      resourceTypes: SERVICE,
      standards: [FSBP],
      remediationUrl: controlPage('ECS.10'),
    },
    (_item, configuration) => {
      const launchType = asString(field(configuration, ['LaunchType', 'launchType']));
      if (launchType !== 'FARGATE') return notApplicable(`The service does not use the Fargate launch type (LaunchType ${launchType ?? 'not set'}).`);
      const version = asString(field(configuration, ['PlatformVersion', 'platformVersion'])) ?? 'LATEST';
      const family = asString(field(configuration, ['PlatformFamily', 'platformFamily']))
        ?.toUpperCase()
        .startsWith('WINDOWS')
        ? 'WINDOWS'
        : 'LINUX';
      return version === 'LATEST' || version === LATEST_FARGATE[family]
        ? passed(`The service runs Fargate platform version ${version} (latest for ${family}).`)
        : failed(`The service runs Fargate platform version ${version}, not the latest (${LATEST_FARGATE[family]} for ${family}).`);
    },
  ),
  defineControl(
    {
      id: 'ECS.12',
      title: 'ECS clusters should use Container Insights',
      description: 'Checks whether an ECS cluster uses Container Insights (cluster setting containerInsights enabled or enhanced).',
      severity: 'MEDIUM',
      resourceTypes: CLUSTER,
      standards: [FSBP],
      remediationUrl: controlPage('ECS.12'),
    },
    (_item, configuration) => {
      const setting = asArray(field(configuration, ['ClusterSettings', 'clusterSettings', 'settings'])).find(
        (entry) => asString(field(entry, ['Name', 'name'])) === 'containerInsights',
      );
      const value = asString(field(setting, ['Value', 'value']));
      return value === 'enabled' || value === 'enhanced'
        ? passed(`Container Insights is ${value} for the cluster.`)
        : failed(`Container Insights is not enabled for the cluster (containerInsights ${value ?? 'not set'}).`);
    },
  ),
];
