/**
 * AWS Config resource types (`AWS::S3::Bucket`) → Security Hub resource types (`AwsS3Bucket`) and,
 * where Config's `resourceId` is a name or an id the ARN is built from, how to build the ARN.
 * Types not listed map to `Other` with the resource id as is. Adding a type is one entry.
 */

/** Where the ARN of a resource lives. */
export interface ArnScope {
  partition: string;
  region: string;
  account: string;
}

/** One Config resource type. */
export interface ConfigResourceType {
  /** Security Hub's resource type. */
  readonly asffType: string;
  /** Builds the ARN from Config's resourceId; absent where the resourceId is already an ARN or the ARN cannot be derived from it. */
  readonly arn?: (resourceId: string, scope: ArnScope) => string | undefined;
}

const regional =
  (service: string, resource: string, separator = '/') =>
  (id: string, { partition, region, account }: ArnScope) =>
    `arn:${partition}:${service}:${region}:${account}:${resource}${separator}${id}`;

/** IAM unique ids (AIDA…, AROA…, ANPA…, AGPA…) are not names: no ARN can be built from them. */
const IAM_UNIQUE_ID = /^A[A-Z]{3}[A-Z0-9]{12,}$/;
const iam =
  (resource: string) =>
  (id: string, { partition, account }: ArnScope) =>
    IAM_UNIQUE_ID.test(id) ? undefined : `arn:${partition}:iam::${account}:${resource}/${id}`;

