import type { ControlDefinition, Evaluation } from './types';
import { failed, notApplicable, passed } from './support/verdicts';
import { asArray, asBoolean, asRecord, asString, field } from './support/readers';
import { controlPage, FSBP, pci321 } from './support/mappings';
import { defineControl } from './support/guard';

const INSTANCE = ['AWS::DMS::ReplicationInstance'];
const TASK = ['AWS::DMS::ReplicationTask'];
const ENDPOINT = ['AWS::DMS::Endpoint'];
/** Log severities at least as verbose as the default. */
const VERBOSE_ENOUGH = ['LOGGER_SEVERITY_DEFAULT', 'LOGGER_SEVERITY_DEBUG', 'LOGGER_SEVERITY_DETAILED_DEBUG'];
/** Engines whose endpoints have no SslMode setting (their transport security is configured elsewhere or is always on). */
const NO_SSL_MODE = ['s3', 'dynamodb', 'kinesis', 'kafka', 'opensearch', 'elasticsearch', 'neptune', 'redis'];

const engineOf = (configuration: Record<string, unknown>) => asString(field(configuration, ['EngineName', 'engineName']))?.toLowerCase();

/** A replication task's logging check: logging on and each component at least LOGGER_SEVERITY_DEFAULT. */
function taskLogging(configuration: Record<string, unknown>, components: string[], side: string): Evaluation {
  const settings = asRecord(field(configuration, ['ReplicationTaskSettings', 'replicationTaskSettings']));
  if (!settings) return failed(`The task records no ReplicationTaskSettings, so ${side} logging is not enabled.`);
  if (asBoolean(field(settings, 'Logging', 'EnableLogging')) !== true) return failed('Logging is not enabled for the task (Logging.EnableLogging is not true).');
  const levels = new Map(asArray(field(settings, 'Logging', 'LogComponents')).map((entry) => [asString(field(entry, 'Id')), asString(field(entry, 'Severity'))] as const));
  const weak = components.filter((component) => !VERBOSE_ENOUGH.includes(levels.get(component) ?? ''));
  return weak.length
    ? failed(`${side} log component(s) ${weak.map((component) => `${component} (${levels.get(component) ?? 'not set'})`).join(', ')} are below LOGGER_SEVERITY_DEFAULT.`)
    : passed(`${side} logging is enabled: ${components.join(' and ')} at LOGGER_SEVERITY_DEFAULT or more.`);
}

/** An endpoint check for one engine: NOT_APPLICABLE for endpoints of other engines. */
function forEngine(engines: string[], check: (configuration: Record<string, unknown>) => Evaluation) {
  return (_item: unknown, configuration: Record<string, unknown>) => {
    const engine = engineOf(configuration);
    return engine && engines.includes(engine) ? check(configuration) : notApplicable(`The endpoint's engine is ${engine ?? 'not recorded'}, not ${engines.join(' or ')}.`);
  };
}

/** Security Hub controls for AWS Database Migration Service endpoints (recorded by AWS Config). */
export const dmsControls: ControlDefinition[] = [
  defineControl(
    {
      id: 'DMS.9',
      title: 'DMS endpoints should use SSL',
      description: 'Checks whether the AWS DMS endpoint uses an SSL connection (SslMode other than none).',
      severity: 'MEDIUM',
      resourceTypes: ENDPOINT,
      standards: [FSBP],
      remediationUrl: controlPage('DMS.9'),
    },
    (_item, configuration) => {
      const engine = engineOf(configuration);
      if (engine && NO_SSL_MODE.includes(engine)) return notApplicable(`Endpoints of engine ${engine} have no SslMode setting.`);
      const mode = asString(field(configuration, ['SslMode', 'sslMode'])) ?? 'none';
      return mode === 'none' ? failed('The endpoint does not use SSL (SslMode none).') : passed(`The endpoint uses SSL (SslMode ${mode}).`);
    },
  ),
  defineControl(
    {
      id: 'DMS.10',
      title: 'DMS endpoints for Neptune databases should have IAM authorization enabled',
      description: 'Checks whether the AWS DMS endpoint for an Amazon Neptune database has IAM authorization enabled.',
      severity: 'MEDIUM',
      resourceTypes: ENDPOINT,
      standards: [FSBP],
      remediationUrl: controlPage('DMS.10'),
    },
    forEngine(['neptune'], (configuration) =>
      asBoolean(field(configuration, ['NeptuneSettings', 'neptuneSettings'], ['IamAuthEnabled', 'iamAuthEnabled'])) === true
        ? passed('IAM authorization is enabled for the Neptune endpoint.')
        : failed('IAM authorization is not enabled for the Neptune endpoint (NeptuneSettings.IamAuthEnabled is not true).'),
    ),
  ),
  defineControl(
    {
      id: 'DMS.11',
      title: 'DMS endpoints for MongoDB should have an authentication mechanism enabled',
      description: 'Checks whether the AWS DMS endpoint for MongoDB has an authentication mechanism (MongoDbSettings.AuthType other than no).',
      severity: 'MEDIUM',
      resourceTypes: ENDPOINT,
      standards: [FSBP],
      remediationUrl: controlPage('DMS.11'),
    },
    forEngine(['mongodb'], (configuration) => {
      const auth = asString(field(configuration, ['MongoDbSettings', 'mongoDbSettings'], ['AuthType', 'authType'])) ?? 'password';
      return auth === 'no' ? failed('The MongoDB endpoint has no authentication mechanism (AuthType no).') : passed(`The MongoDB endpoint authenticates (AuthType ${auth}).`);
    }),
  ),
  defineControl(
    {
      id: 'DMS.12',
      title: 'DMS endpoints for Redis OSS should have TLS enabled',
      description: 'Checks whether the AWS DMS endpoint for Redis OSS uses TLS (RedisSettings.SslSecurityProtocol ssl-encryption).',
      severity: 'MEDIUM',
      resourceTypes: ENDPOINT,
      standards: [FSBP],
      remediationUrl: controlPage('DMS.12'),
    },
    forEngine(['redis'], (configuration) => {
      const protocol = asString(field(configuration, ['RedisSettings', 'redisSettings'], ['SslSecurityProtocol', 'sslSecurityProtocol'])) ?? 'ssl-encryption';
      return protocol === 'plaintext'
        ? failed('The Redis OSS endpoint does not use TLS (SslSecurityProtocol plaintext).')
        : passed(`The Redis OSS endpoint uses TLS (SslSecurityProtocol ${protocol}).`);
    }),
  ),
];

