import type { ConfigurationItem, ControlDefinition } from './types';
import { failed, notApplicable, passed } from './support/verdicts';
import { asArray, asBoolean, asString, daysSince, field } from './support/readers';
import { numberParameter } from './support/parameters';
import { controlPage, FSBP, pci321 } from './support/mappings';
import { defineControl, liveRelated } from './support/guard';

const INSTANCE = ['AWS::EC2::Instance'];
const ENDPOINT = 'AWS::EC2::VPCEndpoint';

/** When a stopped instance stopped: the date in `stateTransitionReason` ("User initiated (2025-01-02 10:00:00 GMT)"), else the item's capture time. */
function stoppedSince(item: ConfigurationItem, configuration: Record<string, unknown>): string | undefined {
  const reason = asString(configuration.stateTransitionReason) ?? '';
  const match = /\((\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})/.exec(reason);
  return match ? `${match[1]}T${match[2]}Z` : item.configurationItemCaptureTime;
}

/** Security Hub controls for EC2 inventory hygiene: stopped instances, unused EIPs, NACLs and groups, ENIs, VPN, transit gateways, launch templates. */
export const ec2InventoryControls: ControlDefinition[] = [
  defineControl(
    {
      id: 'EC2.4',
      title: 'Stopped EC2 instances should be removed after a specified time period',
      description: 'Checks whether an EC2 instance has been stopped for longer than the allowed number of days.',
      severity: 'MEDIUM',
      resourceTypes: INSTANCE,
      standards: [FSBP],
      parameters: { allowedDays: { type: 'int', default: 30, description: 'Days an instance may stay stopped.' } },
      remediationUrl: controlPage('EC2.4'),
    },
    (item, configuration, { parameters, now }) => {
      const state = asString(field(configuration, 'state', 'name'));
      if (state === 'terminated' || state === 'shutting-down') return notApplicable(`Instance ${item.resourceId} is ${state}.`);
      if (state !== 'stopped') return passed(`Instance ${item.resourceId} is not stopped (state ${state ?? 'not recorded'}).`);
      const allowed = numberParameter(parameters, 'allowedDays', 30);
      const days = daysSince(stoppedSince(item, configuration), now);
      if (days === undefined) return failed(`Instance ${item.resourceId} is stopped and the stop time is not recorded.`);
      return days > allowed
        ? failed(`Instance ${item.resourceId} has been stopped for ${days} days, more than the allowed ${allowed}.`)
        : passed(`Instance ${item.resourceId} has been stopped for ${days} days, within the allowed ${allowed}.`);
    },
  ),
  defineControl(
    {
      id: 'EC2.10',
      title: 'Amazon EC2 should be configured to use VPC endpoints that are created for the Amazon EC2 service',
      description: 'Checks whether a VPC has a VPC endpoint for the Amazon EC2 service (AWS::EC2::VPCEndpoint items of the VPC).',
      severity: 'MEDIUM',
      resourceTypes: ['AWS::EC2::VPC'],
      standards: [FSBP],
      parameters: { serviceName: { type: 'string', default: 'ec2', description: 'The service whose endpoint every VPC should have.' } },
      reads: [{ resourceType: ENDPOINT, affects: (endpoint, vpc) => field(endpoint.configuration, 'vpcId') === vpc.resourceId }],
      remediationUrl: controlPage('EC2.10'),
    },
    (item, _configuration, context) => {
      const service = String(context.parameters.serviceName ?? 'ec2');
      const found = liveRelated(context, ENDPOINT).find(
        (endpoint) => field(endpoint.configuration, 'vpcId') === item.resourceId && (asString(field(endpoint.configuration, 'serviceName')) ?? '').endsWith(`.${service}`),
      );
      return found
        ? passed(`VPC ${item.resourceId} has VPC endpoint ${found.resourceId} for ${service}.`)
        : failed(`VPC ${item.resourceId} has no VPC endpoint for the ${service} service.`);
    },
  ),
  defineControl(
    {
      id: 'EC2.12',
      title: 'Unused EC2 EIPs should be removed',
      description: 'Checks whether an Elastic IP address is associated with an instance or a network interface.',
      severity: 'LOW',
      resourceTypes: ['AWS::EC2::EIP'],
      standards: [pci321('2.4')],
      remediationUrl: controlPage('EC2.12'),
    },
    (item, configuration) => {
      const target = asString(configuration.instanceId) ?? asString(configuration.networkInterfaceId) ?? asString(configuration.associationId);
      return target
        ? passed(`Elastic IP ${item.resourceId} is in use (${target}).`)
        : failed(`Elastic IP ${item.resourceId} is not associated with an instance or network interface.`);
    },
  ),
  defineControl(
    {
      id: 'EC2.16',
      title: 'Unused Network Access Control Lists should be removed',
      description: 'Checks whether a network ACL is associated with a subnet.',
      severity: 'LOW',
      resourceTypes: ['AWS::EC2::NetworkAcl'],
      standards: [FSBP],
      remediationUrl: controlPage('EC2.16'),
    },
    (item, configuration) => {
      const subnets = asArray(configuration.associations)
        .map((association) => asString(field(association, 'subnetId')))
        .filter(Boolean);
      return subnets.length
        ? passed(`Network ACL ${item.resourceId} is associated with ${subnets.join(', ')}.`)
        : failed(`Network ACL ${item.resourceId} is not associated with any subnet.`);
    },
  ),
  defineControl(
    {
      id: 'EC2.17',
      title: 'Amazon EC2 instances should not use multiple ENIs',
      description: 'Checks whether an EC2 instance uses more than one network interface.',
      severity: 'LOW',
      resourceTypes: INSTANCE,
      standards: [FSBP],
      remediationUrl: controlPage('EC2.17'),
    },
    (item, configuration) => {
      const interfaces = asArray(configuration.networkInterfaces).map((eni) => asString(field(eni, 'networkInterfaceId')) ?? '?');
      return interfaces.length > 1
        ? failed(`Instance ${item.resourceId} uses ${interfaces.length} network interfaces: ${interfaces.join(', ')}.`)
        : passed(`Instance ${item.resourceId} uses ${interfaces.length} network interface(s).`);
    },
  ),
  defineControl(
    {
      id: 'EC2.20',
      title: 'Both VPN tunnels for an AWS Site-to-Site VPN connection should be up',
      description: 'Checks whether both tunnels of a Site-to-Site VPN connection are UP (vgwTelemetry).',
      severity: 'MEDIUM',
      resourceTypes: ['AWS::EC2::VPNConnection'],
      standards: [FSBP],
      remediationUrl: controlPage('EC2.20'),
    },
    (item, configuration) => {
      const tunnels = asArray(configuration.vgwTelemetry);
      const down = tunnels.filter((tunnel) => asString(field(tunnel, 'status')) !== 'UP').map((tunnel) => asString(field(tunnel, 'outsideIpAddress')) ?? '?');
      if (tunnels.length < 2) return failed(`VPN connection ${item.resourceId} reports ${tunnels.length} tunnel(s), not two (vgwTelemetry).`);
      return down.length
        ? failed(`VPN connection ${item.resourceId} has tunnels not UP: ${down.join(', ')}.`)
        : passed(`Both tunnels of VPN connection ${item.resourceId} are UP.`);
    },
  ),
  defineControl(
    {
      id: 'EC2.23',
      title: 'Amazon EC2 Transit Gateways should not automatically accept VPC attachment requests',
      description: 'Checks whether a transit gateway automatically accepts shared VPC attachments (options.autoAcceptSharedAttachments).',
      severity: 'HIGH',
      resourceTypes: ['AWS::EC2::TransitGateway'],
      standards: [FSBP],
      remediationUrl: controlPage('EC2.23'),
    },
    (item, configuration) => {
      const setting = asString(field(configuration, ['options', 'Options'], ['autoAcceptSharedAttachments', 'AutoAcceptSharedAttachments']));
      return setting === 'enable'
        ? failed(`Transit gateway ${item.resourceId} automatically accepts shared VPC attachments (autoAcceptSharedAttachments enable).`)
        : passed(`Transit gateway ${item.resourceId} does not automatically accept shared VPC attachments (autoAcceptSharedAttachments ${setting ?? 'disable'}).`);
    },
  ),
  defineControl(
    {
      id: 'EC2.24',
      title: 'Amazon EC2 paravirtual instance types should not be used',
      description: 'Checks whether an EC2 instance uses paravirtual virtualization.',
      severity: 'MEDIUM',
      resourceTypes: INSTANCE,
      standards: [FSBP],
      remediationUrl: controlPage('EC2.24'),
    },
    (item, configuration) => {
      const type = asString(configuration.virtualizationType);
      return type === 'paravirtual'
        ? failed(`Instance ${item.resourceId} uses paravirtual virtualization.`)
        : passed(`Instance ${item.resourceId} uses ${type ?? 'hvm'} virtualization.`);
    },
  ),
  defineControl(
    {
      id: 'EC2.25',
      title: 'Amazon EC2 launch templates should not assign public IPs to network interfaces',
      description: 'Checks whether a launch template assigns public IP addresses to network interfaces at launch (networkInterfaces[].associatePublicIpAddress).',
      severity: 'HIGH',
      resourceTypes: ['AWS::EC2::LaunchTemplate'],
      standards: [FSBP],
      remediationUrl: controlPage('EC2.25'),
    },
    (item, configuration) => {
      const data = field(configuration, ['launchTemplateData', 'LaunchTemplateData']);
      const interfaces = asArray(field(data, ['networkInterfaces', 'NetworkInterfaces', 'NetworkInterfaceSet']));
      const publicOnes = interfaces
        .map((eni, index) => ({
          index: String(field(eni, ['deviceIndex', 'DeviceIndex']) ?? index),
          open: asBoolean(field(eni, ['associatePublicIpAddress', 'AssociatePublicIpAddress'])),
        }))
        .filter(({ open }) => open === true)
        .map(({ index }) => `device ${index}`);
      return publicOnes.length
        ? failed(`Launch template ${item.resourceId} assigns public IP addresses to network interfaces: ${publicOnes.join(', ')}.`)
        : passed(`Launch template ${item.resourceId} does not assign public IP addresses to network interfaces.`);
    },
  ),
];
