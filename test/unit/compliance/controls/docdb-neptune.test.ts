import { documentdbControls, neptuneControls } from '../../../../lambdas/compliance/controls/docdb-neptune';
import { describeVariants, set } from '../../../support/control-variants';

const publicSnapshot = (_configuration: unknown, item: { supplementaryConfiguration?: Record<string, unknown> }) => {
  item.supplementaryConfiguration = { DBClusterSnapshotAttributes: [{ attributeName: 'restore', attributeValues: ['all'] }] };
};

describeVariants('DocumentDB controls', documentdbControls, 'docdb-neptune', { 'AWS::RDS::DBCluster': 'docdb-cluster', 'AWS::RDS::DBClusterSnapshot': 'docdb-snapshot' }, [
  { control: 'DocumentDB.1', name: 'encrypted', expect: 'PASSED', reason: /encrypted at rest/ },
  { control: 'DocumentDB.1', name: 'not encrypted', patch: set('storageEncrypted', false), expect: 'FAILED', reason: /storageEncrypted is not true/ },
  { control: 'DocumentDB.1', name: 'a Neptune cluster', fixture: 'neptune-cluster', expect: 'NOT_APPLICABLE', reason: /not Amazon DocumentDB \(engine neptune\)/ },
  { control: 'DocumentDB.2', name: '7-day backups', expect: 'PASSED', reason: /kept 7 days \(at least 7\)/ },
  { control: 'DocumentDB.2', name: '1-day backups', patch: set('backupRetentionPeriod', 1), expect: 'FAILED', reason: /less than minimumBackupRetentionPeriod 7/ },
  {
    control: 'DocumentDB.2',
    name: 'minimumBackupRetentionPeriod 14',
    parameters: { minimumBackupRetentionPeriod: 14 },
    expect: 'FAILED',
    reason: /less than minimumBackupRetentionPeriod 14/,
  },
  { control: 'DocumentDB.3', name: 'shared with one account', expect: 'PASSED', reason: /not public/ },
  { control: 'DocumentDB.3', name: 'shared with all', patch: publicSnapshot, expect: 'FAILED', reason: /restore attribute includes "all"/ },
  { control: 'DocumentDB.3', name: 'an automated snapshot', patch: set('snapshotType', 'automated'), expect: 'NOT_APPLICABLE', reason: /only manual snapshots/ },
  { control: 'DocumentDB.4', name: 'audit logs exported', expect: 'PASSED', reason: /publishes audit logs/ },
  { control: 'DocumentDB.4', name: 'no audit logs', patch: set('enabledCloudwatchLogsExports', ['profiler']), expect: 'FAILED', reason: /lacks audit/ },
  { control: 'DocumentDB.5', name: 'deletion protection', expect: 'PASSED', reason: /Deletion protection is enabled/ },
  { control: 'DocumentDB.5', name: 'no deletion protection', patch: set('deletionProtection', false), expect: 'FAILED', reason: /deletionProtection is not true/ },
]);

describeVariants('Neptune controls', neptuneControls, 'docdb-neptune', { 'AWS::RDS::DBCluster': 'neptune-cluster', 'AWS::RDS::DBClusterSnapshot': 'neptune-snapshot' }, [
  { control: 'Neptune.1', name: 'encrypted', expect: 'PASSED', reason: /encrypted at rest/ },
  { control: 'Neptune.1', name: 'not encrypted', patch: set('storageEncrypted', false), expect: 'FAILED', reason: /not encrypted/ },
  { control: 'Neptune.1', name: 'an Aurora cluster', patch: set('engine', 'aurora-postgresql'), expect: 'NOT_APPLICABLE', reason: /engine aurora-postgresql/ },
  { control: 'Neptune.2', name: 'audit logs', expect: 'PASSED', reason: /audit logs/ },
  { control: 'Neptune.2', name: 'no log exports', patch: set('enabledCloudwatchLogsExports', []), expect: 'FAILED', reason: /lacks audit/ },
  { control: 'Neptune.3', name: 'private snapshot', expect: 'PASSED', reason: /not public/ },
  { control: 'Neptune.3', name: 'public snapshot', patch: publicSnapshot, expect: 'FAILED', reason: /public/ },
  { control: 'Neptune.4', name: 'deletion protection', expect: 'PASSED', reason: /enabled/ },
  { control: 'Neptune.4', name: 'no deletion protection', patch: set('deletionProtection', false), expect: 'FAILED', reason: /deletionProtection is not true/ },
  { control: 'Neptune.5', name: '7-day backups', expect: 'PASSED', reason: /at least 7/ },
  { control: 'Neptune.5', name: '1-day backups', patch: set('backupRetentionPeriod', 1), expect: 'FAILED', reason: /1 days/ },
  { control: 'Neptune.5', name: 'minimumBackupRetentionPeriod 30', parameters: { minimumBackupRetentionPeriod: 30 }, expect: 'FAILED', reason: /minimumBackupRetentionPeriod 30/ },
  { control: 'Neptune.6', name: 'encrypted snapshot', expect: 'PASSED', reason: /snapshot is encrypted/ },
  { control: 'Neptune.6', name: 'unencrypted snapshot', patch: set('storageEncrypted', false), expect: 'FAILED', reason: /snapshot is not encrypted/ },
  { control: 'Neptune.7', name: 'IAM auth', expect: 'PASSED', reason: /IAM database authentication is enabled/ },
  { control: 'Neptune.7', name: 'no IAM auth', patch: set('iAMDatabaseAuthenticationEnabled', false), expect: 'FAILED', reason: /iAMDatabaseAuthenticationEnabled is not true/ },
  { control: 'Neptune.8', name: 'copies tags', expect: 'PASSED', reason: /copies tags/ },
  { control: 'Neptune.8', name: 'does not copy tags', patch: set('copyTagsToSnapshot', false), expect: 'FAILED', reason: /copyTagsToSnapshot is not true/ },
]);
