import type { ControlDefinition } from './types';
import { failed, notApplicable, passed } from './support/verdicts';
import { asArray, asBoolean, asString, field } from './support/readers';
import { controlPage, FSBP } from './support/mappings';
import { defineControl } from './support/guard';

const REPOSITORY = ['AWS::ECR::Repository'];
const CLUSTER = ['AWS::EKS::Cluster'];

/** A Kubernetes "major.minor" version as a comparable pair, or undefined. */
function version(value: unknown): [number, number] | undefined {
  const match = typeof value === 'string' ? /^v?(\d+)\.(\d+)/.exec(value.trim()) : null;
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

/** The log types an EKS cluster enables (EKS API shape and AWS Config/CloudFormation shape). */
function enabledLogTypes(configuration: Record<string, unknown>): string[] {
  const clusterLogging = field(configuration, ['Logging', 'logging'], ['ClusterLogging', 'clusterLogging']);
  const fromApi = asArray(clusterLogging)
    .filter((setup) => asBoolean(field(setup, ['Enabled', 'enabled'])) === true)
    .flatMap((setup) => asArray(field(setup, ['Types', 'types'])));
  const fromConfig = asArray(field(clusterLogging, 'EnabledTypes')).map((entry) => field(entry, 'Type'));
  return [...fromApi, ...fromConfig].filter((type): type is string => typeof type === 'string');
}

/** ECR and EKS controls. */
export const containersControls: ControlDefinition[] = [
  defineControl(
    {
      id: 'ECR.1',
      title: 'ECR private repositories should have image scanning configured',
      description: 'Checks whether the private ECR repository scans images on push.',
      severity: 'HIGH',
      resourceTypes: REPOSITORY,
      standards: [FSBP],
      remediationUrl: controlPage('ECR.1'),
    },
    (_item, configuration) =>
      asBoolean(field(configuration, 'ImageScanningConfiguration', ['ScanOnPush', 'scanOnPush'])) === true
        ? passed('The repository scans images on push.')
        : failed('Image scanning on push is not configured for the repository.'),
  ),
  defineControl(
    {
      id: 'ECR.2',
      title: 'ECR private repositories should have tag immutability configured',
      description: 'Checks whether the private ECR repository has image tag immutability enabled.',
      severity: 'MEDIUM',
      resourceTypes: REPOSITORY,
      standards: [FSBP],
      remediationUrl: controlPage('ECR.2'),
    },
    (_item, configuration) => {
      const mutability = asString(field(configuration, 'ImageTagMutability')) ?? 'MUTABLE';
      return mutability.startsWith('IMMUTABLE') ? passed(`Image tags are immutable (${mutability}).`) : failed(`Image tags are mutable (ImageTagMutability ${mutability}).`);
    },
  ),
  defineControl(
    {
      id: 'ECR.3',
      title: 'ECR repositories should have at least one lifecycle policy configured',
      description: 'Checks whether the ECR repository has a lifecycle policy.',
      severity: 'MEDIUM',
      resourceTypes: REPOSITORY,
      standards: [FSBP],
      remediationUrl: controlPage('ECR.3'),
    },
    (_item, configuration) =>
      asString(field(configuration, 'LifecyclePolicy', 'LifecyclePolicyText'))
        ? passed('The repository has a lifecycle policy.')
        : failed('The repository has no lifecycle policy.'),
  ),
  defineControl(
    {
      id: 'EKS.1',
      title: 'EKS cluster endpoints should not be publicly accessible',
      description: 'Checks whether the EKS cluster endpoint is publicly accessible.',
      severity: 'HIGH',
      resourceTypes: CLUSTER,
      standards: [FSBP],
      remediationUrl: controlPage('EKS.1'),
    },
    (_item, configuration) => {
      const open = asBoolean(field(configuration, ['ResourcesVpcConfig', 'resourcesVpcConfig'], ['EndpointPublicAccess', 'endpointPublicAccess']));
      return open === false
        ? passed('The cluster endpoint is not publicly accessible.')
        : failed('The cluster endpoint is publicly accessible (EndpointPublicAccess is not false).');
    },
  ),
  defineControl(
    {
      id: 'EKS.2',
      title: 'EKS clusters should run on a supported Kubernetes version',
      description: 'Checks whether the EKS cluster runs a Kubernetes version no older than the oldest supported version.',
      severity: 'HIGH',
      resourceTypes: CLUSTER,
      standards: [FSBP],
      parameters: { oldestVersionSupported: { type: 'string', default: '1.28', description: 'Oldest supported Kubernetes version (major.minor).' } },
      remediationUrl: controlPage('EKS.2'),
    },
    (_item, configuration, { parameters }) => {
      const actual = version(field(configuration, ['Version', 'version']));
      if (!actual) return notApplicable('The cluster records no parsable Kubernetes version.');
      const minimumText = String(parameters.oldestVersionSupported ?? '1.28');
      const minimum = version(minimumText) ?? [1, 28];
      const supported = actual[0] > minimum[0] || (actual[0] === minimum[0] && actual[1] >= minimum[1]);
      const shown = actual.join('.');
      return supported
        ? passed(`The cluster runs Kubernetes ${shown}, at least ${minimumText}.`)
        : failed(`The cluster runs Kubernetes ${shown}, older than the oldest supported version ${minimumText}.`);
    },
  ),
  defineControl(
    {
      id: 'EKS.8',
      title: 'EKS clusters should have audit logging enabled',
      description: 'Checks whether the EKS cluster sends audit logs to CloudWatch Logs.',
      severity: 'MEDIUM',
      resourceTypes: CLUSTER,
      standards: [FSBP],
      parameters: { logTypes: { type: 'stringList', default: ['audit'], description: 'Control plane log types that must be enabled.' } },
      remediationUrl: controlPage('EKS.8'),
    },
    (_item, configuration, { parameters }) => {
      const required = Array.isArray(parameters.logTypes) ? parameters.logTypes.map(String) : ['audit'];
      const enabled = enabledLogTypes(configuration);
      const missing = required.filter((type) => !enabled.includes(type));
      return missing.length
        ? failed(`The cluster does not enable control plane logging of: ${missing.join(', ')}.`)
        : passed(`The cluster enables control plane logging of: ${required.join(', ')}.`);
    },
  ),
];
