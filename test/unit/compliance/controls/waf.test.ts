import { wafControls } from '../../../../lambdas/compliance/controls/waf';
import { describeVariants, set } from '../../../support/control-variants';

describeVariants(
  'WAF controls',
  wafControls,
  'waf',
  {
    'AWS::WAF::WebACL': 'classic-web-acl',
    'AWS::WAF::Rule': 'classic-rule',
    'AWS::WAF::RuleGroup': 'classic-rule-group',
    'AWS::WAFRegional::Rule': 'regional-rule',
    'AWS::WAFRegional::RuleGroup': 'regional-rule-group',
    'AWS::WAFRegional::WebACL': 'regional-web-acl',
    'AWS::WAFv2::WebACL': 'v2-web-acl',
    'AWS::WAFv2::RuleGroup': 'v2-rule-group',
  },
  [
    { control: 'WAF.1', name: 'logging to Firehose', expect: 'PASSED', reason: /deliverystream\/aws-waf-logs-edge/ },
    {
      control: 'WAF.1',
      name: 'logging configuration without destinations',
      patch: (_c, item) => {
        item.supplementaryConfiguration = { LoggingConfiguration: '{"logDestinationConfigs":[]}' };
      },
      expect: 'FAILED',
      reason: /no log destination/,
    },
    {
      control: 'WAF.1',
      name: 'logging not recorded',
      patch: (_c, item) => {
        item.supplementaryConfiguration = {};
      },
      expect: 'NOT_APPLICABLE',
      reason: /AWS Config does not record WAF Classic logging/,
    },
    { control: 'WAF.2', name: 'a condition', expect: 'PASSED', reason: /has 1 condition/ },
    { control: 'WAF.2', name: 'no condition', patch: set('predicateList', []), expect: 'FAILED', reason: /Rule has no condition/ },
    { control: 'WAF.3', name: 'a rule', expect: 'PASSED', reason: /RuleGroup has 1 rule/ },
    { control: 'WAF.3', name: 'no rule', patch: set('rules', []), expect: 'FAILED', reason: /RuleGroup has no rule/ },
    { control: 'WAF.4', name: 'a rule', expect: 'PASSED', reason: /WebACL has 1 rule/ },
    { control: 'WAF.4', name: 'no rule', patch: set('rulesList', []), expect: 'FAILED', reason: /WebACL has no rule/ },
    { control: 'WAF.6', name: 'a condition', expect: 'PASSED', reason: /has 1 condition/ },
    { control: 'WAF.6', name: 'no condition', patch: set('predicateList', []), expect: 'FAILED', reason: /no condition/ },
    { control: 'WAF.7', name: 'a rule', expect: 'PASSED', reason: /has 1 rule/ },
    { control: 'WAF.7', name: 'no rule', patch: set('rules', []), expect: 'FAILED', reason: /no rule/ },
    { control: 'WAF.8', name: 'a rule', expect: 'PASSED', reason: /has 1 rule/ },
    { control: 'WAF.8', name: 'no rule', patch: set('rulesList', []), expect: 'FAILED', reason: /no rule/ },
    { control: 'WAF.10', name: 'a managed rule group', expect: 'PASSED', reason: /WebACL has 1 rule/ },
    { control: 'WAF.10', name: 'no rule', patch: set('Rules', []), expect: 'FAILED', reason: /WebACL has no rule/ },
    { control: 'WAF.12', name: 'metrics everywhere', expect: 'PASSED', reason: /all its rules send CloudWatch metrics/ },
    {
      control: 'WAF.12',
      name: 'a rule without metrics',
      patch: set('Rules.0.VisibilityConfig.CloudWatchMetricsEnabled', false),
      expect: 'FAILED',
      reason: /per-ip do not send CloudWatch metrics/,
    },
    {
      control: 'WAF.12',
      name: 'the group without metrics',
      patch: set('VisibilityConfig.CloudWatchMetricsEnabled', false),
      expect: 'FAILED',
      reason: /rule group does not send CloudWatch metrics/,
    },
  ],
);
