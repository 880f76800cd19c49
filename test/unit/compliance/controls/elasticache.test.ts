import { elasticacheUnrecordedControls } from '../../../../lambdas/compliance/controls/elasticache';
import type { ConfigurationItem } from '../../../../lambdas/compliance/controls/types';
import { describeVariants, set } from '../../../support/control-variants';
import { configItem } from '../../../support/fixtures';

const member = (engineVersion: string): ConfigurationItem => {
  const item = configItem('elasticache/cache-cluster');
  (item.configuration as Record<string, unknown>).engineVersion = engineVersion;
  return item;
};

describeVariants(
  'ElastiCache controls (not in the catalogue: Config does not record their types)',
  elasticacheUnrecordedControls,
  'elasticache',
  { 'AWS::ElastiCache::CacheCluster': 'cache-cluster', 'AWS::ElastiCache::ReplicationGroup': 'replication-group' },
  [
    { control: 'ElastiCache.1', name: '7-day backups', expect: 'PASSED', reason: /kept 7 day\(s\) \(at least 1\)/ },
    { control: 'ElastiCache.1', name: 'no backups', patch: set('snapshotRetentionLimit', 0), expect: 'FAILED', reason: /kept 0 day\(s\), less than snapshotRetentionPeriod 1/ },
    {
      control: 'ElastiCache.1',
      name: 'snapshotRetentionPeriod 14',
      parameters: { snapshotRetentionPeriod: '14' },
      expect: 'FAILED',
      reason: /less than snapshotRetentionPeriod 14/,
    },
    { control: 'ElastiCache.1', name: 'a Memcached cluster', patch: set('engine', 'memcached'), expect: 'NOT_APPLICABLE', reason: /runs memcached, not Redis OSS/ },
    { control: 'ElastiCache.2', name: 'auto minor upgrades', expect: 'PASSED', reason: /applied automatically/ },
    { control: 'ElastiCache.2', name: 'no auto minor upgrades', patch: set('autoMinorVersionUpgrade', false), expect: 'FAILED', reason: /autoMinorVersionUpgrade is not true/ },
    { control: 'ElastiCache.3', name: 'failover enabled', expect: 'PASSED', reason: /Automatic failover is enabled/ },
    { control: 'ElastiCache.3', name: 'failover disabled', patch: set('automaticFailover', 'disabled'), expect: 'FAILED', reason: /automaticFailover disabled/ },
    { control: 'ElastiCache.4', name: 'encrypted at rest', expect: 'PASSED', reason: /encrypted at rest/ },
    { control: 'ElastiCache.4', name: 'not encrypted at rest', patch: set('atRestEncryptionEnabled', false), expect: 'FAILED', reason: /atRestEncryptionEnabled is not true/ },
    { control: 'ElastiCache.5', name: 'encrypted in transit', expect: 'PASSED', reason: /encrypted in transit/ },
    { control: 'ElastiCache.5', name: 'not encrypted in transit', patch: set('transitEncryptionEnabled', false), expect: 'FAILED', reason: /transitEncryptionEnabled is not true/ },
    { control: 'ElastiCache.6', name: 'Redis 5 with AUTH', related: [member('5.0.6')], expect: 'PASSED', reason: /5.0.6 with Redis AUTH enabled/ },
    {
      control: 'ElastiCache.6',
      name: 'Redis 5 without AUTH',
      related: [member('5.0.6')],
      patch: set('authTokenEnabled', false),
      expect: 'FAILED',
      reason: /5.0.6 without Redis AUTH/,
    },
    { control: 'ElastiCache.6', name: 'Redis 7', related: [member('7.1.0')], patch: set('authTokenEnabled', false), expect: 'NOT_APPLICABLE', reason: /7.1.0, 6.0 or later/ },
    { control: 'ElastiCache.6', name: 'no version recorded', expect: 'NOT_APPLICABLE', reason: /records no engine version/ },
    { control: 'ElastiCache.7', name: 'custom subnet group', expect: 'PASSED', reason: /subnet group cache-private/ },
    { control: 'ElastiCache.7', name: 'default subnet group', patch: set('cacheSubnetGroupName', 'default'), expect: 'FAILED', reason: /cacheSubnetGroupName default/ },
  ],
);
