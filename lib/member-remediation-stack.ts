import { CfnParameter, Stack, Token, Validations, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { acknowledgeInlinePolicies } from './constructs/acknowledgements';
import { MEMBER_REMEDIATION_ROLE_NAME } from '../lambdas/remediation';
import { FLOW_LOGS_DELIVERY_ROLE_NAME, FLOW_LOGS_LOG_GROUP_NAME, PLAYBOOKS } from '../lambdas/remediation';
import { PLAYBOOK_ROLE_PATH } from './constructs/remediation';

/** Props of {@link MemberRemediationStack}. */
export interface MemberRemediationStackProps extends StackProps {
  /**
   * The delegated-admin account that runs the playbooks (context `adminAccountId`). Absent: the
   * template takes it as the parameter `AdminAccountId` (the StackSet passes it).
   */
  readonly adminAccountId?: string;
}

/**
 * Where each member action may act, as ARN patterns with `{partition}` and `{account}`: only this
 * account's resources, of the type the action works on. `*` only where the action supports no
 * resource-level permissions (Describe*, List-less reads, the EBS account setting).
 */
const ACTION_RESOURCES: Readonly<Record<string, readonly string[]>> = {
  's3:GetBucketPublicAccessBlock': ['arn:{partition}:s3:::*'],
  's3:PutBucketPublicAccessBlock': ['arn:{partition}:s3:::*'],
  's3:GetEncryptionConfiguration': ['arn:{partition}:s3:::*'],
  's3:PutEncryptionConfiguration': ['arn:{partition}:s3:::*'],
  'ec2:DescribeSecurityGroupRules': ['*'],
  'ec2:DescribeSecurityGroups': ['*'],
  'ec2:DescribeInstances': ['*'],
  'ec2:DescribeFlowLogs': ['*'],
  'ec2:GetEbsEncryptionByDefault': ['*'],
  'ec2:EnableEbsEncryptionByDefault': ['*'],
  'ec2:RevokeSecurityGroupIngress': ['arn:{partition}:ec2:*:{account}:security-group/*'],
  'ec2:RevokeSecurityGroupEgress': ['arn:{partition}:ec2:*:{account}:security-group/*'],
  'ec2:CreateSecurityGroup': ['arn:{partition}:ec2:*:{account}:security-group/*', 'arn:{partition}:ec2:*:{account}:vpc/*'],
  'ec2:CreateSnapshot': ['arn:{partition}:ec2:*:{account}:volume/*', 'arn:{partition}:ec2:*::snapshot/*'],
  'ec2:ModifyInstanceAttribute': ['arn:{partition}:ec2:*:{account}:instance/*', 'arn:{partition}:ec2:*:{account}:security-group/*'],
  'ec2:CreateFlowLogs': ['arn:{partition}:ec2:*:{account}:vpc/*', 'arn:{partition}:ec2:*:{account}:vpc-flow-log/*'],
  // Tags only on what the playbooks create, in the same call (TagSpecifications).
  'ec2:CreateTags': ['arn:{partition}:ec2:*:{account}:security-group/*', 'arn:{partition}:ec2:*::snapshot/*', 'arn:{partition}:ec2:*:{account}:vpc-flow-log/*'],
  'iam:ListAccessKeys': ['arn:{partition}:iam::{account}:user/*'],
  'iam:UpdateAccessKey': ['arn:{partition}:iam::{account}:user/*'],
  'iam:PassRole': [`arn:{partition}:iam::{account}:role/${FLOW_LOGS_DELIVERY_ROLE_NAME}`],
  'cloudtrail:GetTrail': ['arn:{partition}:cloudtrail:*:{account}:trail/*'],
  'cloudtrail:UpdateTrail': ['arn:{partition}:cloudtrail:*:{account}:trail/*'],
  'rds:DescribeDBSnapshotAttributes': ['arn:{partition}:rds:*:{account}:snapshot:*'],
  'rds:ModifyDBSnapshotAttribute': ['arn:{partition}:rds:*:{account}:snapshot:*'],
};

/** Conditions some actions carry. */
const ACTION_CONDITIONS: Readonly<Record<string, Record<string, Record<string, unknown>>>> = {
  'ec2:CreateTags': { StringEquals: { 'ec2:CreateAction': ['CreateSecurityGroup', 'CreateSnapshot', 'CreateFlowLogs'] } },
  'iam:PassRole': { StringEquals: { 'iam:PassedToService': 'vpc-flow-logs.amazonaws.com' } },
};

/** Every action the registry's playbooks need, in registry order, without repeats. */
export function memberActions(): string[] {
  return [...new Set(PLAYBOOKS.flatMap((playbook) => playbook.memberActions))];
}

/**
 * Deployed once in each member account (IAM is global; by hand or as a StackSet): the role
 * `OpenSecurityHubRemediation` that the admin account's playbooks assume (Step Functions
 * `Credentials`), trusting only the admin account's playbook roles
 * (`role/open-security-hub/remediation/*`), allowed the union of the registry's member actions on
 * this account's resources; and `OpenSecurityHubFlowLogsDelivery`, the role VPC Flow Logs uses to
 * deliver to the CloudWatch Logs group `/open-security-hub/vpc-flow-logs` (created on first delivery).
 */
export class MemberRemediationStack extends Stack {
  /** The role the playbooks act through. */
  public readonly role: iam.Role;
  /** The role VPC Flow Logs delivers with (vpc-flow-logs playbook). */
  public readonly flowLogsDeliveryRole: iam.Role;

  constructor(scope: Construct, id: string, props: MemberRemediationStackProps = {}) {
    super(scope, id, props);
    acknowledgeInlinePolicies(this);
    const adminAccountId =
      props.adminAccountId ??
      new CfnParameter(this, 'AdminAccountId', { description: 'The delegated-admin account whose playbooks act here', allowedPattern: '^\\d{12}$' }).valueAsString;
    if (!Token.isUnresolved(adminAccountId) && !/^\d{12}$/.test(adminAccountId)) throw new Error(`adminAccountId: expected a 12-digit AWS account id, got "${adminAccountId}"`);
    const scoped = (pattern: string) => pattern.replaceAll('{partition}', this.partition).replaceAll('{account}', this.account);

    this.role = new iam.Role(this, 'RemediationRole', {
      roleName: MEMBER_REMEDIATION_ROLE_NAME,
      description: "Open Security Hub: the admin account's remediation playbooks act here through this role",
      assumedBy: new iam.AccountPrincipal(adminAccountId).withConditions({
        ArnLike: { 'aws:PrincipalArn': `arn:${this.partition}:iam::${adminAccountId}:role${PLAYBOOK_ROLE_PATH}*` },
      }),
    });
    const byScope = new Map<string, { actions: string[]; resources: string[]; conditions?: Record<string, Record<string, unknown>> }>();
    for (const action of memberActions()) {
      const resources = ACTION_RESOURCES[action];
      if (resources === undefined) throw new Error(`Member action ${action} has no resource scope in lib/member-remediation-stack.ts (ACTION_RESOURCES)`);
      const conditions = ACTION_CONDITIONS[action];
      const key = JSON.stringify([resources, conditions ?? null]);
      const group = byScope.get(key) ?? { actions: [], resources: resources.map(scoped), conditions };
      group.actions.push(action);
      byScope.set(key, group);
    }
    for (const group of byScope.values()) this.role.addToPolicy(new iam.PolicyStatement(group));

    this.flowLogsDeliveryRole = new iam.Role(this, 'FlowLogsDeliveryRole', {
      roleName: FLOW_LOGS_DELIVERY_ROLE_NAME,
      description: `Open Security Hub: VPC Flow Logs delivers to ${FLOW_LOGS_LOG_GROUP_NAME} with this role`,
      assumedBy: new iam.ServicePrincipal('vpc-flow-logs.amazonaws.com').withConditions({ StringEquals: { 'aws:SourceAccount': this.account } }),
    });
    const logGroups = `arn:${this.partition}:logs:*:${this.account}:log-group:${FLOW_LOGS_LOG_GROUP_NAME}`;
    this.flowLogsDeliveryRole.addToPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogGroups', 'logs:DescribeLogStreams'],
        resources: [logGroups, `${logGroups}:*`],
      }),
    );

    Validations.of(this.role).acknowledge(
      ...this.wildcardResources().map((resource) => ({
        id: `AwsSolutions-IAM5[Resource::${resource}]`,
        reason: WILDCARD_REASONS[resource] ?? 'Resource types of this account only; which resource is decided per execution by the Check task and validated there.',
      })),
    );
    Validations.of(this.flowLogsDeliveryRole).acknowledge(
      ...['', ':*'].map((suffix) => ({
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:*:<AWS::AccountId>:log-group:${FLOW_LOGS_LOG_GROUP_NAME}${suffix}]`,
        reason:
          'The one log group the playbook delivers to (and its streams, one per network interface), in whichever Region of this account the VPC is: the wildcard is the Region.',
      })),
    );
  }

  /** The wildcard resources of the role's policy, as cdk-nag prints them. */
  private wildcardResources(): string[] {
    const patterns = [...new Set(memberActions().flatMap((action) => ACTION_RESOURCES[action] ?? []))];
    return patterns.filter((pattern) => pattern.includes('*')).map((pattern) => pattern.replaceAll('{partition}', '<AWS::Partition>').replaceAll('{account}', '<AWS::AccountId>'));
  }
}

const WILDCARD_REASONS: Readonly<Record<string, string>> = {
  '*': 'ec2:Describe*, ec2:GetEbsEncryptionByDefault and ec2:EnableEbsEncryptionByDefault support no resource-level permissions.',
  'arn:<AWS::Partition>:s3:::*': "S3 bucket ARNs carry no account; every playbook call passes ExpectedBucketOwner = this account, so S3 refuses other accounts' buckets.",
  'arn:<AWS::Partition>:ec2:*::snapshot/*':
    'Snapshot ARNs carry no account; CreateSnapshot makes a new snapshot of one of this account’s volumes, tagged only in that call (ec2:CreateAction).',
};
