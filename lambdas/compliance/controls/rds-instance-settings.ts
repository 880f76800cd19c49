import type { ControlDefinition } from './types';
import { failed, notApplicable, passed } from './support/verdicts';
import { asArray, asBoolean, asNumber, asString, field } from './support/readers';
import { controlPage, FSBP } from './support/mappings';
import { defineControl } from './support/guard';

const INSTANCE = ['AWS::RDS::DBInstance'];

/** The log types `rds-logging-enabled` requires per engine (CloudWatch Logs export names, lower case). */
export const RDS_REQUIRED_LOGS: Readonly<Record<string, readonly string[]>> = {
  oracle: ['alert', 'audit', 'trace', 'listener'],
  postgres: ['postgresql', 'upgrade'],
  mysql: ['audit', 'error', 'general', 'slowquery'],
  mariadb: ['audit', 'error', 'general', 'slowquery'],
  sqlserver: ['error', 'agent'],
  aurora: ['audit', 'error', 'general', 'slowquery'],
  'aurora-mysql': ['audit', 'error', 'general', 'slowquery'],
  'aurora-postgresql': ['postgresql', 'upgrade'],
};

/** Engine family of an RDS engine name (`oracle-ee` → `oracle`, `sqlserver-se` → `sqlserver`). */
export function engineFamily(engine: string): string {
  const lower = engine.toLowerCase();
  if (lower.startsWith('oracle')) return 'oracle';
  if (lower.startsWith('sqlserver')) return 'sqlserver';
  return lower;
}

/** Each engine family's default port (`rds-no-default-ports`). */
const DEFAULT_PORTS: Readonly<Record<string, number>> = {
  mysql: 3306,
  mariadb: 3306,
  aurora: 3306,
  'aurora-mysql': 3306,
  postgres: 5432,
  'aurora-postgresql': 5432,
  oracle: 1521,
  sqlserver: 1433,
};

/** Default administrator user names of RDS engines (`rds-instance-default-admin-check`, `rds-cluster-default-admin-check`). */
export const DEFAULT_ADMIN_USERNAMES: readonly string[] = ['admin', 'postgres'];

/** Engines the default-admin controls do not judge (Neptune, DocumentDB). */
export const NON_RDS_ENGINES: readonly string[] = ['neptune', 'docdb'];

const IAM_AUTH_ENGINES = ['mysql', 'postgres', 'aurora', 'aurora-mysql', 'aurora-postgresql', 'mariadb'];
/** The instance states `rds-logging-enabled` and `rds-instance-iam-authentication-enabled` evaluate. */
const IAM_AUTH_STATES = ['available', 'backing-up', 'storage-optimization', 'storage-full'];

const engineOf = (configuration: Record<string, unknown>) => asString(configuration.engine) ?? '';

