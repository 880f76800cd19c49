import { rdsInstanceSettingControls } from '../../../../lambdas/compliance/controls/rds-instance-settings';
import { rdsClusterControls } from '../../../../lambdas/compliance/controls/rds-clusters';
import { rdsEventControls } from '../../../../lambdas/compliance/controls/rds-events';
import { controlHarness } from '../../../support/controls';
import { controlTable } from '../../../support/control-table';

const rds = controlHarness([...rdsInstanceSettingControls, ...rdsClusterControls, ...rdsEventControls], 'rds');
const deleted = { name: 'a deleted resource', fixture: 'instance-deleted', expect: 'NOT_APPLICABLE' as const, reason: /deleted/ };

controlTable(rds, 'RDS.6', 'instance-hardened', [
  { name: 'monitoring every 60 s', expect: 'PASSED', reason: /every 60 seconds/ },
  {
    name: 'monitoring off',
    patch: (i) => {
      i.configuration.monitoringInterval = 0;
    },
    expect: 'FAILED',
    reason: /monitoringInterval 0/,
  },
  {
    name: 'monitoring not recorded',
    patch: (i) => {
      delete i.configuration.monitoringInterval;
    },
    expect: 'FAILED',
    reason: /monitoringInterval missing/,
  },
  deleted,
]);

controlTable(rds, 'RDS.9', 'instance-hardened', [
  { name: 'postgres exporting postgresql and upgrade', expect: 'PASSED', reason: /postgresql, upgrade/ },
  {
    name: 'postgres missing the upgrade log',
    patch: (i) => {
      i.configuration.enabledCloudwatchLogsExports = ['postgresql'];
    },
    expect: 'FAILED',
    reason: /logs to CloudWatch Logs: upgrade\./,
  },
  {
    name: 'mysql exporting only error',
    patch: (i) => {
      i.configuration.engine = 'mysql';
      i.configuration.enabledCloudwatchLogsExports = ['error'];
    },
    expect: 'FAILED',
    reason: /audit, general, slowquery/,
  },
  {
    name: 'sqlserver-se exporting error and agent',
    patch: (i) => {
      i.configuration.engine = 'sqlserver-se';
      i.configuration.enabledCloudwatchLogsExports = ['error', 'agent'];
    },
    expect: 'PASSED',
    reason: /sqlserver-se/,
  },
  {
    name: 'an engine outside the list',
    patch: (i) => {
      i.configuration.engine = 'db2-se';
    },
    expect: 'NOT_APPLICABLE',
    reason: /db2-se/,
  },
  {
    name: 'a stopped instance',
    patch: (i) => {
      i.configuration.dBInstanceStatus = 'stopped';
    },
    expect: 'NOT_APPLICABLE',
    reason: /is stopped/,
  },
]);

controlTable(rds, 'RDS.10', 'instance-hardened', [
  { name: 'IAM auth on', expect: 'PASSED', reason: /IAM database authentication enabled/ },
  {
    name: 'IAM auth off',
    patch: (i) => {
      i.configuration.iAMDatabaseAuthenticationEnabled = false;
    },
    expect: 'FAILED',
    reason: /iAMDatabaseAuthenticationEnabled false/,
  },
  {
    name: 'an Oracle instance',
    patch: (i) => {
      i.configuration.engine = 'oracle-ee';
    },
    expect: 'NOT_APPLICABLE',
    reason: /oracle-ee/,
  },
  {
    name: 'a stopped instance',
    patch: (i) => {
      i.configuration.dBInstanceStatus = 'stopped';
    },
    expect: 'NOT_APPLICABLE',
    reason: /is stopped/,
  },
]);

controlTable(rds, 'RDS.17', 'instance-hardened', [
  { name: 'copies tags', expect: 'PASSED', reason: /copies its tags/ },
  {
    name: 'does not copy tags',
    patch: (i) => {
      i.configuration.copyTagsToSnapshot = false;
    },
    expect: 'FAILED',
    reason: /copyTagsToSnapshot false/,
  },
]);

controlTable(rds, 'RDS.23', 'instance-hardened', [
  { name: 'postgres on 6432', expect: 'PASSED', reason: /port 6432, not the default 5432/ },
  {
    name: 'postgres on 5432',
    patch: (i) => {
      i.configuration.endpoint.port = 5432;
    },
    expect: 'FAILED',
    reason: /default port 5432/,
  },
  {
    name: 'sqlserver-ex on 1433',
    patch: (i) => {
      i.configuration.engine = 'sqlserver-ex';
      i.configuration.endpoint.port = 1433;
    },
    expect: 'FAILED',
    reason: /default port 1433/,
  },
  {
    name: 'an engine without a known default port',
    patch: (i) => {
      i.configuration.engine = 'db2-ae';
    },
    expect: 'NOT_APPLICABLE',
    reason: /no known default port/,
  },
]);

controlTable(rds, 'RDS.25', 'instance-hardened', [
  { name: 'custom user name', expect: 'PASSED', reason: /custom administrator/ },
  {
    name: 'user name postgres',
    patch: (i) => {
      i.configuration.masterUsername = 'postgres';
    },
    expect: 'FAILED',
    reason: /default administrator user name "postgres"/,
  },
  {
    name: 'user name Admin',
    patch: (i) => {
      i.configuration.masterUsername = 'Admin';
    },
    expect: 'FAILED',
    reason: /"Admin"/,
  },
  {
    name: 'a DocumentDB instance',
    patch: (i) => {
      i.configuration.engine = 'docdb';
      i.configuration.masterUsername = 'admin';
    },
    expect: 'NOT_APPLICABLE',
    reason: /docdb/,
  },
]);

