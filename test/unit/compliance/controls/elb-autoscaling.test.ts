import { elbControls } from '../../../../lambdas/compliance/controls/elb';
import { autoscalingControls } from '../../../../lambdas/compliance/controls/autoscaling';
import { controlHarness } from '../../../support/controls';
import { controlTable } from '../../../support/control-table';

const elb = controlHarness(elbControls, 'elb');
const asg = controlHarness(autoscalingControls, 'autoscaling');
type Patchable = { configuration: Record<string, any>; supplementaryConfiguration?: Record<string, any> };
const attrs = (i: Patchable) => i.supplementaryConfiguration!.LoadBalancerAttributes;
const v2 = (key: string, value: string | undefined) => (i: Patchable) => {
  const list = attrs(i).filter((entry: { key: string }) => entry.key !== key);
  i.supplementaryConfiguration!.LoadBalancerAttributes = value === undefined ? list : [...list, { key, value }];
};
const network = (i: Patchable) => {
  i.configuration.type = 'network';
};
const listener = elb.load('listener-http-redirect');
const plainListener = {
  ...listener,
  resourceId: 'l-plain',
  configuration: { ...listener.configuration, port: 8080, defaultActions: [{ type: 'forward', targetGroupArn: 'arn:tg' }] },
};

controlTable(elb, 'ELB.1', 'alb-hardened', [
  { name: 'the HTTP listener redirects to HTTPS', related: [listener], expect: 'PASSED', reason: /Every HTTP listener .* redirects to HTTPS/ },
  { name: 'an HTTP listener forwarding', related: [listener, plainListener], expect: 'FAILED', reason: /port 8080 .* do not redirect/ },
  { name: 'no HTTP listener', expect: 'PASSED', reason: /no HTTP listener/ },
  {
    name: 'a listener of another load balancer',
    related: [{ ...plainListener, configuration: { ...plainListener.configuration, loadBalancerArn: 'arn:other' } }],
    expect: 'PASSED',
    reason: /no HTTP listener/,
  },
  { name: 'a network load balancer', patch: network, expect: 'NOT_APPLICABLE', reason: /network load balancer/ },
]);

controlTable(elb, 'ELB.2', 'clb-hardened', [
  { name: 'ACM certificate', expect: 'PASSED', reason: /uses an ACM certificate/ },
  {
    name: 'IAM server certificate',
    patch: (i) => {
      i.configuration.listenerDescriptions[0].listener.sSLCertificateId = 'arn:aws:iam::111122223333:server-certificate/old';
    },
    expect: 'FAILED',
    reason: /server-certificate\/old/,
  },
  {
    name: 'HTTP only',
    patch: (i) => {
      i.configuration.listenerDescriptions[0].listener.protocol = 'HTTP';
    },
    expect: 'NOT_APPLICABLE',
    reason: /no HTTPS or SSL listener/,
  },
]);

controlTable(elb, 'ELB.3', 'clb-hardened', [
  { name: 'HTTPS only', expect: 'PASSED', reason: /terminates HTTPS or TLS/ },
  {
    name: 'an HTTP listener',
    patch: (i) => {
      i.configuration.listenerDescriptions.push({ listener: { protocol: 'HTTP', loadBalancerPort: 80 } });
    },
    expect: 'FAILED',
    reason: /HTTP 80/,
  },
  {
    name: 'a TCP listener',
    patch: (i) => {
      i.configuration.listenerDescriptions[0].listener.protocol = 'TCP';
    },
    expect: 'FAILED',
    reason: /TCP 443/,
  },
  {
    name: 'no listeners',
    patch: (i) => {
      i.configuration.listenerDescriptions = [];
    },
    expect: 'NOT_APPLICABLE',
    reason: /no listeners/,
  },
]);

controlTable(elb, 'ELB.4', 'alb-hardened', [
  { name: 'drops invalid headers', expect: 'PASSED', reason: /drops invalid HTTP headers/ },
  { name: 'keeps invalid headers', patch: v2('routing.http.drop_invalid_header_fields.enabled', 'false'), expect: 'FAILED', reason: /enabled false/ },
  { name: 'attribute not recorded', patch: v2('routing.http.drop_invalid_header_fields.enabled', undefined), expect: 'FAILED', reason: /enabled missing/ },
  { name: 'a network load balancer', patch: network, expect: 'NOT_APPLICABLE', reason: /network/ },
]);

