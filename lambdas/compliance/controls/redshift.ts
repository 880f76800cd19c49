import type { ConfigurationItem, ControlDefinition } from './types';
import { failed, notApplicable, passed } from './support/verdicts';
import { asArray, asBoolean, asNumber, asString, field } from './support/readers';
import { numberParameter } from './support/parameters';
import { controlPage, FSBP, pci321 } from './support/mappings';
import { defineControl, liveRelated } from './support/guard';
import { openToPorts } from './support/network-rules';

const CLUSTER = ['AWS::Redshift::Cluster'];
const PARAMETER_GROUP = 'AWS::Redshift::ClusterParameterGroup';
const SECURITY_GROUP = 'AWS::EC2::SecurityGroup';
/** Redshift's default port, for a cluster that records no endpoint. */
const DEFAULT_PORT = 5439;

/** The VPC security group ids of a cluster (`vpcSecurityGroups[].vpcSecurityGroupId`). */
const securityGroupsOf = (configuration: Record<string, unknown> | null) =>
  asArray(field(configuration, ['vpcSecurityGroups', 'VpcSecurityGroups']))
    .map((group) => asString(field(group, ['vpcSecurityGroupId', 'VpcSecurityGroupId'])))
    .filter((id): id is string => id !== undefined);

/** The parameter group names a cluster uses (`clusterParameterGroups[].parameterGroupName`). */
const parameterGroupsOf = (configuration: Record<string, unknown> | null) =>
  asArray(field(configuration, ['clusterParameterGroups', 'ClusterParameterGroups']))
    .map((group) => asString(field(group, ['parameterGroupName', 'ParameterGroupName'])))
    .filter((name): name is string => name !== undefined);

/** A parameter group item's name. */
const groupName = (group: ConfigurationItem) => asString(field(group.configuration, ['parameterGroupName', 'ParameterGroupName'])) ?? group.resourceName ?? group.resourceId;

/** The `require_ssl` value a parameter group item records, if any. */
function requireSsl(group: ConfigurationItem): boolean | undefined {
  const parameters = [...asArray(field(group.configuration, ['parameters', 'Parameters'])), ...asArray(field(group.supplementaryConfiguration, ['Parameters', 'parameters']))];
  const entry = parameters.find((parameter) => asString(field(parameter, ['parameterName', 'ParameterName'])) === 'require_ssl');
  return entry === undefined ? undefined : asBoolean(field(entry, ['parameterValue', 'ParameterValue']));
}

/** A flag control on the cluster: passes when the field reads as `expected`. */
function flagControl(id: string, title: string, severity: ControlDefinition['severity'], key: string, expected: boolean, what: string): ControlDefinition {
  return defineControl(
    {
      id,
      title,
      description: `Checks whether the Amazon Redshift cluster ${what} (${key} ${String(expected)}).`,
      severity,
      resourceTypes: CLUSTER,
      standards: [FSBP],
      remediationUrl: controlPage(id),
    },
    (_item, configuration) => {
      const value = asBoolean(field(configuration, [key, key.charAt(0).toUpperCase() + key.slice(1)]));
      return (value ?? false) === expected
        ? passed(`The cluster ${what} (${key} ${String(expected)}).`)
        : failed(`The cluster does not meet "${what}" (${key} ${value === undefined ? 'not set' : String(value)}).`);
    },
  );
}

/** A default-name control: fails when the field holds the default value. */
function notDefaultControl(id: string, title: string, key: string, defaultValue: string, what: string): ControlDefinition {
  return defineControl(
    {
      id,
      title,
      description: `Checks whether the Amazon Redshift cluster uses the default ${what} (${defaultValue}).`,
      severity: 'MEDIUM',
      resourceTypes: CLUSTER,
      standards: [FSBP],
      remediationUrl: controlPage(id),
    },
    (_item, configuration) => {
      const value = asString(field(configuration, [key, key.charAt(0).toUpperCase() + key.slice(1)]));
      return value === defaultValue
        ? failed(`The cluster uses the default ${what} ${defaultValue}.`)
        : passed(`The cluster's ${what} is ${value ?? 'not recorded'}, not the default ${defaultValue}.`);
    },
  );
}

