/**
 * EC2 actions of the simulated member account: security groups (`AWS::EC2::SecurityGroup` items,
 * `ipPermissions` as Config records them), instances and their volumes, VPC flow logs, and the
 * account's EBS encryption by default (`configuration.ebsEncryptionByDefault` of the `AWS::::Account`
 * item, announced as the member collector's settings event). Answers use EC2's member names.
 */
import { createHash, randomBytes } from 'node:crypto';
import { change, create, listAt, MemberApiError, regionalItemsOf, requiredString, stringList, type MemberCall } from './account';
import type { StoredConfigurationItem } from '../config-store';

const hexId = (prefix: string) => `${prefix}-${randomBytes(9).toString('hex').slice(0, 17)}`;

function securityGroup(call: MemberCall, groupId: string): StoredConfigurationItem {
  const found = regionalItemsOf(call, 'AWS::EC2::SecurityGroup').find((item) => item.resourceId === groupId);
  if (found === undefined) throw new MemberApiError('ec2', 'InvalidGroup.NotFound', `The security group '${groupId}' does not exist`);
  return found;
}

function instance(call: MemberCall, instanceId: string): StoredConfigurationItem {
  const found = regionalItemsOf(call, 'AWS::EC2::Instance').find((item) => item.resourceId === instanceId);
  if (found === undefined) throw new MemberApiError('ec2', 'InvalidInstanceID.NotFound', `The instance ID '${instanceId}' does not exist`);
  return found;
}

type Rule = Record<string, unknown>;

/** A recorded permission in EC2's shape. */
function apiPermission(rule: Rule): Rule {
  return {
    IpProtocol: rule.ipProtocol,
    ...(rule.fromPort !== undefined && { FromPort: rule.fromPort }),
    ...(rule.toPort !== undefined && { ToPort: rule.toPort }),
    IpRanges: listAt(rule, 'ipv4Ranges').map((range) => ({ CidrIp: (range as Rule).cidrIp })),
    Ipv6Ranges: listAt(rule, 'ipv6Ranges').map((range) => ({ CidrIpv6: (range as Rule).cidrIpv6 })),
    PrefixListIds: listAt(rule, 'prefixListIds').map((entry) => ({ PrefixListId: (entry as Rule).prefixListId })),
    UserIdGroupPairs: listAt(rule, 'userIdGroupPairs').map((pair) => ({ GroupId: (pair as Rule).groupId, UserId: (pair as Rule).userId })),
  };
}

function apiGroup(item: StoredConfigurationItem): Rule {
  const configuration = item.configuration as Rule;
  return {
    GroupId: item.resourceId,
    GroupName: configuration.groupName,
    Description: configuration.description,
    OwnerId: item.accountId,
    VpcId: configuration.vpcId,
    IpPermissions: listAt(configuration, 'ipPermissions').map((rule) => apiPermission(rule as Rule)),
    IpPermissionsEgress: listAt(configuration, 'ipPermissionsEgress').map((rule) => apiPermission(rule as Rule)),
    Tags: Object.entries(item.tags ?? {}).map(([Key, Value]) => ({ Key, Value })),
  };
}

/**
 * EC2's filter list of an action, under the one member name its request has: `Filters`, but
 * `Filter` for DescribeFlowLogs (the other spelling is refused before the call, by
 * lib/local/engine/sdk-validation, as Step Functions refuses it): name → accepted values.
 */
function filtersOf(call: MemberCall, member: 'Filters' | 'Filter' = 'Filters'): Map<string, string[]> {
  const list = call.parameters[member];
  if (list === undefined) return new Map();
  if (!Array.isArray(list)) throw new MemberApiError('ec2', 'InvalidParameterValue', `Parameters.${member}: must be a list of { Name, Values }`);
  return new Map(
    list.map((filter, index) => {
      const { Name, Values } = (filter ?? {}) as Rule;
      if (typeof Name !== 'string' || !Array.isArray(Values)) throw new MemberApiError('ec2', 'InvalidParameterValue', `Parameters.${member}[${index}]: needs Name and Values`);
      return [Name, Values.map(String)];
    }),
  );
}

