/** Playbook ec2-isolate-instance: forensic snapshots, then the isolation security group only (GuardDuty EC2 findings). */
import { ISOLATION_SECURITY_GROUP_NAME } from '../../playbooks';
import { CATCH_ALL_TO_FAILURE, choice, format, sdkTask, TARGET } from '../asl';
import type { PlaybookAslSpec } from '../skeleton';

const CHANGE = `snapshot every EBS volume of instance {} and replace its security groups with the isolation group ${ISOLATION_SECURITY_GROUP_NAME}`;
const ISOLATE = 'Isolate Instance';

/** The spec of ec2-isolate-instance. */
export const EC2_ISOLATE_INSTANCE: PlaybookAslSpec = {
  id: 'ec2-isolate-instance',
  description: `takes a forensic snapshot of every attached EBS volume, then replaces the instance's security groups with the VPC's isolation group ${ISOLATION_SECURITY_GROUP_NAME} (created when missing: no ingress, no egress). Connections already tracked may survive the group change.`,
  summaries: {
    change: format(CHANGE, TARGET.resourceId),
    success: format(
      'snapshotted the EBS volumes of instance {} (snapshots tagged opensecurityhub:forensics) and isolated it in security group {}',
      TARGET.resourceId,
      '$.isolation.groupId',
    ),
    noOp: format(`instance {} is already isolated in ${ISOLATION_SECURITY_GROUP_NAME}; nothing changed`, TARGET.resourceId),
    failure: format('could not isolate instance {}', TARGET.resourceId),
  },
  read: (side, next) => ({
    [side === 'before' ? 'Read Before' : 'Verify']: sdkTask({
      call: 'ec2:describeInstances',
      parameters: { 'InstanceIds.$': `States.Array(${TARGET.resourceId})` },
      resultSelector: {
        'vpcId.$': '$.Reservations[0].Instances[0].VpcId',
        'securityGroups.$': '$.Reservations[0].Instances[0].SecurityGroups',
        'volumes.$': '$.Reservations[0].Instances[0].BlockDeviceMappings',
      },
      resultPath: `$.${side}`,
      next,
    }),
  }),
  // In the isolation group alone.
  fixed: (side) => ({
    And: [
      { Variable: `$.${side}.securityGroups[0].GroupName`, IsPresent: true },
      { Not: { Variable: `$.${side}.securityGroups[1]`, IsPresent: true } },
      { Variable: `$.${side}.securityGroups[0].GroupName`, StringEquals: ISOLATION_SECURITY_GROUP_NAME },
    ],
  }),
  act: (next) => ({
    Act: {
      Type: 'Map',
      Comment: 'Forensic snapshot of each attached EBS volume, before anything else changes.',
      ItemsPath: '$.before.volumes',
      ItemSelector: { 'volume.$': '$$.Map.Item.Value', 'check.$': '$.check' },
      MaxConcurrency: 4,
      ItemProcessor: {
        ProcessorConfig: { Mode: 'INLINE' },
        StartAt: 'Snapshot Volume',
        States: {
          'Snapshot Volume': sdkTask({
            call: 'ec2:createSnapshot',
            parameters: {
              'VolumeId.$': '$.volume.Ebs.VolumeId',
              'Description.$': format('Open Security Hub forensic snapshot of {} on instance {}', '$.volume.Ebs.VolumeId', TARGET.resourceId),
              TagSpecifications: [{ ResourceType: 'snapshot', Tags: [{ Key: 'opensecurityhub:forensics', 'Value.$': TARGET.resourceId }] }],
            },
            resultSelector: { 'SnapshotId.$': '$.SnapshotId', 'VolumeId.$': '$.VolumeId' },
            resultPath: null,
            inMap: true,
          }),
        },
      },
      ResultPath: '$.snapshots',
      Catch: [CATCH_ALL_TO_FAILURE],
      Next: 'Find Isolation Group',
    },
    'Find Isolation Group': sdkTask({
      call: 'ec2:describeSecurityGroups',
      parameters: {
        Filters: [
          { Name: 'vpc-id', 'Values.$': 'States.Array($.before.vpcId)' },
          { Name: 'group-name', Values: [ISOLATION_SECURITY_GROUP_NAME] },
        ],
      },
      resultSelector: { 'groups.$': '$.SecurityGroups' },
      resultPath: '$.isolation',
      next: 'Isolation Group Exists?',
    }),
    'Isolation Group Exists?': choice({ Variable: '$.isolation.groups[0].GroupId', IsPresent: true }, 'Use Isolation Group', 'Create Isolation Group'),
    'Use Isolation Group': { Type: 'Pass', Parameters: { 'groupId.$': '$.isolation.groups[0].GroupId' }, ResultPath: '$.isolation', Next: ISOLATE },
    'Create Isolation Group': sdkTask({
      call: 'ec2:createSecurityGroup',
      parameters: {
        GroupName: ISOLATION_SECURITY_GROUP_NAME,
        Description: 'Open Security Hub isolation: no ingress, no egress',
        'VpcId.$': '$.before.vpcId',
        TagSpecifications: [{ ResourceType: 'security-group', Tags: [{ Key: 'opensecurityhub:isolation', Value: 'true' }] }],
      },
      resultSelector: { 'groupId.$': '$.GroupId' },
      resultPath: '$.isolation',
      next: 'Revoke Isolation Egress',
    }),
    'Revoke Isolation Egress': sdkTask({
      call: 'ec2:revokeSecurityGroupEgress',
      comment: 'A new group allows all egress to 0.0.0.0/0: removed, so the group allows nothing.',
      parameters: { 'GroupId.$': '$.isolation.groupId', IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] },
      resultPath: null,
      next: ISOLATE,
    }),
    [ISOLATE]: sdkTask({
      call: 'ec2:modifyInstanceAttribute',
      parameters: { 'InstanceId.$': TARGET.resourceId, 'Groups.$': 'States.Array($.isolation.groupId)' },
      resultPath: null,
      next,
    }),
  }),
  notFixedCause: 'The instance read back is not in the isolation security group alone.',
};
