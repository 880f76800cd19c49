/**
 * The AWS Resource Tagging Standard's controls for the resource types the catalogue evaluates
 * ("<resources> should be tagged"): one evaluator over the item's tags, with Security Hub's
 * `requiredTagKeys` parameter. They belong to the tagging standard through its data
 * (standards/tagging.ts), so they carry no own mappings.
 */
import type { ControlDefinition } from './types';
import { failed, passed } from './support/verdicts';
import { stringListParameter } from './support/parameters';
import { controlPage } from './support/mappings';
import { defineControl } from './support/guard';

/** Security Hub's limit on `requiredTagKeys` (1–6 keys). */
export const MAX_REQUIRED_TAG_KEYS = 6;

/** Tagging controls: Security Hub id, title, the Config resource type, and what the resource is called in reasons. */
const TAGGED: ReadonlyArray<readonly [id: string, title: string, resourceType: string, noun: string]> = [
  ['ACM.3', 'ACM certificates should be tagged', 'AWS::ACM::Certificate', 'ACM certificate'],
  ['Athena.3', 'Athena workgroups should be tagged', 'AWS::Athena::WorkGroup', 'Athena workgroup'],
  ['AutoScaling.10', 'EC2 Auto Scaling groups should be tagged', 'AWS::AutoScaling::AutoScalingGroup', 'Auto Scaling group'],
  ['Backup.2', 'AWS Backup recovery points should be tagged', 'AWS::Backup::RecoveryPoint', 'recovery point'],
  ['CloudFront.14', 'CloudFront distributions should be tagged', 'AWS::CloudFront::Distribution', 'CloudFront distribution'],
  ['CloudTrail.9', 'CloudTrail trails should be tagged', 'AWS::CloudTrail::Trail', 'CloudTrail trail'],
  ['DynamoDB.5', 'DynamoDB tables should be tagged', 'AWS::DynamoDB::Table', 'DynamoDB table'],
  ['EC2.37', 'EC2 Elastic IP addresses should be tagged', 'AWS::EC2::EIP', 'Elastic IP address'],
  ['EC2.38', 'EC2 instances should be tagged', 'AWS::EC2::Instance', 'EC2 instance'],
  ['EC2.41', 'EC2 network ACLs should be tagged', 'AWS::EC2::NetworkAcl', 'network ACL'],
  ['EC2.43', 'EC2 security groups should be tagged', 'AWS::EC2::SecurityGroup', 'security group'],
  ['EC2.44', 'EC2 subnets should be tagged', 'AWS::EC2::Subnet', 'subnet'],
  ['EC2.45', 'EC2 volumes should be tagged', 'AWS::EC2::Volume', 'EBS volume'],
  ['EC2.46', 'Amazon VPCs should be tagged', 'AWS::EC2::VPC', 'VPC'],
  ['EC2.52', 'EC2 transit gateways should be tagged', 'AWS::EC2::TransitGateway', 'transit gateway'],
  ['EC2.175', 'EC2 launch templates should be tagged', 'AWS::EC2::LaunchTemplate', 'launch template'],
  ['ECS.13', 'ECS services should be tagged', 'AWS::ECS::Service', 'ECS service'],
  ['ECS.14', 'ECS clusters should be tagged', 'AWS::ECS::Cluster', 'ECS cluster'],
  ['ECS.15', 'ECS task definitions should be tagged', 'AWS::ECS::TaskDefinition', 'ECS task definition'],
  ['EFS.5', 'EFS access points should be tagged', 'AWS::EFS::AccessPoint', 'EFS access point'],
  ['EKS.6', 'EKS clusters should be tagged', 'AWS::EKS::Cluster', 'EKS cluster'],
  ['ES.9', 'Elasticsearch domains should be tagged', 'AWS::Elasticsearch::Domain', 'Elasticsearch domain'],
  ['EventBridge.2', 'EventBridge event buses should be tagged', 'AWS::Events::EventBus', 'event bus'],
  ['Glue.1', 'AWS Glue jobs should be tagged', 'AWS::Glue::Job', 'Glue job'],
  ['IAM.24', 'IAM roles should be tagged', 'AWS::IAM::Role', 'IAM role'],
  ['IAM.25', 'IAM users should be tagged', 'AWS::IAM::User', 'IAM user'],
  ['Kinesis.2', 'Kinesis streams should be tagged', 'AWS::Kinesis::Stream', 'Kinesis stream'],
  ['Lambda.6', 'Lambda functions should be tagged', 'AWS::Lambda::Function', 'Lambda function'],
  ['NetworkFirewall.7', 'Network Firewall firewalls should be tagged', 'AWS::NetworkFirewall::Firewall', 'Network Firewall firewall'],
  ['NetworkFirewall.8', 'Network Firewall firewall policies should be tagged', 'AWS::NetworkFirewall::FirewallPolicy', 'firewall policy'],
  ['Opensearch.9', 'OpenSearch domains should be tagged', 'AWS::OpenSearch::Domain', 'OpenSearch domain'],
  ['RDS.28', 'RDS DB clusters should be tagged', 'AWS::RDS::DBCluster', 'DB cluster'],
  ['RDS.29', 'RDS DB cluster snapshots should be tagged', 'AWS::RDS::DBClusterSnapshot', 'DB cluster snapshot'],
  ['RDS.30', 'RDS DB instances should be tagged', 'AWS::RDS::DBInstance', 'DB instance'],
  ['RDS.32', 'RDS DB snapshots should be tagged', 'AWS::RDS::DBSnapshot', 'DB snapshot'],
  ['Redshift.11', 'Redshift clusters should be tagged', 'AWS::Redshift::Cluster', 'Redshift cluster'],
  ['SecretsManager.5', 'Secrets Manager secrets should be tagged', 'AWS::SecretsManager::Secret', 'secret'],
  ['SNS.3', 'SNS topics should be tagged', 'AWS::SNS::Topic', 'SNS topic'],
  ['SQS.2', 'SQS queues should be tagged', 'AWS::SQS::Queue', 'SQS queue'],
];

