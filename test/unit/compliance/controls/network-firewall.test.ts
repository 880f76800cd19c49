import { networkFirewallControls, networkFirewallUnrecordedControls } from '../../../../lambdas/compliance/controls/network-firewall';
import { describeVariants, set } from '../../../support/control-variants';

describeVariants(
  'Network Firewall controls',
  [...networkFirewallControls, ...networkFirewallUnrecordedControls],
  'network-firewall',
  {
    'AWS::NetworkFirewall::Firewall': 'firewall',
    'AWS::NetworkFirewall::LoggingConfiguration': 'logging-configuration',
    'AWS::NetworkFirewall::FirewallPolicy': 'firewall-policy',
    'AWS::NetworkFirewall::RuleGroup': 'rule-group',
  },
  [
    { control: 'NetworkFirewall.2', name: 'alert and flow logs', expect: 'PASSED', reason: /ALERT, FLOW logs/ },
    { control: 'NetworkFirewall.2', name: 'no destinations', patch: set('LoggingConfiguration.LogDestinationConfigs', []), expect: 'FAILED', reason: /no log destination/ },
    { control: 'NetworkFirewall.3', name: 'stateful and stateless groups', expect: 'PASSED', reason: /1 stateful and 1 stateless/ },
    {
      control: 'NetworkFirewall.3',
      name: 'no groups',
      patch: set('firewallPolicy', { statelessDefaultActions: ['aws:drop'], statelessFragmentDefaultActions: ['aws:drop'] }),
      expect: 'FAILED',
      reason: /no rule group associated/,
    },
    { control: 'NetworkFirewall.4', name: 'forward to stateful engine', expect: 'PASSED', reason: /full packets is aws:forward_to_sfe/ },
    {
      control: 'NetworkFirewall.4',
      name: 'pass',
      patch: set('firewallPolicy.statelessDefaultActions', ['aws:pass']),
      expect: 'FAILED',
      reason: /full packets is aws:pass, not one of aws:drop, aws:forward_to_sfe/,
    },
    {
      control: 'NetworkFirewall.4',
      name: 'only drop allowed',
      parameters: { statelessDefaultActions: 'aws:drop' },
      expect: 'FAILED',
      reason: /not one of aws:drop$|not one of aws:drop\./,
    },
    { control: 'NetworkFirewall.5', name: 'drop fragments', expect: 'PASSED', reason: /fragmented packets is aws:drop/ },
    {
      control: 'NetworkFirewall.5',
      name: 'pass fragments',
      patch: set('firewallPolicy.statelessFragmentDefaultActions', ['aws:pass', 'my-metric']),
      expect: 'FAILED',
      reason: /fragmented packets is aws:pass/,
    },
    {
      control: 'NetworkFirewall.5',
      name: 'only forward allowed',
      parameters: { statelessFragDefaultActions: ['aws:forward_to_sfe'] },
      expect: 'FAILED',
      reason: /not one of aws:forward_to_sfe/,
    },
    { control: 'NetworkFirewall.6', name: 'a stateless rule', expect: 'PASSED', reason: /1 rule/ },
    {
      control: 'NetworkFirewall.6',
      name: 'no stateless rules',
      patch: set('ruleGroup.rulesSource.statelessRulesAndCustomActions.statelessRules', []),
      expect: 'FAILED',
      reason: /empty/,
    },
    { control: 'NetworkFirewall.6', name: 'a stateful group', patch: set('ruleGroupResponse.type', 'STATEFUL'), expect: 'NOT_APPLICABLE', reason: /STATEFUL, not STATELESS/ },
    { control: 'NetworkFirewall.9', name: 'deletion protection', expect: 'PASSED', reason: /deletion protection enabled/ },
    {
      control: 'NetworkFirewall.9',
      name: 'CloudFormation-shaped flat DeleteProtection',
      patch: (c) => {
        Object.assign(c, { DeleteProtection: true });
        delete c.firewall;
      },
      expect: 'PASSED',
      reason: /deletion protection enabled/,
    },
    { control: 'NetworkFirewall.9', name: 'no deletion protection', patch: set('firewall.deleteProtection', false), expect: 'FAILED', reason: /DeleteProtection is not true/ },
    { control: 'NetworkFirewall.10', name: 'subnet change protection', expect: 'PASSED', reason: /subnet change protection enabled/ },
    {
      control: 'NetworkFirewall.10',
      name: 'no subnet change protection',
      patch: set('firewall.subnetChangeProtection', false),
      expect: 'FAILED',
      reason: /SubnetChangeProtection is not true/,
    },
  ],
);
