import type { ControlDefinition } from './types';
import { failed, notApplicable, passed } from './support/verdicts';
import { asArray, asBoolean, asString, field } from './support/readers';
import { cis3, controlPage, FSBP, pci321 } from './support/mappings';
import { defineControl, liveRelated } from './support/guard';
import { securityGroupControls } from './ec2-network';

const INSTANCE = 'AWS::EC2::Instance';
const GONE_INSTANCE_STATES = new Set(['terminated', 'shutting-down']);

/** NOT_APPLICABLE for instances that are terminated or terminating. */
function goneInstance(item: { resourceId: string }, configuration: Record<string, unknown>) {
  const state = asString(field(configuration, 'state', 'name'));
  return state && GONE_INSTANCE_STATES.has(state) ? notApplicable(`Instance ${item.resourceId} is ${state}.`) : undefined;
}

const instanceAndStorageControls: ControlDefinition[] = [
  defineControl(
    {
      id: 'EC2.3',
      title: 'Attached Amazon EBS volumes should be encrypted at-rest',
      description: 'Checks whether an EBS volume that is attached to an instance is encrypted. Unattached volumes are not evaluated.',
      severity: 'MEDIUM',
      resourceTypes: ['AWS::EC2::Volume'],
      standards: [FSBP],
      remediationUrl: controlPage('EC2.3'),
    },
    (item, configuration) => {
      const state = asString(field(configuration, 'state', 'value')) ?? asString(configuration.state);
      if (asArray(configuration.attachments).length === 0 && state !== 'in-use') {
        return notApplicable(`Volume ${item.resourceId} is not attached to an instance.`);
      }
      return asBoolean(configuration.encrypted) === true
        ? passed(`Attached volume ${item.resourceId} is encrypted.`)
        : failed(`Attached volume ${item.resourceId} is not encrypted (encrypted is ${String(configuration.encrypted ?? 'missing')}).`);
    },
  ),
  defineControl(
    {
      id: 'EC2.6',
      title: 'VPC flow logging should be enabled in all VPCs',
      description: 'Checks whether a VPC has an active flow log capturing the traffic type of the trafficType parameter (a flow log of ALL traffic also captures it).',
      severity: 'MEDIUM',
      resourceTypes: ['AWS::EC2::VPC'],
      standards: [FSBP, cis3('3.7'), pci321('10.3.3', '10.3.4', '10.3.5', '10.3.6')],
      parameters: { trafficType: { type: 'string', default: 'REJECT', description: 'Traffic type the flow log must capture: ACCEPT, REJECT or ALL.' } },
      reads: [
        {
          resourceType: 'AWS::EC2::FlowLog',
          affects: (flowLog, vpc) => field(flowLog.configuration, 'resourceId') === (asString(field(vpc.configuration, 'vpcId')) ?? vpc.resourceId),
        },
      ],
      remediationUrl: controlPage('EC2.6'),
    },
    (item, configuration, context) => {
      const vpcId = asString(configuration.vpcId) ?? item.resourceId;
      const wanted = String(context.parameters.trafficType ?? 'REJECT').toUpperCase();
      const logs = liveRelated(context, 'AWS::EC2::FlowLog').filter((log) => field(log.configuration, 'resourceId') === vpcId);
      const matching = logs.filter((log) => {
        const type = String(field(log.configuration, 'trafficType') ?? '').toUpperCase();
        const status = asString(field(log.configuration, 'flowLogStatus'));
        return (type === wanted || type === 'ALL') && (status === undefined || status === 'ACTIVE');
      });
      if (matching.length > 0) return passed(`VPC ${vpcId} has an active flow log capturing ${wanted} traffic (${matching.map((log) => log.resourceId).join(', ')}).`);
      return failed(
        logs.length === 0
          ? `VPC ${vpcId} has no flow log.`
          : `VPC ${vpcId} has flow logs (${logs.map((log) => log.resourceId).join(', ')}) but none active capturing ${wanted} traffic.`,
      );
    },
  ),
  defineControl(
    {
      id: 'EC2.7',
      title: 'EBS default encryption should be enabled',
      description: 'Checks whether account-level encryption by default is enabled for Amazon EBS in the Region (ebsEncryptionByDefault of the account item).',
      severity: 'MEDIUM',
      resourceTypes: ['AWS::::Account'],
      standards: [FSBP, cis3('2.2.1')],
      remediationUrl: controlPage('EC2.7'),
    },
    (item, configuration) => {
      const enabled = asBoolean(configuration.ebsEncryptionByDefault);
      if (enabled === true) return passed(`EBS encryption by default is enabled for account ${item.accountId} in ${item.awsRegion}.`);
      return failed(
        enabled === false
          ? `EBS encryption by default is disabled for account ${item.accountId} in ${item.awsRegion}.`
          : `EBS encryption by default is not recorded for account ${item.accountId} in ${item.awsRegion} (ebsEncryptionByDefault missing).`,
      );
    },
  ),
  defineControl(
    {
      id: 'EC2.8',
      title: 'EC2 instances should use Instance Metadata Service Version 2 (IMDSv2)',
      description: 'Checks whether an EC2 instance requires IMDSv2 (metadataOptions.httpTokens is required).',
      severity: 'HIGH',
      resourceTypes: [INSTANCE],
      standards: [FSBP, cis3('5.6')],
      remediationUrl: controlPage('EC2.8'),
    },
    (item, configuration) => {
      const gone = goneInstance(item, configuration);
      if (gone) return gone;
      const tokens = asString(field(configuration, 'metadataOptions', 'httpTokens'));
      return tokens === 'required'
        ? passed(`Instance ${item.resourceId} requires IMDSv2 (httpTokens required).`)
        : failed(`Instance ${item.resourceId} does not require IMDSv2 (httpTokens is ${tokens ?? 'missing'}).`);
    },
  ),
  defineControl(
    {
      id: 'EC2.9',
      title: 'Amazon EC2 instances should not have a public IPv4 address',
      description: 'Checks whether an EC2 instance has a public IPv4 address (publicIpAddress, or a public IP on one of its network interfaces).',
      severity: 'HIGH',
      resourceTypes: [INSTANCE],
      standards: [FSBP],
      remediationUrl: controlPage('EC2.9'),
    },
    (item, configuration) => {
      const gone = goneInstance(item, configuration);
      if (gone) return gone;
      const addresses = [asString(configuration.publicIpAddress), ...asArray(configuration.networkInterfaces).map((nic) => asString(field(nic, 'association', 'publicIp')))].filter(
        (address): address is string => address !== undefined,
      );
      return addresses.length > 0
        ? failed(`Instance ${item.resourceId} has public IPv4 address(es) ${[...new Set(addresses)].join(', ')}.`)
        : passed(`Instance ${item.resourceId} has no public IPv4 address.`);
    },
  ),
  defineControl(
    {
      id: 'EC2.15',
      title: 'Amazon EC2 subnets should not automatically assign public IP addresses',
      description: 'Checks whether a VPC subnet assigns public IPv4 addresses on launch (mapPublicIpOnLaunch).',
      severity: 'MEDIUM',
      resourceTypes: ['AWS::EC2::Subnet'],
      standards: [FSBP],
      remediationUrl: controlPage('EC2.15'),
    },
    (item, configuration) =>
      asBoolean(configuration.mapPublicIpOnLaunch) === true
        ? failed(`Subnet ${item.resourceId} assigns public IPv4 addresses on launch (mapPublicIpOnLaunch true).`)
        : passed(`Subnet ${item.resourceId} does not assign public IPv4 addresses on launch.`),
  ),
];

/** Security Hub controls for Amazon EC2, EBS and VPC, security group and network ACL controls included. */
export const ec2Controls: ControlDefinition[] = [...instanceAndStorageControls, ...securityGroupControls];