/**
 * Security Hub's DMS controls on replication instances and replication tasks. AWS Config does not
 * record these resource types (Security Hub evaluates them with periodic rules that call the DMS
 * API), so they are not in the catalogue until a collector records the items; the evaluators are
 * complete and tested. See docs/controls-not-evaluable.md.
 */
export const dmsUnrecordedControls: ControlDefinition[] = [
  defineControl(
    {
      id: 'DMS.1',
      title: 'Database Migration Service replication instances should not be public',
      description: 'Checks whether the AWS DMS replication instance is publicly accessible.',
      severity: 'CRITICAL',
      resourceTypes: INSTANCE,
      standards: [FSBP, pci321('1.2.1', '1.3.1', '1.3.4', '1.3.2', '1.3.6')],
      remediationUrl: controlPage('DMS.1'),
    },
    (_item, configuration) =>
      asBoolean(field(configuration, ['PubliclyAccessible', 'publiclyAccessible'])) === true
        ? failed('The replication instance is publicly accessible (PubliclyAccessible true).')
        : passed('The replication instance is not publicly accessible.'),
  ),
  defineControl(
    {
      id: 'DMS.6',
      title: 'DMS replication instances should have automatic minor version upgrade enabled',
      description: 'Checks whether the AWS DMS replication instance has automatic minor version upgrade enabled.',
      severity: 'MEDIUM',
      resourceTypes: INSTANCE,
      standards: [FSBP],
      remediationUrl: controlPage('DMS.6'),
    },
    (_item, configuration) =>
      asBoolean(field(configuration, ['AutoMinorVersionUpgrade', 'autoMinorVersionUpgrade'])) === true
        ? passed('Automatic minor version upgrade is enabled for the replication instance.')
        : failed('Automatic minor version upgrade is not enabled for the replication instance (AutoMinorVersionUpgrade is not true).'),
  ),
  defineControl(
    {
      id: 'DMS.7',
      title: 'DMS replication tasks for the target database should have logging enabled',
      description: 'Checks whether logging is enabled for the AWS DMS replication task with TARGET_APPLY and TARGET_LOAD at least LOGGER_SEVERITY_DEFAULT.',
      severity: 'MEDIUM',
      resourceTypes: TASK,
      standards: [FSBP],
      remediationUrl: controlPage('DMS.7'),
    },
    (_item, configuration) => taskLogging(configuration, ['TARGET_APPLY', 'TARGET_LOAD'], 'Target'),
  ),
  defineControl(
    {
      id: 'DMS.8',
      title: 'DMS replication tasks for the source database should have logging enabled',
      description: 'Checks whether logging is enabled for the AWS DMS replication task with SOURCE_CAPTURE and SOURCE_UNLOAD at least LOGGER_SEVERITY_DEFAULT.',
      severity: 'MEDIUM',
      resourceTypes: TASK,
      standards: [FSBP],
      remediationUrl: controlPage('DMS.8'),
    },
    (_item, configuration) => taskLogging(configuration, ['SOURCE_CAPTURE', 'SOURCE_UNLOAD'], 'Source'),
  ),
  defineControl(
    {
      id: 'DMS.13',
      title: 'DMS replication instances should be configured to use multiple Availability Zones',
      description: 'Checks whether the AWS DMS replication instance is a Multi-AZ deployment.',
      severity: 'MEDIUM',
      resourceTypes: INSTANCE,
      standards: [FSBP],
      remediationUrl: controlPage('DMS.13'),
    },
    (_item, configuration) =>
      asBoolean(field(configuration, ['MultiAZ', 'multiAZ'])) === true
        ? passed('The replication instance uses multiple Availability Zones (MultiAZ true).')
        : failed('The replication instance is not a Multi-AZ deployment (MultiAZ is not true).'),
  ),
];