controlTable(elb, 'ELB.5', 'alb-hardened', [
  { name: 'ALB logging', expect: 'PASSED', reason: /writes access logs/ },
  { name: 'ALB not logging', patch: v2('access_logs.s3.enabled', 'false'), expect: 'FAILED', reason: /access_logs\.s3\.enabled false/ },
  { name: 'CLB logging', fixture: 'clb-hardened', expect: 'PASSED', reason: /Classic Load Balancer legacy-web writes access logs/ },
  {
    name: 'CLB not logging',
    fixture: 'clb-hardened',
    patch: (i) => {
      attrs(i).accessLog.enabled = false;
    },
    expect: 'FAILED',
    reason: /accessLog\.enabled false/,
  },
  { name: 'an NLB', patch: network, expect: 'NOT_APPLICABLE', reason: /network/ },
]);

controlTable(elb, 'ELB.6', 'alb-hardened', [
  { name: 'protected', expect: 'PASSED', reason: /deletion protection enabled/ },
  {
    name: 'an unprotected NLB',
    patch: (i) => {
      network(i);
      v2('deletion_protection.enabled', 'false')(i);
    },
    expect: 'FAILED',
    reason: /deletion_protection\.enabled false/,
  },
]);

controlTable(elb, 'ELB.7', 'clb-hardened', [
  { name: 'draining', expect: 'PASSED', reason: /connection draining enabled/ },
  {
    name: 'not draining',
    patch: (i) => {
      attrs(i).connectionDraining.enabled = false;
    },
    expect: 'FAILED',
    reason: /connectionDraining\.enabled false/,
  },
]);

controlTable(elb, 'ELB.8', 'clb-hardened', [
  { name: 'the predefined policy by name', expect: 'PASSED', reason: /ELBSecurityPolicy-TLS-1-2-2017-01/ },
  {
    name: 'a custom policy referencing the predefined one',
    patch: (i) => {
      i.configuration.listenerDescriptions[0].policyNames = ['my-ssl'];
      i.supplementaryConfiguration!.LoadBalancerPolicies = [
        {
          policyName: 'my-ssl',
          policyTypeName: 'SSLNegotiationPolicyType',
          policyAttributeDescriptions: [{ attributeName: 'Reference-Security-Policy', attributeValue: 'ELBSecurityPolicy-TLS-1-2-2017-01' }],
        },
      ];
    },
    expect: 'PASSED',
    reason: /uses ELBSecurityPolicy-TLS-1-2-2017-01/,
  },
  {
    name: 'an old policy',
    patch: (i) => {
      i.configuration.listenerDescriptions[0].policyNames = ['ELBSecurityPolicy-2016-08'];
    },
    expect: 'FAILED',
    reason: /port 443 .* do not use/,
  },
  {
    name: 'predefinedPolicyName ELBSecurityPolicy-2016-08',
    parameters: { predefinedPolicyName: 'ELBSecurityPolicy-2016-08' },
    expect: 'FAILED',
    reason: /ELBSecurityPolicy-2016-08/,
  },
]);

controlTable(elb, 'ELB.9', 'clb-hardened', [
  { name: 'cross-zone', expect: 'PASSED', reason: /balances across zones/ },
  {
    name: 'zonal',
    patch: (i) => {
      attrs(i).crossZoneLoadBalancing.enabled = false;
    },
    expect: 'FAILED',
    reason: /crossZoneLoadBalancing\.enabled false/,
  },
]);

controlTable(elb, 'ELB.10', 'clb-hardened', [
  { name: 'two zones', expect: 'PASSED', reason: /2 Availability Zones/ },
  {
    name: 'one zone',
    patch: (i) => {
      i.configuration.availabilityZones = ['eu-west-1a'];
    },
    expect: 'FAILED',
    reason: /1 Availability Zone\(s\), fewer than 2/,
  },
  { name: 'two zones with minAvailabilityZones 3', parameters: { minAvailabilityZones: 3 }, expect: 'FAILED', reason: /fewer than 3/ },
]);

controlTable(elb, 'ELB.12', 'alb-hardened', [
  { name: 'defensive', expect: 'PASSED', reason: /mode defensive\./ },
  { name: 'monitor', patch: v2('routing.http.desync_mitigation_mode', 'monitor'), expect: 'FAILED', reason: /monitor, not one of defensive, strictest/ },
  { name: 'not recorded: AWS default', patch: v2('routing.http.desync_mitigation_mode', undefined), expect: 'PASSED', reason: /AWS default/ },
  { name: 'desyncMode strictest only', parameters: { desyncMode: ['strictest'] }, expect: 'FAILED', reason: /not one of strictest/ },
]);

controlTable(elb, 'ELB.13', 'alb-hardened', [
  { name: 'two zones', expect: 'PASSED', reason: /eu-west-1a, eu-west-1b/ },
  {
    name: 'one zone',
    patch: (i) => {
      i.configuration.availabilityZones.pop();
    },
    expect: 'FAILED',
    reason: /fewer than 2/,
  },
  { name: 'minAvailabilityZones 3', parameters: { minAvailabilityZones: 3 }, expect: 'FAILED', reason: /fewer than 3/ },
]);