/** Whether an item passes every filter; `fields` maps a filter name to the item's value. */
function passes(filters: Map<string, string[]>, fields: Record<string, (item: StoredConfigurationItem) => unknown>, item: StoredConfigurationItem): boolean {
  for (const [name, values] of filters) {
    const read = fields[name];
    if (read === undefined) throw new MemberApiError('ec2', 'InvalidParameterValue', `The filter '${name}' is invalid (this emulation knows ${Object.keys(fields).join(', ')})`);
    if (!values.includes(String(read(item)))) return false;
  }
  return true;
}

const GROUP_FILTERS: Record<string, (item: StoredConfigurationItem) => unknown> = {
  'group-id': (item) => item.resourceId,
  'group-name': (item) => (item.configuration as Rule).groupName,
  'vpc-id': (item) => (item.configuration as Rule).vpcId,
};

async function describeSecurityGroups(call: MemberCall): Promise<unknown> {
  const ids = stringList(call, 'GroupIds');
  const filters = filtersOf(call);
  const groups = ids === undefined ? regionalItemsOf(call, 'AWS::EC2::SecurityGroup') : ids.map((id) => securityGroup(call, id));
  return { SecurityGroups: groups.filter((item) => passes(filters, GROUP_FILTERS, item)).map(apiGroup) };
}

/** One rule per source of a recorded permission, as DescribeSecurityGroupRules lists them (ids stable per rule). */
function groupRules(item: StoredConfigurationItem): Array<Rule & { SecurityGroupRuleId: string }> {
  const rules: Array<Rule & { SecurityGroupRuleId: string }> = [];
  for (const [member, isEgress] of [
    ['ipPermissions', false],
    ['ipPermissionsEgress', true],
  ] as const) {
    for (const permission of listAt(item.configuration, member) as Rule[]) {
      const sources = [
        ...listAt(permission, 'ipv4Ranges').map((range) => ({ CidrIpv4: String((range as Rule).cidrIp) })),
        ...listAt(permission, 'ipv6Ranges').map((range) => ({ CidrIpv6: String((range as Rule).cidrIpv6) })),
      ];
      for (const source of sources) {
        const ports = permission.ipProtocol === '-1' ? { FromPort: -1, ToPort: -1 } : { FromPort: permission.fromPort, ToPort: permission.toPort };
        const key = JSON.stringify([item.resourceId, isEgress, permission.ipProtocol, ports, source]);
        const id = `sgr-${createHash('sha256').update(key).digest('hex').slice(0, 17)}`;
        rules.push({ SecurityGroupRuleId: id, GroupId: item.resourceId, GroupOwnerId: item.accountId, IsEgress: isEgress, IpProtocol: permission.ipProtocol, ...ports, ...source });
      }
    }
  }
  return rules;
}

async function describeSecurityGroupRules(call: MemberCall): Promise<unknown> {
  const filters = filtersOf(call);
  const groupIds = filters.get('group-id');
  for (const name of filters.keys())
    if (name !== 'group-id') throw new MemberApiError('ec2', 'InvalidParameterValue', `The filter '${name}' is invalid (this emulation knows group-id)`);
  const groups = groupIds === undefined ? regionalItemsOf(call, 'AWS::EC2::SecurityGroup') : groupIds.map((id) => securityGroup(call, id));
  const ids = stringList(call, 'SecurityGroupRuleIds');
  return { SecurityGroupRules: groups.flatMap(groupRules).filter((rule) => ids === undefined || ids.includes(rule.SecurityGroupRuleId)) };
}