/** Security Hub controls for Amazon Redshift clusters. */
export const redshiftControls: ControlDefinition[] = [
  defineControl(
    {
      id: 'Redshift.1',
      title: 'Amazon Redshift clusters should prohibit public access',
      description: 'Checks whether the Amazon Redshift cluster is publicly accessible (publiclyAccessible).',
      severity: 'CRITICAL',
      resourceTypes: CLUSTER,
      standards: [FSBP, pci321('1.2.1', '1.3.1', '1.3.2', '1.3.4', '1.3.6')],
      remediationUrl: controlPage('Redshift.1'),
    },
    (_item, configuration) =>
      asBoolean(field(configuration, ['publiclyAccessible', 'PubliclyAccessible'])) === true
        ? failed('The cluster is publicly accessible (publiclyAccessible true).')
        : passed('The cluster is not publicly accessible.'),
  ),
  defineControl(
    {
      id: 'Redshift.2',
      title: 'Connections to Amazon Redshift clusters should be encrypted in transit',
      description: 'Checks whether connections to the Amazon Redshift cluster must use SSL: the require_ssl parameter of its parameter group is true.',
      severity: 'MEDIUM',
      resourceTypes: CLUSTER,
      standards: [FSBP],
      reads: [{ resourceType: PARAMETER_GROUP, affects: (group, cluster) => parameterGroupsOf(cluster.configuration).includes(groupName(group)) }],
      remediationUrl: controlPage('Redshift.2'),
    },
    (_item, configuration, context) => {
      const names = parameterGroupsOf(configuration);
      if (!names.length) return failed('The cluster records no parameter group, so require_ssl is not set.');
      const groups = liveRelated(context, PARAMETER_GROUP);
      for (const name of names) {
        const group = groups.find((candidate) => groupName(candidate) === name);
        const ssl = group ? requireSsl(group) : name.startsWith('default.') ? false : undefined;
        if (ssl === undefined) return notApplicable(`Parameter group ${name} is not recorded with its require_ssl parameter, so the control cannot be evaluated.`);
        if (!ssl) return failed(`Parameter group ${name} does not require SSL (require_ssl false).`);
      }
      return passed(`Parameter group ${names.join(', ')} requires SSL (require_ssl true).`);
    },
  ),
  defineControl(
    {
      id: 'Redshift.3',
      title: 'Amazon Redshift clusters should have automatic snapshots enabled',
      description: 'Checks whether the Amazon Redshift cluster has automated snapshots with a retention period of at least MinRetentionPeriod days.',
      severity: 'MEDIUM',
      resourceTypes: CLUSTER,
      standards: [FSBP],
      parameters: { MinRetentionPeriod: { type: 'int', default: 7, description: 'Minimum automated snapshot retention period, in days.' } },
      remediationUrl: controlPage('Redshift.3'),
    },
    (_item, configuration, context) => {
      const minimum = numberParameter(context.parameters, 'MinRetentionPeriod', 7);
      const days = asNumber(field(configuration, ['automatedSnapshotRetentionPeriod', 'AutomatedSnapshotRetentionPeriod'])) ?? 0;
      if (days === 0) return failed('Automated snapshots are disabled (automatedSnapshotRetentionPeriod 0).');
      return days >= minimum
        ? passed(`Automated snapshots are kept ${days} days (at least ${minimum}).`)
        : failed(`Automated snapshots are kept ${days} days, less than MinRetentionPeriod ${minimum}.`);
    },
  ),
  defineControl(
    {
      id: 'Redshift.4',
      title: 'Amazon Redshift clusters should have audit logging enabled',
      description: 'Checks whether the Amazon Redshift cluster has audit logging enabled (LoggingStatus.loggingEnabled).',
      severity: 'MEDIUM',
      resourceTypes: CLUSTER,
      standards: [FSBP],
      remediationUrl: controlPage('Redshift.4'),
    },
    (item, configuration) => {
      const status = field(item.supplementaryConfiguration, ['LoggingStatus', 'loggingStatus']) ?? field(configuration, ['loggingStatus', 'LoggingStatus']);
      return asBoolean(field(status, ['loggingEnabled', 'LoggingEnabled'])) === true
        ? passed(
            `Audit logging is enabled (to ${asString(field(status, ['bucketName', 'BucketName'])) ?? asString(field(status, ['logDestinationType', 'LogDestinationType'])) ?? 'its destination'}).`,
          )
        : failed('Audit logging is not enabled for the cluster (LoggingStatus.loggingEnabled is not true).');
    },
  ),
  flagControl(
    'Redshift.6',
    'Amazon Redshift should have automatic upgrades to major versions enabled',
    'MEDIUM',
    'allowVersionUpgrade',
    true,
    'allows automatic major version upgrades',
  ),
  flagControl('Redshift.7', 'Redshift clusters should use enhanced VPC routing', 'MEDIUM', 'enhancedVpcRouting', true, 'uses enhanced VPC routing'),
  notDefaultControl('Redshift.8', 'Amazon Redshift clusters should not use the default Admin username', 'masterUsername', 'awsuser', 'admin user name'),
  flagControl('Redshift.10', 'Redshift clusters should be encrypted at rest', 'MEDIUM', 'encrypted', true, 'is encrypted at rest'),
  defineControl(
    {
      id: 'Redshift.15',
      title: 'Redshift security groups should allow ingress on the cluster port only from restricted origins',
      description: 'Checks whether a security group of the Amazon Redshift cluster allows ingress on the cluster port from 0.0.0.0/0 or ::/0.',
      severity: 'HIGH',
      resourceTypes: CLUSTER,
      standards: [FSBP],
      reads: [{ resourceType: SECURITY_GROUP, affects: (group, cluster) => securityGroupsOf(cluster.configuration).includes(group.resourceId) }],
      remediationUrl: controlPage('Redshift.15'),
    },
    (_item, configuration, context) => {
      const port = asNumber(field(configuration, ['endpoint', 'Endpoint'], ['port', 'Port'])) ?? DEFAULT_PORT;
      const ids = securityGroupsOf(configuration);
      const groups = liveRelated(context, SECURITY_GROUP).filter((group) => ids.includes(group.resourceId));
      if (!groups.length) return notApplicable(`None of the cluster's security groups (${ids.join(', ') || 'none'}) is recorded, so the control cannot be evaluated.`);
      const open = groups.flatMap((group) => openToPorts(group.configuration ?? {}, [port]).map((rule) => `${group.resourceId}: ${rule}`));
      return open.length
        ? failed(`Security group ingress reaches cluster port ${port} from anywhere: ${open.join('; ')}.`)
        : passed(`No security group of the cluster (${groups.map((group) => group.resourceId).join(', ')}) allows ingress on port ${port} from anywhere.`);
    },
  ),
  defineControl(
    {
      id: 'Redshift.18',
      title: 'Redshift clusters should have Multi-AZ deployments enabled',
      description: 'Checks whether the Amazon Redshift cluster has a Multi-AZ deployment (multiAZ Enabled).',
      severity: 'MEDIUM',
      resourceTypes: CLUSTER,
      standards: [FSBP],
      remediationUrl: controlPage('Redshift.18'),
    },
    (_item, configuration) => {
      const value = field(configuration, ['multiAZ', 'MultiAZ']);
      const enabled = asBoolean(value) ?? asString(value)?.toLowerCase() === 'enabled';
      return enabled
        ? passed('The cluster has a Multi-AZ deployment.')
        : failed(`The cluster has no Multi-AZ deployment (multiAZ ${value === undefined ? 'not set' : String(value)}).`);
    },
  ),
];
