import type { ConfigurationItem, ControlDefinition, EvaluationContext } from './types';
import { failed, notApplicable, passed } from './support/verdicts';
import { asBoolean, asNumber, asString, field } from './support/readers';
import { numberParameter } from './support/parameters';
import { controlPage, FSBP } from './support/mappings';
import { defineControl, liveRelated, type GuardedEvaluator } from './support/guard';

const CACHE_CLUSTER = 'AWS::ElastiCache::CacheCluster';
const REPLICATION_GROUP = 'AWS::ElastiCache::ReplicationGroup';
const REDIS_ENGINES = ['redis', 'valkey'];

const engineOf = (configuration: Record<string, unknown> | null) => asString(field(configuration, ['engine', 'Engine']))?.toLowerCase();
const groupIdOf = (configuration: Record<string, unknown> | null) => asString(field(configuration, ['replicationGroupId', 'ReplicationGroupId']));

/** Runs a check on Redis OSS (and Valkey) clusters only. */
function redisOnly(check: GuardedEvaluator): GuardedEvaluator {
  return (item, configuration, context) => {
    const engine = engineOf(configuration);
    return engine && REDIS_ENGINES.includes(engine) ? check(item, configuration, context) : notApplicable(`The cluster runs ${engine ?? 'an unrecorded engine'}, not Redis OSS.`);
  };
}

/** A flag check on a replication group. */
function groupFlag(keys: string[], passReason: string, failReason: string): GuardedEvaluator {
  return (_item, configuration) => (asBoolean(field(configuration, keys)) === true ? passed(passReason) : failed(failReason));
}

/** The engine version of a replication group: its own field, else that of a member cluster. */
function groupEngineVersion(item: ConfigurationItem, configuration: Record<string, unknown>, context: EvaluationContext): string | undefined {
  const own = asString(field(configuration, ['engineVersion', 'EngineVersion']));
  if (own) return own;
  const groupId = groupIdOf(configuration) ?? item.resourceId;
  const member = liveRelated(context, CACHE_CLUSTER).find((cluster) => groupIdOf(cluster.configuration) === groupId);
  return asString(field(member?.configuration ?? null, ['engineVersion', 'EngineVersion']));
}

/**
 * Security Hub controls for Amazon ElastiCache clusters and replication groups. AWS Config does not
 * record these resource types (Security Hub evaluates them with periodic rules that call the
 * ElastiCache API), so they are not in the catalogue until a collector records the items; the
 * evaluators are complete and tested. See docs/controls-not-evaluable.md.
 */
