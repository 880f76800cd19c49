/** Playbook vpc-flow-logs: a flow log of rejected traffic to CloudWatch Logs (EC2.6). */
import { FLOW_LOGS_DELIVERY_ROLE_NAME, FLOW_LOGS_LOG_GROUP_NAME } from '../../playbooks';
import { format, sdkTask, TARGET } from '../asl';
import type { PlaybookAslSpec } from '../skeleton';

const CHANGE = `create a flow log of rejected traffic for VPC {} to CloudWatch Logs group ${FLOW_LOGS_LOG_GROUP_NAME}`;

/** The spec of vpc-flow-logs. */
export const VPC_FLOW_LOGS: PlaybookAslSpec = {
  id: 'vpc-flow-logs',
  description: `creates a flow log of rejected traffic for the VPC, delivered to the CloudWatch Logs group ${FLOW_LOGS_LOG_GROUP_NAME} through the role ${FLOW_LOGS_DELIVERY_ROLE_NAME} the member remediation stack deploys.`,
  summaries: {
    change: format(CHANGE, TARGET.resourceId),
    success: format(`${CHANGE.replace('create', 'created')}; the read-back lists it`, TARGET.resourceId),
    noOp: format('VPC {} already has a flow log; nothing changed', TARGET.resourceId),
    failure: format('could not create a flow log for VPC {}', TARGET.resourceId),
  },
  read: (side, next) => ({
    [side === 'before' ? 'Read Before' : 'Verify']: sdkTask({
      call: 'ec2:describeFlowLogs',
      // EC2's DescribeFlowLogs names its filter list `Filter` (singular), unlike most Describe calls.
      parameters: { Filter: [{ Name: 'resource-id', 'Values.$': `States.Array(${TARGET.resourceId})` }] },
      resultSelector: { 'flowLogs.$': '$.FlowLogs' },
      resultPath: `$.${side}`,
      next,
    }),
  }),
  fixed: (side) => ({ Variable: `$.${side}.flowLogs[0].FlowLogId`, IsPresent: true }),
  act: (next) => ({
    Act: sdkTask({
      call: 'ec2:createFlowLogs',
      parameters: {
        'ResourceIds.$': `States.Array(${TARGET.resourceId})`,
        ResourceType: 'VPC',
        TrafficType: 'REJECT',
        LogDestinationType: 'cloud-watch-logs',
        LogGroupName: FLOW_LOGS_LOG_GROUP_NAME,
        'DeliverLogsPermissionArn.$': format(`arn:{}:iam::{}:role/${FLOW_LOGS_DELIVERY_ROLE_NAME}`, TARGET.partition, TARGET.accountId),
        TagSpecifications: [{ ResourceType: 'vpc-flow-log', Tags: [{ Key: 'opensecurityhub:remediation', Value: 'vpc-flow-logs' }] }],
      },
      resultSelector: { 'flowLogIds.$': '$.FlowLogIds' },
      resultPath: '$.act',
      next,
    }),
  }),
  notFixedCause: 'No flow log of the VPC reads back (CreateFlowLogs may report it unsuccessful).',
};
