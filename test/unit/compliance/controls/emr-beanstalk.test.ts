import { emrBeanstalkControls } from '../../../../lambdas/compliance/controls/emr-beanstalk';
import { describeVariants, type Json } from '../../../support/control-variants';

/** Rewrites the security configuration's JSON document. */
const encryption = (key: string, value: boolean) => (configuration: Json) => {
  const document = JSON.parse(String(configuration.SecurityConfiguration)) as { EncryptionConfiguration: Record<string, unknown> };
  document.EncryptionConfiguration[key] = value;
  configuration.SecurityConfiguration = JSON.stringify(document);
};
/** Sets (or, with undefined, removes) one Elastic Beanstalk option setting. */
const option = (namespace: string, name: string, value: string | undefined) => (configuration: Json) => {
  const settings = (configuration.OptionSettings as Array<{ Namespace: string; OptionName: string; Value: string }>).filter(
    (entry) => !(entry.Namespace === namespace && entry.OptionName === name),
  );
  configuration.OptionSettings = value === undefined ? settings : [...settings, { Namespace: namespace, OptionName: name, Value: value }];
};

describeVariants(
  'EMR and Elastic Beanstalk controls',
  emrBeanstalkControls,
  'emr-beanstalk',
  { 'AWS::EMR::SecurityConfiguration': 'security-configuration', 'AWS::ElasticBeanstalk::Environment': 'environment' },
  [
    { control: 'EMR.3', name: 'at-rest encryption', expect: 'PASSED', reason: /enables encryption at rest/ },
    { control: 'EMR.3', name: 'no at-rest encryption', patch: encryption('EnableAtRestEncryption', false), expect: 'FAILED', reason: /EnableAtRestEncryption is not true/ },
    { control: 'EMR.4', name: 'in-transit encryption', expect: 'PASSED', reason: /enables encryption in transit/ },
    {
      control: 'EMR.4',
      name: 'no in-transit encryption',
      patch: encryption('EnableInTransitEncryption', false),
      expect: 'FAILED',
      reason: /EnableInTransitEncryption is not true/,
    },
    { control: 'ElasticBeanstalk.1', name: 'enhanced health', expect: 'PASSED', reason: /enhanced health reporting/ },
    {
      control: 'ElasticBeanstalk.1',
      name: 'basic health',
      patch: option('aws:elasticbeanstalk:healthreporting:system', 'SystemType', 'basic'),
      expect: 'FAILED',
      reason: /SystemType basic/,
    },
    {
      control: 'ElasticBeanstalk.1',
      name: 'health not set (basic)',
      patch: option('aws:elasticbeanstalk:healthreporting:system', 'SystemType', undefined),
      expect: 'FAILED',
      reason: /basic health reporting/,
    },
    {
      control: 'ElasticBeanstalk.1',
      name: 'enhanced health in the supplementary ConfigurationSettings',
      patch: (configuration, item) => {
        const settings = configuration.OptionSettings;
        delete configuration.OptionSettings;
        item.supplementaryConfiguration = { ConfigurationSettings: [{ OptionSettings: settings }] };
      },
      expect: 'PASSED',
      reason: /enhanced health reporting/,
    },
    { control: 'ElasticBeanstalk.2', name: 'managed updates', expect: 'PASSED', reason: /update level minor/ },
    {
      control: 'ElasticBeanstalk.2',
      name: 'no managed updates',
      patch: option('aws:elasticbeanstalk:managedactions', 'ManagedActionsEnabled', 'false'),
      expect: 'FAILED',
      reason: /ManagedActionsEnabled is not true/,
    },
    { control: 'ElasticBeanstalk.3', name: 'streams logs', expect: 'PASSED', reason: /kept 30 days/ },
    {
      control: 'ElasticBeanstalk.3',
      name: 'no log streaming',
      patch: option('aws:elasticbeanstalk:cloudwatch:logs', 'StreamLogs', undefined),
      expect: 'FAILED',
      reason: /StreamLogs is not true/,
    },
  ],
);
