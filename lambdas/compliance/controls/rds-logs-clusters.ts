/**
 * Security Hub controls on RDS DB clusters' settings (encryption, minor version upgrades, log
 * exports, snapshot tags, backup retention, Neptune Multi-AZ) and on RDS DB instances' CloudWatch
 * Logs exports per engine (RDS.36, RDS.40, RDS.42). Each applies to the engines its Config rule
 * names; the others are NOT_APPLICABLE, naming the engine.
 */
import type { ControlDefinition, ControlParameter, Evaluation, ParameterValue, StandardMapping } from './types';
import { failed, notApplicable, passed } from './support/verdicts';
import { asArray, asBoolean, asNumber, asString } from './support/readers';
import { numberParameter, stringListParameter } from './support/parameters';
import { controlPage, FSBP } from './support/mappings';
import { defineControl } from './support/guard';

const CLUSTER = 'AWS::RDS::DBCluster';
const INSTANCE = 'AWS::RDS::DBInstance';

type Configuration = Record<string, unknown>;

const engineOf = (configuration: Configuration) => (asString(configuration.engine) ?? '').toLowerCase();
const exportedLogs = (configuration: Configuration) => asArray(configuration.enabledCloudwatchLogsExports).map((entry) => String(entry).toLowerCase());

interface Entry {
  id: string;
  title: string;
  description: string;
  severity: ControlDefinition['severity'];
  resourceType: string;
  standards: StandardMapping[];
  parameters?: Record<string, ControlParameter>;
  /** The engines the control evaluates (lower case); absent: every engine. */
  engines?: (engine: string, configuration: Configuration) => boolean;
  /** Which engines, in words, for the NOT_APPLICABLE reason. */
  enginesSaid?: string;
  judge(subject: string, configuration: Configuration, parameters: Record<string, ParameterValue>): Evaluation;
}

/** A control from its entry: the engine guard, then the judgement. */
function control(entry: Entry): ControlDefinition {
  const { judge, engines, enginesSaid, resourceType, ...definition } = entry;
  return defineControl({ ...definition, resourceTypes: [resourceType], remediationUrl: controlPage(entry.id) }, (item, configuration, context) => {
    const noun = resourceType === CLUSTER ? 'DB cluster' : 'DB instance';
    const engine = engineOf(configuration);
    if (engines && !engines(engine, configuration)) {
      return notApplicable(`${noun} ${item.resourceId} runs engine ${engine || '(not recorded)'}; ${entry.id} evaluates ${enginesSaid ?? 'other engines'} only.`);
    }
    return judge(`${noun} ${item.resourceId}`, configuration, context.parameters);
  });
}

/** Passes when `setting` is true. */
const flag =
  (setting: string, says: { pass: string; fail: string }) =>
  (subject: string, configuration: Configuration): Evaluation => {
    const value = asBoolean(configuration[setting]);
    return value === true ? passed(`${subject} ${says.pass}.`) : failed(`${subject} ${says.fail} (${setting} ${value === undefined ? 'missing' : String(value)}).`);
  };

/** Passes when every required log type is exported to CloudWatch Logs. */
function logsJudge(required: (parameters: Record<string, ParameterValue>) => string[]) {
  return (subject: string, configuration: Configuration, parameters: Record<string, ParameterValue>): Evaluation => {
    const wanted = required(parameters).map((type) => type.toLowerCase());
    const exported = exportedLogs(configuration);
    const missing = wanted.filter((type) => !exported.includes(type));
    return missing.length === 0
      ? passed(`${subject} publishes ${wanted.join(', ')} logs to CloudWatch Logs.`)
      : failed(`${subject} does not publish these logs to CloudWatch Logs: ${missing.join(', ')} (enabledCloudwatchLogsExports: ${exported.join(', ') || 'none'}).`);
  };
}

const logTypesParameter = (defaults: string[], allowed: string): ControlParameter => ({
  type: 'stringList',
  default: defaults,
  description: `Log types the DB instance must publish to CloudWatch Logs (allowed: ${allowed}).`,
});