export const elasticacheUnrecordedControls: ControlDefinition[] = [
  defineControl(
    {
      id: 'ElastiCache.1',
      title: 'ElastiCache for Redis clusters should have automatic backups scheduled',
      description: 'Checks whether the ElastiCache (Redis OSS) cluster keeps automatic backups for at least snapshotRetentionPeriod days.',
      severity: 'HIGH',
      resourceTypes: [CACHE_CLUSTER],
      standards: [FSBP],
      parameters: { snapshotRetentionPeriod: { type: 'int', default: 1, description: 'Minimum snapshot retention period, in days.' } },
      remediationUrl: controlPage('ElastiCache.1'),
    },
    redisOnly((_item, configuration, context) => {
      const minimum = numberParameter(context.parameters, 'snapshotRetentionPeriod', 1);
      const days = asNumber(field(configuration, ['snapshotRetentionLimit', 'SnapshotRetentionLimit'])) ?? 0;
      return days >= minimum && days > 0
        ? passed(`Automatic backups are kept ${days} day(s) (at least ${minimum}).`)
        : failed(`Automatic backups are kept ${days} day(s), less than snapshotRetentionPeriod ${minimum}.`);
    }),
  ),
  defineControl(
    {
      id: 'ElastiCache.2',
      title: 'Minor version upgrades should be automatically applied to ElastiCache for Redis cache clusters',
      description: 'Checks whether the ElastiCache (Redis OSS) cluster applies minor version upgrades automatically.',
      severity: 'HIGH',
      resourceTypes: [CACHE_CLUSTER],
      standards: [FSBP],
      remediationUrl: controlPage('ElastiCache.2'),
    },
    redisOnly((_item, configuration) =>
      asBoolean(field(configuration, ['autoMinorVersionUpgrade', 'AutoMinorVersionUpgrade'])) === true
        ? passed('Minor version upgrades are applied automatically.')
        : failed('Minor version upgrades are not applied automatically (autoMinorVersionUpgrade is not true).'),
    ),
  ),
  defineControl(
    {
      id: 'ElastiCache.3',
      title: 'ElastiCache for Redis replication groups should have automatic failover enabled',
      description: 'Checks whether the ElastiCache (Redis OSS) replication group has automatic failover enabled.',
      severity: 'MEDIUM',
      resourceTypes: [REPLICATION_GROUP],
      standards: [FSBP],
      remediationUrl: controlPage('ElastiCache.3'),
    },
    (_item, configuration) => {
      const value = field(configuration, ['automaticFailover', 'AutomaticFailover', 'AutomaticFailoverEnabled', 'automaticFailoverEnabled']);
      const enabled = asBoolean(value) ?? asString(value)?.toLowerCase() === 'enabled';
      return enabled
        ? passed('Automatic failover is enabled for the replication group.')
        : failed(`Automatic failover is not enabled for the replication group (automaticFailover ${value === undefined ? 'not set' : String(value)}).`);
    },
  ),
  defineControl(
    {
      id: 'ElastiCache.4',
      title: 'ElastiCache for Redis replication groups should be encrypted at rest',
      description: 'Checks whether the ElastiCache (Redis OSS) replication group is encrypted at rest.',
      severity: 'MEDIUM',
      resourceTypes: [REPLICATION_GROUP],
      standards: [FSBP],
      remediationUrl: controlPage('ElastiCache.4'),
    },
    groupFlag(
      ['atRestEncryptionEnabled', 'AtRestEncryptionEnabled'],
      'The replication group is encrypted at rest.',
      'The replication group is not encrypted at rest (atRestEncryptionEnabled is not true).',
    ),
  ),
  defineControl(
    {
      id: 'ElastiCache.5',
      title: 'ElastiCache for Redis replication groups should be encrypted in transit',
      description: 'Checks whether the ElastiCache (Redis OSS) replication group is encrypted in transit.',
      severity: 'MEDIUM',
      resourceTypes: [REPLICATION_GROUP],
      standards: [FSBP],
      remediationUrl: controlPage('ElastiCache.5'),
    },
    groupFlag(
      ['transitEncryptionEnabled', 'TransitEncryptionEnabled'],
      'The replication group is encrypted in transit.',
      'The replication group is not encrypted in transit (transitEncryptionEnabled is not true).',
    ),
  ),
  defineControl(
    {
      id: 'ElastiCache.6',
      title: 'ElastiCache for Redis replication groups before version 6.0 should use Redis AUTH',
      description: 'Checks whether an ElastiCache (Redis OSS) replication group running a version before 6.0 has Redis AUTH enabled.',
      severity: 'MEDIUM',
      resourceTypes: [REPLICATION_GROUP],
      standards: [FSBP],
      reads: [{ resourceType: CACHE_CLUSTER, affects: (cluster, group) => groupIdOf(cluster.configuration) === (groupIdOf(group.configuration) ?? group.resourceId) }],
      remediationUrl: controlPage('ElastiCache.6'),
    },
    (item, configuration, context) => {
      const version = groupEngineVersion(item, configuration, context);
      const major = asNumber(version?.split('.')[0]);
      if (major === undefined) return notApplicable('The replication group records no engine version (nor does a recorded member cluster).');
      if (major >= 6) return notApplicable(`The replication group runs Redis OSS ${version}, 6.0 or later (RBAC applies, not AUTH).`);
      return asBoolean(field(configuration, ['authTokenEnabled', 'AuthTokenEnabled'])) === true
        ? passed(`The replication group runs Redis OSS ${version} with Redis AUTH enabled.`)
        : failed(`The replication group runs Redis OSS ${version} without Redis AUTH (authTokenEnabled is not true).`);
    },
  ),
  defineControl(
    {
      id: 'ElastiCache.7',
      title: 'ElastiCache clusters should not use the default subnet group',
      description: 'Checks whether the ElastiCache cluster uses a custom subnet group rather than the default one.',
      severity: 'HIGH',
      resourceTypes: [CACHE_CLUSTER],
      standards: [FSBP],
      remediationUrl: controlPage('ElastiCache.7'),
    },
    (_item, configuration) => {
      const group = asString(field(configuration, ['cacheSubnetGroupName', 'CacheSubnetGroupName']));
      return group && group !== 'default'
        ? passed(`The cluster uses subnet group ${group}.`)
        : failed(`The cluster uses the default subnet group (cacheSubnetGroupName ${group ?? 'not set'}).`);
    },
  ),
];