controlTable(rds, 'RDS.4', 'snapshot-private', [
  { name: 'an encrypted DB snapshot', expect: 'PASSED', reason: /is encrypted at rest/ },
  {
    name: 'an unencrypted DB snapshot',
    patch: (i) => {
      i.configuration.encrypted = false;
    },
    expect: 'FAILED',
    reason: /encrypted false/,
  },
  { name: 'an unencrypted cluster snapshot', fixture: 'cluster-snapshot-public', expect: 'FAILED', reason: /storageEncrypted false/ },
  {
    name: 'an encrypted cluster snapshot',
    fixture: 'cluster-snapshot-public',
    patch: (i) => {
      i.configuration.storageEncrypted = true;
    },
    expect: 'PASSED',
    reason: /encrypted at rest/,
  },
  { name: 'a deleted snapshot', fixture: 'snapshot-deleted', expect: 'NOT_APPLICABLE', reason: /deleted/ },
]);

describe.each([
  ['RDS.7', 'deletionProtection'],
  ['RDS.12', 'iAMDatabaseAuthenticationEnabled'],
  ['RDS.15', 'multiAZ'],
  ['RDS.16', 'copyTagsToSnapshot'],
])('%s cluster setting %s', (id, setting) => {
  controlTable(rds, id, 'cluster-hardened', [
    { name: 'set', expect: 'PASSED', reason: /orders-aurora|cluster-ABC/ },
    {
      name: 'off',
      patch: (i) => {
        i.configuration[setting] = false;
      },
      expect: 'FAILED',
      reason: new RegExp(`${setting} false`),
    },
    {
      name: 'not recorded',
      patch: (i) => {
        delete i.configuration[setting];
      },
      expect: 'FAILED',
      reason: new RegExp(`${setting} missing`),
    },
    { name: 'an instance', fixture: 'instance-hardened', expect: 'NOT_APPLICABLE', reason: /not evaluated by this control/ },
  ]);
});

controlTable(rds, 'RDS.16', 'cluster-hardened', [
  {
    name: 'a Multi-AZ RDS for PostgreSQL cluster (RDS.47 evaluates it)',
    patch: (i) => {
      i.configuration.engine = 'postgres';
      i.configuration.copyTagsToSnapshot = false;
    },
    expect: 'NOT_APPLICABLE',
    reason: /runs engine postgres, which RDS.16 does not evaluate/,
  },
]);

controlTable(rds, 'RDS.14', 'cluster-hardened', [
  { name: 'a day of backtracking', expect: 'PASSED', reason: /backtrackWindow 86400/ },
  {
    name: 'backtracking off',
    patch: (i) => {
      i.configuration.backtrackWindow = 0;
    },
    expect: 'FAILED',
    reason: /backtrackWindow 0/,
  },
  {
    name: 'an Aurora PostgreSQL cluster',
    patch: (i) => {
      i.configuration.engine = 'aurora-postgresql';
    },
    expect: 'NOT_APPLICABLE',
    reason: /Aurora MySQL only/,
  },
]);

controlTable(rds, 'RDS.24', 'cluster-hardened', [
  { name: 'custom user name', expect: 'PASSED', reason: /custom administrator/ },
  {
    name: 'user name admin',
    patch: (i) => {
      i.configuration.masterUsername = 'admin';
    },
    expect: 'FAILED',
    reason: /"admin"/,
  },
  {
    name: 'a Neptune cluster',
    patch: (i) => {
      i.configuration.engine = 'neptune';
    },
    expect: 'NOT_APPLICABLE',
    reason: /neptune/,
  },
]);

describe.each([
  ['RDS.19', 'db-cluster', ['maintenance', 'failure']],
  ['RDS.20', 'db-instance', ['maintenance', 'configuration change', 'failure']],
  ['RDS.21', 'db-parameter-group', ['configuration change']],
  ['RDS.22', 'db-security-group', ['configuration change', 'failure']],
])('%s event subscription for %s', (id, sourceType, categories) => {
  const source = (i: { configuration: Record<string, unknown> }) => {
    i.configuration.sourceType = sourceType;
  };
  controlTable(rds, id, 'event-subscription-cluster', [
    {
      name: 'the critical categories',
      patch: (i) => {
        source(i);
        i.configuration.eventCategoriesList = categories;
      },
      expect: 'PASSED',
      reason: new RegExp(sourceType),
    },
    {
      name: 'every category (empty list)',
      patch: (i) => {
        source(i);
        i.configuration.eventCategoriesList = [];
      },
      expect: 'PASSED',
      reason: /notifies/,
    },
    {
      name: 'a category missing',
      patch: (i) => {
        source(i);
        i.configuration.eventCategoriesList = [...categories.slice(1), 'deletion'];
      },
      expect: 'FAILED',
      reason: new RegExp(`categories: ${categories[0]}`),
    },
    {
      name: 'disabled',
      patch: (i) => {
        source(i);
        i.configuration.enabled = false;
      },
      expect: 'FAILED',
      reason: /disabled/,
    },
    {
      name: 'another source type',
      patch: (i) => {
        i.configuration.sourceType = 'db-snapshot';
      },
      expect: 'FAILED',
      reason: /db-snapshot, not/,
    },
  ]);
});
