import type { ControlDefinition } from './types';
import { failed, notApplicable, passed } from './support/verdicts';
import { asArray, asBoolean, asNumber, asString, field, supplementary } from './support/readers';
import { numberParameter, stringListParameter } from './support/parameters';
import { cis3, controlPage, FSBP, pci321 } from './support/mappings';
import { defineControl } from './support/guard';

const INSTANCE = 'AWS::RDS::DBInstance';
const DELETION_PROTECTION_ENGINES = [
  'mariadb',
  'mysql',
  'oracle-ee',
  'oracle-se2',
  'oracle-se1',
  'oracle-se',
  'postgres',
  'sqlserver-ee',
  'sqlserver-se',
  'sqlserver-ex',
  'sqlserver-web',
];

/** An RDS DB instance boolean setting control: passes when the setting is `expected`. */
function instanceSetting(
  definition: Omit<Parameters<typeof defineControl>[0], 'resourceTypes'>,
  setting: string,
  expected: boolean,
  says: { pass: string; fail: string },
): ControlDefinition {
  return defineControl({ ...definition, resourceTypes: [INSTANCE] }, (item, configuration) => {
    const value = asBoolean(configuration[setting]);
    return value === expected
      ? passed(`DB instance ${item.resourceId} ${says.pass} (${setting} ${String(value)}).`)
      : failed(`DB instance ${item.resourceId} ${says.fail} (${setting} ${value === undefined ? 'missing' : String(value)}).`);
  });
}

