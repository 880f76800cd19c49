import type { ConfigurationItem, ControlDefinition, ControlParameter, Evaluation, EvaluationContext } from './types';
import type { SeverityLabel } from '../../asff';
import { failed, notApplicable, passed } from './support/verdicts';
import { asArray, asBoolean, asNumber, asString, field, supplementary } from './support/readers';
import { numberParameter } from './support/parameters';
import { controlPage, FSBP } from './support/mappings';
import { defineControl } from './support/guard';

/**
 * Amazon DocumentDB and Amazon Neptune clusters are recorded by AWS Config as RDS DB clusters
 * (`AWS::RDS::DBCluster`, engine `docdb` / `neptune`) and their snapshots as RDS DB cluster
 * snapshots: each control judges its engine's items and leaves the others NOT_APPLICABLE.
 */

const CLUSTER = 'AWS::RDS::DBCluster';
const SNAPSHOT = 'AWS::RDS::DBClusterSnapshot';
type Check = (configuration: Record<string, unknown>, parameters: EvaluationContext['parameters'], item: ConfigurationItem) => Evaluation;

interface Entry {
  id: string;
  title: string;
  severity: SeverityLabel;
  resourceType: typeof CLUSTER | typeof SNAPSHOT;
  description: string;
  parameters?: Record<string, ControlParameter>;
  check: Check;
}

const flag =
  (key: string, yes: string, no: string): Check =>
  (configuration) =>
    asBoolean(field(configuration, [key, key.charAt(0).toUpperCase() + key.slice(1)])) === true ? passed(yes) : failed(`${no} (${key} is not true).`);

const auditLogs: Check = (configuration) =>
  asArray(field(configuration, ['enabledCloudwatchLogsExports', 'EnabledCloudwatchLogsExports'])).includes('audit')
    ? passed('The cluster publishes audit logs to CloudWatch Logs.')
    : failed('The cluster does not publish audit logs to CloudWatch Logs (enabledCloudwatchLogsExports lacks audit).');

const retention: Check = (configuration, parameters) => {
  const minimum = numberParameter(parameters, 'minimumBackupRetentionPeriod', 7);
  const days = asNumber(field(configuration, ['backupRetentionPeriod', 'BackupRetentionPeriod'])) ?? 0;
  return days >= minimum
    ? passed(`Automated backups are kept ${days} days (at least ${minimum}).`)
    : failed(`Automated backups are kept ${days} days, less than minimumBackupRetentionPeriod ${minimum}.`);
};

const notPublic: Check = (configuration, _parameters, item) => {
  if (asString(field(configuration, ['snapshotType', 'SnapshotType'])) === 'automated')
    return notApplicable('Automated snapshots cannot be shared; only manual snapshots are evaluated.');
  const restore = asArray(supplementary(item, 'DBClusterSnapshotAttributes')).filter((attribute) => field(attribute, ['attributeName', 'AttributeName']) === 'restore');
  return restore.some((attribute) => asArray(field(attribute, ['attributeValues', 'AttributeValues'])).includes('all'))
    ? failed('The manual cluster snapshot is public: its restore attribute includes "all".')
    : passed('The manual cluster snapshot is not public.');
};

const RETENTION_PARAMETER: Record<string, ControlParameter> = {
  minimumBackupRetentionPeriod: { type: 'int', default: 7, description: 'Minimum backup retention period, in days.' },
};

function engineControls(engine: string, label: string, entries: Entry[]): ControlDefinition[] {
  return entries.map((entry) =>
    defineControl(
      {
        id: entry.id,
        title: entry.title,
        description: entry.description,
        severity: entry.severity,
        resourceTypes: [entry.resourceType],
        standards: [FSBP],
        parameters: entry.parameters,
        remediationUrl: controlPage(entry.id),
      },
      (item, configuration, context) => {
        const actual = asString(field(configuration, ['engine', 'Engine']));
        if (actual !== engine) return notApplicable(`The ${entry.resourceType === CLUSTER ? 'cluster' : 'snapshot'} is not ${label} (engine ${actual ?? 'not recorded'}).`);
        return entry.check(configuration, context.parameters, item);
      },
    ),
  );
}

