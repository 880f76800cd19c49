import type { ControlDefinition } from './types';
import { failed, notApplicable, passed } from './support/verdicts';
import { asBoolean, asNumber, asString } from './support/readers';
import { controlPage, FSBP } from './support/mappings';
import { defineControl } from './support/guard';
import { adminUsernameVerdict } from './rds-instance-settings';

const CLUSTER = ['AWS::RDS::DBCluster'];

/** An RDS DB cluster boolean setting control: passes when `setting` is true. */
function clusterSetting(
  definition: Omit<Parameters<typeof defineControl>[0], 'resourceTypes' | 'remediationUrl' | 'standards'>,
  setting: string,
  says: { pass: string; fail: string },
  appliesTo: (engine: string) => boolean = () => true,
): ControlDefinition {
  return defineControl({ ...definition, resourceTypes: CLUSTER, standards: [FSBP], remediationUrl: controlPage(definition.id) }, (item, configuration) => {
    const engine = asString(configuration.engine) ?? '';
    if (!appliesTo(engine)) return notApplicable(`DB cluster ${item.resourceId} runs engine ${engine || '(not recorded)'}, which ${definition.id} does not evaluate.`);
    const value = asBoolean(configuration[setting]);
    return value === true
      ? passed(`DB cluster ${item.resourceId} ${says.pass}.`)
      : failed(`DB cluster ${item.resourceId} ${says.fail} (${setting} ${value === undefined ? 'missing' : String(value)}).`);
  });
}

/** Security Hub controls for RDS DB clusters and snapshot encryption. */
export const rdsClusterControls: ControlDefinition[] = [
  defineControl(
    {
      id: 'RDS.4',
      title: 'RDS cluster snapshots and database snapshots should be encrypted at rest',
      description: 'Checks whether an RDS DB snapshot (encrypted) or DB cluster snapshot (storageEncrypted) is encrypted.',
      severity: 'MEDIUM',
      resourceTypes: ['AWS::RDS::DBSnapshot', 'AWS::RDS::DBClusterSnapshot'],
      standards: [FSBP],
      remediationUrl: controlPage('RDS.4'),
    },
    (item, configuration) => {
      const setting = item.resourceType === 'AWS::RDS::DBSnapshot' ? 'encrypted' : 'storageEncrypted';
      const value = asBoolean(configuration[setting]);
      return value === true
        ? passed(`Snapshot ${item.resourceId} is encrypted at rest.`)
        : failed(`Snapshot ${item.resourceId} is not encrypted at rest (${setting} ${value === undefined ? 'missing' : String(value)}).`);
    },
  ),
  clusterSetting(
    {
      id: 'RDS.7',
      title: 'RDS clusters should have deletion protection enabled',
      description: 'Checks whether an RDS DB cluster has deletion protection enabled.',
      severity: 'LOW',
    },
    'deletionProtection',
    { pass: 'has deletion protection enabled', fail: 'does not have deletion protection enabled' },
  ),
  clusterSetting(
    {
      id: 'RDS.12',
      title: 'IAM authentication should be configured for RDS clusters',
      description: 'Checks whether an RDS DB cluster has IAM database authentication enabled.',
      severity: 'MEDIUM',
    },
    'iAMDatabaseAuthenticationEnabled',
    { pass: 'has IAM database authentication enabled', fail: 'does not have IAM database authentication enabled' },
  ),
  defineControl(
    {
      id: 'RDS.14',
      title: 'Amazon Aurora clusters should have backtracking enabled',
      description:
        'Checks whether an Aurora MySQL DB cluster has backtracking enabled (backtrackWindow greater than 0). Other engines do not support backtracking and are not evaluated.',
      severity: 'MEDIUM',
      resourceTypes: CLUSTER,
      standards: [FSBP],
      remediationUrl: controlPage('RDS.14'),
    },
    (item, configuration) => {
      const engine = asString(configuration.engine) ?? '';
      if (engine !== 'aurora-mysql' && engine !== 'aurora')
        return notApplicable(`DB cluster ${item.resourceId} runs engine ${engine || '(not recorded)'}; backtracking applies to Aurora MySQL only.`);
      const window = asNumber(configuration.backtrackWindow);
      return window !== undefined && window > 0
        ? passed(`DB cluster ${item.resourceId} has backtracking enabled (backtrackWindow ${window} seconds).`)
        : failed(`DB cluster ${item.resourceId} does not have backtracking enabled (backtrackWindow ${window ?? 'missing'}).`);
    },
  ),
  clusterSetting(
    {
      id: 'RDS.15',
      title: 'RDS DB clusters should be configured for multiple Availability Zones',
      description: 'Checks whether an RDS DB cluster is Multi-AZ (multiAZ).',
      severity: 'MEDIUM',
    },
    'multiAZ',
    { pass: 'is configured for multiple Availability Zones', fail: 'is not configured for multiple Availability Zones' },
  ),
  clusterSetting(
    {
      id: 'RDS.16',
      title: 'Aurora DB clusters should be configured to copy tags to DB snapshots',
      description:
        "Checks whether an Aurora DB cluster copies all its tags to its snapshots (copyTagsToSnapshot). Other engines' clusters are not evaluated (RDS.47 and RDS.48 cover RDS for PostgreSQL and MySQL).",
      severity: 'LOW',
    },
    'copyTagsToSnapshot',
    { pass: 'copies its tags to snapshots', fail: 'does not copy its tags to snapshots' },
    (engine) => engine.startsWith('aurora'),
  ),
  defineControl(
    {
      id: 'RDS.24',
      title: 'RDS Database clusters should use a custom administrator username',
      description: 'Checks whether an RDS DB cluster changed its administrator user name from the default (admin, postgres). Neptune and DocumentDB clusters are not evaluated.',
      severity: 'MEDIUM',
      resourceTypes: CLUSTER,
      standards: [FSBP],
      remediationUrl: controlPage('RDS.24'),
    },
    (item, configuration) => adminUsernameVerdict(`DB cluster ${item.resourceId}`, configuration),
  ),
];