/** Security Hub controls for Amazon RDS. */
export const rdsControls: ControlDefinition[] = [
  defineControl(
    {
      id: 'RDS.1',
      title: 'RDS snapshot should be private',
      description: 'Checks whether an RDS DB snapshot or DB cluster snapshot is public (its restore attribute includes "all").',
      severity: 'CRITICAL',
      resourceTypes: ['AWS::RDS::DBSnapshot', 'AWS::RDS::DBClusterSnapshot'],
      standards: [FSBP, pci321('1.2.1', '1.3.1', '1.3.4', '1.3.6', '7.2.1')],
      remediationUrl: controlPage('RDS.1'),
    },
    (item) => {
      const attributes = asArray(supplementary(item, 'DBSnapshotAttributes') ?? supplementary(item, 'DBClusterSnapshotAttributes'));
      const restore = attributes.filter((attribute) => field(attribute, 'attributeName') === 'restore');
      const isPublic = restore.some((attribute) => asArray(field(attribute, 'attributeValues')).includes('all'));
      return isPublic
        ? failed(`Snapshot ${item.resourceId} is public: its restore attribute includes "all".`)
        : passed(`Snapshot ${item.resourceId} is not shared publicly (restore attribute does not include "all").`);
    },
  ),
  instanceSetting(
    {
      id: 'RDS.2',
      title: 'RDS DB Instances should prohibit public access, as determined by the PubliclyAccessible configuration',
      description: 'Checks whether an RDS DB instance is publicly accessible (PubliclyAccessible).',
      severity: 'CRITICAL',
      standards: [FSBP, cis3('2.3.3'), pci321('1.2.1', '1.3.1', '1.3.2', '1.3.4', '1.3.6', '7.2.1')],
      remediationUrl: controlPage('RDS.2'),
    },
    'publiclyAccessible',
    false,
    { pass: 'is not publicly accessible', fail: 'is publicly accessible' },
  ),
  instanceSetting(
    {
      id: 'RDS.3',
      title: 'RDS DB instances should have encryption at-rest enabled',
      description: 'Checks whether storage encryption is enabled for an RDS DB instance.',
      severity: 'MEDIUM',
      standards: [FSBP, cis3('2.3.1')],
      remediationUrl: controlPage('RDS.3'),
    },
    'storageEncrypted',
    true,
    { pass: 'has storage encryption enabled', fail: 'does not have storage encryption enabled' },
  ),
  defineControl(
    {
      id: 'RDS.5',
      title: 'RDS DB instances should be configured with multiple Availability Zones',
      description:
        'Checks whether an RDS DB instance is a Multi-AZ deployment. Instances of a DB cluster (Aurora, Neptune, DocumentDB) are judged by the cluster and not evaluated.',
      severity: 'MEDIUM',
      resourceTypes: [INSTANCE],
      standards: [FSBP],
      remediationUrl: controlPage('RDS.5'),
    },
    (item, configuration) => {
      const cluster = asString(configuration.dBClusterIdentifier);
      if (cluster) return notApplicable(`DB instance ${item.resourceId} belongs to DB cluster ${cluster}; availability is a property of the cluster.`);
      return asBoolean(configuration.multiAZ) === true
        ? passed(`DB instance ${item.resourceId} is a Multi-AZ deployment.`)
        : failed(`DB instance ${item.resourceId} is not a Multi-AZ deployment (multiAZ ${String(configuration.multiAZ ?? 'missing')}).`);
    },
  ),
  defineControl(
    {
      id: 'RDS.8',
      title: 'RDS DB instances should have deletion protection enabled',
      description: 'Checks whether an RDS DB instance that uses one of the listed database engines has deletion protection enabled.',
      severity: 'LOW',
      resourceTypes: [INSTANCE],
      standards: [FSBP],
      parameters: {
        databaseEngines: { type: 'stringList', default: DELETION_PROTECTION_ENGINES, description: 'Database engines whose instances are evaluated.' },
      },
      remediationUrl: controlPage('RDS.8'),
    },
    (item, configuration, context) => {
      const engine = asString(configuration.engine) ?? 'unknown';
      if (!stringListParameter(context.parameters, 'databaseEngines', DELETION_PROTECTION_ENGINES).includes(engine)) {
        return notApplicable(`DB instance ${item.resourceId} uses engine ${engine}, which is not in databaseEngines.`);
      }
      return asBoolean(configuration.deletionProtection) === true
        ? passed(`DB instance ${item.resourceId} has deletion protection enabled.`)
        : failed(`DB instance ${item.resourceId} does not have deletion protection enabled (deletionProtection ${String(configuration.deletionProtection ?? 'missing')}).`);
    },
  ),
  defineControl(
    {
      id: 'RDS.11',
      title: 'RDS instances should have automatic backups enabled',
      description: 'Checks whether an RDS DB instance has automated backups with a retention period of at least backupRetentionMinimum days. Read replicas are not evaluated.',
      severity: 'MEDIUM',
      resourceTypes: [INSTANCE],
      standards: [FSBP],
      parameters: { backupRetentionMinimum: { type: 'int', default: 7, description: 'Minimum backup retention period in days (7 to 35).' } },
      remediationUrl: controlPage('RDS.11'),
    },
    (item, configuration, context) => {
      const source = asString(configuration.readReplicaSourceDBInstanceIdentifier);
      if (source) return notApplicable(`DB instance ${item.resourceId} is a read replica of ${source}.`);
      const minimum = numberParameter(context.parameters, 'backupRetentionMinimum', 7);
      const retention = asNumber(configuration.backupRetentionPeriod);
      if (retention === undefined || retention <= 0) {
        return failed(`DB instance ${item.resourceId} has automated backups disabled (backupRetentionPeriod ${retention ?? 'missing'}).`);
      }
      return retention >= minimum
        ? passed(`DB instance ${item.resourceId} keeps automated backups ${retention} days (minimum ${minimum}).`)
        : failed(`DB instance ${item.resourceId} keeps automated backups ${retention} days, less than the minimum ${minimum}.`);
    },
  ),
  instanceSetting(
    {
      id: 'RDS.13',
      title: 'RDS automatic minor version upgrades should be enabled',
      description: 'Checks whether automatic minor version upgrades are enabled for an RDS DB instance.',
      severity: 'HIGH',
      standards: [FSBP, cis3('2.3.2')],
      remediationUrl: controlPage('RDS.13'),
    },
    'autoMinorVersionUpgrade',
    true,
    { pass: 'has automatic minor version upgrades enabled', fail: 'does not have automatic minor version upgrades enabled' },
  ),
];