/** `SecurityGroupRuleIds` → the permissions they name (in the IpPermissions shape of a revoke). */
function permissionsOfRuleIds(item: StoredConfigurationItem, ruleIds: string[], isEgress: boolean): Rule[] {
  const rules = groupRules(item).filter((rule) => rule.IsEgress === isEgress);
  return ruleIds.map((id) => {
    const rule = rules.find((candidate) => candidate.SecurityGroupRuleId === id);
    if (rule === undefined) throw new MemberApiError('ec2', 'InvalidSecurityGroupRuleId.NotFound', `The security group rule ID '${id}' does not exist in ${item.resourceId}`);
    return {
      IpProtocol: rule.IpProtocol,
      ...(rule.IpProtocol !== '-1' && { FromPort: rule.FromPort, ToPort: rule.ToPort }),
      IpRanges: rule.CidrIpv4 === undefined ? [] : [{ CidrIp: rule.CidrIpv4 }],
      Ipv6Ranges: rule.CidrIpv6 === undefined ? [] : [{ CidrIpv6: rule.CidrIpv6 }],
    };
  });
}

const sameRule = (recorded: Rule, requested: Rule) =>
  String(recorded.ipProtocol) === String(requested.IpProtocol ?? '') &&
  (recorded.ipProtocol === '-1' || (recorded.fromPort === requested.FromPort && recorded.toPort === requested.ToPort));

/** Removes the requested ranges from the recorded rules; a rule left with no source disappears. */
function revoke(recorded: Rule[], requested: Rule[], where: string): { rules: Rule[]; unknown: Rule[] } {
  let rules = recorded.map((rule) => ({ ...rule }));
  const unknown: Rule[] = [];
  requested.forEach((permission, index) => {
    if (permission === null || typeof permission !== 'object') throw new MemberApiError('ec2', 'InvalidParameterValue', `Parameters.${where}[${index}]: must be an object`);
    const v4 = listAt(permission, 'IpRanges').map((range) => (range as Rule).CidrIp);
    const v6 = listAt(permission, 'Ipv6Ranges').map((range) => (range as Rule).CidrIpv6);
    const rule = rules.find((candidate) => sameRule(candidate, permission));
    const matched =
      rule !== undefined &&
      (v4.some((cidr) => listAt(rule, 'ipv4Ranges').some((range) => (range as Rule).cidrIp === cidr)) ||
        v6.some((cidr) => listAt(rule, 'ipv6Ranges').some((range) => (range as Rule).cidrIpv6 === cidr)));
    if (!matched) {
      unknown.push(permission);
      return;
    }
    rule.ipv4Ranges = listAt(rule, 'ipv4Ranges').filter((range) => !v4.includes(String((range as Rule).cidrIp)));
    rule.ipRanges = listAt(rule, 'ipRanges').filter((cidr) => !v4.includes(String(cidr)));
    rule.ipv6Ranges = listAt(rule, 'ipv6Ranges').filter((range) => !v6.includes(String((range as Rule).cidrIpv6)));
    rules = rules.filter(
      (candidate) =>
        listAt(candidate, 'ipv4Ranges').length + listAt(candidate, 'ipv6Ranges').length + listAt(candidate, 'userIdGroupPairs').length + listAt(candidate, 'prefixListIds').length >
        0,
    );
  });
  return { rules, unknown };
}

function revoker(member: 'ipPermissions' | 'ipPermissionsEgress') {
  return async (call: MemberCall): Promise<unknown> => {
    const item = securityGroup(call, requiredString(call, 'GroupId'));
    const ruleIds = stringList(call, 'SecurityGroupRuleIds');
    const requested = ruleIds === undefined ? call.parameters.IpPermissions : permissionsOfRuleIds(item, ruleIds, member === 'ipPermissionsEgress');
    if (!Array.isArray(requested) || requested.length === 0)
      throw new MemberApiError('ec2', 'MissingParameter', 'Parameters.IpPermissions or SecurityGroupRuleIds: required, a non-empty list');
    const { rules, unknown } = revoke(listAt(item.configuration, member) as Rule[], requested as Rule[], 'IpPermissions');
    if (unknown.length === requested.length) {
      throw new MemberApiError('ec2', 'InvalidPermission.NotFound', `The specified rule does not exist in this security group (${item.resourceId})`);
    }
    await change(call, item, { set: [{ path: ['configuration', member], value: rules }] });
    // EC2's `Return`, as Step Functions (the SDK for Java 2.x: `return` is a Java keyword) names it.
    return { ReturnValue: true, ...(unknown.length > 0 && { UnknownIpPermissions: unknown }) };
  };
}

