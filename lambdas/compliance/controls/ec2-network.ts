/**
 * Security Hub's EC2 controls on security group and network ACL ingress (EC2.2, EC2.13, EC2.18,
 * EC2.19, EC2.21, EC2.53, EC2.54). Listed by `ec2.ts`; kept here to keep each file short.
 */
import type { ControlDefinition, StandardMapping } from './types';
import { failed, notApplicable, passed } from './support/verdicts';
import { asArray, asString } from './support/readers';
import { intListParameter } from './support/parameters';
import { cis3, controlPage, FSBP, pci321 } from './support/mappings';
import { defineControl } from './support/guard';
import { aclOpenToPorts, describeRule, ingressRules, openSources, openToPorts } from './support/network-rules';

const SECURITY_GROUP = 'AWS::EC2::SecurityGroup';
const ADMIN_PORTS = [22, 3389];
/** EC2.19's ports with high risk, as the control page lists them. */
export const HIGH_RISK_PORTS = [20, 21, 22, 23, 25, 110, 135, 143, 445, 1433, 1434, 3000, 3306, 3389, 4333, 5000, 5432, 5500, 5601, 8080, 8088, 8888, 9200, 9300];

/** A "no ingress from anywhere to these ports" control on security groups. */
function noIngressFromAnywhere(spec: {
  id: string;
  title: string;
  severity: ControlDefinition['severity'];
  standards: StandardMapping[];
  ports: number[];
  families: Array<'ipv4' | 'ipv6'>;
}): ControlDefinition {
  const sources = spec.families.map((family) => (family === 'ipv4' ? '0.0.0.0/0' : '::/0')).join(' or ');
  return defineControl(
    {
      id: spec.id,
      title: spec.title,
      description: `Checks whether a security group allows ingress from ${sources} to port(s) ${spec.ports.join(', ')} (TCP, UDP or all protocols).`,
      severity: spec.severity,
      resourceTypes: [SECURITY_GROUP],
      standards: spec.standards,
      remediationUrl: controlPage(spec.id),
    },
    (item, configuration) => {
      const open = openToPorts(configuration, spec.ports, spec.families);
      return open.length > 0
        ? failed(`Security group ${item.resourceId} allows ingress ${open.join('; ')}.`)
        : passed(`Security group ${item.resourceId} allows no ingress from ${sources} to port(s) ${spec.ports.join(', ')}.`);
    },
  );
}