/** Security Hub controls for RDS DB instance settings beyond RDS.2–RDS.13's basics. */
export const rdsInstanceSettingControls: ControlDefinition[] = [
  defineControl(
    {
      id: 'RDS.6',
      title: 'Enhanced monitoring should be configured for RDS DB instances',
      description: 'Checks whether Enhanced Monitoring is enabled for an RDS DB instance (monitoringInterval greater than 0).',
      severity: 'LOW',
      resourceTypes: INSTANCE,
      standards: [FSBP],
      remediationUrl: controlPage('RDS.6'),
    },
    (item, configuration) => {
      const interval = asNumber(configuration.monitoringInterval);
      return interval !== undefined && interval > 0
        ? passed(`DB instance ${item.resourceId} has Enhanced Monitoring every ${interval} seconds.`)
        : failed(`DB instance ${item.resourceId} does not have Enhanced Monitoring (monitoringInterval ${interval ?? 'missing'}).`);
    },
  ),
  defineControl(
    {
      id: 'RDS.9',
      title: 'RDS DB instances should publish logs to CloudWatch Logs',
      description:
        'Checks whether an RDS DB instance exports the logs its engine should export to CloudWatch Logs (Oracle: alert, audit, trace, listener; PostgreSQL: postgresql, upgrade; MySQL, MariaDB, Aurora MySQL: audit, error, general, slowquery; SQL Server: error, agent).',
      severity: 'MEDIUM',
      resourceTypes: INSTANCE,
      standards: [FSBP],
      remediationUrl: controlPage('RDS.9'),
    },
    (item, configuration) => {
      const engine = engineOf(configuration);
      const required = RDS_REQUIRED_LOGS[engineFamily(engine)];
      if (!required) return notApplicable(`DB instance ${item.resourceId} runs engine ${engine || '(not recorded)'}, which this control does not evaluate.`);
      const status = asString(configuration.dBInstanceStatus);
      if (status && !IAM_AUTH_STATES.includes(status))
        return notApplicable(`DB instance ${item.resourceId} is ${status}; only ${IAM_AUTH_STATES.join(', ')} instances are evaluated.`);
      const exported = asArray(configuration.enabledCloudwatchLogsExports).map((entry) => String(entry).toLowerCase());
      const missing = required.filter((log) => !exported.includes(log));
      return missing.length
        ? failed(`DB instance ${item.resourceId} (${engine}) does not export these logs to CloudWatch Logs: ${missing.join(', ')}.`)
        : passed(`DB instance ${item.resourceId} (${engine}) exports ${required.join(', ')} logs to CloudWatch Logs.`);
    },
  ),
  defineControl(
    {
      id: 'RDS.10',
      title: 'IAM authentication should be configured for RDS instances',
      description:
        'Checks whether IAM database authentication is enabled for an RDS DB instance (engines mysql, postgres, aurora, aurora-mysql, aurora-postgresql, mariadb; instances available, backing-up, storage-optimization or storage-full).',
      severity: 'MEDIUM',
      resourceTypes: INSTANCE,
      standards: [FSBP],
      remediationUrl: controlPage('RDS.10'),
    },
    (item, configuration) => {
      const engine = engineOf(configuration);
      if (!IAM_AUTH_ENGINES.includes(engine))
        return notApplicable(`DB instance ${item.resourceId} runs engine ${engine || '(not recorded)'}, which does not support IAM authentication.`);
      const status = asString(configuration.dBInstanceStatus);
      if (status && !IAM_AUTH_STATES.includes(status))
        return notApplicable(`DB instance ${item.resourceId} is ${status}; only ${IAM_AUTH_STATES.join(', ')} instances are evaluated.`);
      const enabled = asBoolean(configuration.iAMDatabaseAuthenticationEnabled);
      return enabled === true
        ? passed(`DB instance ${item.resourceId} has IAM database authentication enabled.`)
        : failed(`DB instance ${item.resourceId} does not have IAM database authentication enabled (iAMDatabaseAuthenticationEnabled ${enabled ?? 'missing'}).`);
    },
  ),
  defineControl(
    {
      id: 'RDS.17',
      title: 'RDS DB instances should be configured to copy tags to snapshots',
      description: 'Checks whether an RDS DB instance copies all its tags to its snapshots (copyTagsToSnapshot).',
      severity: 'LOW',
      resourceTypes: INSTANCE,
      standards: [FSBP],
      remediationUrl: controlPage('RDS.17'),
    },
    (item, configuration) =>
      asBoolean(configuration.copyTagsToSnapshot) === true
        ? passed(`DB instance ${item.resourceId} copies its tags to snapshots.`)
        : failed(`DB instance ${item.resourceId} does not copy its tags to snapshots (copyTagsToSnapshot ${String(configuration.copyTagsToSnapshot ?? 'missing')}).`),
  ),
  defineControl(
    {
      id: 'RDS.23',
      title: 'RDS instances should not use a database engine default port',
      description:
        "Checks whether an RDS DB instance listens on a port other than its engine's default (MySQL, MariaDB, Aurora MySQL 3306; PostgreSQL 5432; Oracle 1521; SQL Server 1433).",
      severity: 'LOW',
      resourceTypes: INSTANCE,
      standards: [FSBP],
      remediationUrl: controlPage('RDS.23'),
    },
    (item, configuration) => {
      const engine = engineOf(configuration);
      const defaultPort = DEFAULT_PORTS[engineFamily(engine)];
      if (defaultPort === undefined) return notApplicable(`DB instance ${item.resourceId} runs engine ${engine || '(not recorded)'}, which has no known default port.`);
      const port = asNumber(field(configuration, 'endpoint', 'port')) ?? asNumber(configuration.dbInstancePort);
      if (port === undefined) return failed(`DB instance ${item.resourceId} records no port (endpoint.port missing); the ${engine} default ${defaultPort} is assumed.`);
      return port === defaultPort
        ? failed(`DB instance ${item.resourceId} (${engine}) uses the engine's default port ${port}.`)
        : passed(`DB instance ${item.resourceId} (${engine}) uses port ${port}, not the default ${defaultPort}.`);
    },
  ),
  defineControl(
    {
      id: 'RDS.25',
      title: 'RDS database instances should use a custom administrator username',
      description: 'Checks whether an RDS DB instance changed its administrator user name from the default (admin, postgres). Neptune and DocumentDB instances are not evaluated.',
      severity: 'MEDIUM',
      resourceTypes: INSTANCE,
      standards: [FSBP],
      remediationUrl: controlPage('RDS.25'),
    },
    (item, configuration) => adminUsernameVerdict(`DB instance ${item.resourceId}`, configuration),
  ),
];

/** The default-admin verdict shared by RDS.24 (clusters) and RDS.25 (instances). */
export function adminUsernameVerdict(subject: string, configuration: Record<string, unknown>) {
  const engine = engineOf(configuration);
  if (NON_RDS_ENGINES.includes(engine)) return notApplicable(`${subject} runs engine ${engine}, which this control does not evaluate.`);
  const user = asString(configuration.masterUsername);
  if (!user) return failed(`${subject} records no administrator user name (masterUsername missing).`);
  return DEFAULT_ADMIN_USERNAMES.includes(user.toLowerCase())
    ? failed(`${subject} uses the default administrator user name "${user}".`)
    : passed(`${subject} uses a custom administrator user name.`);
}
