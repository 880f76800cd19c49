import { s3Controls } from './s3';
import { ec2Controls } from './ec2';
import { kmsControls } from './kms';
import { rdsControls } from './rds';
import { dynamodbControls } from './dynamodb';
import { iamControls } from './iam';
import { cloudtrailControls } from './cloudtrail';
import { lambdaControls } from './lambda';
import { messagingControls } from './messaging';
import { containersControls } from './containers';
import { accountServicesControls } from './account-services';
import { rdsInstanceSettingControls } from './rds-instance-settings';
import { rdsClusterControls } from './rds-clusters';
import { rdsEventControls } from './rds-events';
import { s3ManagementControls } from './s3-management';
import { ec2InventoryControls } from './ec2-inventory';
import { iamWildcardControls } from './iam-wildcards';
import { elbControls } from './elb';
import { autoscalingControls } from './autoscaling';
import { apigatewayControls } from './apigateway';
import { cloudfrontControls } from './cloudfront';
import { cloudfrontAccessControls } from './cloudfront-access';
import { certificateAndSecretControls } from './certificates-secrets';
import { ssmEfsControls } from './ssm-efs';
import { lambdaZoneControls } from './lambda-zones';
import { taggingControls } from './tagging';
import { ecsControls } from './ecs';
import { elasticsearchControls, opensearchControls } from './opensearch';
import { redshiftControls } from './redshift';
import { sagemakerControls } from './sagemaker';
import { wafControls } from './waf';
import { codebuildControls } from './codebuild';
import { dmsControls } from './dms';
import { networkFirewallControls } from './network-firewall';
import { analyticsControls } from './analytics';
import { workflowControls } from './workflows';
import { documentdbControls, neptuneControls } from './docdb-neptune';
import { mskControls } from './msk';
import { emrBeanstalkControls } from './emr-beanstalk';
import { rdsLogsAndClusterControls } from './rds-logs-clusters';
import { workloadSettingControls } from './workload-settings';
import { ecsTaskUserControls } from './ecs-task-users';
import { s3DataEventControls } from './s3-data-events';
import type { ControlDefinition } from './types';

/** The services' controls (one file each); the catalogue adds the tagging standard's below. */
const SERVICE_CONTROLS: readonly ControlDefinition[] = [
  ...s3Controls,
  ...ec2Controls,
  ...kmsControls,
  ...rdsControls,
  ...dynamodbControls,
  ...iamControls,
  ...cloudtrailControls,
  ...lambdaControls,
  ...messagingControls,
  ...containersControls,
  ...accountServicesControls,
  ...rdsInstanceSettingControls,
  ...rdsClusterControls,
  ...rdsEventControls,
  ...s3ManagementControls,
  ...ec2InventoryControls,
  ...iamWildcardControls,
  ...elbControls,
  ...autoscalingControls,
  ...apigatewayControls,
  ...cloudfrontControls,
  ...cloudfrontAccessControls,
  ...certificateAndSecretControls,
  ...ssmEfsControls,
  ...lambdaZoneControls,
  ...ecsControls,
  ...opensearchControls,
  ...elasticsearchControls,
  ...redshiftControls,
  ...sagemakerControls,
  ...wafControls,
  ...codebuildControls,
  ...dmsControls,
  ...networkFirewallControls,
  ...analyticsControls,
  ...workflowControls,
  ...documentdbControls,
  ...neptuneControls,
  ...mskControls,
  ...emrBeanstalkControls,
  ...rdsLogsAndClusterControls,
  ...workloadSettingControls,
  ...ecsTaskUserControls,
  ...s3DataEventControls,
];

/** The controls that evaluate a Config resource type. */
export function controlsFor(resourceType: string): ControlDefinition[] {
  return CONTROLS.filter((control) => control.resourceTypes.includes(resourceType));
}

const SERVICE_CONTROL_IDS = new Set(SERVICE_CONTROLS.map((control) => control.id));

/**
 * The control catalogue: every control we evaluate, one entry each (ids, titles, severities and
 * standard mappings from AWS's documentation; evaluators are ours). Adding a control is an entry
 * in its service's file. The tagging standard's generic controls (tagging.ts) join unless a
 * service file defines the same id itself.
 */
export const CONTROLS: readonly ControlDefinition[] = [...SERVICE_CONTROLS, ...taggingControls.filter((control) => !SERVICE_CONTROL_IDS.has(control.id))];
