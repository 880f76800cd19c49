import type { ControlDefinition } from './types';
import { failed, notApplicable, passed } from './support/verdicts';
import { asArray, asBoolean, asString, field } from './support/readers';
import { numberParameter } from './support/parameters';
import { controlPage, FSBP, pci321 } from './support/mappings';
import { defineControl } from './support/guard';

const GROUP = ['AWS::AutoScaling::AutoScalingGroup'];
const LAUNCH_CONFIGURATION = ['AWS::AutoScaling::LaunchConfiguration'];

/** The instance types a group's mixed instances policy overrides name. */
const overrideTypes = (configuration: Record<string, unknown>) => [
  ...new Set(
    asArray(field(configuration, 'mixedInstancesPolicy', 'launchTemplate', 'overrides'))
      .map((override) => asString(field(override, 'instanceType')))
      .filter((type): type is string => !!type),
  ),
];

/** Security Hub controls for EC2 Auto Scaling groups and launch configurations. */
export const autoscalingControls: ControlDefinition[] = [
  defineControl(
    {
      id: 'AutoScaling.1',
      title: 'Amazon EC2 Auto Scaling groups associated with a load balancer should use ELB health checks',
      description:
        'Checks whether an Auto Scaling group associated with a load balancer (a Classic Load Balancer or a target group) uses Elastic Load Balancing health checks (healthCheckType ELB). Groups without a load balancer are not evaluated.',
      severity: 'LOW',
      resourceTypes: GROUP,
      standards: [FSBP, pci321('2.2')],
      remediationUrl: controlPage('AutoScaling.1'),
    },
    (item, configuration) => {
      const balancers = [...asArray(configuration.loadBalancerNames), ...asArray(configuration.targetGroupARNs)];
      if (!balancers.length)
        return notApplicable(`Auto Scaling group ${item.resourceName ?? item.resourceId} is not associated with a load balancer (no Classic Load Balancer, no target group).`);
      const type = asString(configuration.healthCheckType) ?? 'EC2';
      return type === 'ELB'
        ? passed(`The group uses Elastic Load Balancing health checks for ${balancers.join(', ')}.`)
        : failed(`The group is associated with ${balancers.join(', ')} but uses ${type} health checks, not ELB.`);
    },
  ),
  defineControl(
    {
      id: 'AutoScaling.2',
      title: 'Amazon EC2 Auto Scaling group should cover multiple Availability Zones',
      description: 'Checks whether an Auto Scaling group spans at least the minimum number of Availability Zones.',
      severity: 'MEDIUM',
      resourceTypes: GROUP,
      standards: [FSBP],
      parameters: { minAvailabilityZones: { type: 'int', default: 2, description: 'Minimum number of Availability Zones.' } },
      remediationUrl: controlPage('AutoScaling.2'),
    },
    (_item, configuration, { parameters }) => {
      const minimum = numberParameter(parameters, 'minAvailabilityZones', 2);
      const zones = asArray(configuration.availabilityZones).filter((zone): zone is string => typeof zone === 'string');
      return zones.length >= minimum
        ? passed(`The group spans ${zones.length} Availability Zones (${zones.join(', ')}).`)
        : failed(`The group spans ${zones.length} Availability Zone(s), fewer than ${minimum}.`);
    },
  ),
  defineControl(
    {
      id: 'AutoScaling.3',
      title: 'Amazon EC2 Auto Scaling group launch configurations should configure EC2 instances to require Instance Metadata Service Version 2 (IMDSv2)',
      description: 'Checks whether a launch configuration requires IMDSv2 (metadataOptions.httpTokens required).',
      severity: 'HIGH',
      resourceTypes: LAUNCH_CONFIGURATION,
      standards: [FSBP],
      remediationUrl: controlPage('AutoScaling.3'),
    },
    (_item, configuration) => {
      const tokens = asString(field(configuration, 'metadataOptions', 'httpTokens'));
      return tokens === 'required'
        ? passed('The launch configuration requires IMDSv2 (httpTokens required).')
        : failed(`The launch configuration does not require IMDSv2 (metadataOptions.httpTokens ${tokens ?? 'missing'}).`);
    },
  ),
  defineControl(
    {
      id: 'Autoscaling.5',
      title: 'Amazon EC2 instances launched using Amazon EC2 Auto Scaling group launch configurations should not have Public IP addresses',
      description: 'Checks whether a launch configuration assigns public IP addresses to the instances it launches (associatePublicIpAddress).',
      severity: 'HIGH',
      resourceTypes: LAUNCH_CONFIGURATION,
      standards: [FSBP],
      remediationUrl: controlPage('Autoscaling.5'),
    },
    (_item, configuration) =>
      asBoolean(configuration.associatePublicIpAddress) === true
        ? failed('The launch configuration assigns public IP addresses (associatePublicIpAddress true).')
        : passed('The launch configuration does not assign public IP addresses.'),
  ),
  defineControl(
    {
      id: 'AutoScaling.6',
      title: 'Amazon EC2 Auto Scaling groups should use multiple instance types in multiple Availability Zones',
      description: 'Checks whether an Auto Scaling group uses more than one instance type (mixed instances policy overrides).',
      severity: 'MEDIUM',
      resourceTypes: GROUP,
      standards: [FSBP],
      remediationUrl: controlPage('AutoScaling.6'),
    },
    (_item, configuration) => {
      const types = overrideTypes(configuration);
      return types.length > 1
        ? passed(`The group uses ${types.length} instance types (${types.join(', ')}).`)
        : failed(`The group uses ${types.length === 1 ? `one instance type (${types[0]})` : 'a single instance type (no mixed instances policy)'}.`);
    },
  ),
  defineControl(
    {
      id: 'AutoScaling.9',
      title: 'Amazon EC2 Auto Scaling groups should use Amazon EC2 launch templates',
      description:
        'Checks whether an Auto Scaling group launches from an EC2 launch template (launchTemplate, or the launch template of its mixed instances policy) rather than a launch configuration.',
      severity: 'MEDIUM',
      resourceTypes: GROUP,
      standards: [FSBP],
      remediationUrl: controlPage('AutoScaling.9'),
    },
    (_item, configuration) => {
      const template =
        asString(field(configuration, 'launchTemplate', ['launchTemplateName', 'launchTemplateId'])) ??
        asString(field(configuration, 'mixedInstancesPolicy', 'launchTemplate', 'launchTemplateSpecification', ['launchTemplateName', 'launchTemplateId']));
      if (template) return passed(`The group launches from launch template ${template}.`);
      const lc = asString(configuration.launchConfigurationName);
      return failed(lc ? `The group launches from launch configuration ${lc}, not a launch template.` : 'The group names no launch template.');
    },
  ),
];
