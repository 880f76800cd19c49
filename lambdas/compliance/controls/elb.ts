import type { ConfigurationItem, ControlDefinition, Evaluation } from './types';
import { failed, notApplicable, passed } from './support/verdicts';
import { asArray, asBoolean, asString, field } from './support/readers';
import { numberParameter, stringListParameter } from './support/parameters';
import { controlPage, FSBP, pci321 } from './support/mappings';
import { defineControl, liveRelated } from './support/guard';
import { classicAdditional, classicAttributes, classicListeners, v2Attribute, v2Type } from './support/load-balancers';

const CLASSIC = 'AWS::ElasticLoadBalancing::LoadBalancer';
const V2 = 'AWS::ElasticLoadBalancingV2::LoadBalancer';
const LISTENER = 'AWS::ElasticLoadBalancingV2::Listener';
const SECURE = ['HTTPS', 'SSL'];
const DESYNC_MODES = ['defensive', 'strictest'];

/** The load balancer's ARN as its listeners name it (Config's resourceId of an ELBv2 load balancer is its ARN). */
const arnOf = (item: ConfigurationItem) => asString(field(item.configuration, 'loadBalancerArn')) ?? item.arn ?? item.resourceId;

/** An ALB-only control: NOT_APPLICABLE for network and gateway load balancers. */
function applicationOnly(item: ConfigurationItem, configuration: Record<string, unknown>, judge: () => Evaluation): Evaluation {
  const type = v2Type(configuration);
  return type === 'application' ? judge() : notApplicable(`Load balancer ${item.resourceId} is a ${type} load balancer; this control evaluates Application Load Balancers.`);
}

/** A desync mitigation mode verdict (the attribute absent means the AWS default, defensive). */
function desyncVerdict(subject: string, recorded: string | undefined, allowed: string[]): Evaluation {
  const mode = recorded ?? 'defensive';
  const shown = recorded ? mode : 'defensive (not recorded: the AWS default)';
  return allowed.includes(mode)
    ? passed(`${subject} uses desync mitigation mode ${shown}.`)
    : failed(`${subject} uses desync mitigation mode ${shown}, not one of ${allowed.join(', ')}.`);
}

const desyncParameter = { type: 'stringList' as const, default: DESYNC_MODES, description: 'Allowed desync mitigation modes.' };
const azParameter = { type: 'int' as const, default: 2, description: 'Minimum number of Availability Zones.' };