/** Security Hub controls for Amazon DocumentDB clusters and cluster snapshots. */
export const documentdbControls: ControlDefinition[] = engineControls('docdb', 'Amazon DocumentDB', [
  {
    id: 'DocumentDB.1',
    title: 'Amazon DocumentDB clusters should be encrypted at rest',
    severity: 'MEDIUM',
    resourceType: CLUSTER,
    description: 'Checks whether the Amazon DocumentDB cluster is encrypted at rest.',
    check: flag('storageEncrypted', 'The cluster is encrypted at rest.', 'The cluster is not encrypted at rest'),
  },
  {
    id: 'DocumentDB.2',
    title: 'Amazon DocumentDB clusters should have an adequate backup retention period',
    severity: 'MEDIUM',
    resourceType: CLUSTER,
    description: 'Checks whether the Amazon DocumentDB cluster keeps backups for at least minimumBackupRetentionPeriod days.',
    parameters: RETENTION_PARAMETER,
    check: retention,
  },
  {
    id: 'DocumentDB.3',
    title: 'Amazon DocumentDB manual cluster snapshots should not be public',
    severity: 'CRITICAL',
    resourceType: SNAPSHOT,
    description: 'Checks whether an Amazon DocumentDB manual cluster snapshot is public.',
    check: notPublic,
  },
  {
    id: 'DocumentDB.4',
    title: 'Amazon DocumentDB clusters should publish audit logs to CloudWatch Logs',
    severity: 'MEDIUM',
    resourceType: CLUSTER,
    description: 'Checks whether the Amazon DocumentDB cluster publishes audit logs to CloudWatch Logs.',
    check: auditLogs,
  },
  {
    id: 'DocumentDB.5',
    title: 'Amazon DocumentDB clusters should have deletion protection enabled',
    severity: 'MEDIUM',
    resourceType: CLUSTER,
    description: 'Checks whether the Amazon DocumentDB cluster has deletion protection enabled.',
    check: flag('deletionProtection', 'Deletion protection is enabled for the cluster.', 'Deletion protection is not enabled for the cluster'),
  },
]);

/** Security Hub controls for Amazon Neptune DB clusters and cluster snapshots. */
export const neptuneControls: ControlDefinition[] = engineControls('neptune', 'Amazon Neptune', [
  {
    id: 'Neptune.1',
    title: 'Neptune DB clusters should be encrypted at rest',
    severity: 'MEDIUM',
    resourceType: CLUSTER,
    description: 'Checks whether the Neptune DB cluster is encrypted at rest.',
    check: flag('storageEncrypted', 'The cluster is encrypted at rest.', 'The cluster is not encrypted at rest'),
  },
  {
    id: 'Neptune.2',
    title: 'Neptune DB clusters should publish audit logs to CloudWatch Logs',
    severity: 'MEDIUM',
    resourceType: CLUSTER,
    description: 'Checks whether the Neptune DB cluster publishes audit logs to CloudWatch Logs.',
    check: auditLogs,
  },
  {
    id: 'Neptune.3',
    title: 'Neptune DB cluster snapshots should not be public',
    severity: 'CRITICAL',
    resourceType: SNAPSHOT,
    description: 'Checks whether a Neptune manual DB cluster snapshot is public.',
    check: notPublic,
  },
  {
    id: 'Neptune.4',
    title: 'Neptune DB clusters should have deletion protection enabled',
    severity: 'LOW',
    resourceType: CLUSTER,
    description: 'Checks whether the Neptune DB cluster has deletion protection enabled.',
    check: flag('deletionProtection', 'Deletion protection is enabled for the cluster.', 'Deletion protection is not enabled for the cluster'),
  },
  {
    id: 'Neptune.5',
    title: 'Neptune DB clusters should have automated backups enabled',
    severity: 'MEDIUM',
    resourceType: CLUSTER,
    description: 'Checks whether the Neptune DB cluster keeps automated backups for at least minimumBackupRetentionPeriod days.',
    parameters: RETENTION_PARAMETER,
    check: retention,
  },
  {
    id: 'Neptune.6',
    title: 'Neptune DB cluster snapshots should be encrypted at rest',
    severity: 'MEDIUM',
    resourceType: SNAPSHOT,
    description: 'Checks whether the Neptune DB cluster snapshot is encrypted at rest.',
    check: flag('storageEncrypted', 'The snapshot is encrypted at rest.', 'The snapshot is not encrypted at rest'),
  },
  {
    id: 'Neptune.7',
    title: 'Neptune DB clusters should have IAM database authentication enabled',
    severity: 'MEDIUM',
    resourceType: CLUSTER,
    description: 'Checks whether the Neptune DB cluster has IAM database authentication enabled.',
    check: flag('iAMDatabaseAuthenticationEnabled', 'IAM database authentication is enabled for the cluster.', 'IAM database authentication is not enabled for the cluster'),
  },
  {
    id: 'Neptune.8',
    title: 'Neptune DB clusters should be configured to copy tags to snapshots',
    severity: 'LOW',
    resourceType: CLUSTER,
    description: 'Checks whether the Neptune DB cluster copies its tags to snapshots.',
    check: flag('copyTagsToSnapshot', 'The cluster copies tags to snapshots.', 'The cluster does not copy tags to snapshots'),
  },
]);