controlTable(elb, 'ELB.14', 'clb-hardened', [
  { name: 'strictest', expect: 'PASSED', reason: /strictest/ },
  {
    name: 'monitor',
    patch: (i) => {
      attrs(i).additionalAttributes[0].value = 'monitor';
    },
    expect: 'FAILED',
    reason: /monitor/,
  },
]);

controlTable(asg, 'AutoScaling.1', 'group-hardened', [
  { name: 'ELB health checks', expect: 'PASSED', reason: /Elastic Load Balancing health checks for legacy-web/ },
  {
    name: 'EC2 health checks',
    patch: (i) => {
      i.configuration.healthCheckType = 'EC2';
    },
    expect: 'FAILED',
    reason: /uses EC2 health checks/,
  },
  {
    name: 'no load balancer',
    patch: (i) => {
      i.configuration.loadBalancerNames = [];
    },
    expect: 'NOT_APPLICABLE',
    reason: /not associated with a load balancer/,
  },
  {
    name: 'a target group with EC2 health checks',
    patch: (i) => {
      i.configuration.loadBalancerNames = [];
      i.configuration.targetGroupARNs = ['arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/6d0ecf831eec9f09'];
      i.configuration.healthCheckType = 'EC2';
    },
    expect: 'FAILED',
    reason: /targetgroup\/web\/6d0ecf831eec9f09 but uses EC2 health checks/,
  },
]);

controlTable(asg, 'AutoScaling.2', 'group-hardened', [
  { name: 'two zones', expect: 'PASSED', reason: /2 Availability Zones/ },
  {
    name: 'one zone',
    patch: (i) => {
      i.configuration.availabilityZones = ['eu-west-1a'];
    },
    expect: 'FAILED',
    reason: /fewer than 2/,
  },
  { name: 'minAvailabilityZones 3', parameters: { minAvailabilityZones: 3 }, expect: 'FAILED', reason: /fewer than 3/ },
]);

controlTable(asg, 'AutoScaling.6', 'group-hardened', [
  { name: 'two instance types', expect: 'PASSED', reason: /t3\.micro, t3a\.micro/ },
  {
    name: 'one override',
    patch: (i) => {
      i.configuration.mixedInstancesPolicy.launchTemplate.overrides = [{ instanceType: 't3.micro' }];
    },
    expect: 'FAILED',
    reason: /one instance type \(t3\.micro\)/,
  },
  {
    name: 'no mixed instances policy',
    patch: (i) => {
      delete i.configuration.mixedInstancesPolicy;
    },
    expect: 'FAILED',
    reason: /no mixed instances policy/,
  },
]);

controlTable(asg, 'AutoScaling.9', 'group-hardened', [
  { name: 'mixed instances launch template', expect: 'PASSED', reason: /launch template web-tier/ },
  {
    name: 'a plain launch template',
    patch: (i) => {
      delete i.configuration.mixedInstancesPolicy;
      i.configuration.launchTemplate = { launchTemplateId: 'lt-1' };
    },
    expect: 'PASSED',
    reason: /lt-1/,
  },
  {
    name: 'a launch configuration',
    patch: (i) => {
      delete i.configuration.mixedInstancesPolicy;
      i.configuration.launchConfigurationName = 'batch-lc';
    },
    expect: 'FAILED',
    reason: /launch configuration batch-lc/,
  },
]);

controlTable(asg, 'AutoScaling.3', 'launch-configuration-hardened', [
  { name: 'IMDSv2 required', expect: 'PASSED', reason: /httpTokens required/ },
  {
    name: 'IMDSv1 allowed',
    patch: (i) => {
      i.configuration.metadataOptions.httpTokens = 'optional';
    },
    expect: 'FAILED',
    reason: /httpTokens optional/,
  },
  {
    name: 'no metadata options',
    patch: (i) => {
      delete i.configuration.metadataOptions;
    },
    expect: 'FAILED',
    reason: /httpTokens missing/,
  },
  { name: 'a group', fixture: 'group-hardened', expect: 'NOT_APPLICABLE', reason: /not evaluated by this control/ },
]);

controlTable(asg, 'Autoscaling.5', 'launch-configuration-hardened', [
  { name: 'private', expect: 'PASSED', reason: /does not assign public IP/ },
  {
    name: 'public IPs',
    patch: (i) => {
      i.configuration.associatePublicIpAddress = true;
    },
    expect: 'FAILED',
    reason: /associatePublicIpAddress true/,
  },
]);