/** RDS Multi-AZ DB clusters (not Aurora): the engines RDS runs as a Multi-AZ DB cluster. */
const MULTI_AZ_CLUSTER_ENGINES = ['mysql', 'postgres'];
const isSqlServer = (engine: string) => engine.startsWith('sqlserver');

/** Security Hub controls on RDS DB cluster settings and RDS DB instance log exports. */
export const rdsLogsAndClusterControls: ControlDefinition[] = [
  control({
    id: 'RDS.27',
    title: 'RDS DB clusters should be encrypted at rest',
    description: 'Checks whether an RDS DB cluster is encrypted at rest (storageEncrypted).',
    severity: 'MEDIUM',
    resourceType: CLUSTER,
    standards: [FSBP],
    judge: flag('storageEncrypted', { pass: 'is encrypted at rest', fail: 'is not encrypted at rest' }),
  }),
  control({
    id: 'RDS.34',
    title: 'Aurora MySQL DB clusters should publish audit logs to CloudWatch Logs',
    description: 'Checks whether an Aurora MySQL DB cluster publishes audit logs to CloudWatch Logs. Aurora Serverless v1 clusters are not evaluated.',
    severity: 'MEDIUM',
    resourceType: CLUSTER,
    standards: [FSBP],
    engines: (engine, configuration) => (engine === 'aurora-mysql' || engine === 'aurora') && asString(configuration.engineMode) !== 'serverless',
    enginesSaid: 'Aurora MySQL clusters (not Serverless v1)',
    judge: logsJudge(() => ['audit']),
  }),
  control({
    id: 'RDS.35',
    title: 'RDS DB clusters should have automatic minor version upgrade enabled',
    description: 'Checks whether an RDS Multi-AZ DB cluster has automatic minor version upgrade enabled. Aurora, Neptune and DocumentDB clusters are not evaluated.',
    severity: 'MEDIUM',
    resourceType: CLUSTER,
    standards: [FSBP],
    engines: (engine) => MULTI_AZ_CLUSTER_ENGINES.includes(engine),
    enginesSaid: 'RDS Multi-AZ DB clusters (MySQL, PostgreSQL)',
    judge: flag('autoMinorVersionUpgrade', { pass: 'has automatic minor version upgrade enabled', fail: 'does not have automatic minor version upgrade enabled' }),
  }),
  control({
    id: 'RDS.36',
    title: 'RDS for PostgreSQL DB instances should publish logs to CloudWatch Logs',
    description: 'Checks whether an RDS for PostgreSQL DB instance publishes the log types in logTypes to CloudWatch Logs.',
    severity: 'MEDIUM',
    resourceType: INSTANCE,
    standards: [FSBP],
    parameters: { logTypes: logTypesParameter(['postgresql'], 'postgresql; Security Hub does not let it be customised') },
    engines: (engine) => engine === 'postgres',
    enginesSaid: 'RDS for PostgreSQL instances',
    judge: logsJudge((parameters) => stringListParameter(parameters, 'logTypes', ['postgresql'])),
  }),
  control({
    id: 'RDS.37',
    title: 'Aurora PostgreSQL DB clusters should publish logs to CloudWatch Logs',
    description: 'Checks whether an Aurora PostgreSQL DB cluster publishes PostgreSQL logs to CloudWatch Logs.',
    severity: 'MEDIUM',
    resourceType: CLUSTER,
    standards: [FSBP],
    engines: (engine) => engine === 'aurora-postgresql',
    enginesSaid: 'Aurora PostgreSQL clusters',
    judge: logsJudge(() => ['postgresql']),
  }),
  control({
    id: 'RDS.40',
    title: 'RDS for SQL Server DB instances should publish logs to CloudWatch Logs',
    description: 'Checks whether an RDS for Microsoft SQL Server DB instance publishes the log types in logTypes to CloudWatch Logs.',
    severity: 'MEDIUM',
    resourceType: INSTANCE,
    standards: [FSBP],
    parameters: { logTypes: logTypesParameter(['agent', 'error'], 'agent, error') },
    engines: isSqlServer,
    enginesSaid: 'RDS for SQL Server instances',
    judge: logsJudge((parameters) => stringListParameter(parameters, 'logTypes', ['agent', 'error'])),
  }),
  control({
    id: 'RDS.42',
    title: 'RDS for MariaDB DB instances should publish logs to CloudWatch Logs',
    description: 'Checks whether an RDS for MariaDB DB instance publishes the log types in logTypes to CloudWatch Logs.',
    severity: 'MEDIUM',
    resourceType: INSTANCE,
    standards: [FSBP],
    parameters: { logTypes: logTypesParameter(['audit', 'error'], 'audit, error, general, slowquery') },
    engines: (engine) => engine === 'mariadb',
    enginesSaid: 'RDS for MariaDB instances',
    judge: logsJudge((parameters) => stringListParameter(parameters, 'logTypes', ['audit', 'error'])),
  }),
  control({
    id: 'RDS.47',
    title: 'RDS for PostgreSQL DB clusters should be configured to copy tags to DB snapshots',
    description: 'Checks whether an RDS for PostgreSQL DB cluster copies its tags to DB snapshots (copyTagsToSnapshot).',
    severity: 'LOW',
    resourceType: CLUSTER,
    standards: [FSBP],
    engines: (engine) => engine === 'postgres',
    enginesSaid: 'RDS for PostgreSQL clusters',
    judge: flag('copyTagsToSnapshot', { pass: 'copies its tags to snapshots', fail: 'does not copy its tags to snapshots' }),
  }),
  control({
    id: 'RDS.48',
    title: 'RDS for MySQL DB clusters should be configured to copy tags to DB snapshots',
    description: 'Checks whether an RDS for MySQL DB cluster copies its tags to DB snapshots (copyTagsToSnapshot).',
    severity: 'LOW',
    resourceType: CLUSTER,
    standards: [FSBP],
    engines: (engine) => engine === 'mysql',
    enginesSaid: 'RDS for MySQL clusters',
    judge: flag('copyTagsToSnapshot', { pass: 'copies its tags to snapshots', fail: 'does not copy its tags to snapshots' }),
  }),
  control({
    id: 'RDS.50',
    title: 'RDS DB clusters should have enough backup retention period set',
    description: 'Checks whether an RDS DB cluster keeps automated backups for at least minimumBackupRetentionPeriod days.',
    severity: 'MEDIUM',
    resourceType: CLUSTER,
    standards: [FSBP],
    parameters: { minimumBackupRetentionPeriod: { type: 'int', default: 7, description: 'Minimum backup retention period, in days (7 to 35).' } },
    judge: (subject, configuration, parameters) => {
      const minimum = numberParameter(parameters, 'minimumBackupRetentionPeriod', 7);
      const days = asNumber(configuration.backupRetentionPeriod);
      return days !== undefined && days >= minimum
        ? passed(`${subject} keeps backups ${days} days (at least ${minimum}).`)
        : failed(`${subject} keeps backups ${days ?? '(not recorded)'} days, less than minimumBackupRetentionPeriod ${minimum}.`);
    },
  }),
  control({
    id: 'Neptune.9',
    title: 'Neptune DB clusters should be deployed across multiple Availability Zones',
    description: 'Checks whether a Neptune DB cluster has read-replica instances in more than one Availability Zone (multiAZ).',
    severity: 'MEDIUM',
    resourceType: CLUSTER,
    standards: [],
    engines: (engine) => engine === 'neptune',
    enginesSaid: 'Neptune clusters',
    judge: flag('multiAZ', { pass: 'is deployed across multiple Availability Zones', fail: 'is deployed in one Availability Zone' }),
  }),
];
