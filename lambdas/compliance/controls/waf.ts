import type { ControlDefinition } from './types';
import { failed, notApplicable, passed } from './support/verdicts';
import { asArray, asBoolean, asString, field, supplementary, type FieldKey } from './support/readers';
import { controlPage, FSBP } from './support/mappings';
import { defineControl } from './support/guard';

/** A "should not be empty" control: passes when the list at one of `keys` has an entry. */
function notEmpty(id: string, title: string, resourceType: string, keys: FieldKey, what: string, description: string): ControlDefinition {
  return defineControl(
    { id, title, description, severity: 'MEDIUM', resourceTypes: [resourceType], standards: [FSBP], remediationUrl: controlPage(id) },
    (_item, configuration) => {
      const entries = asArray(field(configuration, keys));
      return entries.length ? passed(`The ${resourceType.split('::').pop()} has ${entries.length} ${what}.`) : failed(`The ${resourceType.split('::').pop()} has no ${what}.`);
    },
  );
}

/** Config's spellings: `rulesList` on WAF Classic web ACLs, `rules` on rule groups and WAF v2, `predicateList` on Classic rules. */
const ACL_RULES: FieldKey = ['rulesList', 'rules', 'Rules'];
const RULES: FieldKey = ['rules', 'Rules'];
const PREDICATES: FieldKey = ['predicateList', 'predicates', 'Predicates'];
const ACTIVATED: FieldKey = ['rules', 'activatedRules', 'ActivatedRules', 'Rules'];
const METRICS: FieldKey[] = [
  ['VisibilityConfig', 'visibilityConfig'],
  ['CloudWatchMetricsEnabled', 'cloudWatchMetricsEnabled'],
];

/** Security Hub controls for AWS WAF Classic (global and Regional) and AWS WAF (v2). */
export const wafControls: ControlDefinition[] = [
  defineControl(
    {
      id: 'WAF.1',
      title: 'AWS WAF Classic Global Web ACL logging should be enabled',
      description: 'Checks whether logging is enabled for the AWS WAF Classic global web ACL (a logging configuration with a Kinesis Data Firehose destination).',
      severity: 'MEDIUM',
      resourceTypes: ['AWS::WAF::WebACL'],
      standards: [FSBP],
      remediationUrl: controlPage('WAF.1'),
    },
    (item, configuration) => {
      const logging = supplementary(item, ['LoggingConfiguration', 'loggingConfiguration']) ?? field(configuration, ['loggingConfiguration', 'LoggingConfiguration']);
      if (logging === undefined) {
        return notApplicable('The web ACL item carries no logging configuration (AWS Config does not record WAF Classic logging; a collector must supply LoggingConfiguration).');
      }
      const destinations = asArray(field(logging, ['logDestinationConfigs', 'LogDestinationConfigs']));
      return destinations.length
        ? passed(`Logging is enabled for the web ACL (to ${destinations.map(String).join(', ')}).`)
        : failed('Logging is not enabled for the web ACL (no log destination).');
    },
  ),
  notEmpty(
    'WAF.2',
    'AWS WAF Classic Regional rules should have at least one condition',
    'AWS::WAFRegional::Rule',
    PREDICATES,
    'condition(s)',
    'Checks whether the AWS WAF Classic Regional rule has at least one condition (predicate).',
  ),
  notEmpty(
    'WAF.3',
    'AWS WAF Classic Regional rule groups should have at least one rule',
    'AWS::WAFRegional::RuleGroup',
    ACTIVATED,
    'rule(s)',
    'Checks whether the AWS WAF Classic Regional rule group has at least one rule.',
  ),
  notEmpty(
    'WAF.4',
    'AWS WAF Classic Regional web ACLs should have at least one rule or rule group',
    'AWS::WAFRegional::WebACL',
    ACL_RULES,
    'rule(s) or rule group(s)',
    'Checks whether the AWS WAF Classic Regional web ACL has at least one rule or rule group.',
  ),
  notEmpty(
    'WAF.6',
    'AWS WAF Classic global rules should have at least one condition',
    'AWS::WAF::Rule',
    PREDICATES,
    'condition(s)',
    'Checks whether the AWS WAF Classic global rule has at least one condition (predicate).',
  ),
  notEmpty(
    'WAF.7',
    'AWS WAF Classic global rule groups should have at least one rule',
    'AWS::WAF::RuleGroup',
    ACTIVATED,
    'rule(s)',
    'Checks whether the AWS WAF Classic global rule group has at least one rule.',
  ),
  notEmpty(
    'WAF.8',
    'AWS WAF Classic global web ACLs should have at least one rule or rule group',
    'AWS::WAF::WebACL',
    ACL_RULES,
    'rule(s) or rule group(s)',
    'Checks whether the AWS WAF Classic global web ACL has at least one rule or rule group.',
  ),
  notEmpty(
    'WAF.10',
    'AWS WAF web ACLs should have at least one rule or rule group',
    'AWS::WAFv2::WebACL',
    RULES,
    'rule(s) or rule group(s)',
    'Checks whether the AWS WAF (v2) web ACL has at least one rule or rule group.',
  ),
  defineControl(
    {
      id: 'WAF.12',
      title: 'AWS WAF rules should have CloudWatch metrics enabled',
      description: 'Checks whether the AWS WAF (v2) rule group and each of its rules send metrics to CloudWatch (VisibilityConfig.CloudWatchMetricsEnabled).',
      severity: 'MEDIUM',
      resourceTypes: ['AWS::WAFv2::RuleGroup'],
      standards: [FSBP],
      remediationUrl: controlPage('WAF.12'),
    },
    (_item, configuration) => {
      if (asBoolean(field(configuration, ...METRICS)) !== true)
        return failed('The rule group does not send CloudWatch metrics (VisibilityConfig.CloudWatchMetricsEnabled is not true).');
      const silent = asArray(field(configuration, RULES))
        .filter((rule) => asBoolean(field(rule, ...METRICS)) !== true)
        .map((rule) => asString(field(rule, ['Name', 'name'])) ?? '(unnamed)');
      return silent.length ? failed(`Rule(s) ${silent.join(', ')} do not send CloudWatch metrics.`) : passed('The rule group and all its rules send CloudWatch metrics.');
    },
  ),
];