async function createSecurityGroup(call: MemberCall): Promise<unknown> {
  const groupName = requiredString(call, 'GroupName');
  const description = requiredString(call, 'Description');
  const vpcId = requiredString(call, 'VpcId');
  if (!regionalItemsOf(call, 'AWS::EC2::VPC').some((item) => item.resourceId === vpcId))
    throw new MemberApiError('ec2', 'InvalidVpcID.NotFound', `The vpc ID '${vpcId}' does not exist`);
  if (regionalItemsOf(call, 'AWS::EC2::SecurityGroup').some((item) => (item.configuration as Rule).groupName === groupName && (item.configuration as Rule).vpcId === vpcId)) {
    throw new MemberApiError('ec2', 'InvalidGroup.Duplicate', `The security group '${groupName}' already exists for VPC '${vpcId}'`);
  }
  const groupId = hexId('sg');
  const tags = tagsOf(call, 'security-group');
  await create(call, {
    accountId: call.accountId,
    awsRegion: call.region,
    resourceType: 'AWS::EC2::SecurityGroup',
    resourceId: groupId,
    resourceName: groupName,
    arn: `arn:aws:ec2:${call.region}:${call.accountId}:security-group/${groupId}`,
    tags,
    // As AWS creates it: no ingress, all egress allowed.
    configuration: {
      description,
      groupName,
      ipPermissions: [],
      ownerId: call.accountId,
      groupId,
      ipPermissionsEgress: [{ ipProtocol: '-1', ipv6Ranges: [], prefixListIds: [], userIdGroupPairs: [], ipv4Ranges: [{ cidrIp: '0.0.0.0/0' }], ipRanges: ['0.0.0.0/0'] }],
      tags: Object.entries(tags).map(([key, value]) => ({ key, value })),
      vpcId,
    },
  });
  return { GroupId: groupId };
}

async function getEbsEncryptionByDefault(call: MemberCall): Promise<unknown> {
  const account = accountItem(call);
  return { EbsEncryptionByDefault: (account.configuration as Rule)?.ebsEncryptionByDefault === true };
}

async function enableEbsEncryptionByDefault(call: MemberCall): Promise<unknown> {
  const account = accountItem(call);
  if ((account.configuration as Rule)?.ebsEncryptionByDefault !== true) await change(call, account, { set: [{ path: ['configuration', 'ebsEncryptionByDefault'], value: true }] });
  return { EbsEncryptionByDefault: true };
}

/** `TagSpecifications` of one resource type → tags. */
function tagsOf(call: MemberCall, resourceType: string): Record<string, string> {
  const specifications = Array.isArray(call.parameters.TagSpecifications) ? (call.parameters.TagSpecifications as Rule[]) : [];
  const tags = specifications.filter((specification) => specification.ResourceType === resourceType).flatMap((specification) => listAt(specification, 'Tags') as Rule[]);
  return Object.fromEntries(tags.map((tag) => [String(tag.Key), String(tag.Value ?? '')]));
}

function accountItem(call: MemberCall): StoredConfigurationItem {
  const found = regionalItemsOf(call, 'AWS::::Account')[0];
  if (found === undefined) throw new MemberApiError('ec2', 'UnauthorizedOperation', `Account ${call.accountId} has no recorded settings in ${call.region}`, 403);
  return found;
}

