import type { ConfigurationItem, ControlDefinition } from './types';
import { failed, notApplicable, passed } from './support/verdicts';
import { asArray, asBoolean, asString, field } from './support/readers';
import { numberParameter } from './support/parameters';
import { controlPage, FSBP } from './support/mappings';
import { defineControl, liveRelated } from './support/guard';

const SUBNET = 'AWS::EC2::Subnet';

/** A function's VPC subnets (`vpcConfig.subnetIds`). */
const subnetsOf = (item: ConfigurationItem) =>
  asArray(field(item.configuration, ['vpcConfig', 'VpcConfig'], ['subnetIds', 'SubnetIds'])).filter((id): id is string => typeof id === 'string');

/** Security Hub controls for DynamoDB Accelerator clusters and Lambda's Availability Zones. */
export const daxAndLambdaZoneControls: ControlDefinition[] = [
  defineControl(
    {
      id: 'DynamoDB.3',
      title: 'DynamoDB Accelerator (DAX) clusters should be encrypted at rest',
      description: 'Checks whether a DAX cluster is encrypted at rest (SSEDescription.Status ENABLED).',
      severity: 'MEDIUM',
      resourceTypes: ['AWS::DAX::Cluster'],
      standards: [FSBP],
      remediationUrl: controlPage('DynamoDB.3'),
    },
    (item, configuration) => {
      const status = asString(field(configuration, ['SSEDescription', 'sSEDescription', 'sseDescription'], ['Status', 'status']));
      const specified = asBoolean(field(configuration, ['SSESpecification', 'sSESpecification'], ['SSEEnabled', 'sSEEnabled']));
      return status === 'ENABLED' || (status === undefined && specified === true)
        ? passed(`DAX cluster ${item.resourceId} is encrypted at rest.`)
        : failed(`DAX cluster ${item.resourceId} is not encrypted at rest (SSEDescription.Status ${status ?? 'missing'}).`);
    },
  ),
  defineControl(
    {
      id: 'DynamoDB.7',
      title: 'DynamoDB Accelerator clusters should be encrypted in transit',
      description: 'Checks whether a DAX cluster encrypts its endpoint traffic with TLS (ClusterEndpointEncryptionType TLS).',
      severity: 'MEDIUM',
      resourceTypes: ['AWS::DAX::Cluster'],
      standards: [FSBP],
      remediationUrl: controlPage('DynamoDB.7'),
    },
    (item, configuration) => {
      const type = asString(field(configuration, ['ClusterEndpointEncryptionType', 'clusterEndpointEncryptionType'])) ?? 'NONE';
      return type === 'TLS' ? passed(`DAX cluster ${item.resourceId} encrypts endpoint traffic with TLS.`) : failed(`DAX cluster ${item.resourceId} does not encrypt endpoint traffic (ClusterEndpointEncryptionType ${type}).`);
    },
  ),
  defineControl(
    {
      id: 'Lambda.5',
      title: 'VPC Lambda functions should operate in multiple Availability Zones',
      description: 'Checks whether a Lambda function attached to a VPC has subnets in at least the minimum number of Availability Zones (the zones of its subnets\' AWS::EC2::Subnet items). Functions outside a VPC are not evaluated.',
      severity: 'MEDIUM',
      resourceTypes: ['AWS::Lambda::Function'],
      standards: [FSBP],
      parameters: { availabilityZones: { type: 'int', default: 2, description: 'Minimum number of Availability Zones.' } },
      reads: [{ resourceType: SUBNET, affects: (subnet, fn) => subnetsOf(fn).includes(subnet.resourceId) }],
      remediationUrl: controlPage('Lambda.5'),
    },
    (item, _configuration, context) => {
      const subnets = subnetsOf(item);
      if (!subnets.length) return notApplicable(`Function ${item.resourceId} is not attached to a VPC.`);
      const minimum = numberParameter(context.parameters, 'availabilityZones', 2);
      const zoneOf = new Map(liveRelated(context, SUBNET).map((subnet) => [subnet.resourceId, asString(field(subnet.configuration, 'availabilityZone'))]));
      const zones = [...new Set(subnets.map((id) => zoneOf.get(id)).filter((zone): zone is string => !!zone))];
      if (zones.length >= minimum) return passed(`Function ${item.resourceId} operates in ${zones.length} Availability Zones (${zones.join(', ')}).`);
      const unknown = subnets.filter((id) => !zoneOf.get(id));
      if (unknown.length) return notApplicable(`Function ${item.resourceId}: the Availability Zones of subnet(s) ${unknown.join(', ')} are not recorded.`);
      return failed(`Function ${item.resourceId} operates in ${zones.length} Availability Zone(s) (${zones.join(', ')}), fewer than ${minimum}.`);
    },
  ),
];
