import { mskControls } from '../../../../lambdas/compliance/controls/msk';
import { describeVariants, drop, set } from '../../../support/control-variants';

describeVariants('MSK controls', mskControls, 'msk', { 'AWS::MSK::Cluster': 'cluster', 'AWS::KafkaConnect::Connector': 'connector' }, [
  { control: 'MSK.1', name: 'in-cluster encryption', expect: 'PASSED', reason: /broker nodes is encrypted/ },
  { control: 'MSK.1', name: 'in-cluster plaintext', patch: set('EncryptionInfo.EncryptionInTransit.InCluster', false), expect: 'FAILED', reason: /InCluster false/ },
  { control: 'MSK.3', name: 'TLS', expect: 'PASSED', reason: /\(TLS\)/ },
  { control: 'MSK.3', name: 'plaintext', patch: set('KafkaClusterEncryptionInTransit.EncryptionType', 'PLAINTEXT'), expect: 'FAILED', reason: /EncryptionType PLAINTEXT/ },
  { control: 'MSK.4', name: 'public access disabled', expect: 'PASSED', reason: /disabled/ },
  {
    control: 'MSK.4',
    name: 'public access on',
    patch: set('BrokerNodeGroupInfo.ConnectivityInfo.PublicAccess.Type', 'SERVICE_PROVIDED_EIPS'),
    expect: 'FAILED',
    reason: /SERVICE_PROVIDED_EIPS/,
  },
  { control: 'MSK.5', name: 'CloudWatch worker logs', expect: 'PASSED', reason: /to CloudWatchLogs/ },
  { control: 'MSK.5', name: 'no worker logs', patch: set('LogDelivery.WorkerLogDelivery.CloudWatchLogs.Enabled', false), expect: 'FAILED', reason: /no worker logs/ },
  { control: 'MSK.6', name: 'IAM auth only', expect: 'PASSED', reason: /authenticate \(SASL\)/ },
  { control: 'MSK.6', name: 'unauthenticated allowed', patch: set('ClientAuthentication.Unauthenticated.Enabled', true), expect: 'FAILED', reason: /Unauthenticated.Enabled true/ },
  { control: 'MSK.6', name: 'no client authentication', patch: drop('ClientAuthentication'), expect: 'FAILED', reason: /no client authentication configured/ },
]);