function volumesOf(call: MemberCall, instanceId: string): StoredConfigurationItem[] {
  return regionalItemsOf(call, 'AWS::EC2::Volume').filter((volume) =>
    listAt(volume.configuration, 'attachments').some((attachment) => (attachment as Rule).instanceId === instanceId),
  );
}

async function describeInstances(call: MemberCall): Promise<unknown> {
  const ids = stringList(call, 'InstanceIds');
  const items = ids === undefined ? regionalItemsOf(call, 'AWS::EC2::Instance') : ids.map((id) => instance(call, id));
  return {
    Reservations: items.map((item) => {
      const configuration = item.configuration as Rule;
      return {
        OwnerId: item.accountId,
        Instances: [
          {
            InstanceId: item.resourceId,
            InstanceType: configuration.instanceType,
            State: { Code: (configuration.state as Rule)?.code, Name: (configuration.state as Rule)?.name },
            VpcId: configuration.vpcId,
            SubnetId: configuration.subnetId,
            SecurityGroups: listAt(configuration, 'securityGroups').map((group) => ({ GroupId: (group as Rule).groupId, GroupName: (group as Rule).groupName })),
            BlockDeviceMappings: volumesOf(call, item.resourceId).map((volume) => {
              const attachment = listAt(volume.configuration, 'attachments').find((entry) => (entry as Rule).instanceId === item.resourceId) as Rule;
              return {
                DeviceName: attachment.device,
                Ebs: { VolumeId: volume.resourceId, Status: attachment.state, DeleteOnTermination: attachment.deleteOnTermination === true },
              };
            }),
            Tags: Object.entries(item.tags ?? {}).map(([Key, Value]) => ({ Key, Value })),
          },
        ],
      };
    }),
  };
}

function snapshot(call: MemberCall, volumeId: string, description: string): Rule {
  const taken = { accountId: call.accountId, region: call.region, SnapshotId: hexId('snap'), VolumeId: volumeId, Description: description, StartTime: new Date().toISOString() };
  call.accounts.snapshots.push(taken);
  const { accountId, region: _region, ...answer } = taken;
  return { ...answer, OwnerId: accountId, State: 'pending', Encrypted: false };
}

async function createSnapshot(call: MemberCall): Promise<unknown> {
  const volumeId = requiredString(call, 'VolumeId');
  if (!regionalItemsOf(call, 'AWS::EC2::Volume').some((volume) => volume.resourceId === volumeId))
    throw new MemberApiError('ec2', 'InvalidVolume.NotFound', `The volume '${volumeId}' does not exist.`);
  return snapshot(call, volumeId, typeof call.parameters.Description === 'string' ? call.parameters.Description : '');
}

async function createSnapshots(call: MemberCall): Promise<unknown> {
  const specification = call.parameters.InstanceSpecification as Rule | undefined;
  const instanceId = typeof specification?.InstanceId === 'string' ? specification.InstanceId : '';
  if (instanceId === '') throw new MemberApiError('ec2', 'MissingParameter', 'Parameters.InstanceSpecification.InstanceId: required');
  instance(call, instanceId);
  const description = typeof call.parameters.Description === 'string' ? call.parameters.Description : '';
  return { Snapshots: volumesOf(call, instanceId).map((volume) => snapshot(call, volume.resourceId, description)) };
}

async function modifyInstanceAttribute(call: MemberCall): Promise<unknown> {
  const item = instance(call, requiredString(call, 'InstanceId'));
  const groups = stringList(call, 'Groups');
  if (groups === undefined || groups.length === 0)
    throw new MemberApiError('ec2', 'InvalidParameterCombination', "Parameters.Groups: this emulation modifies only the instance's security groups; give at least one");
  const resolved = groups.map((id) => securityGroup(call, id)).map((group) => ({ groupName: (group.configuration as Rule).groupName, groupId: group.resourceId }));
  await change(call, item, { set: [{ path: ['configuration', 'securityGroups'], value: resolved }] });
  return {};
}

