import type { ConfigurationItem, ControlDefinition } from './types';
import { failed, passed } from './support/verdicts';
import { asArray, asBoolean, asRecord, asString, field } from './support/readers';
import { controlPage, FSBP } from './support/mappings';
import { defineControl } from './support/guard';

const SECURITY_CONFIGURATION = ['AWS::EMR::SecurityConfiguration'];
const ENVIRONMENT = ['AWS::ElasticBeanstalk::Environment'];

/** The encryption block of an EMR security configuration (a JSON document, as a string or an object). */
const encryptionOf = (configuration: Record<string, unknown>) =>
  field(asRecord(field(configuration, ['SecurityConfiguration', 'securityConfiguration'])) ?? {}, ['EncryptionConfiguration', 'encryptionConfiguration']);

/**
 * An Elastic Beanstalk option setting (`Namespace`/`OptionName`): from the environment's option
 * settings, or from its configuration settings (DescribeConfigurationSettings), in the
 * configuration or the supplementary configuration.
 */
function option(item: ConfigurationItem, namespace: string, name: string): string | undefined {
  const configurationSettings = (source: unknown) =>
    asArray(field(source, ['ConfigurationSettings', 'configurationSettings'])).flatMap((entry) => asArray(field(entry, ['OptionSettings', 'optionSettings'])));
  const settings = [
    ...asArray(field(item.configuration, ['OptionSettings', 'optionSettings'])),
    ...configurationSettings(item.configuration),
    ...configurationSettings(item.supplementaryConfiguration),
  ];
  const found = settings.find((setting) => field(setting, ['Namespace', 'namespace']) === namespace && field(setting, ['OptionName', 'optionName']) === name);
  return asString(field(found, ['Value', 'value']));
}

/** Security Hub controls for Amazon EMR security configurations and AWS Elastic Beanstalk environments. */
export const emrBeanstalkControls: ControlDefinition[] = [
  defineControl(
    {
      id: 'EMR.3',
      title: 'Amazon EMR security configurations should be encrypted at rest',
      description: 'Checks whether the Amazon EMR security configuration enables encryption at rest (EnableAtRestEncryption).',
      severity: 'MEDIUM',
      resourceTypes: SECURITY_CONFIGURATION,
      standards: [FSBP],
      remediationUrl: controlPage('EMR.3'),
    },
    (_item, configuration) =>
      asBoolean(field(encryptionOf(configuration), ['EnableAtRestEncryption', 'enableAtRestEncryption'])) === true
        ? passed('The security configuration enables encryption at rest.')
        : failed('The security configuration does not enable encryption at rest (EncryptionConfiguration.EnableAtRestEncryption is not true).'),
  ),
  defineControl(
    {
      id: 'EMR.4',
      title: 'Amazon EMR security configurations should be encrypted in transit',
      description: 'Checks whether the Amazon EMR security configuration enables encryption in transit (EnableInTransitEncryption).',
      severity: 'MEDIUM',
      resourceTypes: SECURITY_CONFIGURATION,
      standards: [FSBP],
      remediationUrl: controlPage('EMR.4'),
    },
    (_item, configuration) =>
      asBoolean(field(encryptionOf(configuration), ['EnableInTransitEncryption', 'enableInTransitEncryption'])) === true
        ? passed('The security configuration enables encryption in transit.')
        : failed('The security configuration does not enable encryption in transit (EncryptionConfiguration.EnableInTransitEncryption is not true).'),
  ),
  defineControl(
    {
      id: 'ElasticBeanstalk.1',
      title: 'Elastic Beanstalk environments should have enhanced health reporting enabled',
      description: 'Checks whether the Elastic Beanstalk environment uses enhanced health reporting (aws:elasticbeanstalk:healthreporting:system SystemType enhanced).',
      severity: 'LOW',
      resourceTypes: ENVIRONMENT,
      standards: [FSBP],
      remediationUrl: controlPage('ElasticBeanstalk.1'),
    },
    (item) => {
      const type = option(item, 'aws:elasticbeanstalk:healthreporting:system', 'SystemType') ?? 'basic';
      return type === 'enhanced'
        ? passed('The environment uses enhanced health reporting.')
        : failed(`The environment uses ${type} health reporting, not enhanced (SystemType ${type}).`);
    },
  ),
  defineControl(
    {
      id: 'ElasticBeanstalk.2',
      title: 'Elastic Beanstalk managed platform updates should be enabled',
      description: 'Checks whether managed platform updates are enabled for the Elastic Beanstalk environment (aws:elasticbeanstalk:managedactions ManagedActionsEnabled).',
      severity: 'HIGH',
      resourceTypes: ENVIRONMENT,
      standards: [FSBP],
      remediationUrl: controlPage('ElasticBeanstalk.2'),
    },
    (item) =>
      asBoolean(option(item, 'aws:elasticbeanstalk:managedactions', 'ManagedActionsEnabled')) === true
        ? passed(`Managed platform updates are enabled (update level ${option(item, 'aws:elasticbeanstalk:managedactions:platformupdate', 'UpdateLevel') ?? 'not set'}).`)
        : failed('Managed platform updates are not enabled for the environment (ManagedActionsEnabled is not true).'),
  ),
  defineControl(
    {
      id: 'ElasticBeanstalk.3',
      title: 'Elastic Beanstalk should stream logs to CloudWatch',
      description: 'Checks whether the Elastic Beanstalk environment streams instance logs to CloudWatch Logs (aws:elasticbeanstalk:cloudwatch:logs StreamLogs).',
      severity: 'HIGH',
      resourceTypes: ENVIRONMENT,
      standards: [FSBP],
      remediationUrl: controlPage('ElasticBeanstalk.3'),
    },
    (item) =>
      asBoolean(option(item, 'aws:elasticbeanstalk:cloudwatch:logs', 'StreamLogs')) === true
        ? passed(`The environment streams logs to CloudWatch Logs (kept ${option(item, 'aws:elasticbeanstalk:cloudwatch:logs', 'RetentionInDays') ?? 7} days).`)
        : failed('The environment does not stream logs to CloudWatch Logs (StreamLogs is not true).'),
  ),
];
