import { workloadSettingControls } from '../../../../lambdas/compliance/controls/workload-settings';
import type { ConfigurationItem } from '../../../../lambdas/compliance/controls/types';
import { describeVariants, drop, set } from '../../../support/control-variants';
import { configItem } from '../../../support/fixtures';

/** A recorded subnet in an Availability Zone. */
const subnet = (id: string, zone: string): ConfigurationItem => ({
  ...configItem('ec2/subnet-private'),
  resourceId: id,
  configuration: { subnetId: id, availabilityZone: zone },
});
const FIREWALL_SUBNETS = ['subnet-0a1b2c3d4e5f60004', 'subnet-0a1b2c3d4e5f60005'];

describeVariants(
  'Lambda, EKS, MSK, Network Firewall, EFS and S3 settings',
  workloadSettingControls,
  '.',
  {
    'AWS::Lambda::Function': 'lambda/function-private',
    'AWS::EKS::Cluster': 'containers/cluster-hardened',
    'AWS::MSK::Cluster': 'msk/cluster',
    'AWS::NetworkFirewall::Firewall': 'network-firewall/firewall',
    'AWS::EFS::FileSystem': 'efs/file-system-encrypted',
    'AWS::S3::Bucket': 's3/bucket-private',
  },
  [
    { control: 'Lambda.7', name: 'active tracing', expect: 'PASSED', reason: /X-Ray active tracing enabled/ },
    { control: 'Lambda.7', name: 'pass-through tracing', patch: set('tracingConfig.mode', 'PassThrough'), expect: 'FAILED', reason: /tracingConfig.mode PassThrough/ },
    { control: 'Lambda.7', name: 'no tracing config', patch: drop('tracingConfig'), expect: 'FAILED', reason: /PassThrough/ },
    {
      control: 'EKS.3',
      name: 'secrets encrypted with a KMS key',
      patch: set('EncryptionConfig', [{ Resources: ['secrets'], Provider: { KeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/k1' } }]),
      expect: 'PASSED',
      reason: /encrypts Kubernetes secrets with arn:aws:kms/,
    },
    { control: 'EKS.3', name: 'no encryption config', expect: 'FAILED', reason: /does not encrypt Kubernetes secrets/ },
    {
      control: 'EKS.3',
      name: 'encryption config for other resources',
      patch: set('EncryptionConfig', [{ Resources: ['configmaps'] }]),
      expect: 'FAILED',
      reason: /no EncryptionConfig for secrets/,
    },
    { control: 'MSK.2', name: 'PER_BROKER monitoring', expect: 'FAILED', reason: /PER_BROKER, below PER_TOPIC_PER_BROKER/ },
    {
      control: 'MSK.2',
      name: 'per-topic per-broker monitoring',
      patch: set('EnhancedMonitoring', 'PER_TOPIC_PER_BROKER'),
      expect: 'PASSED',
      reason: /enhanced monitoring PER_TOPIC_PER_BROKER/,
    },
    { control: 'MSK.2', name: 'per-partition monitoring', patch: set('EnhancedMonitoring', 'PER_TOPIC_PER_PARTITION'), expect: 'PASSED', reason: /PER_TOPIC_PER_PARTITION/ },
    { control: 'MSK.2', name: 'default monitoring (not recorded)', patch: drop('EnhancedMonitoring'), expect: 'FAILED', reason: /DEFAULT/ },
    {
      control: 'NetworkFirewall.1',
      name: 'subnets in two zones',
      related: [subnet(FIREWALL_SUBNETS[0]!, 'eu-west-1a'), subnet(FIREWALL_SUBNETS[1]!, 'eu-west-1b')],
      expect: 'PASSED',
      reason: /2 Availability Zones \(eu-west-1a, eu-west-1b\)/,
    },
    {
      control: 'NetworkFirewall.1',
      name: 'subnets in one zone',
      related: [subnet(FIREWALL_SUBNETS[0]!, 'eu-west-1a'), subnet(FIREWALL_SUBNETS[1]!, 'eu-west-1a')],
      expect: 'FAILED',
      reason: /one Availability Zone \(eu-west-1a\)/,
    },
    { control: 'NetworkFirewall.1', name: 'subnets not recorded', expect: 'NOT_APPLICABLE', reason: /subnet-0a1b2c3d4e5f60004, subnet-0a1b2c3d4e5f60005 are not recorded/ },
    {
      control: 'NetworkFirewall.1',
      name: 'sync states in two zones',
      patch: set('firewallStatus.syncStates', { 'eu-west-1a': {}, 'eu-west-1b': {} }),
      expect: 'PASSED',
      reason: /2 Availability Zones/,
    },
    {
      control: 'NetworkFirewall.1',
      name: 'sync states in one zone',
      patch: set('firewallStatus.syncStates', { 'eu-west-1a': {} }),
      expect: 'FAILED',
      reason: /one Availability Zone/,
    },
    { control: 'NetworkFirewall.1', name: 'no subnet mappings', patch: set('firewall.subnetMappings', []), expect: 'FAILED', reason: /no subnet mappings/ },
    { control: 'EFS.7', name: 'automatic backups on', expect: 'PASSED', reason: /has automatic backups enabled/ },
    { control: 'EFS.7', name: 'automatic backups off', patch: set('BackupPolicy.Status', 'DISABLED'), expect: 'FAILED', reason: /BackupPolicy.Status DISABLED/ },
    { control: 'EFS.7', name: 'no backup policy recorded', patch: drop('BackupPolicy'), expect: 'FAILED', reason: /BackupPolicy.Status DISABLED/ },
    { control: 'EFS.8', name: 'encrypted', expect: 'PASSED', reason: /is encrypted at rest/ },
    { control: 'EFS.8', name: 'unencrypted', patch: set('Encrypted', false), expect: 'FAILED', reason: /is not encrypted at rest/ },
    { control: 'S3.14', name: 'versioning enabled', expect: 'PASSED', reason: /has versioning enabled/ },
    {
      control: 'S3.14',
      name: 'versioning suspended',
      patch: (_configuration, item) => Object.assign(item.supplementaryConfiguration!, { BucketVersioningConfiguration: { status: 'Suspended' } }),
      expect: 'FAILED',
      reason: /status Suspended/,
    },
    {
      control: 'S3.14',
      name: 'versioning never enabled',
      patch: (_configuration, item) => delete item.supplementaryConfiguration!.BucketVersioningConfiguration,
      expect: 'FAILED',
      reason: /status Off/,
    },
    { control: 'S3.17', name: 'SSE-KMS', expect: 'PASSED', reason: /AWS KMS key \(aws:kms\)/ },
    {
      control: 'S3.17',
      name: 'DSSE-KMS',
      patch: (_configuration, item) =>
        Object.assign(item.supplementaryConfiguration!, {
          ServerSideEncryptionConfiguration: { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms:dsse' } }] },
        }),
      expect: 'PASSED',
      reason: /aws:kms:dsse/,
    },
    {
      control: 'S3.17',
      name: 'SSE-S3',
      patch: (_configuration, item) =>
        Object.assign(item.supplementaryConfiguration!, { ServerSideEncryptionConfiguration: { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }] } }),
      expect: 'FAILED',
      reason: /not encrypted by default with an AWS KMS key \(AES256\)/,
    },
    { control: 'S3.20', name: 'MFA delete off', expect: 'FAILED', reason: /does not have MFA delete enabled/ },
    {
      control: 'S3.20',
      name: 'MFA delete on',
      patch: (_configuration, item) => Object.assign(item.supplementaryConfiguration!, { BucketVersioningConfiguration: { status: 'Enabled', isMfaDeleteEnabled: true } }),
      expect: 'PASSED',
      reason: /has MFA delete enabled/,
    },
  ],
);