function apiFlowLog(item: StoredConfigurationItem): Rule {
  const configuration = item.configuration as Rule;
  return {
    FlowLogId: item.resourceId,
    ResourceId: configuration.resourceId,
    FlowLogStatus: configuration.flowLogStatus,
    TrafficType: configuration.trafficType,
    LogDestinationType: configuration.logDestinationType,
    ...(configuration.logGroupName !== undefined && { LogGroupName: configuration.logGroupName }),
    ...(configuration.logDestination !== undefined && { LogDestination: configuration.logDestination }),
    DeliverLogsStatus: configuration.deliverLogsStatus,
    CreationTime: configuration.creationTime,
  };
}

async function describeFlowLogs(call: MemberCall): Promise<unknown> {
  const filters = filtersOf(call, 'Filter');
  const ids = stringList(call, 'FlowLogIds');
  const fields = { 'resource-id': (item: StoredConfigurationItem) => (item.configuration as Rule).resourceId, 'flow-log-id': (item: StoredConfigurationItem) => item.resourceId };
  const logs = regionalItemsOf(call, 'AWS::EC2::FlowLog').filter((item) => passes(filters, fields, item) && (ids === undefined || ids.includes(item.resourceId)));
  return { FlowLogs: logs.map(apiFlowLog) };
}

async function createFlowLogs(call: MemberCall): Promise<unknown> {
  const resourceIds = stringList(call, 'ResourceIds');
  if (resourceIds === undefined || resourceIds.length === 0) throw new MemberApiError('ec2', 'MissingParameter', 'Parameters.ResourceIds: required');
  const resourceType = requiredString(call, 'ResourceType');
  const trafficType = requiredString(call, 'TrafficType');
  if (resourceType !== 'VPC') throw new MemberApiError('ec2', 'InvalidParameterValue', 'Parameters.ResourceType: this emulation records flow logs of VPCs only');
  const destinationType = typeof call.parameters.LogDestinationType === 'string' ? call.parameters.LogDestinationType : 'cloud-watch-logs';
  const flowLogIds: string[] = [];
  const unsuccessful: Rule[] = [];
  for (const vpcId of resourceIds) {
    if (!regionalItemsOf(call, 'AWS::EC2::VPC').some((item) => item.resourceId === vpcId)) {
      unsuccessful.push({ ResourceId: vpcId, Error: { Code: 'InvalidVpcID.NotFound', Message: `The vpc ID '${vpcId}' does not exist` } });
      continue;
    }
    const flowLogId = hexId('fl');
    await create(call, {
      accountId: call.accountId,
      awsRegion: call.region,
      resourceType: 'AWS::EC2::FlowLog',
      resourceId: flowLogId,
      arn: `arn:aws:ec2:${call.region}:${call.accountId}:vpc-flow-log/${flowLogId}`,
      configuration: {
        creationTime: new Date().toISOString(),
        deliverLogsStatus: 'SUCCESS',
        flowLogId,
        flowLogStatus: 'ACTIVE',
        resourceId: vpcId,
        trafficType,
        logDestinationType: destinationType,
        ...(typeof call.parameters.LogGroupName === 'string' && { logGroupName: call.parameters.LogGroupName }),
        ...(typeof call.parameters.LogDestination === 'string' && { logDestination: call.parameters.LogDestination }),
      },
    });
    flowLogIds.push(flowLogId);
  }
  return { FlowLogIds: flowLogIds, Unsuccessful: unsuccessful };
}

/** EC2 actions by Step Functions' action name. */
export const EC2_ACTIONS = {
  describeSecurityGroups,
  describeSecurityGroupRules,
  revokeSecurityGroupIngress: revoker('ipPermissions'),
  revokeSecurityGroupEgress: revoker('ipPermissionsEgress'),
  createSecurityGroup,
  getEbsEncryptionByDefault,
  enableEbsEncryptionByDefault,
  describeInstances,
  createSnapshot,
  createSnapshots,
  modifyInstanceAttribute,
  describeFlowLogs,
  createFlowLogs,
} as const;