/** The security group and network ACL controls. */
export const securityGroupControls: ControlDefinition[] = [
  defineControl(
    {
      id: 'EC2.2',
      title: 'VPC default security groups should not allow inbound or outbound traffic',
      description: 'Checks whether the default security group of a VPC allows inbound or outbound traffic. Other security groups are not evaluated.',
      severity: 'HIGH',
      resourceTypes: [SECURITY_GROUP],
      standards: [FSBP, cis3('5.4'), pci321('1.2.1', '1.3.4', '2.1')],
      remediationUrl: controlPage('EC2.2'),
    },
    (item, configuration) => {
      if (asString(configuration.groupName) !== 'default') {
        return notApplicable(`Security group ${item.resourceId} is not a VPC default security group.`);
      }
      const inbound = asArray(configuration.ipPermissions).length;
      const outbound = asArray(configuration.ipPermissionsEgress).length;
      return inbound + outbound > 0
        ? failed(`Default security group ${item.resourceId} has ${inbound} inbound and ${outbound} outbound rule(s).`)
        : passed(`Default security group ${item.resourceId} has no inbound or outbound rules.`);
    },
  ),
  noIngressFromAnywhere({
    id: 'EC2.13',
    title: 'Security groups should not allow ingress from 0.0.0.0/0 or ::/0 to port 22',
    severity: 'HIGH',
    standards: [pci321('1.2.1', '1.3.1', '2.2.2')],
    ports: [22],
    families: ['ipv4', 'ipv6'],
  }),
  noIngressFromAnywhere({
    id: 'EC2.14',
    title: 'Security groups should not allow ingress from 0.0.0.0/0 or ::/0 to port 3389',
    severity: 'HIGH',
    standards: [], // PCI DSS v4.0.1 (and CIS v1.2.0, not offered): membership is data (standards/pci-4.0.1.ts)
    ports: [3389],
    families: ['ipv4', 'ipv6'],
  }),
  defineControl(
    {
      id: 'EC2.18',
      title: 'Security groups should only allow unrestricted incoming traffic for authorized ports',
      description:
        'Checks whether a security group allows unrestricted incoming traffic (0.0.0.0/0 or ::/0) to ports other than the authorized TCP and UDP ports. All-protocol rules open every port.',
      severity: 'HIGH',
      resourceTypes: [SECURITY_GROUP],
      standards: [FSBP],
      parameters: {
        authorizedTcpPorts: { type: 'intList', default: [80, 443], description: 'TCP ports that may be open to 0.0.0.0/0 or ::/0.' },
        authorizedUdpPorts: { type: 'intList', default: [], description: 'UDP ports that may be open to 0.0.0.0/0 or ::/0.' },
      },
      remediationUrl: controlPage('EC2.18'),
    },
    (item, configuration, context) => {
      const authorized: Record<string, number[]> = {
        tcp: intListParameter(context.parameters, 'authorizedTcpPorts', [80, 443]),
        udp: intListParameter(context.parameters, 'authorizedUdpPorts', []),
      };
      const unauthorized = ingressRules(configuration).flatMap((rule) => {
        const sources = openSources(rule);
        if (sources.length === 0 || !(rule.protocol in authorized || rule.protocol === 'all')) return [];
        const inRange = new Set((authorized[rule.protocol] ?? []).filter((port) => port >= rule.fromPort && port <= rule.toPort));
        // Authorized only when every port of the range is an authorized port.
        const fullyAuthorized = rule.protocol !== 'all' && inRange.size === rule.toPort - rule.fromPort + 1;
        return fullyAuthorized ? [] : [describeRule(rule, sources)];
      });
      return unauthorized.length > 0
        ? failed(`Security group ${item.resourceId} allows unrestricted ingress to unauthorized ports: ${unauthorized.join('; ')}.`)
        : passed(
            `Security group ${item.resourceId} allows unrestricted ingress only to authorized ports (TCP ${authorized.tcp?.join(', ') || 'none'}; UDP ${authorized.udp?.join(', ') || 'none'}).`,
          );
    },
  ),
  noIngressFromAnywhere({
    id: 'EC2.19',
    title: 'Security groups should not allow unrestricted access to ports with high risk',
    severity: 'CRITICAL',
    standards: [FSBP],
    ports: HIGH_RISK_PORTS,
    families: ['ipv4', 'ipv6'],
  }),
  defineControl(
    {
      id: 'EC2.21',
      title: 'Network ACLs should not allow ingress from 0.0.0.0/0 to port 22 or port 3389',
      description:
        'Checks whether a network ACL allows inbound TCP traffic from 0.0.0.0/0 or ::/0 to port 22 or 3389, reading its entries in rule-number order (the first matching entry decides).',
      severity: 'MEDIUM',
      resourceTypes: ['AWS::EC2::NetworkAcl'],
      standards: [FSBP, cis3('5.1')],
      remediationUrl: controlPage('EC2.21'),
    },
    (item, configuration) => {
      const open = aclOpenToPorts(configuration, ADMIN_PORTS);
      return open.length > 0
        ? failed(`Network ACL ${item.resourceId}: ${open.join('; ')}.`)
        : passed(`Network ACL ${item.resourceId} admits no traffic from 0.0.0.0/0 or ::/0 to port 22 or 3389.`);
    },
  ),
  noIngressFromAnywhere({
    id: 'EC2.53',
    title: 'EC2 security groups should not allow ingress from 0.0.0.0/0 to remote server administration ports',
    severity: 'HIGH',
    standards: [cis3('5.2')],
    ports: ADMIN_PORTS,
    families: ['ipv4'],
  }),
  noIngressFromAnywhere({
    id: 'EC2.54',
    title: 'EC2 security groups should not allow ingress from ::/0 to remote server administration ports',
    severity: 'HIGH',
    standards: [cis3('5.3')],
    ports: ADMIN_PORTS,
    families: ['ipv6'],
  }),
];
