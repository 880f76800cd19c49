import type { ControlDefinition } from './types';
import { failed, passed } from './support/verdicts';
import { asBoolean, asString, field } from './support/readers';
import { controlPage, FSBP } from './support/mappings';
import { defineControl } from './support/guard';

const CLUSTER = ['AWS::MSK::Cluster'];
const CONNECTOR = ['AWS::KafkaConnect::Connector'];
const enabled = (source: unknown, ...path: string[][]) => asBoolean(field(source, ...path, ['Enabled', 'enabled'])) === true;

/** Security Hub controls for Amazon MSK clusters and MSK Connect connectors. */
export const mskControls: ControlDefinition[] = [
  defineControl(
    {
      id: 'MSK.1',
      title: 'MSK clusters should be encrypted in transit among broker nodes',
      description: 'Checks whether the Amazon MSK cluster encrypts traffic between its broker nodes (EncryptionInTransit.InCluster, true by default).',
      severity: 'MEDIUM',
      resourceTypes: CLUSTER,
      standards: [FSBP],
      remediationUrl: controlPage('MSK.1'),
    },
    (_item, configuration) =>
      asBoolean(field(configuration, ['EncryptionInfo', 'encryptionInfo'], ['EncryptionInTransit', 'encryptionInTransit'], ['InCluster', 'inCluster'])) === false
        ? failed('Traffic between broker nodes is not encrypted (EncryptionInTransit.InCluster false).')
        : passed('Traffic between broker nodes is encrypted.'),
  ),
  defineControl(
    {
      id: 'MSK.3',
      title: 'MSK Connect connectors should be encrypted in transit',
      description: 'Checks whether the MSK Connect connector encrypts its traffic to the Kafka cluster (KafkaClusterEncryptionInTransit TLS).',
      severity: 'MEDIUM',
      resourceTypes: CONNECTOR,
      standards: [FSBP],
      remediationUrl: controlPage('MSK.3'),
    },
    (_item, configuration) => {
      const type = asString(field(configuration, ['KafkaClusterEncryptionInTransit', 'kafkaClusterEncryptionInTransit'], ['EncryptionType', 'encryptionType']));
      return type === 'TLS'
        ? passed('The connector encrypts traffic to the cluster (TLS).')
        : failed(`The connector does not encrypt traffic to the cluster (EncryptionType ${type ?? 'not set'}).`);
    },
  ),
  defineControl(
    {
      id: 'MSK.4',
      title: 'MSK clusters should have public access disabled',
      description: 'Checks whether public access to the Amazon MSK cluster is disabled (ConnectivityInfo.PublicAccess.Type DISABLED, the default).',
      severity: 'MEDIUM',
      resourceTypes: CLUSTER,
      standards: [FSBP],
      remediationUrl: controlPage('MSK.4'),
    },
    (_item, configuration) => {
      const type =
        asString(
          field(configuration, ['BrokerNodeGroupInfo', 'brokerNodeGroupInfo'], ['ConnectivityInfo', 'connectivityInfo'], ['PublicAccess', 'publicAccess'], ['Type', 'type']),
        ) ?? 'DISABLED';
      return type === 'DISABLED' ? passed('Public access to the cluster is disabled.') : failed(`Public access to the cluster is enabled (PublicAccess.Type ${type}).`);
    },
  ),
  defineControl(
    {
      id: 'MSK.5',
      title: 'MSK connectors should have logging enabled',
      description: 'Checks whether the MSK Connect connector delivers worker logs to CloudWatch Logs, Firehose or S3.',
      severity: 'MEDIUM',
      resourceTypes: CONNECTOR,
      standards: [FSBP],
      remediationUrl: controlPage('MSK.5'),
    },
    (_item, configuration) => {
      const delivery = field(configuration, ['LogDelivery', 'logDelivery'], ['WorkerLogDelivery', 'workerLogDelivery']);
      const on = (['CloudWatchLogs', 'Firehose', 'S3'] as const).filter((target) => enabled(delivery, [target, target.charAt(0).toLowerCase() + target.slice(1)]));
      return on.length
        ? passed(`The connector delivers worker logs to ${on.join(', ')}.`)
        : failed('The connector delivers no worker logs (no enabled CloudWatchLogs, Firehose or S3 delivery).');
    },
  ),
  defineControl(
    {
      id: 'MSK.6',
      title: 'MSK clusters should disable unauthenticated access',
      description: 'Checks whether the Amazon MSK cluster allows unauthenticated client access.',
      severity: 'MEDIUM',
      resourceTypes: CLUSTER,
      standards: [FSBP],
      remediationUrl: controlPage('MSK.6'),
    },
    (_item, configuration) => {
      const auth = field(configuration, ['ClientAuthentication', 'clientAuthentication']);
      if (enabled(auth, ['Unauthenticated', 'unauthenticated'])) return failed('The cluster allows unauthenticated access (ClientAuthentication.Unauthenticated.Enabled true).');
      const sasl = enabled(auth, ['Sasl', 'sasl'], ['Iam', 'iam']) || enabled(auth, ['Sasl', 'sasl'], ['Scram', 'scram']);
      const tls = field(auth, ['Tls', 'tls']) !== undefined && asBoolean(field(auth, ['Tls', 'tls'], ['Enabled', 'enabled'])) !== false;
      return sasl || tls
        ? passed(`Clients must authenticate (${[sasl && 'SASL', tls && 'TLS'].filter(Boolean).join(' and ')}).`)
        : failed('The cluster has no client authentication configured, so unauthenticated access is allowed.');
    },
  ),
];