/** The AWS Resource Tagging Standard's controls for the catalogue's resource types. */
export const taggingControls: ControlDefinition[] = TAGGED.map(([id, title, resourceType, noun]) =>
  defineControl(
    {
      id,
      title,
      description: `Checks whether a ${noun} has tags with the keys in the parameter requiredTagKeys. Fails if it has no tag key, or lacks any key requiredTagKeys lists; without requiredTagKeys, only whether it has any tag key. System tags (aws:…) are ignored; keys are case sensitive.`,
      severity: 'LOW',
      resourceTypes: [resourceType],
      standards: [],
      parameters: {
        requiredTagKeys: {
          type: 'stringList',
          default: [],
          items: { min: 1, max: MAX_REQUIRED_TAG_KEYS },
          description: `List of non-system tag keys that the evaluated resource must contain (1–${MAX_REQUIRED_TAG_KEYS} keys; case sensitive).`,
        },
      },
      remediationUrl: controlPage(id),
    },
    (item, _configuration, context) => {
      const keys = Object.keys(item.tags ?? {}).filter((key) => !key.startsWith('aws:'));
      const required = stringListParameter(context.parameters, 'requiredTagKeys', []);
      const subject = `${noun} ${item.resourceName ?? item.resourceId}`;
      if (required.length === 0) {
        return keys.length > 0 ? passed(`The ${subject} has tag keys: ${keys.join(', ')}.`) : failed(`The ${subject} has no tag keys (system tags aws:* aside).`);
      }
      const missing = required.filter((key) => !keys.includes(key));
      return missing.length === 0
        ? passed(`The ${subject} has every required tag key: ${required.join(', ')}.`)
        : failed(`The ${subject} lacks the required tag keys ${missing.join(', ')} (requiredTagKeys: ${required.join(', ')}).`);
    },
  ),
);