/** Security Hub controls for Elastic Load Balancing (Classic, Application, Network and Gateway Load Balancers). */
export const elbControls: ControlDefinition[] = [
  defineControl(
    {
      id: 'ELB.1',
      title: 'Application Load Balancer should be configured to redirect all HTTP requests to HTTPS',
      description: 'Checks whether every HTTP listener of an Application Load Balancer redirects to HTTPS (its default action is a redirect with protocol HTTPS).',
      severity: 'MEDIUM',
      resourceTypes: [V2],
      standards: [FSBP, pci321('2.3', '4.1')],
      reads: [{ resourceType: LISTENER, affects: (listener, lb) => field(listener.configuration, 'loadBalancerArn') === arnOf(lb) }],
      remediationUrl: controlPage('ELB.1'),
    },
    (item, configuration, context) =>
      applicationOnly(item, configuration, () => {
        const http = liveRelated(context, LISTENER).filter(
          (listener) => field(listener.configuration, 'loadBalancerArn') === arnOf(item) && asString(field(listener.configuration, 'protocol')) === 'HTTP',
        );
        const plain = http.filter(
          (listener) =>
            !asArray(field(listener.configuration, 'defaultActions')).some(
              (action) => asString(field(action, 'type')) === 'redirect' && asString(field(action, 'redirectConfig', 'protocol')) === 'HTTPS',
            ),
        );
        if (http.length === 0) return passed(`Load balancer ${item.resourceId} has no HTTP listener.`);
        return plain.length
          ? failed(
              `HTTP listener(s) on port ${plain.map((listener) => String(field(listener.configuration, 'port') ?? '?')).join(', ')} of load balancer ${item.resourceId} do not redirect to HTTPS.`,
            )
          : passed(`Every HTTP listener of load balancer ${item.resourceId} redirects to HTTPS.`);
      }),
  ),
  defineControl(
    {
      id: 'ELB.2',
      title: 'Classic Load Balancers with SSL/HTTPS listeners should use a certificate provided by AWS Certificate Manager',
      description: 'Checks whether the HTTPS/SSL listeners of a Classic Load Balancer use ACM certificates.',
      severity: 'MEDIUM',
      resourceTypes: [CLASSIC],
      standards: [FSBP],
      remediationUrl: controlPage('ELB.2'),
    },
    (item, configuration) => {
      const secure = classicListeners(configuration).filter((listener) => SECURE.includes(listener.protocol));
      if (!secure.length) return notApplicable(`Classic Load Balancer ${item.resourceId} has no HTTPS or SSL listener.`);
      const other = secure.filter((listener) => !/^arn:[^:]+:acm:/.test(listener.certificate ?? ''));
      return other.length
        ? failed(
            `Listener(s) on port ${other.map((l) => l.port ?? '?').join(', ')} of ${item.resourceId} use a certificate not provided by ACM (${other.map((l) => l.certificate ?? 'none').join(', ')}).`,
          )
        : passed(`Every HTTPS/SSL listener of ${item.resourceId} uses an ACM certificate.`);
    },
  ),
  defineControl(
    {
      id: 'ELB.3',
      title: 'Classic Load Balancer listeners should be configured with HTTPS or TLS termination',
      description:
        'Checks whether every listener of a Classic Load Balancer uses HTTPS or SSL (TLS) for front-end connections. Load balancers without listeners are not evaluated.',
      severity: 'MEDIUM',
      resourceTypes: [CLASSIC],
      standards: [FSBP],
      remediationUrl: controlPage('ELB.3'),
    },
    (item, configuration) => {
      const listeners = classicListeners(configuration);
      if (!listeners.length) return notApplicable(`Classic Load Balancer ${item.resourceId} has no listeners.`);
      const plain = listeners.filter((listener) => !SECURE.includes(listener.protocol));
      return plain.length
        ? failed(`Classic Load Balancer ${item.resourceId} has listeners without TLS termination: ${plain.map((l) => `${l.protocol} ${l.port ?? '?'}`).join(', ')}.`)
        : passed(`Every listener of ${item.resourceId} terminates HTTPS or TLS.`);
    },
  ),
  defineControl(
    {
      id: 'ELB.4',
      title: 'Application Load Balancer should be configured to drop invalid http headers',
      description: 'Checks whether an Application Load Balancer drops invalid HTTP headers (routing.http.drop_invalid_header_fields.enabled).',
      severity: 'MEDIUM',
      resourceTypes: [V2],
      standards: [FSBP],
      remediationUrl: controlPage('ELB.4'),
    },
    (item, configuration) =>
      applicationOnly(item, configuration, () => {
        const value = v2Attribute(item, 'routing.http.drop_invalid_header_fields.enabled');
        return value === 'true'
          ? passed(`Load balancer ${item.resourceId} drops invalid HTTP headers.`)
          : failed(`Load balancer ${item.resourceId} does not drop invalid HTTP headers (routing.http.drop_invalid_header_fields.enabled ${value ?? 'missing'}).`);
      }),
  ),
  defineControl(
    {
      id: 'ELB.5',
      title: 'Application and Classic Load Balancers logging should be enabled',
      description: 'Checks whether an Application or Classic Load Balancer writes access logs (access_logs.s3.enabled; accessLog.enabled).',
      severity: 'MEDIUM',
      resourceTypes: [CLASSIC, V2],
      standards: [FSBP],
      remediationUrl: controlPage('ELB.5'),
    },
    (item, configuration) => {
      if (item.resourceType === CLASSIC) {
        const enabled = asBoolean(field(classicAttributes(item), 'accessLog', 'enabled'));
        return enabled === true
          ? passed(`Classic Load Balancer ${item.resourceId} writes access logs.`)
          : failed(`Classic Load Balancer ${item.resourceId} does not write access logs (accessLog.enabled ${enabled ?? 'missing'}).`);
      }
      return applicationOnly(item, configuration, () => {
        const value = v2Attribute(item, 'access_logs.s3.enabled');
        return value === 'true'
          ? passed(`Load balancer ${item.resourceId} writes access logs.`)
          : failed(`Load balancer ${item.resourceId} does not write access logs (access_logs.s3.enabled ${value ?? 'missing'}).`);
      });
    },
  ),
  defineControl(
    {
      id: 'ELB.6',
      title: 'Application, Gateway, and Network Load Balancers should have deletion protection enabled',
      description: 'Checks whether an Application, Gateway or Network Load Balancer has deletion protection enabled (deletion_protection.enabled).',
      severity: 'MEDIUM',
      resourceTypes: [V2],
      standards: [FSBP],
      remediationUrl: controlPage('ELB.6'),
    },
    (item) => {
      const value = v2Attribute(item, 'deletion_protection.enabled');
      return value === 'true'
        ? passed(`Load balancer ${item.resourceId} has deletion protection enabled.`)
        : failed(`Load balancer ${item.resourceId} does not have deletion protection enabled (deletion_protection.enabled ${value ?? 'missing'}).`);
    },
  ),
  defineControl(
    {
      id: 'ELB.7',
      title: 'Classic Load Balancers should have connection draining enabled',
      description: 'Checks whether a Classic Load Balancer has connection draining enabled (connectionDraining.enabled).',
      severity: 'MEDIUM',
      resourceTypes: [CLASSIC],
      standards: [FSBP],
      remediationUrl: controlPage('ELB.7'),
    },
    (item) => {
      const enabled = asBoolean(field(classicAttributes(item), 'connectionDraining', 'enabled'));
      return enabled === true
        ? passed(`Classic Load Balancer ${item.resourceId} has connection draining enabled.`)
        : failed(`Classic Load Balancer ${item.resourceId} does not have connection draining enabled (connectionDraining.enabled ${enabled ?? 'missing'}).`);
    },
  ),
  defineControl(
    {
      id: 'ELB.8',
      title: 'Classic Load Balancers with SSL listeners should use a predefined security policy that has strong AWS Configuration',
      description:
        'Checks whether the HTTPS/SSL listeners of a Classic Load Balancer use the predefined security policy (default ELBSecurityPolicy-TLS-1-2-2017-01), by name or as the Reference-Security-Policy of their SSL negotiation policy.',
      severity: 'MEDIUM',
      resourceTypes: [CLASSIC],
      standards: [FSBP],
      parameters: { predefinedPolicyName: { type: 'string', default: 'ELBSecurityPolicy-TLS-1-2-2017-01', description: 'The predefined security policy the listeners must use.' } },
      remediationUrl: controlPage('ELB.8'),
    },
    (item, configuration, { parameters }) => {
      const wanted = String(parameters.predefinedPolicyName ?? 'ELBSecurityPolicy-TLS-1-2-2017-01');
      const secure = classicListeners(configuration).filter((listener) => SECURE.includes(listener.protocol));
      if (!secure.length) return notApplicable(`Classic Load Balancer ${item.resourceId} has no HTTPS or SSL listener.`);
      const references = new Map(
        asArray(field(item.supplementaryConfiguration, 'LoadBalancerPolicies')).map((policy) => [
          asString(field(policy, 'policyName')) ?? '',
          asString(
            field(
              asArray(field(policy, 'policyAttributeDescriptions')).find((a) => field(a, 'attributeName') === 'Reference-Security-Policy'),
              'attributeValue',
            ),
          ),
        ]),
      );
      const weak = secure.filter((listener) => !listener.policyNames.some((name) => name === wanted || references.get(name) === wanted));
      return weak.length
        ? failed(`Listener(s) on port ${weak.map((l) => l.port ?? '?').join(', ')} of ${item.resourceId} do not use the predefined policy ${wanted}.`)
        : passed(`Every HTTPS/SSL listener of ${item.resourceId} uses ${wanted}.`);
    },
  ),
  defineControl(
    {
      id: 'ELB.9',
      title: 'Classic Load Balancers should have cross-zone load balancing enabled',
      description: 'Checks whether a Classic Load Balancer has cross-zone load balancing enabled (crossZoneLoadBalancing.enabled).',
      severity: 'MEDIUM',
      resourceTypes: [CLASSIC],
      standards: [FSBP],
      remediationUrl: controlPage('ELB.9'),
    },
    (item) => {
      const enabled = asBoolean(field(classicAttributes(item), 'crossZoneLoadBalancing', 'enabled'));
      return enabled === true
        ? passed(`Classic Load Balancer ${item.resourceId} balances across zones.`)
        : failed(`Classic Load Balancer ${item.resourceId} does not have cross-zone load balancing enabled (crossZoneLoadBalancing.enabled ${enabled ?? 'missing'}).`);
    },
  ),
  defineControl(
    {
      id: 'ELB.10',
      title: 'Classic Load Balancer should span multiple Availability Zones',
      description: 'Checks whether a Classic Load Balancer spans at least the minimum number of Availability Zones.',
      severity: 'MEDIUM',
      resourceTypes: [CLASSIC],
      standards: [FSBP],
      parameters: { minAvailabilityZones: azParameter },
      remediationUrl: controlPage('ELB.10'),
    },
    (item, configuration, { parameters }) => {
      const minimum = numberParameter(parameters, 'minAvailabilityZones', 2);
      const zones = asArray(configuration.availabilityZones).filter((zone): zone is string => typeof zone === 'string');
      return zones.length >= minimum
        ? passed(`Classic Load Balancer ${item.resourceId} spans ${zones.length} Availability Zones (${zones.join(', ')}).`)
        : failed(`Classic Load Balancer ${item.resourceId} spans ${zones.length} Availability Zone(s), fewer than ${minimum}.`);
    },
  ),
  defineControl(
    {
      id: 'ELB.12',
      title: 'Application Load Balancer should be configured with defensive or strictest desync mitigation mode',
      description: 'Checks whether an Application Load Balancer uses defensive or strictest desync mitigation mode (routing.http.desync_mitigation_mode).',
      severity: 'MEDIUM',
      resourceTypes: [V2],
      standards: [FSBP],
      parameters: { desyncMode: desyncParameter },
      remediationUrl: controlPage('ELB.12'),
    },
    (item, configuration, { parameters }) =>
      applicationOnly(item, configuration, () =>
        desyncVerdict(`Load balancer ${item.resourceId}`, v2Attribute(item, 'routing.http.desync_mitigation_mode'), stringListParameter(parameters, 'desyncMode', DESYNC_MODES)),
      ),
  ),
  defineControl(
    {
      id: 'ELB.13',
      title: 'Application, Network and Gateway Load Balancers should span multiple Availability Zones',
      description: 'Checks whether an Application, Network or Gateway Load Balancer spans at least the minimum number of Availability Zones.',
      severity: 'MEDIUM',
      resourceTypes: [V2],
      standards: [FSBP],
      parameters: { minAvailabilityZones: azParameter },
      remediationUrl: controlPage('ELB.13'),
    },
    (item, configuration, { parameters }) => {
      const minimum = numberParameter(parameters, 'minAvailabilityZones', 2);
      const zones = asArray(configuration.availabilityZones).map((zone) => asString(field(zone, 'zoneName')) ?? '?');
      return zones.length >= minimum
        ? passed(`Load balancer ${item.resourceId} spans ${zones.length} Availability Zones (${zones.join(', ')}).`)
        : failed(`Load balancer ${item.resourceId} spans ${zones.length} Availability Zone(s), fewer than ${minimum}.`);
    },
  ),
  defineControl(
    {
      id: 'ELB.14',
      title: 'Classic Load Balancer should be configured with defensive or strictest desync mitigation mode',
      description: 'Checks whether a Classic Load Balancer uses defensive or strictest desync mitigation mode (elb.http.desyncmitigationmode).',
      severity: 'MEDIUM',
      resourceTypes: [CLASSIC],
      standards: [FSBP],
      parameters: { desyncMode: desyncParameter },
      remediationUrl: controlPage('ELB.14'),
    },
    (item, _configuration, { parameters }) =>
      desyncVerdict(
        `Classic Load Balancer ${item.resourceId}`,
        classicAdditional(item, 'elb.http.desyncmitigationmode'),
        stringListParameter(parameters, 'desyncMode', DESYNC_MODES),
      ),
  ),
];