/** The registry. */
export const CONFIG_RESOURCE_TYPES: Readonly<Record<string, ConfigResourceType>> = {
  'AWS::S3::Bucket': { asffType: 'AwsS3Bucket', arn: (id, { partition }) => `arn:${partition}:s3:::${id}` },
  'AWS::EC2::Instance': { asffType: 'AwsEc2Instance', arn: regional('ec2', 'instance') },
  'AWS::EC2::SecurityGroup': { asffType: 'AwsEc2SecurityGroup', arn: regional('ec2', 'security-group') },
  'AWS::EC2::Volume': { asffType: 'AwsEc2Volume', arn: regional('ec2', 'volume') },
  'AWS::EC2::VPC': { asffType: 'AwsEc2Vpc', arn: regional('ec2', 'vpc') },
  'AWS::EC2::Subnet': { asffType: 'AwsEc2Subnet', arn: regional('ec2', 'subnet') },
  'AWS::EC2::NetworkAcl': { asffType: 'AwsEc2NetworkAcl', arn: regional('ec2', 'network-acl') },
  'AWS::EC2::NetworkInterface': { asffType: 'AwsEc2NetworkInterface', arn: regional('ec2', 'network-interface') },
  'AWS::EC2::EIP': { asffType: 'AwsEc2Eip', arn: regional('ec2', 'elastic-ip') },
  'AWS::EC2::RouteTable': { asffType: 'AwsEc2RouteTable', arn: regional('ec2', 'route-table') },
  'AWS::EC2::TransitGateway': { asffType: 'AwsEc2TransitGateway', arn: regional('ec2', 'transit-gateway') },
  'AWS::EC2::LaunchTemplate': { asffType: 'AwsEc2LaunchTemplate', arn: regional('ec2', 'launch-template') },
  'AWS::IAM::User': { asffType: 'AwsIamUser', arn: iam('user') },
  'AWS::IAM::Role': { asffType: 'AwsIamRole', arn: iam('role') },
  'AWS::IAM::Group': { asffType: 'AwsIamGroup', arn: iam('group') },
  'AWS::IAM::Policy': { asffType: 'AwsIamPolicy', arn: iam('policy') },
  'AWS::Lambda::Function': { asffType: 'AwsLambdaFunction', arn: regional('lambda', 'function', ':') },
  'AWS::DynamoDB::Table': { asffType: 'AwsDynamoDbTable', arn: regional('dynamodb', 'table') },
  'AWS::KMS::Key': { asffType: 'AwsKmsKey', arn: regional('kms', 'key') },
  'AWS::CloudTrail::Trail': { asffType: 'AwsCloudTrailTrail', arn: regional('cloudtrail', 'trail') },
  'AWS::ECR::Repository': { asffType: 'AwsEcrRepository', arn: regional('ecr', 'repository') },
  'AWS::EKS::Cluster': { asffType: 'AwsEksCluster', arn: regional('eks', 'cluster') },
  'AWS::CodeBuild::Project': { asffType: 'AwsCodeBuildProject', arn: regional('codebuild', 'project') },
  'AWS::Redshift::Cluster': { asffType: 'AwsRedshiftCluster', arn: regional('redshift', 'cluster', ':') },
  'AWS::ElasticLoadBalancing::LoadBalancer': {
    asffType: 'AwsElbLoadBalancer',
    arn: regional('elasticloadbalancing', 'loadbalancer'),
  },
  'AWS::CloudFront::Distribution': {
    asffType: 'AwsCloudFrontDistribution',
    arn: (id, { partition, account }) => `arn:${partition}:cloudfront::${account}:distribution/${id}`,
  },
  // Config's resourceId is already the ARN for these, or (RDS: DbiResourceId, SQS: URL) the ARN is not derivable.
  'AWS::ElasticLoadBalancingV2::LoadBalancer': { asffType: 'AwsElbv2LoadBalancer' },
  'AWS::AutoScaling::AutoScalingGroup': { asffType: 'AwsAutoScalingAutoScalingGroup' },
  'AWS::ACM::Certificate': { asffType: 'AwsCertificateManagerCertificate' },
  'AWS::SNS::Topic': { asffType: 'AwsSnsTopic' },
  'AWS::SQS::Queue': { asffType: 'AwsSqsQueue' },
  'AWS::SecretsManager::Secret': { asffType: 'AwsSecretsManagerSecret' },
  'AWS::RDS::DBInstance': { asffType: 'AwsRdsDbInstance' },
  'AWS::RDS::DBCluster': { asffType: 'AwsRdsDbCluster' },
  'AWS::RDS::DBSnapshot': { asffType: 'AwsRdsDbSnapshot' },
  'AWS::OpenSearch::Domain': { asffType: 'AwsOpenSearchServiceDomain' },
  'AWS::Elasticsearch::Domain': { asffType: 'AwsElasticsearchDomain' },
  'AWS::ApiGateway::Stage': { asffType: 'AwsApiGatewayStage' },
  'AWS::ApiGatewayV2::Stage': { asffType: 'AwsApiGatewayV2Stage' },
  'AWS::WAFv2::WebACL': { asffType: 'AwsWafv2WebAcl' },
  'AWS::SSM::ManagedInstanceInventory': { asffType: 'AwsEc2Instance', arn: regional('ec2', 'instance') },
  // F1 (issue 15): types of the added Security Hub controls.
  'AWS::EC2::VPCEndpoint': { asffType: 'Other', arn: regional('ec2', 'vpc-endpoint') },
  'AWS::EC2::VPNConnection': { asffType: 'AwsEc2VpnConnection', arn: regional('ec2', 'vpn-connection') },
  'AWS::RDS::DBClusterSnapshot': { asffType: 'AwsRdsDbClusterSnapshot' },
  'AWS::RDS::EventSubscription': { asffType: 'AwsRdsEventSubscription' },
  'AWS::AutoScaling::LaunchConfiguration': { asffType: 'AwsAutoScalingLaunchConfiguration' },
  'AWS::EFS::FileSystem': { asffType: 'Other', arn: regional('elasticfilesystem', 'file-system') },
  'AWS::EFS::AccessPoint': { asffType: 'AwsEfsAccessPoint', arn: regional('elasticfilesystem', 'access-point') },
  'AWS::SSM::PatchCompliance': { asffType: 'AwsSsmPatchCompliance' },
  'AWS::SSM::AssociationCompliance': { asffType: 'Other' },
  // Analytics, containers, networking and data services (ECS, Redshift, SageMaker, WAF, DMS, ElastiCache…).
  'AWS::ECS::Cluster': { asffType: 'AwsEcsCluster', arn: regional('ecs', 'cluster') },
  'AWS::ECS::Service': { asffType: 'AwsEcsService' },
  'AWS::ECS::TaskDefinition': { asffType: 'AwsEcsTaskDefinition' },
  'AWS::WAF::WebACL': { asffType: 'AwsWafWebAcl', arn: (id, { partition, account }) => `arn:${partition}:waf::${account}:webacl/${id}` },
  'AWS::WAF::Rule': { asffType: 'AwsWafRule', arn: (id, { partition, account }) => `arn:${partition}:waf::${account}:rule/${id}` },
  'AWS::WAF::RuleGroup': { asffType: 'AwsWafRuleGroup', arn: (id, { partition, account }) => `arn:${partition}:waf::${account}:rulegroup/${id}` },
  'AWS::WAFRegional::WebACL': { asffType: 'AwsWafRegionalWebAcl', arn: regional('waf-regional', 'webacl') },
  'AWS::WAFRegional::Rule': { asffType: 'AwsWafRegionalRule', arn: regional('waf-regional', 'rule') },
  'AWS::WAFRegional::RuleGroup': { asffType: 'AwsWafRegionalRuleGroup', arn: regional('waf-regional', 'rulegroup') },
  'AWS::WAFv2::RuleGroup': { asffType: 'AwsWafv2RuleGroup' },
  'AWS::DMS::Endpoint': { asffType: 'AwsDmsEndpoint' },
  'AWS::NetworkFirewall::Firewall': { asffType: 'AwsNetworkFirewallFirewall' },
  'AWS::NetworkFirewall::FirewallPolicy': { asffType: 'AwsNetworkFirewallFirewallPolicy' },
  'AWS::NetworkFirewall::RuleGroup': { asffType: 'AwsNetworkFirewallRuleGroup' },
  'AWS::Kinesis::Stream': { asffType: 'AwsKinesisStream', arn: regional('kinesis', 'stream') },
  'AWS::Athena::WorkGroup': { asffType: 'AwsAthenaWorkGroup', arn: regional('athena', 'workgroup') },
  'AWS::Glue::Job': { asffType: 'Other', arn: regional('glue', 'job') },
  'AWS::Glue::MLTransform': { asffType: 'Other', arn: regional('glue', 'mlTransform') },
  'AWS::StepFunctions::StateMachine': { asffType: 'AwsStepFunctionStateMachine' },
  'AWS::Events::EventBus': { asffType: 'AwsEventsEventbus' },
  'AWS::Backup::RecoveryPoint': { asffType: 'AwsBackupRecoveryPoint' },
  'AWS::Route53::HostedZone': { asffType: 'AwsRoute53HostedZone', arn: (id, { partition }) => `arn:${partition}:route53:::hostedzone/${id}` },
  'AWS::MSK::Cluster': { asffType: 'AwsMskCluster' },
  'AWS::ElasticBeanstalk::Environment': { asffType: 'AwsElasticBeanstalkEnvironment' },
  'AWS::Redshift::ClusterParameterGroup': { asffType: 'Other', arn: regional('redshift', 'parametergroup', ':') },
};

/** Config's type for account-level evaluations (e.g. `cloudtrail-enabled`, `iam-password-policy`). */
export const ACCOUNT_RESOURCE_TYPE = 'AWS::::Account';

/** The ASFF type and Id of a Config resource. */
export function asffResource(resourceType: string, resourceId: string, scope: ArnScope): { Type: string; Id: string } {
  if (resourceType === ACCOUNT_RESOURCE_TYPE) {
    // Security Hub's own account-level findings use this Id form.
    return { Type: 'AwsAccount', Id: `AWS::::Account:${resourceId}` };
  }
  // Own keys only: a resource type such as `constructor` must not hit Object.prototype.
  const known = Object.hasOwn(CONFIG_RESOURCE_TYPES, resourceType) ? CONFIG_RESOURCE_TYPES[resourceType] : undefined;
  const type = known?.asffType ?? 'Other';
  if (resourceId.startsWith('arn:')) return { Type: type, Id: resourceId };
  return { Type: type, Id: known?.arn?.(resourceId, scope) ?? resourceId };
}
