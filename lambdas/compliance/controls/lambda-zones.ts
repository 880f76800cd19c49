import type { ConfigurationItem, ControlDefinition } from './types';
import { failed, notApplicable, passed } from './support/verdicts';
import { asArray, asString, field } from './support/readers';
import { numberParameter } from './support/parameters';
import { controlPage, FSBP } from './support/mappings';
import { defineControl, liveRelated } from './support/guard';

const SUBNET = 'AWS::EC2::Subnet';

/** A function's VPC subnets (`vpcConfig.subnetIds`). */
const subnetsOf = (item: ConfigurationItem) =>
  asArray(field(item.configuration, ['vpcConfig', 'VpcConfig'], ['subnetIds', 'SubnetIds'])).filter((id): id is string => typeof id === 'string');

/** Security Hub's Lambda.5: VPC functions in several Availability Zones. */
export const lambdaZoneControls: ControlDefinition[] = [
  defineControl(
    {
      id: 'Lambda.5',
      title: 'VPC Lambda functions should operate in multiple Availability Zones',
      description:
        "Checks whether a Lambda function attached to a VPC has subnets in at least the minimum number of Availability Zones (the zones of its subnets' AWS::EC2::Subnet items). Functions outside a VPC are not evaluated.",
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
