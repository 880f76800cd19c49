import { redshiftControls } from '../../../../lambdas/compliance/controls/redshift';
import type { ConfigurationItem } from '../../../../lambdas/compliance/controls/types';
import { describeVariants, drop, set } from '../../../support/control-variants';
import { configItem } from '../../../support/fixtures';

const group = (requireSsl: string): ConfigurationItem => {
  const item = configItem('redshift/parameter-group');
  (item.configuration as { parameters: Array<{ parameterValue: string }> }).parameters[0]!.parameterValue = requireSsl;
  return item;
};

const securityGroup = (id: string, cidr: string, port = 5439): ConfigurationItem => ({
  accountId: '111122223333',
  awsRegion: 'eu-west-1',
  resourceType: 'AWS::EC2::SecurityGroup',
  resourceId: id,
  configurationItemStatus: 'OK',
  configuration: { groupId: id, groupName: id, ipPermissions: [{ ipProtocol: 'tcp', fromPort: port, toPort: port, ipv4Ranges: [{ cidrIp: cidr }], ipv6Ranges: [] }] },
});
const OWN_GROUP = 'sg-0a1b2c3d4e5f60001';

describeVariants('Redshift controls', redshiftControls, 'redshift', { 'AWS::Redshift::Cluster': 'cluster' }, [
  { control: 'Redshift.1', name: 'private cluster', expect: 'PASSED', reason: /not publicly accessible/ },
  { control: 'Redshift.1', name: 'public cluster', patch: set('publiclyAccessible', true), expect: 'FAILED', reason: /publiclyAccessible true/ },
  { control: 'Redshift.2', name: 'parameter group requires SSL', related: [group('true')], expect: 'PASSED', reason: /analytics-ssl requires SSL/ },
  { control: 'Redshift.2', name: 'parameter group does not require SSL', related: [group('false')], expect: 'FAILED', reason: /analytics-ssl does not require SSL/ },
  {
    control: 'Redshift.2',
    name: 'default parameter group',
    patch: set('clusterParameterGroups', [{ parameterGroupName: 'default.redshift-1.0' }]),
    expect: 'FAILED',
    reason: /default.redshift-1.0 does not require SSL/,
  },
  { control: 'Redshift.2', name: 'custom parameter group not recorded', expect: 'NOT_APPLICABLE', reason: /analytics-ssl is not recorded/ },
  { control: 'Redshift.3', name: '7-day snapshots', expect: 'PASSED', reason: /kept 7 days \(at least 7\)/ },
  { control: 'Redshift.3', name: '1-day snapshots', patch: set('automatedSnapshotRetentionPeriod', 1), expect: 'FAILED', reason: /1 days, less than MinRetentionPeriod 7/ },
  { control: 'Redshift.3', name: 'snapshots disabled', patch: set('automatedSnapshotRetentionPeriod', 0), expect: 'FAILED', reason: /disabled/ },
  { control: 'Redshift.3', name: 'MinRetentionPeriod 14', parameters: { MinRetentionPeriod: 14 }, expect: 'FAILED', reason: /less than MinRetentionPeriod 14/ },
  { control: 'Redshift.4', name: 'audit logging to S3', expect: 'PASSED', reason: /analytics-audit-logs/ },
  {
    control: 'Redshift.4',
    name: 'audit logging disabled',
    patch: (_c, item) => {
      item.supplementaryConfiguration = { LoggingStatus: { loggingEnabled: false } };
    },
    expect: 'FAILED',
    reason: /loggingEnabled is not true/,
  },
  { control: 'Redshift.6', name: 'version upgrades allowed', expect: 'PASSED', reason: /allowVersionUpgrade true/ },
  { control: 'Redshift.6', name: 'version upgrades not allowed', patch: set('allowVersionUpgrade', false), expect: 'FAILED', reason: /allowVersionUpgrade false/ },
  { control: 'Redshift.7', name: 'enhanced VPC routing', expect: 'PASSED', reason: /enhancedVpcRouting true/ },
  { control: 'Redshift.7', name: 'no enhanced VPC routing', patch: drop('enhancedVpcRouting'), expect: 'FAILED', reason: /enhancedVpcRouting not set/ },
  { control: 'Redshift.8', name: 'custom admin user', expect: 'PASSED', reason: /analytics_admin, not the default awsuser/ },
  { control: 'Redshift.8', name: 'awsuser', patch: set('masterUsername', 'awsuser'), expect: 'FAILED', reason: /default admin user name awsuser/ },
  { control: 'Redshift.10', name: 'encrypted', expect: 'PASSED', reason: /encrypted at rest/ },
  { control: 'Redshift.10', name: 'not encrypted', patch: set('encrypted', false), expect: 'FAILED', reason: /encrypted false/ },
  {
    control: 'Redshift.15',
    name: 'port 5439 from the VPC only',
    related: [securityGroup(OWN_GROUP, '10.0.0.0/16')],
    expect: 'PASSED',
    reason: /sg-0a1b2c3d4e5f60001\) allows ingress on port 5439 from anywhere/,
  },
  {
    control: 'Redshift.15',
    name: 'port 5439 from anywhere',
    related: [securityGroup(OWN_GROUP, '0.0.0.0/0')],
    expect: 'FAILED',
    reason: /reaches cluster port 5439 from anywhere: sg-0a1b2c3d4e5f60001: tcp port 5439 from 0.0.0.0\/0/,
  },
  {
    control: 'Redshift.15',
    name: 'a custom cluster port open to anywhere',
    patch: set('endpoint.port', 5440),
    related: [securityGroup(OWN_GROUP, '0.0.0.0/0', 5440)],
    expect: 'FAILED',
    reason: /port 5440/,
  },
  {
    control: 'Redshift.15',
    name: 'another group open to anywhere',
    related: [securityGroup(OWN_GROUP, '10.0.0.0/16'), securityGroup('sg-0other', '0.0.0.0/0')],
    expect: 'PASSED',
    reason: /No security group/,
  },
  { control: 'Redshift.15', name: 'security groups not recorded', expect: 'NOT_APPLICABLE', reason: /is recorded, so the control cannot be evaluated/ },
  { control: 'Redshift.18', name: 'Multi-AZ Enabled', expect: 'PASSED', reason: /Multi-AZ deployment/ },
  { control: 'Redshift.18', name: 'Multi-AZ Disabled', patch: set('multiAZ', 'Disabled'), expect: 'FAILED', reason: /multiAZ Disabled/ },
]);
